"""Stage `export`: the graph in other formats (`kg export`): RDF formats and a store
(`graph`), and tables for spreadsheets and network tools (`tabular`).

May import every stage below it, including `viz` (the tables use the page's model).
"""
