"""Stage `query`: read-only SPARQL over a graph, on two engines (`kg query`, `kg explain`).

The query text and its safety checks (`text`), parameters, result formats and the rdflib
engine (`run`), the in-memory/on-disk Oxigraph engine (`oxigraph`), and `explain`.
May import: base, `rules`, `articles`, `extract`, `rdf`.
"""
