"""How fast is `kg` on one machine, from 100 to 10,000+ articles, and where does time go?

Absolute seconds on a shared 2-core machine move by tens of percent from one run to the
next, so every figure comes with a ratio against something measured in the same run on
the same generated corpus:

- the **floor**: spaCy's blank tokenizer alone over every passage of every text, as the
  build hands them to it (`spacy.blank(lang).make_doc`), the least any spaCy-based
  reader must spend; `build÷tok` is the one-core
  build's throughput as a share of it; next to it, the same pipelines with spaCy's own
  lookup lemmatizer (`build÷lemma`): the least a reader of lemmas spends;
- the **one-core build** (`kg build --jobs 1 --no-cache`, run as a subprocess like a
  user runs it), against which the two-core build (`--jobs 2 --no-cache`: the same work)
  is compared; then a two-core build with the cache and `--with-store` (cold: what a
  first archive build with a store costs), a no-change rebuild, an incremental build (one
  new article), the exports from the store and Oxigraph's bulk load of the same triples;
- **Oxigraph vs rdflib** for every query in `queries/`: Oxigraph on the persistent store
  the build wrote, rdflib (up to `--rdflib-max` articles) on the build's kg.ttl; and per
  query the **row floor**: as many rows of one triple pattern, through the same path, the
  least any query that returns that many rows can cost.

A short block at the end says, per size, which of the 10,000-article targets are met.

    .venv/bin/python bench/bench.py --sizes 100 1000 10000        # writes bench/results.md
    .venv/bin/python bench/bench.py --quick                      # N=20, for the test suite

Corpora come from `bench/generate.py` and are cached in the work folder by seed, size
and a digest of the generator and the entity file, so a rerun measures only `kg`.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
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
# the rule files the generated articles draw their names from (bench/generate.py)
ENTITIES = (REPO / "kg" / "rules" / "entities.yaml", REPO / "kg" / "rules" / "organisations.yaml")
BUILD_OUTPUTS = ("kg.nq", "kg.ttl", "kg.trig")  # must be byte-identical for --jobs 1 and 2
EXPORTS = {"nt": "nt", "turtle": "ttl"}  # kg export --store formats, and their suffixes
QUERY_RUNS = 5
SLOW_QUERY = 10.0  # seconds: a query slower than this once is not repeated
QUERY_TIMEOUT = 120.0  # seconds: past this a query is reported as timed out
RDFLIB_MAX = 1000  # articles: above this rdflib's in-memory load is not measured

# The article the incremental build adds, and removes again so the cached corpus stays.
INCREMENTAL_FILE = "zz-incremental.txt"
INCREMENTAL_TEXT = """date: 2021-11-20
lang: en

Poland closed the Kuźnica border crossing with Belarus on Saturday, the Polish interior \
ministry said. The European Union imposed new sanctions on Belarus over the crisis at the \
border. Lithuania supports Poland and has closed two of its own crossings.
"""

# The targets for a 10,000-article archive on this machine.
TARGET_BUILD_TOK = 0.50  # build words/s ÷ tokenizer words/s
TARGET_SPEEDUP = 1.7  # t(--jobs 1) ÷ t(--jobs 2), judged from SPEEDUP_FROM articles on
SPEEDUP_FROM = 10_000
TARGET_RSS_MB = 2048.0
TARGET_QUERY_MS = 100.0
TARGET_EXPORT_S = 10.0
TARGET_INCREMENTAL_S = 2.0

MAIN_COLUMNS = [
    "N",
    "words",
    "tok words/s",
    "lemma words/s",
    "build s",
    "build words/s",
    "build÷tok",
    "build÷lemma",
    "peak RSS MB",
    "jobs-2 s",
    "speedup",
    "jobs-2 RSS MB",
    "jobs 1 vs 2",
    "+store s",
    "+store MB",
    "rebuild s",
    "incremental s",
]
OUTPUT_COLUMNS = [
    "N",
    "triples",
    "quads",
    "nt export s",
    "turtle export s",
    "ox bulk-load s",
    "ox load÷build",
]


@dataclass
class Result:
    """Everything measured for one corpus size; written to JSON as is."""

    n: int
    files: int = 0
    words: int = 0
    tokens: int = 0
    generate_s: float = 0.0
    tokenize_s: float = 0.0
    lemmatize_s: float = 0.0  # the tokenizer and spaCy's lookup lemmatizer
    build_s: float = 0.0  # --jobs 1 --no-cache
    build_summary: str = ""
    peak_rss_mb: float = 0.0  # --jobs 1: os.wait4 high-water mark (or the sampled tree's)
    jobs2_s: float = 0.0  # --jobs 2 --no-cache, fresh output folder
    jobs2_rss_mb: float = 0.0  # sampled PSS sum over the build's processes (wait4 w/o psutil)
    jobs2_maxrss_mb: float = 0.0  # os.wait4: the largest single process
    jobs2_same: str = ""  # "identical", or which of BUILD_OUTPUTS differ from --jobs 1
    store_s: float | None = None  # --jobs 2 --with-store, cache on, cold
    store_rss_mb: float = 0.0  # its sampled PSS sum
    rebuild_s: float | None = None  # the store build again, nothing changed: up to date
    incremental_s: float | None = None  # the store build again with one new article
    incremental_summary: str = ""
    triples: int = 0  # lines of the N-Triples export
    quads: int = 0  # lines of kg.nq
    export_s: dict[str, float] = field(default_factory=dict)
    oxigraph_bulk_load_s: float | None = None
    oxigraph_open_s: float = 0.0
    rdflib_load_s: float | None = None  # None: above --rdflib-max, rdflib not measured
    queries_oxigraph_ms: dict[str, float | None] = field(default_factory=dict)  # None: timeout
    queries_rdflib_ms: dict[str, float | None] = field(default_factory=dict)
    query_runs: dict[str, int] = field(default_factory=dict)
    query_rows: dict[str, int] = field(default_factory=dict)
    query_floor_ms: dict[str, float | None] = field(default_factory=dict)  # same rows, 1 pattern
    notes: list[str] = field(default_factory=list)
    total_s: float = 0.0

    @property
    def tok_wps(self) -> float:
        return self.words / self.tokenize_s if self.tokenize_s else 0.0

    @property
    def lemma_wps(self) -> float:
        return self.words / self.lemmatize_s if self.lemmatize_s else 0.0

    @property
    def build_wps(self) -> float:
        return self.words / self.build_s if self.build_s else 0.0

    @property
    def speedup(self) -> float | None:
        return self.build_s / self.jobs2_s if self.jobs2_s else None


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
    folder = work / f"corpus-s{seed}-n{n}-{_digest(HERE / 'generate.py', *ENTITIES)}"
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
    from kg.articles.read import read_document

    return [
        (doc.text, doc.lang)
        for doc in (read_document(path) for path in sorted(folder.glob("*.txt")))
    ]


def _passages(folder: Path) -> list[tuple[str, str]]:
    """(text, lang) of every passage (paragraph, quoted post): what `kg build` tokenizes.

    A whole file is no fair floor: spaCy splits only at spaces, so a chunk that holds line
    breaks ("grens.\n\nDaar") is regex-matched whole and never cached, which made whole
    files about 10x slower to tokenize than their paragraphs (runs before 2026-11-26).
    """
    from kg.articles.read import read_document
    from kg.extract.document import passages

    out = []
    for path in sorted(folder.glob("*.txt")):
        document = read_document(path)
        out.extend((document.text[p.begin : p.end], p.lang) for p in passages(document))
    return out


def tokenizer_floor(pieces: list[tuple[str, str]], repeats: int) -> tuple[float, int]:
    """Best-of-`repeats` seconds for spaCy's blank tokenizer over every passage, and tokens.

    Each repeat starts from fresh pipelines (an empty tokenizer cache): the build reads
    every text once.
    """
    import spacy

    langs = sorted({lang for _, lang in pieces})
    best, tokens = float("inf"), 0
    for _ in range(repeats):
        nlp = {lang: spacy.blank(lang) for lang in langs}
        start = time.perf_counter()
        tokens = sum(len(nlp[lang].make_doc(text)) for text, lang in pieces)
        best = min(best, time.perf_counter() - start)
    return best, tokens


def lemmatizer_floor(pieces: list[tuple[str, str]], repeats: int) -> float:
    """Best-of-`repeats` seconds for the blank pipelines with spaCy's lookup lemmatizer.

    The product reads lemmas (DESIGN: blank pipelines, lookup lemmas): this is what spaCy's
    own component costs for them, every token looked up, from fresh pipelines.
    """
    import spacy

    langs = sorted({lang for _, lang in pieces})
    best = float("inf")
    for _ in range(repeats):
        nlp = {lang: spacy.blank(lang) for lang in langs}
        for pipeline in nlp.values():
            pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
            pipeline.initialize()
        start = time.perf_counter()
        for text, lang in pieces:
            nlp[lang](text)
        best = min(best, time.perf_counter() - start)
    return best


@dataclass
class Run:
    """One finished subprocess: wall time, exit code, output and memory high-water mark."""

    seconds: float
    code: int
    stdout: str
    stderr: str
    maxrss_mb: float
    tree_peak_mb: float | None


def _pss_bytes(pid: int) -> int | None:
    """A process's proportional set size: pages shared with others count by their share."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    match = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
    return int(match[1]) * 1024 if match else None


SAMPLER_SHARE = 0.05  # of one core, at most, for reading the tree's memory


def _sample_tree(pid: int, stop: threading.Event, peak: list[float]) -> None:
    """Sum the memory of a process and its children (only with psutil), as often as
    costs at most SAMPLER_SHARE of a core: every 50 ms for a small build.

    PSS where Linux gives it: forked workers share their parent's pages, and summing
    RSS would count those pages once per process. RSS elsewhere. Reading PSS makes the
    kernel walk each process's page tables: about 11 ms per process of a 10,000-article
    build, so at a fixed 50 ms it took 40% of a core, on a 2-core machine a fifth of
    what a `--jobs 2` build needs (and barely touched a one-core build).
    """
    import psutil

    try:
        root = psutil.Process(pid)
        while not stop.is_set():
            started = time.thread_time()
            total = 0
            with contextlib.suppress(psutil.Error):
                for proc in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        pss = _pss_bytes(proc.pid)
                        total += proc.memory_info().rss if pss is None else pss
            peak[0] = max(peak[0], total / 2**20)
            cost = time.thread_time() - started
            stop.wait(max(0.05, cost / SAMPLER_SHARE))
    except psutil.Error:
        return


def _high_water_mb(pid: int, cmd: list[str]) -> float | None:
    """The process's own peak RSS (VmHWM) once it runs `cmd`, or None without /proc.

    Before its exec the child is a copy of this script, with this script's VmHWM.
    """
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[:-1]
        if [a.decode(errors="replace") for a in args[-len(cmd) :]] != cmd:
            return None
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match[1]) / 1024 if match else None


def _sample_high_water(pid: int, cmd: list[str], stop: threading.Event, peak: list[float]) -> None:
    while not stop.is_set():
        mb = _high_water_mb(pid, cmd)
        if mb is not None:
            peak[0] = max(peak[0], mb)
        stop.wait(0.05)


def run(cmd: list[str], sample_tree: bool = False) -> Run:
    """Run `cmd`; its peak memory is its VmHWM, read every 50 ms.

    Not os.wait4's ru_maxrss: a child's ru_maxrss starts from the parent's RSS at the
    fork (exec keeps the old high-water mark), so once this script has loaded a big
    graph every later build would seem to use that much. ru_maxrss is kept as the
    fallback where there is no /proc. For worker processes (--jobs) the tree's summed
    PSS is also sampled when psutil is there.
    """
    with tempfile.TemporaryFile() as stdout_file, tempfile.TemporaryFile() as stderr_file:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout_file, stderr=stderr_file, cwd=REPO)
        stop, peak, own = threading.Event(), [0.0], [0.0]
        sampler = None
        if sample_tree and importlib.util.find_spec("psutil"):
            sampler = threading.Thread(target=_sample_tree, args=(proc.pid, stop, peak))
            sampler.start()
        watcher = threading.Thread(target=_sample_high_water, args=(proc.pid, cmd, stop, own))
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        watcher.join()
        if sampler:
            sampler.join()
        stdout_file.seek(0)
        stderr_file.seek(0)
        return Run(
            seconds=seconds,
            code=proc.returncode,
            stdout=stdout_file.read().decode("utf-8", "replace"),
            stderr=stderr_file.read().decode("utf-8", "replace"),
            maxrss_mb=own[0] or usage.ru_maxrss / 1024,  # Linux reports KiB
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


def _lines(path: Path) -> int:
    """Non-empty lines of a line-based RDF file (N-Triples, N-Quads): its statements."""
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _last_line(build: Run) -> str:
    """The build's summary line ("kg: wrote …: N documents, …"), else its last line."""
    lines = (build.stdout + build.stderr).strip().splitlines()
    summaries = [line for line in lines if " documents, " in line]
    return summaries[-1] if summaries else (lines[-1] if lines else "")


def _same_outputs(one: Path, two: Path) -> str:
    """'identical' when every build output is byte-identical in both folders, else which."""
    differ = []
    for name in BUILD_OUTPUTS:
        if not (one / name).is_file() or not (two / name).is_file():
            differ.append(f"{name} missing")
        elif not filecmp.cmp(one / name, two / name, shallow=False):
            differ.append(name)
    return "identical" if not differ else "differ: " + ", ".join(differ)


# --- the measurements ---------------------------------------------------------------------


def build_flags(kg: Path) -> set[str]:
    """Which of the build flags the bench needs this `kg` has."""
    text = run([str(kg), "build", "--help"]).stdout
    return {flag for flag in ("--jobs", "--no-cache", "--store") if flag in text}


@dataclass(frozen=True)
class Settings:
    """How to measure: the same for every size."""

    seed: int
    work: Path
    runs: int
    query_timeout: float
    rdflib_max: int
    kg: Path


def measure(n: int, settings: Settings) -> Result:
    """Generate (or reuse) the corpus of size n and measure every stage on it."""
    begin = time.perf_counter()
    result = Result(n)
    folder, result.generate_s = corpus(settings.work, settings.seed, n)
    (folder / INCREMENTAL_FILE).unlink(missing_ok=True)  # left by a bench that was killed
    texts = _texts(folder)
    result.files = len(texts)
    result.words = sum(len(text.split()) for text, _ in texts)
    pieces = _passages(folder)
    repeats = 3 if result.words < 2e6 else 1
    result.tokenize_s, result.tokens = tokenizer_floor(pieces, repeats)
    result.lemmatize_s = lemmatizer_floor(pieces, repeats)
    del pieces
    del texts

    out1 = settings.work / f"out-s{settings.seed}-n{n}-jobs1"
    out2 = settings.work / f"out-s{settings.seed}-n{n}-jobs2"
    _builds(folder, out1, out2, settings.kg, result)
    _outputs(out2, settings.kg, result)  # the store of the incremental build: N+1 articles
    _oxigraph_bulk_load(out2 / "export.nt", settings.work, result)
    _queries(out2, result, settings)
    result.total_s = time.perf_counter() - begin
    return result


def _builds(folder: Path, out1: Path, out2: Path, kg: Path, result: Result) -> None:
    """`kg build` as users run it: one core and two cores without cache (the same work,
    so the speedup compares like with like), then two cores with the cache and the
    Oxigraph store (cold), no change, and one new article."""
    for out in (out1, out2):
        shutil.rmtree(out, ignore_errors=True)
    one = [str(kg), "build", str(folder), "--out", str(out1), "--jobs", "1", "--no-cache"]
    build = _checked(run(one, sample_tree=True), "kg build --jobs 1")
    result.build_s = build.seconds
    result.peak_rss_mb = max(build.maxrss_mb, build.tree_peak_mb or 0.0)
    result.build_summary = _last_line(build)

    two = [str(kg), "build", str(folder), "--out", str(out2), "--jobs", "2"]
    build = _checked(run([*two, "--no-cache"], sample_tree=True), "kg build --jobs 2")
    result.jobs2_s, result.jobs2_maxrss_mb = build.seconds, build.maxrss_mb
    result.jobs2_rss_mb = build.tree_peak_mb or build.maxrss_mb
    if build.tree_peak_mb is None:
        result.notes.append("psutil not installed: jobs-2 memory is the largest process only")
    result.jobs2_same = _same_outputs(out1, out2)  # before the incremental build adds one

    with_store = [*two, "--with-store"]
    build = _checked(run(with_store, sample_tree=True), "kg build --with-store")
    result.store_s = build.seconds
    result.store_rss_mb = build.tree_peak_mb or build.maxrss_mb
    result.rebuild_s = _checked(run(with_store), "kg build (no change)").seconds
    added = folder / INCREMENTAL_FILE
    try:
        added.write_text(INCREMENTAL_TEXT, encoding="utf-8")
        build = _checked(run(with_store), "kg build (one new article)")
    finally:
        added.unlink(missing_ok=True)
    result.incremental_s = build.seconds
    result.incremental_summary = _last_line(build)
    match = re.search(r"([\d,]+) documents", result.incremental_summary)
    if not match or int(match[1].replace(",", "")) != result.files + 1:
        result.notes.append(f"incremental build did not read N+1 articles: {_last_line(build)}")


def _outputs(out: Path, kg: Path, result: Result) -> None:
    """Exports streamed from the build's store, and how many statements there are."""
    for fmt, ext in EXPORTS.items():
        target = out / f"export.{ext}"
        cmd = [str(kg), "export", "--store", str(out / "store"), "--format", fmt]
        result.export_s[fmt] = _checked(run([*cmd, "--out", str(target)]), f"export {fmt}").seconds
    result.triples = _lines(out / "export.nt")
    result.quads = _lines(out / "kg.nq")


def _oxigraph_bulk_load(nt: Path, work: Path, result: Result) -> None:
    """Oxigraph's fastest way in, into a fresh store on disk: the floor for loading."""
    from pyoxigraph import RdfFormat, Store

    with tempfile.TemporaryDirectory(prefix="bulk-load-", dir=work) as tmp:
        store = Store(tmp)
        start = time.perf_counter()
        store.bulk_load(path=str(nt), format=RdfFormat.N_TRIPLES)
        result.oxigraph_bulk_load_s = time.perf_counter() - start
        held = len(store)
        del store  # closed before its folder goes
    if held != result.triples:
        result.notes.append(f"Oxigraph bulk load holds {held} triples, the export {result.triples}")


def _queries(out: Path, result: Result, settings: Settings) -> None:
    """Median latency of every query in queries/: Oxigraph on OUT/store, rdflib on kg.ttl.

    Each engine opens (or loads) its data once, timed apart, so a query's figure is the
    query alone, as in a long-running `kg serve`.
    """
    from kg.query.oxigraph import run_query_oxigraph
    from kg.query.run import default_params, load_data, run_query
    from kg.store.files import open_store

    runs, timeout = settings.runs, settings.query_timeout
    start = time.perf_counter()
    store = open_store(out / "store")
    result.oxigraph_open_s = time.perf_counter() - start
    dataset = None
    if result.n <= settings.rdflib_max:
        start = time.perf_counter()
        dataset = load_data([out / "kg.ttl"])
        result.rdflib_load_s = time.perf_counter() - start

    floors: dict[int, float | None] = {}
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        params = default_params(text)
        name = path.stem

        def on_oxigraph(text: str = text, params: dict[str, str] = params) -> str:
            return run_query_oxigraph(text, store, params=params, timeout=timeout)

        seconds, calls, output = _median_time(on_oxigraph, runs)
        result.queries_oxigraph_ms[name] = seconds * 1000 if seconds is not None else None
        result.query_runs[name] = calls
        result.query_rows[name] = _rows(output)
        rows = result.query_rows[name]
        result.query_floor_ms[name] = _row_floor_ms(store, rows, runs, timeout, floors)
        if dataset is None:
            continue

        def on_rdflib(text: str = text, params: dict[str, str] = params) -> str:
            return run_query(text, dataset, params=params, timeout=timeout)

        seconds, _, output = _median_time(on_rdflib, runs)
        result.queries_rdflib_ms[name] = seconds * 1000 if seconds is not None else None
        rows = _rows(output)
        if seconds is not None and rows != result.query_rows[name]:
            result.notes.append(
                f"{name}: {result.query_rows[name]} rows on Oxigraph, {rows} on rdflib"
            )


def _row_floor_ms(
    store: Any, rows: int, runs: int, timeout: float, floors: dict[int, float | None]
) -> float | None:
    """Median ms for `rows` rows of one triple pattern, through the path the queries take.

    Whatever its joins, a query that returns that many rows costs at least this: Oxigraph
    reads them and kg turns them into its table. Measured once per row count.
    """
    from kg.query.oxigraph import run_query_oxigraph

    if rows <= 0:
        return None
    if rows not in floors:
        text = f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT {rows}"
        seconds, _, _ = _median_time(lambda: run_query_oxigraph(text, store, timeout=timeout), runs)
        floors[rows] = seconds * 1000 if seconds is not None else None
    return floors[rows]


def profile_build(folder: Path, out: Path, top: int = 25) -> str:
    """cProfile of an in-process build: which functions the time goes to."""
    import cProfile
    import io
    import pstats

    from kg.build.pipeline import build

    profiler = cProfile.Profile()
    profiler.enable()
    build([folder], out)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return text.getvalue()


# --- targets ------------------------------------------------------------------------------


def _verdict(ok: bool, detail: str) -> str:
    return f"{'pass' if ok else 'fail'} ({detail})"


def targets(r: Result) -> dict[str, str]:
    """Pass or fail, with the figure, for each target of a 10,000-article archive."""
    share = r.build_wps / r.tok_wps if r.tok_wps else 0.0
    lemma_share = r.lemma_wps / r.tok_wps if r.tok_wps else 0.0
    over_floor = sorted(
        name for name, ms in r.query_floor_ms.items() if ms is not None and ms >= TARGET_QUERY_MS
    )
    speedup = r.speedup or 0.0
    rss = max(r.peak_rss_mb, r.jobs2_rss_mb, r.store_rss_mb)
    slow = [
        f"{name} {'timeout' if ms is None else f'{ms:,.0f} ms'}"
        for name, ms in sorted(r.queries_oxigraph_ms.items())
        if ms is None or ms >= TARGET_QUERY_MS
    ]
    slowest = max((ms or 0.0 for ms in r.queries_oxigraph_ms.values()), default=0.0)
    export = max(r.export_s.values(), default=0.0)
    incremental = r.incremental_s if r.incremental_s is not None else float("inf")
    return {
        f"build÷tok ≥ {TARGET_BUILD_TOK:.0%}": _verdict(
            share >= TARGET_BUILD_TOK,
            f"{share:.1%}; spaCy's lookup lemmatizer alone: {lemma_share:.1%}",
        ),
        f"jobs-2 speedup ≥ {TARGET_SPEEDUP}×": (
            _verdict(speedup >= TARGET_SPEEDUP, f"{speedup:.2f}×")
            if r.n >= SPEEDUP_FROM
            else f"n/a ({speedup:.2f}×, judged from N={SPEEDUP_FROM:,})"
        ),
        f"peak RSS < {TARGET_RSS_MB:,.0f} MB": _verdict(rss < TARGET_RSS_MB, f"{rss:,.0f} MB"),
        f"every Oxigraph query < {TARGET_QUERY_MS:.0f} ms": _verdict(
            not slow and bool(r.queries_oxigraph_ms),
            (", ".join(slow) if slow else f"slowest {slowest:,.1f} ms")
            + (
                f"; their rows alone, from one pattern, take ≥ {TARGET_QUERY_MS:.0f} ms for "
                + ", ".join(over_floor)
                if over_floor
                else ""
            ),
        ),
        f"nt and turtle export < {TARGET_EXPORT_S:.0f} s": _verdict(
            len(r.export_s) == len(EXPORTS) and export < TARGET_EXPORT_S,
            f"slowest {export:,.2f} s",
        ),
        f"incremental < {TARGET_INCREMENTAL_S:.0f} s": _verdict(
            incremental < TARGET_INCREMENTAL_S, f"{incremental:,.2f} s"
        ),
    }


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
        rows.append(
            [
                f"{r.n:,}",
                f"{r.words:,}",
                _fmt(r.tok_wps, 0),
                _fmt(r.lemma_wps, 0),
                _fmt(r.build_s),
                _fmt(r.build_wps, 0),
                _pct(r.build_wps, r.tok_wps),
                _pct(r.build_wps, r.lemma_wps),
                _fmt(r.peak_rss_mb, 0),
                _fmt(r.jobs2_s),
                f"{r.speedup:.2f}×" if r.speedup else "–",
                _fmt(r.jobs2_rss_mb, 0),
                r.jobs2_same,
                _fmt(r.store_s),
                _fmt(r.store_rss_mb, 0),
                _fmt(r.rebuild_s),
                _fmt(r.incremental_s),
            ]
        )
    return _table(MAIN_COLUMNS, rows)


def output_table(results: list[Result]) -> str:
    rows = []
    for r in results:
        rows.append(
            [
                f"{r.n:,}",
                f"{r.triples:,}",
                f"{r.quads:,}",
                *(_fmt(r.export_s.get(fmt)) for fmt in EXPORTS),
                _fmt(r.oxigraph_bulk_load_s),
                _pct(r.oxigraph_bulk_load_s, r.build_s),
            ]
        )
    return _table(OUTPUT_COLUMNS, rows)


def _query_cell(ms: float | None, measured: bool, timeout: float) -> str:
    if not measured:
        return "–"
    return _fmt(ms, 1) if ms is not None else f"> {timeout * 1000:,.0f}"


def query_table(results: list[Result], runs: int, timeout: float) -> str:
    columns = ["query"]
    for r in results:
        columns += [f"N={r.n:,} oxigraph ms", "rdflib ms", "rows", "row floor ms"]
    names = sorted({name for r in results for name in r.queries_oxigraph_ms})
    rows = [["(open / load data, s)"]]
    for r in results:
        rows[0] += [_fmt(r.oxigraph_open_s), _fmt(r.rdflib_load_s), "", ""]
    for name in names:
        row = [name]
        for r in results:
            ox = r.queries_oxigraph_ms.get(name)
            measured = name in r.queries_oxigraph_ms
            mark = "*" if r.query_runs.get(name, 0) < runs else ""
            fast = " ✓" if ox is not None and ox < TARGET_QUERY_MS else " ✗"
            row += [
                _query_cell(ox, measured, timeout) + mark + (fast if measured else ""),
                _query_cell(r.queries_rdflib_ms.get(name), name in r.queries_rdflib_ms, timeout),
                f"{r.query_rows[name]:,}" if r.query_rows.get(name, -1) >= 0 else "–",
                _fmt(r.query_floor_ms.get(name), 1),
            ]
        rows.append(row)
    return _table(columns, rows)


def targets_block(results: list[Result]) -> list[str]:
    """One line per target: pass or fail for every size, with the figure judged."""
    verdicts = [targets(r) for r in results]
    return [
        f"- {name}: "
        + "; ".join(f"N={r.n:,} {v[name]}" for r, v in zip(results, verdicts, strict=True))
        for name in verdicts[0]
    ]


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
    """The Markdown report: the three tables, the targets, then notes."""
    notes = [f"- N={r.n:,}: {note}" for r in results for note in r.notes]
    ends = ", ".join(f"N={r.n:,} {r.total_s:,.0f} s" for r in results)
    return "\n".join(
        [
            "# kg scale benchmark",
            "",
            f"`{meta['command']}` on {meta['platform']}, {meta['cpus']} CPUs, "
            f"Python {meta['python']}, commit {meta['commit']}, {meta['date']}; load average "
            f"at start {meta['load_average_at_start']}; `kg build` startup (`--help`) "
            f"{meta['startup_s']:.2f} s. End to end per size (generation, five builds, "
            f"exports, bulk load, queries): {ends}.",
            "",
            "## Build",
            "",
            main_table(results),
            "",
            "`tok words/s`: spaCy's blank tokenizer alone over every passage (paragraph, "
            "post) of every text, fresh pipelines, best of 3 (the floor); `lemma words/s`: "
            "the same with spaCy's lookup lemmatizer (`lemmatizer` in lookup mode, every "
            "token looked up: what reading lemmas costs spaCy itself); `build s`: "
            "`kg build --jobs 1 --no-cache` (writes kg.nq, kg.ttl and "
            "kg.trig); `build÷tok`, `build÷lemma`: its throughput as a share of each; "
            "`peak RSS`: its "
            "own high-water mark (VmHWM, read every 50 ms), or the sampled process tree if "
            "higher; `jobs-2`: `--jobs 2 --no-cache` into a fresh folder, "
            "`speedup` = t(jobs 1) ÷ t(jobs 2), its memory the PSS summed over all its "
            "processes (pages shared after a fork counted once; sampled every 50 ms, or less "
            f"often where a sample costs more: at most {SAMPLER_SHARE:.0%} of a core); "
            "`jobs 1 vs 2`: whether kg.nq, kg.ttl and kg.trig are byte-identical; `+store`: "
            "`--jobs 2 --with-store` into the same folder with the cache on (cold: "
            "extraction, cache files, the outputs again and OUT/store), its seconds and PSS "
            "sum; `rebuild`: that build again, nothing "
            f"changed (up to date); `incremental`: the same after adding one article "
            f"({INCREMENTAL_FILE}, removed afterwards; its store is the one queried below).",
            "",
            "## Outputs",
            "",
            output_table(results),
            "",
            "`triples`: lines of `kg export --store OUT/store --format nt`; `quads`: lines of "
            "kg.nq; export times are wall time of `kg export --store` (start-up included); "
            "`ox bulk-load`: `pyoxigraph.Store(tmpdir).bulk_load` of the N-Triples export into "
            "a fresh store on disk, the floor for loading; `ox load÷build`: its seconds as a "
            "share of the jobs-1 build's.",
            "",
            "## Queries (`queries/*.rq`, in-process, data opened once; median of "
            f"{meta['runs']} run(s), * = one run because it took over {SLOW_QUERY:.0f} s; "
            f"'> t' = timed out after t ms; ✓ = under {TARGET_QUERY_MS:.0f} ms)",
            "",
            query_table(results, meta["runs"], meta["query_timeout_s"]),
            "",
            "Oxigraph: the build's persistent OUT/store opened read-only "
            "(`kg.store.files.open_store`), queried with `kg.query.oxigraph.run_query_oxigraph`; "
            f"rdflib: kg.ttl loaded with `kg.query.run.load_data`, only up to N="
            f"{meta['rdflib_max']:,} ('–' above); `rows`: rows of the Oxigraph answer; "
            "`row floor`: as many rows of one pattern (`SELECT ?s ?p ?o WHERE { ?s ?p ?o } "
            "LIMIT rows`) through the same path, the least any query returning that many "
            "rows costs here.",
            "",
            "## Targets (10,000-article archive)",
            "",
            *targets_block(results),
            "",
            *(["## Notes", "", *notes, ""] if notes else []),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="cache and outputs")
    parser.add_argument("--runs", type=int, help=f"runs per query (default {QUERY_RUNS})")
    parser.add_argument(
        "--query-timeout", type=float, help=f"seconds per query (default {QUERY_TIMEOUT:g})"
    )
    parser.add_argument(
        "--rdflib-max",
        type=int,
        default=RDFLIB_MAX,
        help=f"largest N whose queries also run on rdflib (default {RDFLIB_MAX})",
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
    missing = {"--jobs", "--no-cache", "--store"} - build_flags(kg)
    if missing:
        raise SystemExit(f"bench: this kg build has no {', '.join(sorted(missing))}")
    settings = Settings(
        seed=args.seed,
        work=work,
        runs=args.runs or (1 if args.quick else QUERY_RUNS),
        query_timeout=args.query_timeout or (20.0 if args.quick else QUERY_TIMEOUT),
        rdflib_max=args.rdflib_max,
        kg=kg,
    )
    meta = machine()
    meta["startup_s"] = statistics.median(
        run([str(kg), "build", "--help"]).seconds for _ in range(3)
    )
    meta["command"] = "python bench/bench.py " + " ".join(sys.argv[1:] if argv is None else argv)
    meta["runs"] = settings.runs
    meta["query_timeout_s"] = settings.query_timeout
    meta["rdflib_max"] = settings.rdflib_max

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
    """The Markdown report and, next to it, every raw figure (and verdict) as JSON."""
    results_md.parent.mkdir(parents=True, exist_ok=True)
    results_md.write_text(report(results, meta) + "\n", encoding="utf-8")
    raw = {
        "machine": meta,
        "results": [{**asdict(r), "targets": targets(r)} for r in results],
    }
    results_md.with_suffix(".json").write_text(
        json.dumps(raw, indent=2, ensure_ascii=False) + "\n", "utf-8"
    )


if __name__ == "__main__":
    sys.exit(main())
