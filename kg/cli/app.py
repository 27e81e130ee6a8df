"""The `kg` command: parse arguments, call one library function, print, return an exit code.

Every error a user can cause is a KgError and is printed as one line; tracebacks are bugs.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kg.cli.store import register_store_commands
from kg.errors import KgError
from kg.terminal import for_terminal

app = typer.Typer(
    name="kg",
    help=(
        "Build explainable knowledge graphs from news articles (Dutch and English).\n\n"
        "Every triple comes from a hand-written rule and points to the exact words it came "
        "from.\n\n"
        "Example: kg build seeds --out out && kg query actors && kg viz"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(
    help="Check and test rule files.\n\nExample: kg rules check my-rules/ && kg rules test",
    no_args_is_help=True,
)
app.add_typer(rules_app, name="rules")

err = Console(stderr=True, highlight=False, soft_wrap=True)
DEFAULT_DATA = Path("out/kg.ttl")
# named queries: ./queries when there is one, else the queries/ that ships with kg
_SHIPPED_QUERIES = Path(__file__).resolve().parents[2] / "queries"


def _queries_dir() -> Path:
    local = Path("queries")
    return local if local.is_dir() or not _SHIPPED_QUERIES.is_dir() else _SHIPPED_QUERIES


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"kg: error: {for_terminal(message)}", markup=False)
    return typer.Exit(code)


# -- build ---------------------------------------------------------------------------------
@app.command()
def build(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Article files or folders of them (default: seeds/).", show_default=False
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for kg.ttl.")] = Path(
        "out"
    ),
    rules: Annotated[
        list[Path] | None,
        typer.Option(
            "--rules", help="Extra folder of rule files (YAML), on top of the built-in rules."
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes for extraction, merging and writing (the same bytes whatever "
            "the number). Default: one per core for 50 articles or more, "
            "else 1 (starting a worker costs about a second).",
            show_default=False,
        ),
    ] = None,
    cache: Annotated[
        bool,
        typer.Option(
            help="Reuse the extraction of unchanged files (kept in OUT/.cache), and write "
            "nothing when no input, rule or output changed since the last build."
        ),
    ] = True,
    store: Annotated[
        str,
        typer.Option(
            help="memory, or oxigraph: also write an Oxigraph store in OUT/store (with the "
            "cache, a later build updates it in place when few articles changed)."
        ),
    ] = "memory",
    formats: Annotated[
        str,
        typer.Option(
            help="Comma-separated outputs besides kg.nq: ttl, trig (none: kg.nq only, "
            "the fastest for a large archive loaded into a store)."
        ),
    ] = "ttl,trig",
    engine: Annotated[
        str,
        typer.Option(
            help="local (this machine, --jobs processes) or dask (a Dask cluster: see "
            "--scheduler; writes N-Quads shards to OUT/shards for kg load; every document "
            "is extracted again, the cache is local)."
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Address of a Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --engine "
            "dask; default: a local cluster of --jobs workers, at least 2)."
        ),
    ] = None,
    document_seconds: Annotated[
        float | None,
        typer.Option(
            "--document-seconds",
            min=0,
            help="CPU seconds one article may take to extract before it is skipped with "
            "one line (0: no limit). Default: 60, or KG_DOCUMENT_SECONDS.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Read articles, apply the rules, write the graph to OUT/kg.nq, kg.trig and kg.ttl.

    Unreadable files are reported one per line and skipped; the rest is still built and the
    exit code is 1. When no file can be read, nothing is written (the previous outputs stay)
    and the exit code is 1. The same input and rules always give byte-identical files,
    whatever --jobs or --engine.

    One build at a time per output folder: a second `kg build` into the same --out stops at
    once with one line naming the first one's pid (wait for it, or use another --out). The
    three outputs are swapped in together; what a killed build left in OUT is removed by the
    next one.

    Examples:
      kg build seeds corpus --out out
      kg build archive/ --out big --jobs 2 --formats none --store oxigraph
      kg build archive/ --out big --engine dask --scheduler tcp://scheduler:8786
    """
    from kg.build.pipeline import NoArticle
    from kg.build.pipeline import build as run_build
    from kg.extract.document import DOCUMENT_SECONDS_VARIABLE

    default = not sources
    sources = sources or [Path("seeds")]
    if store not in {"memory", "oxigraph"}:
        raise _fail(f"--store {store!r}: choose memory or oxigraph")
    if engine not in {"local", "dask"}:
        raise _fail(f"--engine {engine!r}: choose local or dask")
    if scheduler and engine != "dask":
        raise _fail("--scheduler needs --engine dask")
    chosen = tuple(f.strip() for f in formats.split(",") if f.strip() and f.strip() != "none")
    unknown = [f for f in chosen if f not in {"ttl", "trig", "nq"}]
    if unknown:
        raise _fail(f"--formats {','.join(unknown)}: choose from ttl, trig (or none)")
    options = {"jobs": jobs, "cache": cache, "store": store, "formats": chosen}
    options |= {"engine": engine, "scheduler": scheduler}
    for source in sources:
        if not source.exists():
            hint = " (name your article files or folders: kg build my-articles/)" if default else ""
            raise _fail(f"{source}: no such file or folder{hint}")
    if document_seconds is not None:  # the extraction layer and its workers read it
        os.environ[DOCUMENT_SECONDS_VARIABLE] = f"{document_seconds:g}"
    progress_bar = _progress() if sys.stderr.isatty() else None
    try:
        if progress_bar is None:
            result = run_build(sources, out, rules or [], **options)
        else:
            with progress_bar as bar:
                task = bar.add_task("extracting", total=None)
                result = run_build(
                    sources,
                    out,
                    rules or [],
                    progress=lambda doc: bar.advance(task),
                    on_documents=lambda n: bar.update(task, total=n),
                    on_phase=lambda text: bar.update(task, description=text),
                    **options,
                )
    except NoArticle as exc:
        for problem in exc.problems:
            err.print(f"kg: skipped {problem}", markup=False)
        raise _fail(str(exc)) from None
    except KgError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:  # the output folder: full, read-only, removed under the build
        where = exc.filename or out
        raise _fail(f"{where}: cannot write the outputs ({exc.strerror or exc})") from None
    except BrokenProcessPool:
        raise _fail(
            f"a worker process was killed before it finished, often for lack of memory: "
            f"try fewer processes (--jobs {max(1, (jobs or 2) // 2)})"
        ) from None
    for problem in result.errors:
        err.print(f"kg: skipped {for_terminal(problem)}", markup=False)
    main = out / ("kg.ttl" if "ttl" in chosen else "kg.nq")
    others = [f"kg.{f}" for f in dict.fromkeys(("nq", *chosen)) if f"kg.{f}" != main.name]
    also = f" (and {', '.join(others)})" if others else ""
    if result.up_to_date:
        err.print(
            f"kg: {main} is up to date: {result.summary()}{also}; nothing changed since "
            "the last build (--no-cache builds anyway)",
            markup=False,
        )
    else:
        err.print(f"kg: wrote {main}: {result.summary()}{also}", markup=False)
    if result.store_updated is not None:
        n = result.store_updated
        err.print(
            f"kg: updated {out / 'store'} in place: {n} article{'' if n == 1 else 's'} "
            "added, changed or removed since the last build",
            markup=False,
        )
    if result.errors:
        raise typer.Exit(1)


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    )


# -- query ---------------------------------------------------------------------------------
@app.command()
def query(
    query_arg: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help="A .rq file, the name of a query in queries/ (e.g. actors), or inline SPARQL.",
        ),
    ],
    data: Annotated[
        list[Path] | None, typer.Option("--data", "-d", help="Data file(s) (default out/kg.ttl).")
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="table, csv, tsv, json; turtle, nt, jsonld for graphs."
        ),
    ] = "table",
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Bind a variable safely: name=value (repeatable)."),
    ] = None,
    timeout: Annotated[float, typer.Option(help="Stop the query after this many seconds.")] = 30.0,
    graph: Annotated[
        str | None,
        typer.Option(help="Only this document's named graph (IRI or kgd:slug; reads kg.trig)."),
    ] = None,
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Allow SERVICE and remote FROM (network!).")
    ] = False,
    store: Annotated[
        str, typer.Option(help="Query engine: rdflib, or oxigraph (fast on large graphs).")
    ] = "rdflib",
) -> None:
    """Run a read-only SPARQL query; the usual prefixes (sem:, schema:, kgr:, …) are predeclared.

    Examples:
      kg query actors
      kg query queries/events-in-time.rq --format csv
      kg query 'SELECT ?e WHERE { ?e a sem:Event }' --format json
      kg query everything-about --param actor=kgr:alexander-lukashenko
      kg query timeline --store oxigraph --data big/store
    """
    from kg.query.run import default_params, load_data, resolve_query, run_query

    params = {}
    for item in param or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise _fail(f"--param {item!r}: expected name=value")
        params[name.lstrip("?$")] = value
    try:
        _, text = resolve_query(query_arg, _queries_dir())
        params = {**default_params(text), **params}
        if graph and not data:
            data = [DEFAULT_DATA.with_suffix(".trig")]  # named graphs live in kg.trig
        if store not in {"rdflib", "oxigraph"}:
            raise KgError(f"--store {store!r}: choose rdflib or oxigraph")
        if store == "oxigraph":
            from kg.query.oxigraph import load_store, run_query_oxigraph
            from kg.store.files import STORE_DIR, open_store

            built = DEFAULT_DATA.parent / STORE_DIR
            if data and len(data) == 1 and data[0].is_dir():  # kg build/kg load made it
                engine, dataset = run_query_oxigraph, open_store(data[0])
            elif not data and built.is_dir():  # the store of kg build --store oxigraph
                engine, dataset = run_query_oxigraph, open_store(built)
            else:
                engine, dataset = run_query_oxigraph, load_store(_data_files(data))
        else:
            files = _data_files(data)
            hint = large_data_hint(files)
            if hint:
                err.print(hint, markup=False)
            engine, dataset = run_query, load_data(files)
        output = engine(
            text,
            dataset,
            fmt=fmt,
            params=params,
            timeout=timeout,
            allow_service=allow_service,
            graph=graph,
        )
    except KgError as exc:
        raise _fail(str(exc)) from None
    # a table is for reading: never raw control characters; csv, json, … keep their exact
    # bytes for files and pipes, and are shown escaped only on a terminal
    sys.stdout.write(for_terminal(output) if fmt == "table" or sys.stdout.isatty() else output)


RDFLIB_HINT_BYTES = 20_000_000  # rdflib parses about 1 MB of Turtle a second


def large_data_hint(files: list[Path], limit: int = RDFLIB_HINT_BYTES) -> str | None:
    """One line before rdflib parses a large graph: how long, and what answers sooner."""
    size = sum(path.stat().st_size for path in files if path.is_file())
    if size < limit:
        return None
    from kg.store.files import STORE_DIR

    store = files[0].parent / STORE_DIR
    if store.is_dir():
        faster = f"its Oxigraph store opens at once: --store oxigraph --data {store}"
    else:
        faster = "`kg build --store oxigraph` writes a store that opens at once"
    return f"kg: reading {size / 1e6:,.0f} MB into memory takes about a second per MB; {faster}"


def _data_files(data: list[Path] | None) -> list[Path]:
    files = data or [DEFAULT_DATA]
    for path in files:
        if not path.exists():
            hint = " (run `kg build` first)" if path == DEFAULT_DATA else ""
            raise KgError(f"{path}: no such data file{hint}")
    return files


# -- viz -----------------------------------------------------------------------------------
@app.command()
def viz(
    data: Annotated[Path, typer.Option("--data", "-d", help="Graph to draw.")] = DEFAULT_DATA,
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path(
        "out/graph.html"
    ),
    view: Annotated[str, typer.Option(help="Initial view: actors or events.")] = "actors",
    lang: Annotated[
        str | None, typer.Option(help="Label language: en or nl (default: majority of sources).")
    ] = None,
    top: Annotated[
        int | None, typer.Option(help="Show only the N most central actors first.")
    ] = None,
) -> None:
    """Draw the graph as one self-contained, offline HTML file (open it in any browser).

    Example: kg viz --view events --lang nl --out out/events.html
    """
    from kg.query.run import load_data
    from kg.viz import write_graph_html

    if view not in {"actors", "events"}:
        raise _fail(f"--view {view!r}: choose actors or events")
    if lang not in {None, "en", "nl"}:
        raise _fail(f"--lang {lang!r}: choose en or nl")
    try:
        dataset = load_data(_data_files([data]))
        summary = write_graph_html(dataset, out, view=view, lang=lang, top=top)
    except KgError as exc:
        raise _fail(str(exc)) from None
    err.print(
        f"kg: wrote {out}: {summary.nodes} nodes, {summary.edges} edges "
        f"({summary.view} view, labels in {summary.lang})",
        markup=False,
    )


# -- export --------------------------------------------------------------------------------
EXPORT_FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "jsonld": "json-ld"}
TABLE_FORMATS = ("graphml", "csv")


@app.command()
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
            help="Export from this Oxigraph store (kg build --store oxigraph) instead of "
            "--data: streaming, for turtle and nt of graphs of any size (Oxigraph types "
            "the NIF offsets xsd:integer, not xsd:nonNegativeInteger)."
        ),
    ] = None,
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
        raise _fail(f"--format {fmt!r}: choose one of {', '.join(choices)}")
    if store is not None:
        if fmt not in STORE_FORMATS:
            raise _fail(f"--store exports {' or '.join(STORE_FORMATS)}; {fmt} needs --data")
        try:
            export_store(store, out, fmt)
        except KgError as exc:
            raise _fail(str(exc)) from None
        err.print(f"kg: wrote {out}: the union graph of {store} as {fmt}", markup=False)
        return
    try:
        if fmt in TABLE_FORMATS:
            from kg.export.tabular import export_events_csv, export_graphml
            from kg.query.run import load_data

            writer = export_graphml if fmt == "graphml" else export_events_csv
            summary = writer(load_data(_data_files([data])), out)
            what = (
                f"{summary.nodes} actors, {summary.rows} edges"
                if fmt == "graphml"
                else (f"{summary.rows} events")
            )
            err.print(f"kg: wrote {out}: {what} as {fmt}", markup=False)
            return
        count = export_graph(_data_files([data])[0], out, EXPORT_FORMATS[fmt])
    except KgError as exc:
        raise _fail(str(exc)) from None
    err.print(f"kg: wrote {out}: {count} triples as {fmt}", markup=False)


# -- rules ---------------------------------------------------------------------------------
@rules_app.command("check")
def rules_check(
    folder: Annotated[Path | None, typer.Argument(help="Extra rule folder to check.")] = None,
) -> None:
    """Validate the rule files and report each problem as file:line › rule › field: reason.

    Checks the schema, references to entity ids and event types, spaCy patterns, and that
    every pattern matches at least one of its own example sentences.

    Example: kg rules check my-rules/
    """
    from kg.quality.ruletest import check_rules

    try:
        rules = check_rules([folder] if folder else [])
    except KgError as exc:
        raise _fail(str(exc)) from None
    err.print(
        f"kg: rules ok: {len(rules.entities)} entities, {len(rules.event_types)} event types, "
        f"{len(rules.patterns)} patterns in {len(rules.files)} files",
        markup=False,
    )


@rules_app.command("test")
def rules_test(
    folder: Annotated[Path | None, typer.Argument(help="Extra rule folder to include.")] = None,
) -> None:
    """Run every example sentence of every pattern and show which pass.

    Example: kg rules test
    """
    from kg.quality.ruletest import run_examples

    try:
        results = run_examples([folder] if folder else [])
    except KgError as exc:
        raise _fail(str(exc)) from None
    failed = [r for r in results if not r.ok]
    for r in results:
        mark = "ok  " if r.ok else "FAIL"
        print(for_terminal(f"{mark} {r.pattern}  {r.example.text}"))
        if not r.ok:
            print(for_terminal(f"     {r.problem}"))
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if failed:
        raise typer.Exit(1)


# -- explain / evaluate ----------------------------------------------------------------------
@app.command()
def explain(
    name: Annotated[str, typer.Argument(help="An actor or event: id, label or alias.")],
    data: Annotated[Path, typer.Option("--data", "-d", help="Graph to read.")] = DEFAULT_DATA,
) -> None:
    """Show every statement about an actor or event, with its sentences and rules.

    Example: kg explain Loekasjenka
    """
    from kg.query.explain import explain as explain_resource
    from kg.query.run import load_data

    try:
        sys.stdout.write(for_terminal(explain_resource(load_data(_data_files([data])), name)))
    except KgError as exc:
        raise _fail(str(exc)) from None


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder of gold annotations (YAML).")] = Path(
        "tests/gold"
    ),
    rules: Annotated[list[Path] | None, typer.Option("--rules", help="Extra rule folder.")] = None,
    details: Annotated[bool, typer.Option(help="List misses and false positives.")] = True,
) -> None:
    """Precision, recall and F1 of the rules on gold-annotated documents.

    Example: kg evaluate --gold tests/gold
    """
    from kg.quality.evaluate import evaluate as run_evaluate
    from kg.quality.evaluate import totals

    try:
        reports = run_evaluate(gold, Path.cwd(), rules or [])
    except KgError as exc:
        raise _fail(str(exc)) from None
    header = f"{'document':<52} {'entities P/R/F1':>15}   {'events P/R/F1':>15}"
    print(header)
    print("-" * len(header))
    for r in reports:
        name = Path(r.document).name
        name = name if len(name) <= 52 else name[:51] + "…"
        print(for_terminal(f"{name:<52} {_prf(r.entities):>15}   {_prf(r.events):>15}"))
    print("-" * len(header))
    folders = sorted({Path(r.document).parts[0] for r in reports})
    for folder in folders if len(folders) > 1 else []:
        part = [r for r in reports if Path(r.document).parts[0] == folder]
        entities, events = totals(part)
        label = f"{folder}/ ({len(part)} documents, micro)"
        print(f"{label:<52} {_prf(entities):>15}   {_prf(events):>15}")
    entities, events = totals(reports)
    print(f"{'all documents (micro)':<52} {_prf(entities):>15}   {_prf(events):>15}")
    if details:
        for r in reports:
            if r.missed or r.spurious:
                print(for_terminal(f"\n{r.document}"))
                for line in r.missed:
                    print(for_terminal(f"  missed    {line}"))
                for line in r.spurious:
                    print(for_terminal(f"  spurious  {line}"))


def _prf(score) -> str:
    return f"{score.precision:.2f}/{score.recall:.2f}/{score.f1:.2f}"


register_store_commands(app)


def main() -> None:
    """Console entry point: no traceback for user errors, exit code 2 for bad usage."""
    try:
        app()
    except KgError as exc:  # a library error that a command did not catch
        err.print(f"kg: error: {for_terminal(str(exc))}", markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("kg: interrupted", markup=False)
        sys.exit(130)


if __name__ == "__main__":
    main()
