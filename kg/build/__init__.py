"""Stage `build`: many files → the output folder (`kg build`, `kg load`).

Workers and their cache (`workers`), the optional Dask engine, the cross-document merge
pass (`merge`), assembling and converting the outputs (`assemble`, `convert`), knowing what
is up to date (`uptodate`), and finishing a store from N-Quads shards (`load`). The
orchestration is `pipeline.build`. May import every stage below it: base, `rules`,
`articles`, `extract`, `rdf`, `query`, `store`.
"""
