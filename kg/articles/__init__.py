"""Stage `articles`: a file on disk → a `Document` (text, paragraphs, posts, language).

Reads .txt/.md/.html/.json/.jsonl articles within the input limits and guesses their
language. May import: the base modules (`kg.errors`, `kg.terminal`, `kg.records`,
`kg.slug`, `kg.outputs`) and `kg.rules`.
"""
