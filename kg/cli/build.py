"""`kg build` and `kg load`: articles → the output folder, and shards → a store."""

from __future__ import annotations

import os
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import err, fail
from kg.outputs import graph_file
from kg.terminal import for_terminal


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
    with_store: Annotated[
        bool,
        typer.Option(
            "--with-store",
            help="Also write an Oxigraph store, the folder OUT/store, for fast queries on "
            "large graphs (with the cache, a later build updates it in place when few "
            "articles changed).",
        ),
    ] = False,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Deprecated: the old spelling, still accepted for now (--store oxigraph is "
            "--with-store; --store memory, the default, writes no store).",
            show_default=False,
        ),
    ] = None,
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
      kg build archive/ --out big --jobs 2 --formats none --with-store
      kg build archive/ --out big --engine dask --scheduler tcp://scheduler:8786
    """
    from kg.build.pipeline import NoArticle
    from kg.build.pipeline import build as run_build
    from kg.extract.document import DOCUMENT_SECONDS_VARIABLE

    default = not sources
    sources = sources or [Path("seeds")]
    if store is not None:
        if store not in {"memory", "oxigraph"}:
            raise fail(f"--store {store!r}: choose memory or oxigraph (now spelt --with-store)")
        with_store = with_store or store == "oxigraph"
    if engine not in {"local", "dask"}:
        raise fail(f"--engine {engine!r}: choose local or dask")
    if scheduler and engine != "dask":
        raise fail("--scheduler needs --engine dask")
    chosen = tuple(f.strip() for f in formats.split(",") if f.strip() and f.strip() != "none")
    unknown = [f for f in chosen if f not in {"ttl", "trig", "nq"}]
    if unknown:
        raise fail(f"--formats {','.join(unknown)}: choose from ttl, trig (or none)")
    options = {"jobs": jobs, "cache": cache, "with_store": with_store, "formats": chosen}
    options |= {"engine": engine, "scheduler": scheduler}
    for source in sources:
        if not source.exists():
            hint = " (name your article files or folders: kg build my-articles/)" if default else ""
            raise fail(f"{source}: no such file or folder{hint}")
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
        raise fail(str(exc)) from None
    except OSError as exc:  # the output folder: full, read-only, removed under the build
        where = exc.filename or out
        raise fail(f"{where}: cannot write the outputs ({exc.strerror or exc})") from None
    except BrokenProcessPool:
        raise fail(
            f"a worker process was killed before it finished, often for lack of memory: "
            f"try fewer processes (--jobs {max(1, (jobs or 2) // 2)})"
        ) from None
    for problem in result.errors:
        err.print(f"kg: skipped {for_terminal(problem)}", markup=False)
    main = graph_file(out, "ttl" if "ttl" in chosen else "nq")
    names = [graph_file(out, f).name for f in dict.fromkeys(("nq", *chosen))]
    others = [name for name in names if name != main.name]
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


def load(
    shards: Annotated[
        list[Path],
        typer.Argument(
            help="N-Quads shard files or folders of them (kg build --engine dask writes "
            "OUT/shards).",
            show_default=False,
        ),
    ],
    location: Annotated[
        Path, typer.Option("--location", "-l", help="Folder of the Oxigraph store to create.")
    ],
    rules: Annotated[
        list[Path] | None,
        typer.Option("--rules", help="Extra rule folder(s) the shards were built with."),
    ] = None,
) -> None:
    """Bulk-load N-Quads shards into an Oxigraph store, then merge events across documents.

    The store ends up with the same graphs as a local `kg build --with-store`: reports
    of one event get one IRI (a pass over the loaded store), events get labels, and the
    default graph holds the union. Query it with kg query --store DIR, or serve it with
    `oxigraph serve --location DIR`. An existing store at DIR is replaced when the load
    succeeds.

    Example: kg load big/shards --location big/store
    """
    from kg.build.load import load_shards
    from kg.rules.loader import load_rules

    files: list[Path] = []
    for shard in shards:
        if shard.is_dir():
            files.extend(sorted(shard.glob("*.nq")))
        elif shard.is_file():
            files.append(shard)
        else:
            raise fail(f"{shard}: no such file or folder")
    if not files:
        raise fail(f"{', '.join(map(str, shards))}: no .nq shard files")
    quiet = not sys.stderr.isatty()
    say = (
        None if quiet else (lambda message: err.print(f"kg: {for_terminal(message)}", markup=False))
    )
    loaded = load_shards(files, location, load_rules(rules or []), progress=say)
    err.print(
        f"kg: loaded {loaded.shards} shard(s) into {location}: {loaded.quads} quads, "
        f"{loaded.events} events ({loaded.merged} told by more than one source)",
        markup=False,
    )
