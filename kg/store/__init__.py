"""Stage `store`: the on-disk Oxigraph store, a folder (`OUT/store`).

Opening and replacing it (`files`), updating it in place after a build (`update`),
serving it over HTTP (`serve`, `serve_pool`) and pushing a graph to a remote SPARQL
store (`push`). May import: base, `rules`, `articles`, `extract`, `rdf`, `query`.
"""
