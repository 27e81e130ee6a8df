"""One key for the spellings of a transliterated name (Zelensky, Zelenskyy, Zelenski).

The rules are data (data/transliteration.yaml); this is the small pure function that applies
them, kept here for its test until the name rules in kg/ use it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

RULES = Path(__file__).resolve().parent / "data" / "transliteration.yaml"


@dataclass(frozen=True)
class Transliteration:
    """The letters to spell out before folding, and the ordered rewrite rules."""

    fold: dict[str, str]
    rules: tuple[tuple[re.Pattern[str], str], ...]
    collapse: tuple[tuple[str, ...], ...] = ()  # spellings that must meet
    apart: tuple[tuple[str, ...], ...] = ()  # names that must stay apart


def load_transliteration(path: Path = RULES) -> Transliteration:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Transliteration(
        fold=dict(data["fold"]),
        rules=tuple((re.compile(r["regex"]), r["replacement"]) for r in data["rules"]),
        collapse=tuple(tuple(group) for group in data.get("collapse", [])),
        apart=tuple(tuple(group) for group in data.get("apart", [])),
    )


def name_key(name: str, rules: Transliteration) -> str:
    """The key two spellings of one name share: lower-case ASCII, rewritten by the rules."""
    text = "".join(rules.fold.get(c, c) for c in name.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    for pattern, replacement in rules.rules:
        text = pattern.sub(replacement, text)
    return text
