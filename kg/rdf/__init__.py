"""Everything that knows RDF terms: vocabulary, ontology and records → triples."""
