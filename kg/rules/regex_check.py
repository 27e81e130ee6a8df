"""Static checks of the REGEX values in rule patterns, before spaCy runs them on every token.

spaCy's Matcher calls Python's `re.search` once per token, and a single call cannot be
interrupted: a pattern such as `^(a+)+$` takes exponential time on a word like
"aaaaaaaaaaaaaaaaaaaaaaaaaaaaab" and would hang the build. Such patterns are refused at
rule load. What remains is at most polynomial, and `bounded` keeps it cheap by letting a
REGEX match only tokens of up to REGEX_TOKEN_CHARS characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

try:  # the parser re compiles with; public as sre_parse before Python 3.11
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_REGEX_CHARS = 1000
REGEX_TOKEN_CHARS = 200  # a REGEX never matches a longer token (a word is far shorter)

_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)  # possessive: no backtracking
_UNBOUNDED = sre_constants.MAXREPEAT
_NESTED = (
    "a repetition inside a repetition (like (a+)+ or (a*)*) can take exponential time: "
    "rewrite it with one level of repetition"
)
_OVERLAP = (
    "a repeated choice whose alternatives can start alike (like (a|ab)*) can take "
    "exponential time: make the alternatives start differently"
)


def regex_problem(value: Any) -> str | None:
    """Why a rule's REGEX value is refused, or None when it is accepted."""
    if not isinstance(value, str):
        return "must be a text (a Python regular expression)"
    if len(value) > MAX_REGEX_CHARS:
        return f"longer than {MAX_REGEX_CHARS} characters"
    try:
        parsed = sre_parse.parse(value)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"not a valid regular expression: {exc}"
    for op, av in _nodes(parsed):
        if op not in _REPEATS or av[1] <= 1:
            continue
        high, body = av[1], av[2]
        for inner_op, inner_av in _nodes(body):
            if inner_op in _REPEATS and (
                inner_av[1] == _UNBOUNDED or (high == _UNBOUNDED and inner_av[1] > inner_av[0])
            ):
                return _NESTED
            repeated_choice = high == _UNBOUNDED and inner_op is sre_constants.BRANCH
            if repeated_choice and _may_overlap(inner_av[1]):
                return _OVERLAP
    return None


def bounded(pattern: str) -> str:
    """`pattern` found as `re.search` finds it, but only in texts of REGEX_TOKEN_CHARS
    characters at most (spaCy only asks whether there is a match). Global flags such as
    (?i) stay in front, where Python requires them."""
    flags = re.match(r"(?:\(\?[aiLmsux]+\))*", pattern)
    head = flags[0] if flags else ""
    body = pattern[len(head) :]
    return rf"{head}\A(?=[\s\S]{{0,{REGEX_TOKEN_CHARS}}}\Z)[\s\S]*?(?:{body})"


def _children(op: Any, av: Any) -> list:
    if op in _REPEATS or op is sre_constants.POSSESSIVE_REPEAT:
        return [av[2]]
    if op is sre_constants.SUBPATTERN:
        return [av[-1]]
    if op is sre_constants.BRANCH:
        return list(av[1])
    if op is sre_constants.ATOMIC_GROUP:
        return [av]
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [av[1]]
    if op is sre_constants.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    return []


def _nodes(sub: Any) -> Iterator[tuple[Any, Any]]:
    """Every (op, argument) of a parsed pattern, depth first."""
    for op, av in sub:
        yield op, av
        for child in _children(op, av):
            yield from _nodes(child)


def _first(sub: Any) -> set[int] | None:
    """The characters an alternative can start with, None when not plainly known."""
    for op, av in sub:
        if op is sre_constants.AT:
            continue
        if op is sre_constants.LITERAL:
            return {av}
        if op is sre_constants.SUBPATTERN:
            return _first(av[-1])
        return None
    return None  # an empty alternative matches where any other does


def _may_overlap(alternatives: list) -> bool:
    seen: set[int] = set()
    for alternative in alternatives:
        first = _first(alternative)
        if first is None or first & seen:
            return True
        seen |= first
    return False
