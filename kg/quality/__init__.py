"""Stage `quality`: is the graph right? Rule examples run as tests (`ruletest`), scores
against gold annotations (`evaluate`) and SHACL validation (`validate`).

May import every stage below it: base, `rules`, `articles`, `extract`, `rdf`, `query`,
`store`, `build`.
"""
