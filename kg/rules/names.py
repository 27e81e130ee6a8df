"""One key per name, whatever its spelling: how "Zelenskyy" and "Zelenski" are found equal.

News transliterates names from Cyrillic, Arabic and other scripts differently per language
and per outlet. A key folds accents and case, then applies the rule files' ordered rewrites
(`names: transliteration`), so two spellings of one name give one key. The key is for
comparing only; an entity keeps the spelling the text used.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from kg.rules.model import NameRules

_NOT_LETTER = re.compile(r"[^a-z]+")


# Letters that plain accent folding would lose or misspell: ž is zh, not z
_DIGRAPHS = str.maketrans(
    {
        **{"ž": "zh", "š": "sh", "č": "ch", "ć": "ch", "ł": "l", "ø": "o", "đ": "d"},
        **{"ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"},
        **{"Ž": "Zh", "Š": "Sh", "Č": "Ch", "Ć": "Ch", "Ł": "L", "Ø": "O", "Đ": "D"},
    }
)


def fold(name: str) -> str:
    """Lowercase ASCII letters and single spaces: "Prigožin" -> "prigozhin"."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_DIGRAPHS))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NOT_LETTER.sub(" ", ascii_only).strip()


@cache
def _compiled(rewrites: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(match), replace) for match, replace in rewrites)


def name_key(name: str, rules: NameRules) -> str:
    """The comparison key of a name: folded, then rewritten word by word."""
    return _key(name, tuple(rules.transliteration))


@lru_cache(maxsize=1 << 16)  # a name recurs in many documents; its key never changes
def _key(name: str, transliteration: tuple[tuple[str, str], ...]) -> str:
    rewrites = _compiled(transliteration)
    words = []
    for word in fold(name).split():
        for pattern, replacement in rewrites:
            word = pattern.sub(replacement, word)
        words.append(word)
    return " ".join(words)


def example_problems(rules: NameRules) -> list[str]:
    """The `same` groups whose spellings do not meet and `different` ones that do."""
    problems = []
    for group in rules.same:
        keys = {name_key(n, rules) for n in group}
        if len(keys) > 1:
            problems.append(
                f"same: {', '.join(group)} give {len(keys)} keys ({', '.join(sorted(keys))})"
            )
    for group in rules.different:
        keys = [name_key(n, rules) for n in group]
        if len(set(keys)) < len(keys):
            problems.append(f"different: {', '.join(group)} share a key")
    return problems
