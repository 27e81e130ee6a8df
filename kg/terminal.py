"""Text from articles, rules and query results made safe to print on a terminal.

An article may hold escape sequences ("\\x1b[2J" clears the screen, "\\x1b]0;…\\x07" sets
the window title, others rewrite the clipboard or fake earlier output). The data keeps
them as they are (the RDF states the text exactly); only what is printed for a person
to read goes through `for_terminal`, which shows each control character as a visible
escape instead of sending it.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls (\x9b is a one-byte CSI), and the
# bidirectional overrides and isolates that make a terminal show text in another order
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """`text` with every control character but tab and newline shown as an escape."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """`text` with every non-printable character escaped, line breaks included: for a
    value (a file name, a title) quoted inside a one-line message."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
