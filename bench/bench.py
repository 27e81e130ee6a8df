"""How fast is `kg` on one machine, from 100 to 10,000+ articles, and where does time go?

Absolute seconds on a shared 2-core machine move by tens of percent from one run to the
next, so every figure comes with a ratio against something measured in the same minute
on the same data:

- the **floor**: spaCy's blank tokenizer alone over every text (`spacy.blank(lang)
  .make_doc`), the least any spaCy-based reader must spend; `build÷tok` is the build's
  throughput as a share of it;
- the **build** itself (`kg build`, run as a subprocess like a user runs it), against
  which exports and loading into Oxigraph are compared;
- **rdflib vs Oxigraph** for every query in `queries/`, each on the graph the build made.

    .venv/bin/python bench/bench.py --sizes 100 1000 10000        # writes bench/results.md
    .venv/bin/python bench/bench.py --quick                      # N=20, for the test suite

Corpora come from `bench/generate.py` and are cached in the work folder by seed, size
and a digest of the generator and the entity file, so a rerun measures only `kg`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
QUERIES = REPO / "queries"
ENTITIES = REPO / "kg" / "rules" / "entities.yaml"
FORMATS = {"turtle": "ttl", "trig": "trig", "nt": "nt", "jsonld": "jsonld"}
QUERY_RUNS = 5
SLOW_QUERY = 10.0  # seconds: a query slower than this once is not repeated
QUERY_TIMEOUT = 120.0  # seconds: past this a query is reported as timed out

MAIN_COLUMNS = [
    "N",
    "words",
    "tok words/s",
    "build s",
    "build words/s",
    "build÷tok",
    "peak RSS MB",
    "rebuild s",
    "triples",
    "ox bulk-load s",
    "ox load÷build",
]
EXPORT_COLUMNS = ["N", "turtle s", "trig s", "nt s", "jsonld s", "slowest÷build"]


@dataclass
class Result:
    """Everything measured for one corpus size; written to JSON as is."""

    n: int
    files: int = 0
    words: int = 0
    tokens: int = 0
    generate_s: float = 0.0
    tokenize_s: float = 0.0
    build_s: float = 0.0
    build_summary: str = ""
    peak_rss_mb: float = 0.0
    tree_rss_mb: float | None = None  # sampled sum over the build's processes (--jobs > 1)
    rebuild_s: float | None = None
    triples: int = 0
    export_s: dict[str, float] = field(default_factory=dict)
    oxigraph_bulk_load_s: float | None = None
    rdflib_load_s: float = 0.0
    oxigraph_load_s: float | None = None
    queries_rdflib_ms: dict[str, float | None] = field(default_factory=dict)  # None: timeout
    queries_oxigraph_ms: dict[str, float | None] = field(default_factory=dict)
    query_runs: dict[str, int] = field(default_factory=dict)
    query_rows: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    total_s: float = 0.0

    @property
    def tok_wps(self) -> float:
        return self.words / self.tokenize_s if self.tokenize_s else 0.0

    @property
    def build_wps(self) -> float:
        return self.words / self.build_s if self.build_s else 0.0


# --- helpers ------------------------------------------------------------------------------


def _kg_command() -> Path:
    """The `kg` next to this Python: the venv's, not whatever is first on PATH."""
    beside = Path(sys.executable).parent / "kg"
    if beside.exists():
        return beside
    found = shutil.which("kg")
    if found is None:
        raise SystemExit("bench: no `kg` command next to this Python or on PATH")
    return Path(found)


def _load_generator() -> ModuleType:
    """bench/generate.py is a script, not a package module: import it by path."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    return importlib.import_module("generate")


def _digest(*paths: Path) -> str:
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.read_bytes())
    return sha.hexdigest()[:10]


def corpus(work: Path, seed: int, n: int) -> tuple[Path, float]:
    """The folder of the (seed, n) corpus, generated unless a finished copy is cached."""
    folder = work / f"corpus-s{seed}-n{n}-{_digest(HERE / 'generate.py', ENTITIES)}"
    marker = folder / ".complete"
    if marker.exists():
        return folder, 0.0
    shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    _load_generator().generate(seed, n, folder)
    elapsed = time.perf_counter() - start
    marker.write_text(f"{n}\n", encoding="utf-8")
    return folder, elapsed


def _texts(folder: Path) -> list[tuple[str, str]]:
    """(text, lang) of every article, read the way `kg build` reads them."""
    from kg.document import read_document

    return [
        (doc.text, doc.lang)
        for doc in (read_document(path) for path in sorted(folder.glob("*.txt")))
    ]


def tokenizer_floor(texts: list[tuple[str, str]], repeats: int) -> tuple[float, int]:
    """Best-of-`repeats` seconds for spaCy's blank tokenizer over all texts, and tokens."""
    import spacy

    nlp = {lang: spacy.blank(lang) for lang in sorted({lang for _, lang in texts})}
    best, tokens = float("inf"), 0
    for _ in range(repeats):
        start = time.perf_counter()
        tokens = sum(len(nlp[lang].make_doc(text)) for text, lang in texts)
        best = min(best, time.perf_counter() - start)
    return best, tokens


@dataclass
class Run:
    """One finished subprocess: wall time, exit code, output and memory high-water mark."""

    seconds: float
    code: int
    stdout: str
    stderr: str
    maxrss_mb: float
    tree_peak_mb: float | None


def _sample_tree(pid: int, stop: threading.Event, peak: list[float]) -> None:
    """Sum the RSS of a process and its children every 50 ms (only with psutil)."""
    import psutil

    try:
        root = psutil.Process(pid)
        while not stop.is_set():
            total = 0
            with contextlib.suppress(psutil.Error):
                for proc in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
            peak[0] = max(peak[0], total / 2**20)
            stop.wait(0.05)
    except psutil.Error:
        return


def run(cmd: list[str], sample_tree: bool = False) -> Run:
    """Run `cmd`; memory from os.wait4, which reports this child's own high-water mark.

    getrusage(RUSAGE_CHILDREN) only keeps the maximum over every child ever waited for,
    so a small build after a big one would report the big one's peak; wait4 does not.
    ru_maxrss covers the child and its reaped descendants but is a maximum, not a sum,
    so for worker processes (--jobs) the tree is also sampled when psutil is there.
    """
    with tempfile.TemporaryFile() as stdout_file, tempfile.TemporaryFile() as stderr_file:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout_file, stderr=stderr_file, cwd=REPO)
        stop, peak = threading.Event(), [0.0]
        sampler = None
        if sample_tree and importlib.util.find_spec("psutil"):
            sampler = threading.Thread(target=_sample_tree, args=(proc.pid, stop, peak))
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        if sampler:
            sampler.join()
        stdout_file.seek(0)
        stderr_file.seek(0)
        return Run(
            seconds=seconds,
            code=proc.returncode,
            stdout=stdout_file.read().decode("utf-8", "replace"),
            stderr=stderr_file.read().decode("utf-8", "replace"),
            maxrss_mb=usage.ru_maxrss / 1024,  # Linux reports KiB
            tree_peak_mb=peak[0] if sampler else None,
        )


def _checked(result: Run, what: str) -> Run:
    if result.code != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SystemExit(f"bench: {what} failed (exit {result.code}):\n" + "\n".join(tail))
    return result


def _median_time(work: Callable[[], str], runs: int) -> tuple[float | None, int, str]:
    """Median seconds of `runs` calls (one call if the first is slow), calls made, output.

    None for the time when the query timed out: the report shows the limit instead.
    """
    from kg.errors import QueryError

    times: list[float] = []
    value = ""
    for _ in range(runs):
        start = time.perf_counter()
        try:
            value = work()
        except QueryError as exc:
            if "timed out" not in str(exc):
                raise
            return None, len(times) + 1, ""
        times.append(time.perf_counter() - start)
        if times[0] > SLOW_QUERY:
            break
    return statistics.median(times), len(times), value


def _rows(output: str) -> int:
    """Rows of a table-format answer: its footer says '(N rows)'."""
    match = re.search(r"\((\d+) rows?\)\s*$", output)
    return int(match[1]) if match else -1


# --- the measurements ---------------------------------------------------------------------


def build_flags(kg: Path) -> set[str]:
    """Which optional build flags this `kg` has (--jobs, --cache appeared over time)."""
    text = run([str(kg), "build", "--help"]).stdout
    return {flag for flag in ("--jobs", "--no-cache", "--cache") if flag in text}


@dataclass(frozen=True)
class Settings:
    """How to measure: the same for every size."""

    seed: int
    work: Path
    jobs: int
    runs: int
    query_timeout: float
    kg: Path
    flags: frozenset[str]


def measure(n: int, settings: Settings) -> Result:
    """Generate (or reuse) the corpus of size n and measure every stage on it."""
    begin = time.perf_counter()
    result = Result(n)
    seed, work, jobs, kg, flags = (
        settings.seed,
        settings.work,
        settings.jobs,
        settings.kg,
        settings.flags,
    )
    folder, result.generate_s = corpus(work, seed, n)
    texts = _texts(folder)
    result.files = len(texts)
    result.words = sum(len(text.split()) for text, _ in texts)
    result.tokenize_s, result.tokens = tokenizer_floor(texts, 3 if result.words < 2e6 else 1)
    del texts

    out = work / f"out-s{seed}-n{n}"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [str(kg), "build", str(folder), "--out", str(out)]
    if "--jobs" in flags:
        cmd += ["--jobs", str(jobs)]
    elif jobs != 1:
        result.notes.append(f"this kg build has no --jobs; ran with one process, not {jobs}")
    build = _checked(run(cmd, sample_tree=jobs > 1), "kg build")
    result.build_s, result.peak_rss_mb = build.seconds, build.maxrss_mb
    result.tree_rss_mb = build.tree_peak_mb
    result.build_summary = (build.stdout + build.stderr).strip().splitlines()[-1]
    if "--cache" in flags:  # the first build filled OUT/.cache; now every file is a hit
        result.rebuild_s = _checked(run(cmd), "kg rebuild").seconds

    ttl = out / "kg.ttl"
    for fmt, ext in FORMATS.items():
        target = out / f"export.{ext}"
        cmd = [str(kg), "export", "--data", str(ttl), "--format", fmt, "--out", str(target)]
        result.export_s[fmt] = _checked(run(cmd), f"kg export --format {fmt}").seconds
    nt = out / "export.nt"
    with nt.open("rb") as handle:
        result.triples = sum(1 for line in handle if line.strip())

    _oxigraph_bulk_load(nt, result)
    _queries(ttl, result, settings.runs, settings.query_timeout)
    result.total_s = time.perf_counter() - begin
    return result


def _oxigraph_bulk_load(nt: Path, result: Result) -> None:
    """Oxigraph's fastest path in: what a user with a big graph would query from."""
    try:
        from pyoxigraph import RdfFormat, Store
    except ImportError:
        result.notes.append("pyoxigraph not installed: no bulk load")
        return
    store = Store()
    start = time.perf_counter()
    store.bulk_load(path=str(nt), format=RdfFormat.N_TRIPLES)
    result.oxigraph_bulk_load_s = time.perf_counter() - start
    if len(store) != result.triples:
        result.notes.append(f"Oxigraph holds {len(store)} triples, the export {result.triples}")


def _queries(ttl: Path, result: Result, runs: int, timeout: float) -> None:
    """Median latency of every query in queries/, on rdflib and (if present) Oxigraph.

    Data is loaded once per engine and the load timed apart, so a query's figure is the
    query alone, as in a long-running `kg serve`.
    """
    from kg.query import default_params, load_data, run_query

    start = time.perf_counter()
    dataset = load_data([ttl])
    result.rdflib_load_s = time.perf_counter() - start

    store_module = _store_module()
    store = None
    if store_module is None:
        result.notes.append("kg.store has no load_store/run_query_oxigraph: Oxigraph skipped")
    else:
        start = time.perf_counter()
        store = store_module.load_store([ttl])
        result.oxigraph_load_s = time.perf_counter() - start

    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        params = default_params(text)
        name = path.stem

        def on_rdflib(text: str = text, params: dict[str, str] = params) -> str:
            return run_query(text, dataset, params=params, timeout=timeout)

        seconds, calls, output = _median_time(on_rdflib, runs)
        result.queries_rdflib_ms[name] = seconds * 1000 if seconds is not None else None
        result.query_runs[name] = calls
        result.query_rows[name] = _rows(output)
        if store_module is not None and store is not None:

            def on_oxigraph(text: str = text, params: dict[str, str] = params) -> str:
                return store_module.run_query_oxigraph(text, store, params=params, timeout=timeout)

            seconds, _, _ = _median_time(on_oxigraph, runs)
            result.queries_oxigraph_ms[name] = seconds * 1000 if seconds is not None else None


def _store_module() -> ModuleType | None:
    """kg.store is being written by another helper: use it only if it has what we call."""
    try:
        module = importlib.import_module("kg.store")
    except ImportError:
        return None
    if all(hasattr(module, name) for name in ("load_store", "run_query_oxigraph")):
        return module
    return None


def profile_build(folder: Path, out: Path, top: int = 25) -> str:
    """cProfile of an in-process build: which functions the time goes to."""
    import cProfile
    import io
    import pstats

    from kg.pipeline import build

    profiler = cProfile.Profile()
    profiler.enable()
    build([folder], out)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return text.getvalue()


# --- report -------------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def _pct(part: float | None, whole: float | None) -> str:
    if not part or not whole:
        return "–"
    return f"{100 * part / whole:.1f}%"


def _table(columns: list[str], rows: list[list[str]]) -> str:
    """A Markdown table that also reads well as plain text."""
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(columns)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|"
    return "\n".join([line(columns), rule, *(line(r) for r in rows)])


def main_table(results: list[Result]) -> str:
    rows = []
    for r in results:
        rss = _fmt(r.peak_rss_mb, 0)
        if r.tree_rss_mb is not None:
            rss += f" (all {r.tree_rss_mb:,.0f})"
        rows.append(
            [
                f"{r.n:,}",
                f"{r.words:,}",
                _fmt(r.tok_wps, 0),
                _fmt(r.build_s),
                _fmt(r.build_wps, 0),
                _pct(r.build_wps, r.tok_wps),
                rss,
                _fmt(r.rebuild_s),
                f"{r.triples:,}",
                _fmt(r.oxigraph_bulk_load_s),
                _pct(r.oxigraph_bulk_load_s, r.build_s),
            ]
        )
    return _table(MAIN_COLUMNS, rows)


def export_table(results: list[Result]) -> str:
    rows = []
    for r in results:
        slowest = max(r.export_s.values()) if r.export_s else None
        rows.append(
            [f"{r.n:,}", *(_fmt(r.export_s.get(f)) for f in FORMATS), _pct(slowest, r.build_s)]
        )
    return _table(EXPORT_COLUMNS, rows)


def _query_cell(ms: float | None, measured: bool, timeout: float) -> str:
    if not measured:
        return "–"
    return _fmt(ms, 1) if ms is not None else f"> {timeout * 1000:,.0f}"


def query_table(results: list[Result], runs: int, timeout: float) -> str:
    columns = ["query"]
    for r in results:
        columns += [f"N={r.n:,} rdflib ms", "oxigraph ms", "rdflib÷ox"]
    names = sorted({name for r in results for name in r.queries_rdflib_ms})
    rows = [["(load data, s)"]]
    for r in results:
        rows[0] += [_fmt(r.rdflib_load_s), _fmt(r.oxigraph_load_s), _ratio(r.rdflib_load_s, r)]
    for name in names:
        row = [name]
        for r in results:
            rdf, ox = r.queries_rdflib_ms.get(name), r.queries_oxigraph_ms.get(name)
            mark = "*" if r.query_runs.get(name, 0) < runs else ""
            row += [
                _query_cell(rdf, name in r.queries_rdflib_ms, timeout) + mark,
                _query_cell(ox, name in r.queries_oxigraph_ms, timeout),
                f"{rdf / ox:.1f}×" if rdf and ox else ("≥" if rdf is None and ox else "–"),
            ]
        rows.append(row)
    return _table(columns, rows)


def _ratio(rdflib_load: float, r: Result) -> str:
    return f"{rdflib_load / r.oxigraph_load_s:.1f}×" if r.oxigraph_load_s else "–"


def machine() -> dict[str, Any]:
    """What the figures were measured on: they mean little without it."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "commit": commit + ("+changes" if dirty else ""),
        "date": time.strftime("%Y-%m-%d"),
    }


def report(results: list[Result], meta: dict[str, Any]) -> str:
    """The Markdown report: the three tables, then how to read them."""
    notes = [f"- N={r.n:,}: {note}" for r in results for note in r.notes]
    ends = ", ".join(f"N={r.n:,} {r.total_s:,.0f} s" for r in results)
    return "\n".join(
        [
            "# kg scale benchmark",
            "",
            f"`{meta['command']}` (kg build --jobs {meta['jobs']}) on {meta['cpus']} CPUs, "
            f"Python {meta['python']}, "
            f"commit {meta['commit']}, {meta['date']}; load average at start "
            f"{meta['load_average_at_start']}; `kg build` startup (`--help`) "
            f"{meta['startup_s']:.2f} s. End to end per size (generation, build, rebuild, "
            f"exports, loads, queries): {ends}.",
            "",
            "## Build",
            "",
            main_table(results),
            "",
            "`tok words/s`: spaCy's blank tokenizer alone over every text, best of 3 (the "
            "floor); `build÷tok`: build throughput as a share of the floor; `peak RSS`: the "
            "build process's high-water mark (os.wait4), with --jobs > 1 also the sampled "
            "sum over all its processes; `rebuild`: the same build again, every file a hit "
            "in the extraction cache; `triples`: lines of the N-Triples export; `ox "
            "bulk-load`: `pyoxigraph.Store().bulk_load` of that file.",
            "",
            "## Exports (`kg export --data kg.ttl`, wall time including start-up and parse)",
            "",
            export_table(results),
            "",
            "## Queries (`queries/*.rq`, in-process, data loaded once; median of "
            f"{meta['runs']} run(s), * = one run because it took over {SLOW_QUERY:.0f} s; "
            f"'> t' = timed out after t ms)",
            "",
            query_table(results, meta["runs"], meta["query_timeout_s"]),
            "",
            *(["## Notes", "", *notes, ""] if notes else []),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="cache and outputs")
    parser.add_argument("--jobs", type=int, default=1, help="passed to kg build --jobs")
    parser.add_argument("--runs", type=int, help=f"runs per query (default {QUERY_RUNS})")
    parser.add_argument(
        "--query-timeout", type=float, help=f"seconds per query (default {QUERY_TIMEOUT:g})"
    )
    parser.add_argument(
        "--quick", action="store_true", help="N=20, one run per query (for the test suite)"
    )
    parser.add_argument("--results", type=Path, help="report file (JSON next to it)")
    parser.add_argument("--profile", action="store_true", help="cProfile the smallest build")
    args = parser.parse_args(argv)
    sizes = [20] if args.quick else args.sizes
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    results_md = args.results or (work / "results.md" if args.quick else HERE / "results.md")
    kg = _kg_command()
    settings = Settings(
        seed=args.seed,
        work=work,
        jobs=args.jobs,
        runs=args.runs or (1 if args.quick else QUERY_RUNS),
        query_timeout=args.query_timeout or (20.0 if args.quick else QUERY_TIMEOUT),
        kg=kg,
        flags=frozenset(build_flags(kg)),
    )
    meta = machine()
    meta["startup_s"] = statistics.median(
        run([str(kg), "build", "--help"]).seconds for _ in range(3)
    )
    meta["command"] = "python bench/bench.py " + " ".join(sys.argv[1:] if argv is None else argv)
    meta["runs"] = settings.runs
    meta["query_timeout_s"] = settings.query_timeout
    meta["jobs"] = settings.jobs
    meta["build_flags"] = sorted(settings.flags)

    results: list[Result] = []
    for n in sizes:
        print(f"bench: N={n:,} …", file=sys.stderr, flush=True)
        results.append(measure(n, settings))
        print(f"bench: N={n:,} done in {results[-1].total_s:,.0f} s", file=sys.stderr, flush=True)
        meta["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        write_results(results, meta, results_md)  # after each size: a long run keeps its part
    print(report(results, meta))
    if args.profile:
        smallest = min(sizes)
        folder, _ = corpus(work, args.seed, smallest)
        profile = profile_build(folder, work / "profile-out")
        target = work / f"profile-n{smallest}.txt"
        target.write_text(profile, encoding="utf-8")
        print(f"bench: profile of an in-process build of N={smallest} in {target}")
    return 0


def write_results(results: list[Result], meta: dict[str, Any], results_md: Path) -> None:
    """The Markdown report and, next to it, every raw figure as JSON."""
    results_md.parent.mkdir(parents=True, exist_ok=True)
    results_md.write_text(report(results, meta) + "\n", encoding="utf-8")
    raw = {"machine": meta, "results": [asdict(r) for r in results]}
    results_md.with_suffix(".json").write_text(json.dumps(raw, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    sys.exit(main())
