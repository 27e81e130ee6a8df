"""Stage `rdf`: records → quads. The vocabulary, the ontology, the SHACL shapes, N-Triples
terms and the one serialiser.

May import: base, `rules`, `articles`, `extract`.
"""
