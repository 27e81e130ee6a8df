"""Write kg/rules/given_names.txt: the given names kg's name rules know, from Faker's data.

Run `python tools/names/make_given_names.py` (or `--check` to compare with the committed
file). The names come from the person providers of a pinned Faker release (MIT licence):
every Latin-script locale, the romanised Chinese and Japanese names, and the Russian and
Ukrainian names transliterated as English and Dutch news write them (data/cyrillic.yaml).
Names that are far more often ordinary English or Dutch words, months or places are
dropped through a reviewed stoplist (data/stoplist.txt); names of the naming traditions
Faker lacks (Arabic, Persian, Turkish, African, ...) come from a checked list
(data/romanised.txt). The output is sorted and the same bytes on every run: nothing but
the Faker version and the three data files decides it.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

FAKER_VERSION = "40.54.0"  # also pinned in pyproject.toml's test extra
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUTPUT = ROOT / "kg" / "rules" / "given_names.txt"
STOPLIST = HERE / "data" / "stoplist.txt"
CYRILLIC = HERE / "data" / "cyrillic.yaml"
ROMANISED = HERE / "data" / "romanised.txt"  # checked by hand: names Faker's lists lack
CYRILLIC_LOCALES = {"ru_RU": "russian", "uk_UA": "ukrainian"}
# a given name as one token: letters, and an inner apostrophe (N'Golo)
_NAME = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)?$")
_FIRST_NAMES = re.compile(r"^first_(?:romanized_)?names?(?:_[a-z]+)*$")
_VOWELS = frozenset("аеёиоуыэюяіїє")


class SourceError(Exception):
    """The installed Faker is not the pinned one: the list would not be the committed one."""


def faker_locales() -> list[str]:
    """Every locale that has a person provider, in a fixed order."""
    import faker.providers.person as person

    return sorted(m.name for m in pkgutil.iter_modules(person.__path__) if m.ispkg)


def _strings(value: object) -> Iterator[str]:
    """The names held by a provider attribute: a tuple, a list or a name -> weight dict."""
    if isinstance(value, dict):
        value = list(value)
    if isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, str):
                yield item
            elif isinstance(item, tuple) and item and isinstance(item[-1], str):
                yield item[-1]  # ja_JP: (kanji, kana, romaji)


def locale_names(locale: str) -> set[str]:
    """The given names of one Faker locale, as written there."""
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    names: set[str] = set()
    for attribute in dir(provider):
        if _FIRST_NAMES.match(attribute) or attribute.startswith("first_name_pairs"):
            names.update(_strings(getattr(provider, attribute)))
    return names


def transliterate(name: str, scheme: dict, overrides: dict[str, str]) -> list[str]:
    """The Latin spellings of a Cyrillic name under one scheme (several for some endings)."""
    letters = {**scheme["letters"], **overrides}
    out = []
    previous = ""
    for char in name.lower():
        if char in scheme.get("start", {}) and (not previous or previous in _VOWELS):
            out.append(scheme["start"][char])
        elif char in letters:
            out.append(letters[char])
        else:
            return []  # a letter the scheme does not know: leave the name out
        previous = char
    latin = "".join(out)
    for ending in scheme.get("endings", []):
        if re.search(ending["match"], latin):
            return [re.sub(ending["match"], s, latin) for s in ending["spellings"]]
    return [latin]


def latin_names(locale: str, names: Iterable[str], cyrillic: dict) -> set[str]:
    """Lower-case Latin spellings of a locale's names; other scripts are left out."""
    out: set[str] = set()
    language = CYRILLIC_LOCALES.get(locale)
    overrides = cyrillic.get(language, {}) if language == "ukrainian" else {}
    for name in names:
        name = unicodedata.normalize("NFC", name.strip())
        if language:
            for scheme in ("english", "dutch"):
                out.update(transliterate(name, cyrillic[scheme], overrides))
        elif all(unicodedata.name(c, "").startswith("LATIN") for c in name if c.isalpha()):
            out.add(name.lower())
    return {n for n in out if len(n) > 1 and _NAME.match(n)}


def ascii_fold(name: str) -> str:
    """The name without diacritics, as English news often prints it (José: jose)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_stoplist(path: Path = STOPLIST) -> set[str]:
    """The reviewed words that are not to be read as given names (one a line, # comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip().lower() for line in lines} - {""}


def given_names() -> tuple[list[str], list[str]]:
    """(the sorted names, the locales they come from)."""
    import faker

    if faker.VERSION != FAKER_VERSION:
        raise SourceError(
            f"Faker {faker.VERSION} is installed; this list is built from "
            f"{FAKER_VERSION} (pip install faker=={FAKER_VERSION})"
        )
    cyrillic = yaml.safe_load(CYRILLIC.read_text(encoding="utf-8"))
    names: set[str] = set()
    used = []
    for locale in faker_locales():
        found = latin_names(locale, locale_names(locale), cyrillic)
        if found:
            used.append(locale)
            names |= found
    names |= read_stoplist(ROMANISED)  # a plain list, read like the stoplist
    names |= {ascii_fold(n) for n in names}
    stop = read_stoplist()
    return sorted(n for n in names if n not in stop and ascii_fold(n) not in stop), used


def render() -> str:
    names, locales = given_names()
    header = [
        "# Given names for kg's name rules: one lower-case name a line, sorted.",
        "# GENERATED by tools/names/make_given_names.py: do not edit; change the generator",
        "# or its data (tools/names/data/) and run it again.",
        f"# Source: Faker {FAKER_VERSION} (MIT licence, https://github.com/joke2k/faker),",
        "# the given names of its person providers for these locales:",
        *_wrapped(locales),
        "# Russian and Ukrainian names transliterated as English and Dutch news write them",
        "# (tools/names/data/cyrillic.yaml); the names of tools/names/data/romanised.txt;",
        "# each name also without its diacritics; minus",
        "# the words of tools/names/data/stoplist.txt.",
        f"# {len(names)} names.",
    ]
    return "\n".join([*header, *names]) + "\n"


def _wrapped(words: list[str], width: int = 90) -> list[str]:
    lines, line = [], "#  "
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = "#  "
        line += " " + word
    return [*lines, line]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        text = render()
    except (SourceError, ImportError) as exc:
        print(f"make_given_names: {exc}", file=sys.stderr)
        return 1
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from the generator'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {sum(not line.startswith('#') for line in text.splitlines())} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
