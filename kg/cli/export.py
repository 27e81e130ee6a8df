"""`kg export`: the graph in another RDF format, or as GraphML / CSV tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import DEFAULT_DATA, data_files, err, fail

EXPORT_FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "jsonld": "json-ld"}
TABLE_FORMATS = ("graphml", "csv")


def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="turtle, trig, nt, jsonld; graphml (actors view) or csv (events).",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    data: Annotated[Path, typer.Option("--data", "-d", help="Graph to export.")] = DEFAULT_DATA,
    store: Annotated[
        Path | None,
        typer.Option(
            help="Export from this Oxigraph store (kg build --with-store) instead of "
            "--data: streaming, for turtle and nt of graphs of any size (Oxigraph types "
            "the NIF offsets xsd:integer, not xsd:nonNegativeInteger)."
        ),
    ] = None,
    statements: Annotated[
        str,
        typer.Option(
            help="graphml and csv: asserted (only what the texts state as fact) or all (also "
            "what they deny, ask or leave possible; see the factuality column). RDF formats "
            "carry every statement with its kgo:factuality."
        ),
    ] = "asserted",
) -> None:
    """Convert the graph to another RDF format, or to GraphML / CSV (written atomically).

    graphml is the actors view for Gephi and Cytoscape; csv is one row per event.

    Examples:
      kg export --format jsonld --out out/kg.jsonld
      kg export --store big/store --format nt --out big/kg.nt
    """
    from kg.export.graph import STORE_FORMATS, export_graph, export_store

    choices = [*EXPORT_FORMATS, *TABLE_FORMATS]
    if fmt not in choices:
        raise fail(f"--format {fmt!r}: choose one of {', '.join(choices)}")
    if store is not None:
        if fmt not in STORE_FORMATS:
            raise fail(f"--store exports {' or '.join(STORE_FORMATS)}; {fmt} needs --data")
        export_store(store, out, fmt)
        err.print(f"kg: wrote {out}: the union graph of {store} as {fmt}", markup=False)
        return
    if fmt in TABLE_FORMATS:
        from kg.export.tabular import export_events_csv, export_graphml
        from kg.query.run import load_data
        from kg.viz import STATEMENTS

        if statements not in STATEMENTS:
            raise fail(f"--statements {statements!r}: choose {' or '.join(STATEMENTS)}")
        writer = export_graphml if fmt == "graphml" else export_events_csv
        summary = writer(load_data(data_files([data])), out, statements=statements)
        what = (
            f"{summary.nodes} actors, {summary.rows} edges"
            if fmt == "graphml"
            else (f"{summary.rows} events")
        )
        err.print(f"kg: wrote {out}: {what} as {fmt}", markup=False)
        return
    count = export_graph(data_files([data])[0], out, EXPORT_FORMATS[fmt])
    err.print(f"kg: wrote {out}: {count} triples as {fmt}", markup=False)
