"""Safe IRI segments from untrusted names: the one slug rule for files, entities and authors.

A base module: the articles, extraction and RDF stages all mint slugs, so it sits below them.
"""

from __future__ import annotations

import re
import unicodedata

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A safe IRI segment: ASCII letters, digits and hyphens only, never empty.

    Article text and file names are untrusted; nothing from them reaches an IRI unescaped.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")
    return slug[:80].strip("-") or "x"
