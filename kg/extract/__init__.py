"""Stage `extract`: a `Document` + rules → records (entities, events, times); pure.

The per-document step: no file, no network, no global state. May import: base, `rules`,
`articles`.
"""

from kg.extract.document import extract_document

__all__ = ["extract_document"]
