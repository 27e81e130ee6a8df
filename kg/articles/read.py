"""Read an article file into a `Document`: header, paragraphs, quoted posts, exact offsets.

Everything downstream (mentions, NIF strings, evidence) points into `Document.text` by
code-point offsets, so this module keeps the text whole (header included) and only ever
records spans; it never rewrites the text beyond BOM removal and NFC normalisation.
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from kg.articles.langguess import guess_language
from kg.errors import InputError
from kg.records import Document, Paragraph, Post, Span
from kg.rules.model import LANGS
from kg.slug import slugify
from kg.terminal import one_line

# -- header -----------------------------------------------------------------------------

_KEYS = {"date": "date", "title": "title", "lang": "lang", "url": "url", "source": "url"}
_KEY_ALT = "|".join(_KEYS)
# `key: value` on its own line (the corpus style); the value is the rest of the line.
_COLON_LINE = re.compile(rf"[ \t]*((?a:{_KEY_ALT}))[ \t]*:[ \t]*(.*?)\s*", re.IGNORECASE)
# `key value` where the value is one token and prose may follow on the same line (the
# seed style). Stricter than the colon form because it shares its line with prose.
_INLINE_PAIR = re.compile(rf"[ \t]*({_KEY_ALT})[ \t]+(\S+)")
# An inline pair only counts when its value looks like one, so "date palms grow …" at the
# start of an article stays prose instead of becoming a broken date.
_INLINE_VALUE = {
    "date": re.compile(r"[0-9][0-9./-]*|unknown", re.IGNORECASE),
    "lang": re.compile(r"[A-Za-z]{2}"),
    "url": re.compile(r"\S*(?:://|www\.)\S*"),
    "title": re.compile(r"\S+"),
}
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


class _HeaderProblem(Exception):
    """Internal: a header problem without the path, turned into InputError by the caller."""


@dataclass(slots=True)
class _Header:
    """Header fields with the line each came from, for 'repeated key' messages."""

    values: dict[str, str | None]
    lines: dict[str, int]
    names: dict[str, str]


def _iso_date(value: str) -> str | None:
    """Validate a header date (YYYY, YYYY-MM or YYYY-MM-DD); raise ValueError if broken."""
    if value.lower() == "unknown":
        return None
    match = _DATE.fullmatch(value)
    if not match:
        raise ValueError(value)
    year, month, day = (int(part) if part else 1 for part in match.groups())
    dt.date(year, month, day)  # raises ValueError for 2021-02-30, month 13, year 0
    return value


def _header_value(key: str, value: str, lineno: int) -> str | None:
    """Check one header value; the problem text is completed with the path by the caller."""
    if not value:
        raise _HeaderProblem(f"line {lineno}: header '{key}' has no value")
    canonical = _KEYS[key]
    if canonical == "date":
        try:
            return _iso_date(value)
        except ValueError:
            raise _HeaderProblem(
                f"line {lineno}: unparseable date {_show(value)} "
                "(use YYYY, YYYY-MM, YYYY-MM-DD or unknown)"
            ) from None
    if canonical == "lang":
        if value.lower() not in LANGS:
            raise _HeaderProblem(f"line {lineno}: lang {_show(value)} is not nl or en")
        return value.lower()
    return value


def _record(header: _Header, key: str, value: str, lineno: int) -> None:
    """Store one header field, refusing a key given twice (url and source are one key)."""
    key = key.lower()
    canonical = _KEYS[key]
    if canonical in header.values:
        first, line = header.names[canonical], header.lines[canonical]
        if first == key:
            raise _HeaderProblem(
                f"line {lineno}: header key '{key}' repeated (first on line {line})"
            )
        raise _HeaderProblem(f"line {lineno}: header key '{key}' repeats '{first}' (line {line})")
    header.values[canonical] = _header_value(key, value, lineno)
    header.lines[canonical] = lineno
    header.names[canonical] = key


def _inline_pairs(line: str) -> Iterator[tuple[str, str, int]]:
    """Yield (key, value, end) for each `key value` pair at the start of a line."""
    pos = 0
    while match := _INLINE_PAIR.match(line, pos):
        key, value = match.groups()
        if not _INLINE_VALUE[_KEYS[key]].fullmatch(value):
            return
        yield key, value, match.end()
        pos = match.end()


def _lines(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Yield (begin, end) of each line from `start`, without its newline.

    Only "\\n" ends a line: str.splitlines would also split at \\x0c, \\u2028 and friends,
    which are just whitespace inside a paragraph here.
    """
    pos = start
    while pos <= len(text):
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)
        yield pos, end
        pos = end + 1


def _parse_header(text: str) -> tuple[_Header, int]:
    """Read header lines at the top; return them and the offset where the header ends."""
    header = _Header({}, {}, {})
    for lineno, (begin, end) in enumerate(_lines(text, 0), start=1):
        line = text[begin:end]
        if not line.strip():
            if header.values:
                return header, end  # the blank line that closes the header
            continue  # blank lines before the header
        if match := _COLON_LINE.fullmatch(line):
            _record(header, match[1], match[2], lineno)
            continue
        pairs = list(_inline_pairs(line))
        for key, value, _ in pairs:
            _record(header, key, value, lineno)
        rest = pairs[-1][2] if pairs else 0
        if rest == 0 or line[rest:].strip():
            return header, begin + rest  # prose starts here (possibly mid-line)
    return header, len(text)


# -- paragraphs and posts ---------------------------------------------------------------

_MONTH_NAMES = [  # English and Dutch names and abbreviations, January first
    ("january", "jan", "januari"),
    ("february", "feb", "februari"),
    ("march", "mar", "maart", "mrt"),
    ("april", "apr"),
    ("may", "mei"),
    ("june", "jun", "juni"),
    ("july", "jul", "juli"),
    ("august", "aug", "augustus"),
    ("september", "sep", "sept"),
    ("october", "oct", "oktober", "okt"),
    ("november", "nov"),
    ("december", "dec"),
]
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# The attribution that closes a quoted post: [link] — Name (@handle) Month D, YYYY.
# The author may not contain a dash, so the last dash of the paragraph is the one used.
# Month names and handles match ASCII only: Unicode IGNORECASE would let "ſept" (long s)
# or a dotless ı match, and those are not keys of _MONTHS.
_ATTRIBUTION = re.compile(
    rf"""
    (?:(?<!\S)(?P<link>(?:https?://)?(?:pic\.twitter\.com|t\.co)/[^\s—–]+)\s*)?
    (?:—|–|--)\s*
    (?P<author>[^\s()—–](?:(?!--)[^()\n—–])*?)\s*
    \(@(?P<handle>(?-i:[A-Za-z0-9_]{{1,50}}))\)\s*
    (?:
        (?P<month_en>(?a:{_MONTH_ALT}))\.?\s+(?P<day_en>\d{{1,2}}),?\s+(?P<year_en>\d{{4}})
      | (?P<day_nl>\d{{1,2}})\s+(?P<month_nl>(?a:{_MONTH_ALT}))\.?\s+(?P<year_nl>\d{{4}})
    )
    \Z
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _trim(text: str, begin: int, end: int) -> Span:
    """Shrink [begin, end) to exclude surrounding whitespace (as str.strip sees it)."""
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return Span(begin, end)


def _paragraph_spans(text: str, start: int) -> list[Span]:
    """Spans of the runs of non-blank lines from `start` on, each trimmed."""
    spans: list[Span] = []
    first: int | None = None
    last = start
    for begin, end in _lines(text, start):
        if text[begin:end].strip():
            first = begin if first is None else first
            last = end
        elif first is not None:
            spans.append(_trim(text, first, last))
            first = None
    if first is not None:
        spans.append(_trim(text, first, last))
    return spans


def _post_date(match: re.Match[str]) -> str | None:
    """ISO date of an attribution, None when the day does not exist (November 31)."""
    month = match["month_en"] or match["month_nl"]
    day = match["day_en"] or match["day_nl"]
    year = match["year_en"] or match["year_nl"]
    try:
        return dt.date(int(year), _MONTHS[month.lower()], int(day)).isoformat()
    except ValueError:
        return None


def _post_url(link: str | None) -> str | None:
    """The post's link with a scheme, as pic.twitter.com links are usually copied bare."""
    if link is None or "://" in link:
        return link
    return "https://" + link


def _post(text: str, span: Span, index: int, default_lang: str) -> Post | None:
    """The quoted post this paragraph is, or None if it is ordinary prose."""
    match = _ATTRIBUTION.search(text, span.begin, span.end)
    if match is None:
        return None
    text_span = _trim(text, span.begin, match.start())
    if text_span.begin == text_span.end and not match["link"]:
        return None  # a bare attribution line quotes nothing
    words = text[text_span.begin : text_span.end]
    return Post(
        index=index,
        span=span,
        text_span=text_span,
        author=match["author"].strip(),
        handle=match["handle"],
        date=_post_date(match),
        url=_post_url(match["link"]),
        lang=guess_language(words, default=default_lang),
    )


def _paragraphs_and_posts(text: str, start: int, lang: str) -> tuple[list[Paragraph], list[Post]]:
    paragraphs: list[Paragraph] = []
    posts: list[Post] = []
    for span in _paragraph_spans(text, start):
        post = _post(text, span, len(posts) + 1, lang)
        if post is not None:
            posts.append(post)
        paragraphs.append(Paragraph(span, post.index if post else None))
    return paragraphs, posts


# -- whole files ------------------------------------------------------------------------

_BINARY_CONTROL_SHARE = 0.3  # more control characters than this and it is not prose
# Unicode category Cc minus the whitespace controls (tab, newlines, form feed).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _show(value: str, limit: int = 40) -> str:
    """A user value quoted on one line, cut short: messages must stay one line."""
    shown = value if len(value) <= limit else value[:limit] + "…"
    return repr(shown)


def _fail(path: str, problem: str) -> InputError:
    return InputError(f"{one_line(path)}: {problem}")


def _check_text(text: str, path: str) -> None:
    """Refuse text that is empty or binary, before looking for structure in it."""
    if not text:
        raise _fail(path, "empty file")
    if not text.strip():
        raise _fail(path, "file contains only whitespace")
    nul = text.find("\0")
    if nul >= 0:
        raise _fail(path, f"binary file (NUL character at offset {nul})")
    controls = len(_CONTROL.findall(text))
    if controls > _BINARY_CONTROL_SHARE * len(text):
        raise _fail(path, f"binary file ({controls} of {len(text)} characters are controls)")


def parse_document(text: str, path: str = "<text>", slug: str | None = None) -> Document:
    """Build a Document from decoded text; `path` is for messages and the default slug."""
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff"))
    _check_text(text, path)
    try:
        header, header_end = _parse_header(text)
    except _HeaderProblem as problem:
        raise _fail(path, str(problem)) from None
    body_start = _trim(text, header_end, len(text)).begin
    body = text[body_start:]
    lang = header.values.get("lang") or guess_language(body)
    paragraphs, posts = _paragraphs_and_posts(text, body_start, lang)
    return Document(
        path=path,
        slug=slug if slug is not None else slugify(pathlib.PurePath(path).stem),
        text=text,
        lang=lang,
        date=header.values.get("date"),
        title=header.values.get("title"),
        url=header.values.get("url"),
        body_start=body_start,
        paragraphs=paragraphs,
        posts=posts,
    )


def _read_bytes(path: pathlib.Path) -> bytes:
    """The file's bytes, or InputError for anything that is not a readable regular file."""
    name = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _fail(name, "is a directory, not a text file")
        if not stat.S_ISREG(info.st_mode):
            raise _fail(name, "not a regular file")
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail(name, "no such file") from None
    except PermissionError:
        raise _fail(name, "permission denied") from None
    except OSError as error:
        raise _fail(name, f"cannot read ({error.strerror or type(error).__name__})") from None
    except ValueError:  # e.g. a NUL character in the path
        raise _fail(name, "not a valid path") from None


def _decode(data: bytes, name: str) -> str:
    """Decode strict UTF-8, naming the byte offset and line of the first bad byte."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise _fail(name, "UTF-16 text (byte-order mark); save it as UTF-8")
    nul = data.find(b"\0")
    if nul >= 0:
        raise _fail(name, f"binary file (NUL byte at byte offset {nul})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start]
        raise _fail(
            name, f"not UTF-8 (byte 0x{bad:02x} at byte offset {error.start}, line {line})"
        ) from None


def read_document(path: pathlib.Path | str | os.PathLike[str]) -> Document:
    """Read an article file; every problem the user can cause is one-line InputError."""
    path = pathlib.Path(path)
    return parse_document(_decode(_read_bytes(path), str(path)), str(path))
