"""One reading of a SPARQL query's text, and the only text the engines are given.

The SERVICE guard used to rest on three lexers agreeing (rdflib's, Oxigraph's and a regex
scan), and they did not: rdflib ends a comment only at a line feed, Oxigraph also at a
carriage return, and the scan took the `<` of `1<2` for the start of an IRI. So a query is
now read once, here, by the SPARQL 1.1 lexical grammar (https://www.w3.org/TR/sparql11-query/
#grammar, §19.8 terminals): `\\u`/`\\U` escapes expanded first, comments ending at a line
feed or a carriage return, strings of all four kinds with their escapes, IRIs, prefixed
names, variables, blank nodes, language tags, numbers and punctuation. Whatever it cannot
account for, and every control character but tab, CR and LF, is refused.

Both engines are then given `ReadQuery.text`, which is re-written from those tokens, so
that they cannot read anything else into it:

- comments are dropped and tokens are separated by a space or by the line breaks that
  separated them (so line numbers stay the user's);
- every IRI in the query body is written as a prefixed name declared after the user's
  prologue (`PREFIX kgiri0: <…>` … `kgiri0:`). An IRI is the one token whose reading
  depends on context (`1<2)SERVICE#>` is an IRI by longest match, a comparison to an
  engine parsing an expression); the written-out text has no IRI outside the prologue, so
  every `<` an engine sees there is an operator and nothing hides inside one (the one
  exception: with --allow-service, the endpoint right after SERVICE stays an IRI, which
  rdflib needs and where no `<` can be an operator);
- a few pairs stay glued when the user glued them (`"x"@en`, `"1"^^xsd:int`, `:p*`,
  `COALESCE(`): rdflib or Oxigraph read them only that way;
- a backslash before `u` + hex digits is refused, since the engines expand such escapes
  again (and differently: rdflib inside `\\\\u…`, Oxigraph not).

The SERVICE keyword is refused as a token, and bounds are checked on the tokens before any
engine parses (deep nesting and long operator chains overflow Oxigraph's stack and make
rdflib's parser recurse).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kg.errors import QueryError

__all__ = [
    "MAX_CHAIN",
    "MAX_DEPTH",
    "MAX_TOKENS",
    "ReadQuery",
    "Token",
    "read_query",
    "refuse_escapes_left",
]

MAX_TOKENS = 5_000
"""Tokens in one query; the repo's largest query has 163. rdflib's parser is superlinear in
triple patterns (1,250 of them, 5,000 tokens: about 10 s; 2,500: 31 s), and Oxigraph's
stack overflows near 40,000 tokens."""

MAX_DEPTH = 64
"""Nesting of ( [ {; the repo's queries nest 5 deep. Oxigraph crashes near 5,000."""

MAX_CHAIN = 256
"""Operators (|| && = < + - * / | ^ …) in one chain within one bracket; the repo's queries
have at most a few. rdflib parses about 150 chained terms a second, Oxigraph's stack
overflows near 10,000, and a 1,000-step path takes Oxigraph over 20 s to plan."""

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
# `x(?:\.*y)*+` is the grammar's `x((y|'.')* y)?` (no final dot) in a form the regex
# engine reads in linear time: a dot run can only be followed by a name character
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:\\.*[{_PN_CHARS}])*+"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL = f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:\\.*(?:[{_PN_CHARS}:]|{_PLX}))*+"
_VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"
_ECHAR = r"""\\[tbnrf\\"']"""
_EXPONENT = r"[eE][+-]?[0-9]+"

# The order settles the overlaps the grammar settles by longest match: a long string
# before a short one, a prefixed name before a keyword, a double before a decimal.
_TOKEN_KINDS: tuple[tuple[str, str], ...] = (
    ("ws", r"[ \t\r\n]+"),
    ("comment", r"#[^\r\n]*"),
    ("string", rf'"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*"""'),
    ("string1", rf"'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*'''"),
    ("string2", rf'"(?:[^"\\\n\r]|{_ECHAR})*"'),
    ("string3", rf"'(?:[^'\\\n\r]|{_ECHAR})*'"),
    ("iri", r'<[^<>"{}|^`\\\x00-\x20]*>'),
    ("bnode", f"_:[{_PN_CHARS_U}0-9](?:\\.*[{_PN_CHARS}])*+"),
    ("pname", f"(?:{_PN_PREFIX})?+:(?:{_PN_LOCAL})?"),
    ("var", f"[?$]{_VARNAME}"),
    ("lang", "@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    (
        "number",
        rf"[+-]?(?:[0-9]+\.[0-9]*{_EXPONENT}|\.[0-9]+{_EXPONENT}|[0-9]+{_EXPONENT}"
        r"|[0-9]*\.[0-9]+|[0-9]+)",
    ),
    ("word", "[A-Za-z][A-Za-z0-9_]*"),
    ("punct", r"\^\^|\|\||&&|!=|<=|>=|[{}()\[\];,.=<>!+\-*/|^?]"),
)


def _alternatives(kinds: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in kinds))


_TOKEN = _alternatives(_TOKEN_KINDS)
# Inside a run of name characters already known to have no ':' after it, a prefixed name
# cannot start: skipping that attempt keeps reading `a-a-a-…` linear, not quadratic.
_TOKEN_NO_PNAME = _alternatives(tuple(k for k in _TOKEN_KINDS if k[0] != "pname"))

_NAME_RUN = re.compile(_PN_PREFIX)
_STRING_KINDS = frozenset({"string", "string1", "string2", "string3"})
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ESCAPE_LEFT = re.compile(r"\\[uU][0-9A-Fa-f]{4}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0, DEL and C1
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_OPENING = {"(": ")", "[": "]", "{": "}"}
_CLOSING = frozenset(_OPENING.values())
_OPERATORS = frozenset({"||", "&&", "=", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "|", "^"})
_CHAIN_BREAKS = frozenset({".", ";", ","})
_SYNTHETIC_PREFIX = "kgiri"


@dataclass(frozen=True)
class Token:
    """One terminal of the SPARQL grammar, as it stands in the escape-expanded text."""

    kind: str  # string, iri, bnode, pname, var, lang, number, word or punct
    text: str
    start: int  # offset in ReadQuery.source
    line: int  # 1-based, CR, LF and CRLF each ending a line
    column: int  # 1-based
    breaks: int  # line breaks between this token and the one before it
    spaced: bool  # whitespace or a comment before it (not glued to the one before)


@dataclass(frozen=True)
class ReadQuery:
    """A query as read once: its tokens, and the text the engines are given."""

    source: str  # the user's text with \\u escapes expanded
    tokens: tuple[Token, ...]
    text: str  # what rdflib and Oxigraph parse
    synthetic_prefixes: frozenset[str]  # the kgiriN prefixes `text` declares
    _offsets: tuple[int, ...]  # where each token starts in `text`
    _prologue_end: int  # index of the first token after the user's BASE/PREFIX lines

    def token_from(self, offset: int) -> Token | None:
        """The user's token at an offset into `text`, or the first one after it."""
        index = bisect.bisect_right(self._offsets, offset) - 1
        if index >= 0 and offset < self._offsets[index] + len(self.tokens[index].text):
            return self.tokens[index]
        return self.tokens[index + 1] if index + 1 < len(self.tokens) else None

    def end_position(self) -> tuple[int, int]:
        """Line and column just past the end of the user's text."""
        lines = _LINE_BREAK.split(self.source)
        return len(lines), len(lines[-1]) + 1

    def source_line(self, line: int) -> str:
        """One line of the user's text (escapes expanded), 1-based."""
        lines = _LINE_BREAK.split(self.source)
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def comparison_read_as_iri(self) -> Token | None:
        """A body IRI with no ':' in it, like `<3&&?x>` in `?x<3&&?x>2`: the grammar reads
        `<` … `>` as one IRI (longest match), which a syntax error may well come from."""
        for token in self.tokens[self._prologue_end :]:
            if token.kind == "iri" and ":" not in token.text:
                return token
        return None

    def body_brace(self, form: str) -> int | None:
        """Index of the token `{` that opens the query's WHERE group, or None."""
        depth = 0
        top_braces: list[int] = []
        after_where = False
        for index in range(self._prologue_end, len(self.tokens)):
            token = self.tokens[index]
            if token.kind == "punct" and token.text in _OPENING:
                if depth == 0 and token.text == "{":
                    if after_where:
                        return index
                    top_braces.append(index)
                depth += 1
            elif token.kind == "punct" and token.text in _CLOSING:
                depth -= 1
            elif depth == 0 and token.kind == "word" and token.text.upper() == "WHERE":
                after_where = True
        # no WHERE keyword: CONSTRUCT's template comes before its pattern
        wanted = 1 if form == "CONSTRUCT" else 0
        return top_braces[wanted] if len(top_braces) > wanted else None

    def with_inserted(self, after_token: int, insertion: str) -> str:
        """`text` with `insertion` written right after one token (on the same line)."""
        token = self.tokens[after_token]
        end = self._offsets[after_token] + len(token.text)
        return f"{self.text[:end]} {insertion} {self.text[end:]}"


def read_query(text: str, *, allow_service: bool = False) -> ReadQuery:
    """Read `text` by the SPARQL 1.1 lexical grammar, or refuse it with one QueryError.

    Refuses SERVICE (unless `allow_service`), control characters, anything that is not a
    SPARQL token, and queries over the bounds `MAX_TOKENS`, `MAX_DEPTH` and `MAX_CHAIN`.
    """
    _refuse_controls(text, "")
    source = _expand_codepoint_escapes(text)
    _refuse_controls(source, " (written as a \\u escape)")
    tokens = _tokenize(source)
    _check_names(tokens, allow_service)
    return _rewrite(source, tokens)


# --- reading ---------------------------------------------------------------------------


def _where(text: str, offset: int) -> str:
    before = text[:offset]
    breaks = list(_LINE_BREAK.finditer(before))
    line_start = breaks[-1].end() if breaks else 0
    return f"line {len(breaks) + 1}, column {offset - line_start + 1}"


def _refuse_controls(text: str, how: str) -> None:
    found = _CONTROL.search(text)
    if found:
        raise QueryError(
            f"query refused at {_where(text, found.start())}: control character "
            f"U+{ord(found.group()):04X}{how}; only tab, CR and LF may appear in a query"
        )


def _expand_codepoint_escapes(text: str) -> str:
    """\\uXXXX and \\UXXXXXXXX become characters before tokenizing, as the grammar says."""

    def expand(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(
                f"query refused at {_where(text, match.start())}: {match.group()} "
                "is not a Unicode character"
            )
        return chr(code)

    return _CODEPOINT_ESCAPE.sub(expand, text)


def _tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    position, line, line_start = 0, 1, 0
    breaks, spaced = 0, False
    no_pname_before = 0
    bounds = _Bounds()
    while position < len(source):
        pattern = _TOKEN if position >= no_pname_before else _TOKEN_NO_PNAME
        match = pattern.match(source, position)
        if match is None:
            raise QueryError(_unreadable(source, position))
        kind, text = match.lastgroup or "", match.group()
        if kind != "pname" and position >= no_pname_before:
            run = _NAME_RUN.match(source, position)
            if run:
                no_pname_before = run.end()
        if kind in ("ws", "comment"):
            spaced = True
        else:
            tokens.append(
                Token(
                    "string" if kind in _STRING_KINDS else kind,
                    text,
                    position,
                    line,
                    position - line_start + 1,
                    breaks,
                    spaced or not tokens,
                )
            )
            breaks, spaced = 0, False
            bounds.feed(tokens[-1])
            if len(tokens) > MAX_TOKENS:
                raise QueryError(
                    f"query refused: longer than {MAX_TOKENS:,} tokens "
                    "(a bound far above any analyst's query, so no engine is overrun)"
                )
        for found in _LINE_BREAK.finditer(text):  # whitespace, or a long string
            line += 1
            line_start = position + found.end()
            if kind == "ws":
                breaks += 1
        position = match.end()
    return tokens


def _unreadable(source: str, position: int) -> str:
    char = source[position]
    if char in "\"'":
        what = "a string that does not end on its line (or an invalid \\ escape in it)"
    elif char == "\\":
        what = "a backslash outside a string"
    else:
        what = f"{char!r}, which is not part of any SPARQL token"
    return f"query refused at {_where(source, position)}: cannot read {what}"


def _check_names(tokens: list[Token], allow_service: bool) -> None:
    """SERVICE is refused as a keyword, and as the start of any name an engine might split."""
    if allow_service:
        return
    for index, token in enumerate(tokens):
        if token.kind in ("word", "pname") and token.text.upper().startswith("SERVICE"):
            if token.kind == "word" and token.text.upper() == "SERVICE":
                target = next(
                    (t.text for t in tokens[index + 1 :] if t.text.upper() != "SILENT"), ""
                )
                raise QueryError(
                    f"SERVICE {target} is refused: kg query does not reach the network "
                    "(pass --allow-service to permit it)"
                )
            raise QueryError(
                f"query refused at line {token.line}, column {token.column}: the name "
                f"{token.text!r} starts with SERVICE, which an engine may read as the "
                "keyword; SERVICE is refused unless --allow-service is given"
            )


class _Bounds:
    """Nesting and operator chains per bracket, checked token by token as they are read,
    so the first bound crossed is the one reported (and before any engine's parser runs)."""

    def __init__(self) -> None:
        self.closers: list[str] = []
        self.chains = [0]

    def feed(self, token: Token) -> None:
        text = token.text
        if token.kind == "punct" and text in _OPENING:
            self.closers.append(_OPENING[text])
            self.chains.append(0)
            if len(self.closers) > MAX_DEPTH:
                raise QueryError(
                    f"query refused at line {token.line}, column {token.column}: nesting "
                    f"of (, [ and {{ deeper than {MAX_DEPTH}"
                )
        elif token.kind == "punct" and text in _CLOSING:
            if self.closers:
                self.closers.pop()
                self.chains.pop()
        elif token.kind == "punct" and text in _CHAIN_BREAKS:
            self.chains[-1] = 0
        elif (token.kind == "punct" and text in _OPERATORS) or (
            token.kind == "number" and text[0] in "+-"
        ):
            self.chains[-1] += 1
            if self.chains[-1] > MAX_CHAIN:
                raise QueryError(
                    f"query refused at line {token.line}, column {token.column}: a chain of "
                    f"more than {MAX_CHAIN} operators (+, ||, /, …) in one expression or path"
                )


# --- writing it out for the engines ----------------------------------------------------


def _prologue_end(tokens: list[Token]) -> int:
    """Index of the first token after the leading BASE <iri> / PREFIX p: <iri> lines."""
    index = 0
    while index < len(tokens):
        keyword = tokens[index].text.upper() if tokens[index].kind == "word" else ""
        if keyword == "BASE" and _kind(tokens, index + 1) == "iri":
            index += 2
        elif (
            keyword == "PREFIX"
            and _kind(tokens, index + 1) == "pname"
            and tokens[index + 1].text.endswith(":")
            and _kind(tokens, index + 2) == "iri"
        ):
            index += 3
        else:
            break
    return index


def _kind(tokens: list[Token], index: int) -> str:
    return tokens[index].kind if index < len(tokens) else ""


def _synthetic_base(tokens: list[Token]) -> str:
    """A prefix name no token of the query starts with (normally `kgiri`)."""
    used = {t.text.split(":", 1)[0].lower() for t in tokens if t.kind == "pname"}
    base = _SYNTHETIC_PREFIX
    while any(name.startswith(base) for name in used):
        base += "x"
    return base


def refuse_escapes_left(text: str, where: str) -> None:
    """Text for an engine must hold no `\\u` escape: each engine expands escapes again
    before it reads (and they differ on `\\\\u…`), so one would be read twice."""
    left = _ESCAPE_LEFT.search(text)
    if left:
        raise QueryError(
            f"query refused at {where}: a backslash before {left.group()[1:]!r} would be "
            "read as a \\u escape a second time; write the character itself"
        )


def _service_endpoints(tokens: list[Token]) -> set[int]:
    """IRIs right after SERVICE (SILENT), only there with --allow-service: rdflib finds the
    endpoint by matching `SERVICE <…>` in the text, and after a keyword `<` is no operator."""
    endpoints: set[int] = set()
    for index, token in enumerate(tokens):
        if token.kind == "word" and token.text.upper() == "SERVICE":
            after = index + 1
            if _kind(tokens, after) == "word" and tokens[after].text.upper() == "SILENT":
                after += 1
            if _kind(tokens, after) == "iri":
                endpoints.add(after)
    return endpoints


def _glued(previous: Token, token: Token) -> bool:
    """Pairs an engine reads only when adjacent, kept adjacent when the user wrote them so.

    Gluing two tokens never changes how they are read: each is a longest match already.
    """
    if token.spaced:
        return False
    if token.kind == "lang" or token.text == "^^":
        return previous.kind == "string"
    if previous.text == "^^":
        return True
    if token.text == "(" and previous.kind == "word":
        return True  # Oxigraph reads `COALESCE(` and `CONCAT(` but not `COALESCE (`
    return token.text in ("?", "*", "+") and (
        previous.kind in ("iri", "pname") or previous.text in (")", "a")
    )


def _rewrite(source: str, tokens: list[Token]) -> ReadQuery:
    prologue_end = _prologue_end(tokens)
    base = _synthetic_base(tokens)
    names: dict[str, str] = {}
    verbatim = _service_endpoints(tokens)
    for index in range(prologue_end, len(tokens)):
        token = tokens[index]
        if token.kind == "iri" and index not in verbatim and token.text not in names:
            names[token.text] = f"{base}{len(names)}:"
    declarations = " ".join(f"PREFIX {name} {iri}" for iri, name in names.items())
    parts: list[str] = []
    offsets: list[int] = []
    length = 0
    for index, token in enumerate(tokens):
        if index == 0 or token.breaks:
            separator = "\n" * token.breaks
        else:
            separator = "" if _glued(tokens[index - 1], token) else " "
        if index == prologue_end and declarations:
            separator += declarations + " "
        renamed = index >= prologue_end and token.kind == "iri" and index not in verbatim
        written = names[token.text] if renamed else token.text
        parts.append(separator)
        length += len(separator)
        offsets.append(length)
        parts.append(written)
        length += len(written)
    text = "".join(parts) + "\n"
    left = _ESCAPE_LEFT.search(text)
    if left:
        token = tokens[max(bisect.bisect_right(offsets, left.start()) - 1, 0)]
        refuse_escapes_left(text, f"line {token.line}, column {token.column}")
    return ReadQuery(
        source,
        tuple(tokens),
        text,
        frozenset(name[:-1] for name in names.values()),
        tuple(offsets),
        prologue_end,
    )
