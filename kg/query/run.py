"""Safe, read-only SPARQL over kg's RDF output, with stable result formats.

rdflib will follow `SERVICE` and load `FROM <url>` from the network, and no switch turns
that off, so every query is parsed and its algebra walked before it runs: updates are
never evaluated, and `SERVICE` and dataset clauses that would fetch anything are refused
unless the caller explicitly allows them. Evaluation runs in a worker thread so a runaway
query can be stopped, and every output format is made deterministic.
"""

from __future__ import annotations

import ctypes
import difflib
import json
import os
import re
import selectors
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from pyparsing import ParseException, ParseResults
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.plugins.stores.memory import Memory
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import DataError, QueryError
from kg.query.text import MAX_TOKENS, ReadQuery, read_query
from kg.rdf.serialize import serialize
from kg.rdf.vocab import PREFIXES, bind_prefixes, sparql_prologue

__all__ = [
    "DATA_FORMATS",
    "FORMATS",
    "CheckedQuery",
    "check_query",
    "default_params",
    "format_result",
    "load_data",
    "no_such_graph",
    "resolve_query",
    "run_query",
    "run_with_timeout",
]

DATA_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}
"""File extension → rdflib parser name for the data files `load_data` accepts."""

_SOLUTION_FORMATS = ("table", "csv", "tsv", "json")
_GRAPH_FORMATS = ("turtle", "nt", "jsonld")

FORMATS: dict[str, tuple[str, ...]] = {
    "SELECT": _SOLUTION_FORMATS,
    "ASK": ("table", "json"),  # the W3C CSV/TSV result formats define no boolean form
    "CONSTRUCT": ("table", *_GRAPH_FORMATS),  # table means turtle for a graph
    "DESCRIBE": ("table", *_GRAPH_FORMATS),
}
"""Output formats that fit each query form."""

TABLE_CELL_MAX = 80
"""Longer cells are cut in the table format (a document's full text would wreck it)."""

_QUERY_SUFFIXES = (".rq", ".sparql")
_QUERY_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_IRI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_PNAME = re.compile(r"(?P<prefix>[A-Za-z][A-Za-z0-9_.-]*)?:(?P<local>[^\s<>\"{}|^`\\]*)")
_NUMBERS: tuple[tuple[re.Pattern[str], URIRef], ...] = (
    (re.compile(r"[+-]?[0-9]+"), XSD.integer),
    (re.compile(r"[+-]?[0-9]*\.[0-9]+"), XSD.decimal),
    (re.compile(r"[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"), XSD.double),
)
_T = TypeVar("_T")
_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


# --- data ------------------------------------------------------------------------------


class _SortedScanMemory(Memory):
    """rdflib's Memory store, but a full scan (`?s ?p ?o`) comes out sorted.

    Memory answers a pattern with no bound term from a set, so rows (and which rows a
    LIMIT keeps) followed the hash seed; every other pattern already follows insertion order.
    """

    def triples(  # type: ignore[override]
        self,
        triple_pattern: tuple[Node | None, Node | None, Node | None],
        context: Graph | None = None,
    ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph | None]]]:
        matches = super().triples(triple_pattern, context)
        if any(term is not None for term in triple_pattern):
            return matches
        return iter(sorted(matches, key=lambda match: tuple(t.n3() for t in match[0])))


def load_data(paths: list[Path]) -> Dataset:
    """Parse every data file into one Dataset whose default graph is the union of all."""
    dataset = Dataset(store=_SortedScanMemory(), default_union=True)
    bind_prefixes(dataset)
    for path in paths:
        _parse_into(dataset, path)
    return dataset


def _parse_into(dataset: Dataset, path: Path) -> None:
    fmt = DATA_FORMATS.get(path.suffix.lower())
    if fmt is None and (path / "CURRENT").is_file():
        raise DataError(f"{path}: an Oxigraph store; query it with --engine oxigraph")
    if fmt is None:
        known = ", ".join(DATA_FORMATS)
        raise DataError(f"{path}: unknown data format {path.suffix!r}; expected one of {known}")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, not a data file") from None
    except OSError as exc:
        raise DataError(f"{path}: {exc.strerror or exc}") from None
    if fmt == "json-ld":
        _refuse_remote_contexts(path, raw)
    # Each file goes into a fresh Dataset first: rdflib 7.6's N-Quads parser drops the
    # default graph of the Dataset it parses into (triples of earlier files would vanish),
    # and a file that fails halfway leaves nothing behind.
    scratch = Dataset()
    try:
        scratch.parse(data=raw, format=fmt, publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib's parsers raise many unrelated types
        raise DataError(f"{path}: cannot parse as {fmt}: {_one_line(exc)}") from exc
    graphs: dict[Node, Graph] = {}
    for s, p, o, name in scratch.quads():
        if name not in graphs:
            graphs[name] = dataset.graph(name or DATASET_DEFAULT_GRAPH_ID)
        dataset.add((s, p, o, graphs[name]))


def _refuse_remote_contexts(path: Path, raw: bytes) -> None:
    """rdflib fetches a JSON-LD `@context` given by reference; kg never reaches out."""
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: not valid JSON: {_one_line(exc)}") from None
    stack: list[Any] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                refs = value if isinstance(value, list) else [value]
                if key in ("@context", "@import"):
                    for ref in refs:
                        if isinstance(ref, str):
                            raise DataError(
                                f"{path}: JSON-LD {key} {ref!r} would be fetched; "
                                "inline the context instead"
                            )
                stack.append(value)


def _one_line(exc: BaseException) -> str:
    # rdflib's Turtle errors append a quote of the raw bytes after " at ^ in:"; drop it
    text = " ".join(str(exc).split(" at ^ in:")[0].split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:299] + "…"


# --- finding the query -----------------------------------------------------------------


_DEFAULT_PARAM = re.compile(r"^#\s*param:\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)\s*$", re.MULTILINE)


def default_params(text: str) -> dict[str, str]:
    """Defaults a query file declares for its parameters: a comment `# param: name=value`."""
    return dict(_DEFAULT_PARAM.findall(text))


# The named queries ship inside the package (package data), so an installed kg has them;
# the repository's queries/ is a link to this folder, where users read them.
NAMED_QUERIES = Path(__file__).resolve().parent / "named"


def resolve_query(arg: str, queries_dir: Path) -> tuple[str, str]:
    """Turn a `.rq` path, a named query from `queries_dir`, or inline SPARQL into (label, text)."""
    looks_inline = any(c.isspace() for c in arg.strip()) or "{" in arg
    if not looks_inline and (arg.endswith(_QUERY_SUFFIXES) or "/" in arg or "\\" in arg):
        return arg, _read_query_file(Path(arg))
    if _QUERY_NAME.fullmatch(arg):
        path = queries_dir / f"{arg}.rq"
        if not path.is_file():
            raise QueryError(_unknown_name_message(arg, queries_dir))
        return arg, _read_query_file(path)
    return "inline query", arg


def _read_query_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{path}: no such query file") from None
    except UnicodeDecodeError:
        raise QueryError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise QueryError(f"{path}: {exc.strerror or exc}") from None


def _unknown_name_message(name: str, queries_dir: Path) -> str:
    names = sorted(p.stem for p in queries_dir.glob("*.rq")) if queries_dir.is_dir() else []
    if not names:
        return f"unknown query {name!r}: there are no named queries in {queries_dir}"
    message = f"unknown query {name!r}; available: {', '.join(names)}"
    close = difflib.get_close_matches(name, names, n=1)
    return message + (f" (did you mean {close[0]!r}?)" if close else "")


# --- running it ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Prepared:
    """A parsed, translated query plus what the parse tree knew that the algebra forgets."""

    query: Query
    read: ReadQuery  # the one reading of the text; rdflib parsed read.text
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    select_all: bool  # SELECT *: rdflib orders those columns by hash, so we reorder them
    variable_order: list[Variable]  # first appearance in the text
    declared_prefixes: frozenset[str]


def run_query(
    text: str,
    data: Dataset,
    *,
    fmt: str = "table",
    params: dict[str, str] | None = None,
    timeout: float = 30.0,
    allow_service: bool = False,
    graph: str | None = None,
) -> str:
    """Check that a query is safe, run it against `data` and return the formatted result.

    The returned text ends with a line break and can be written out as is. Rows come in
    a stable order for a Dataset made by `load_data` (see `_SortedScanMemory`).
    """
    if not timeout > 0:
        raise QueryError(f"timeout must be a positive number of seconds, not {timeout}")
    prepared = _prepare(text, allow_service)
    _check_format(prepared.form, fmt)
    _check_safety(prepared.query, data, allow_service)
    bindings = _bind_params(params or {}, prepared)
    target = _target_graph(data, graph)

    def work() -> str:
        return _evaluate(target, prepared, bindings, fmt)

    if can_fork():
        return call_in_child(work, timeout)
    return _call_with_timeout(work, timeout)


_PARSER_LOCK = threading.Lock()
_PARSE_RECURSION_LIMIT = 15 * MAX_TOKENS
"""rdflib's grammar recurses about 11 Python frames per triple pattern (100 patterns hit the
default limit of 1,000); `kg.query.text` bounds the tokens, so this bounds the depth."""


def _prepare(text: str, allow_service: bool) -> _Prepared:
    """Read the text once (kg.query.text), then parse what was read, under a lock.

    rdflib's pyparsing grammar is not thread-safe (the first calls of each parse action
    find its arity by trial and error, and threads racing there get TypeErrors), and
    `kg serve` checks queries from many threads.
    """
    read = read_query(text, allow_service=allow_service)
    with _PARSER_LOCK:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, _PARSE_RECURSION_LIMIT))
        try:
            return _prepare_unlocked(read)
        finally:
            sys.setrecursionlimit(limit)


def _prepare_unlocked(read: ReadQuery) -> _Prepared:
    prologue = sparql_prologue()
    full = prologue + read.text
    try:
        tree = parseQuery(full)
    except ParseException as exc:
        if _looks_like_update(full, exc):
            raise QueryError(
                "kg query is read-only: SPARQL Update "
                "(INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY) is refused"
            ) from None
        raise QueryError(_syntax_message(exc, read, len(prologue))) from None
    body = tree[1]
    form = _FORMS[body.name]
    select_all = form == "SELECT" and not body.projection
    order = _variables_in_order(body)
    declared = (
        frozenset(d.prefix or "" for d in tree[0] if d.name == "PrefixDecl")
        - read.synthetic_prefixes
    )
    try:
        query = translateQuery(tree)
    except Exception as exc:  # rdflib raises bare Exception, e.g. for an unknown prefix
        raise QueryError(f"invalid query: {_one_line(exc)}") from None
    return _Prepared(query, read, form, select_all, order, declared)


def _looks_like_update(full: str, query_error: ParseException) -> bool:
    """An update parses as one, or the update grammar gets further than the query grammar."""
    try:
        update = parseUpdate(full)
    except ParseException as update_error:
        return update_error.loc > query_error.loc
    return "request" in update and len(update["request"]) > 0  # CompValue.get is not dict.get


def _syntax_message(exc: ParseException, read: ReadQuery, prologue_length: int) -> str:
    """Line, column and a caret in the user's own text (rdflib parsed the text as read)."""
    token = read.token_from(exc.loc - prologue_length)
    if token is None:  # the parser ran out of text: point just past its end
        line, column, found = *read.end_position(), "end of text"
    else:
        line, column = token.line, token.column
        shown = token.text if len(token.text) <= 40 else token.text[:39] + "…"
        found = repr(shown)
    source = read.source_line(line)
    pointer = "".join(c if c == "\t" else " " for c in source[: column - 1]) + "^"
    iri = read.comparison_read_as_iri()
    note = (
        f" (note: {iri.text} at line {iri.line} reads as one IRI; "
        "write a space after < where it means less than)"
        if iri is not None
        else ""
    )
    return (
        f"syntax error at line {line}, column {column}: {exc.msg}, found {found}{note}\n"
        f"  {source}\n  {pointer}"
    )


def _check_format(form: str, fmt: str) -> None:
    allowed = FORMATS[form]
    if fmt not in allowed:
        raise QueryError(
            f"format {fmt!r} does not fit a {form} query; use one of: {', '.join(allowed)}"
        )


# --- safety ----------------------------------------------------------------------------


def _walk(root: Any) -> Iterator[Any]:
    """Every node of a parse tree or algebra: CompValues, lists, sets and the terms in them."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, CompValue):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | set | frozenset | ParseResults):
            stack.extend(node)


def _check_safety(
    query: Query, data: Dataset | Callable[[URIRef], bool], allow_service: bool
) -> None:
    """Refuse what would reach the network or the file system, in the algebra rdflib runs.

    `data` is the Dataset the query runs on, or for another engine a test whether it holds
    a named graph (a FROM naming one of those is harmless).
    """
    if allow_service:
        return
    if isinstance(data, Dataset):
        dataset = data

        def has_graph(iri: URIRef) -> bool:
            return len(dataset.get_context(iri)) > 0
    else:
        has_graph = data
    for node in _walk(query.algebra):
        if not isinstance(node, CompValue):
            continue
        if node.name == "ServiceGraphPattern":
            raise QueryError(
                f"SERVICE {_term_text(node.term)} is refused: kg query does not reach the "
                "network (pass --allow-service to permit it)"
            )
        if node.name == "DatasetClause":
            _check_dataset_clause(node, has_graph)


def _check_dataset_clause(clause: CompValue, has_graph: Callable[[URIRef], bool]) -> None:
    """FROM is fine for a graph the data holds; rdflib would fetch any other IRI."""
    if clause.default is not None:
        keyword, iri = "FROM", clause.default
    else:
        keyword, iri = "FROM NAMED", clause.named
    if isinstance(iri, URIRef) and has_graph(iri):
        return
    if _IRI_SCHEME.match(str(iri)) and not str(iri).lower().startswith("file:"):
        where = "from the network"
    else:
        where = "from the file system"
    raise QueryError(
        f"{keyword} {_term_text(iri)} is refused: the data has no such graph, and rdflib "
        f"would load it {where} (pass --allow-service to permit it)"
    )


def _term_text(term: Any) -> str:
    return term.n3() if isinstance(term, Identifier) else str(term)


# --- parameters ------------------------------------------------------------------------


def _bind_params(params: Mapping[str, str], prepared: _Prepared) -> dict[str, Identifier]:
    """Values become RDF terms bound through initBindings; nothing is spliced into the text."""
    known = {node for node in _walk(prepared.query.algebra) if isinstance(node, Variable)}
    bindings: dict[str, Identifier] = {}
    for name, raw in params.items():
        var = name[1:] if name.startswith(("?", "$")) else name
        if not _VARNAME.fullmatch(var):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
        if Variable(var) not in known:
            raise QueryError(f"parameter ?{var} does not occur in the query")
        bindings[var] = _param_term(raw, prepared)
    return bindings


def _param_term(raw: str, prepared: _Prepared) -> Identifier:
    """`<iri>` → IRI, `prefix:name` with a known prefix → IRI, a number → typed, else a string."""
    if raw.startswith("<") and raw.endswith(">") and len(raw) > 1:
        iri = raw[1:-1]
        if not _IRI_SCHEME.match(iri) or _IRI_FORBIDDEN.search(iri):
            raise QueryError(f"parameter value {raw!r} is not an absolute IRI")
        return URIRef(iri)
    pname = _PNAME.fullmatch(raw)
    if pname and (pname["prefix"] or "") in prepared.declared_prefixes:
        return prepared.query.prologue.resolvePName(pname["prefix"] or "", pname["local"])
    for pattern, datatype in _NUMBERS:
        if pattern.fullmatch(raw):
            return Literal(raw, datatype=datatype)
    return Literal(raw)


def _variables_in_order(tree: Any) -> list[Variable]:
    """Variables by first appearance; pushes children reversed so the walk follows the text."""
    seen: dict[Variable, None] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Variable):
            seen.setdefault(node)
        elif isinstance(node, CompValue):
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list | tuple | ParseResults):
            stack.extend(reversed(list(node)))
    return list(seen)


# --- target and evaluation -------------------------------------------------------------


def _target_graph(data: Dataset, graph: str | None) -> Graph:
    if graph is None:
        return data
    prefix, sep, local = graph.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        graph = str(PREFIXES[prefix][local])  # kgd:my-article → full IRI
    iri = URIRef(graph.strip("<>"))
    if len(data.get_context(iri)) == 0:
        names = sorted(
            str(g.identifier)
            for g in data.graphs()
            if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g) > 0
        )
        raise no_such_graph(graph, names)
    return data.graph(iri)


def no_such_graph(graph: str, names: list[str]) -> QueryError:
    """--graph names a graph the data lacks: say so, with the first ten it has (both engines)."""
    listing = ", ".join(f"<{n}>" for n in names[:10]) + (" …" if len(names) > 10 else "")
    known = f"named graphs: {listing}" if names else "the data has no named graphs"
    return QueryError(f"no graph <{graph}> in the data; {known}")


def _evaluate(target: Graph, prepared: _Prepared, bindings: dict[str, Identifier], fmt: str) -> str:
    try:
        result = target.query(prepared.query, initBindings=bindings)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return _format_graph(result.graph, fmt)
        if result.type == "ASK":
            return _format_ask(bool(result.askAnswer), fmt)
        columns = _columns(result, prepared)
        rows = [{v: row[v] for v in columns if row.get(v) is not None} for row in result.bindings]
    except QueryError:
        raise
    except Exception as exc:  # evaluation errors come from the user's query
        raise QueryError(f"query failed: {_one_line(exc)}") from exc
    return _format_solutions(columns, rows, fmt)


def _columns(result: Result, prepared: _Prepared) -> list[Variable]:
    return _order_columns(list(result.vars or []), prepared)


def _order_columns(columns: list[Variable], prepared: _Prepared) -> list[Variable]:
    if prepared.select_all:
        rank = {v: i for i, v in enumerate(prepared.variable_order)}
        columns.sort(key=lambda v: (rank.get(v, len(rank)), str(v)))
    return columns


def can_fork() -> bool:
    """A process with one thread (kg query) can evaluate in a child it kills at the deadline.

    rdflib runs REGEX with Python's `re`, which holds the GIL for the whole match: the
    interrupt `_call_with_timeout` sends never lands, and the caller cannot even wake up to
    report the timeout. Forking a process that runs other threads could copy a lock one of
    them holds, so a threaded caller (kg serve, a test with a listener) keeps the thread.
    """
    return hasattr(os, "fork") and threading.active_count() == 1


def call_in_child(work: Callable[[], str], timeout: float) -> str:
    """Run `work` in a forked child and return its text; kill the child at the deadline.

    The child shares the parent's memory copy-on-write (no data is re-loaded); forking
    costs a few ms. Its answer comes back through a pipe as JSON: (ok, text or message).
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        status = 0
        try:
            os.close(read_end)
            try:
                answer = [True, work()]
            except QueryError as exc:
                answer = [False, str(exc)]
            except Exception as exc:
                answer = [False, f"query failed: {_one_line(exc)}"]
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(json.dumps(answer).encode("utf-8"))
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(read_end, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise QueryError(
                        f"query timed out after {timeout:g} s; use --timeout to allow more"
                    )
                chunk = os.read(read_end, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
    except BaseException:  # the deadline, or Ctrl-C: the child may be stuck in C code
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    try:
        ok, value = json.loads(b"".join(chunks))
    except ValueError:
        raise QueryError(f"query failed: the query process ended ({_exit_text(status)})") from None
    if not ok:
        raise QueryError(value)
    return cast(str, value)


def _exit_text(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


class _Cancelled(BaseException):
    """Raised inside the worker thread to stop a query that ran out of time."""


def _call_with_timeout(work: Callable[[], str], timeout: float, grace: float = 2.0) -> str:
    """Run `work` in a daemon thread; on timeout, interrupt it and raise QueryError.

    A Python thread cannot be killed, and rdflib's evaluation loops never look at a flag,
    so the worker is interrupted with an asynchronous exception (CPython's
    PyThreadState_SetAsyncExc). `guard` makes sure the interrupt is only sent while the
    worker is still inside `run`, never to a later thread that reuses its id.
    """
    box: list[tuple[bool, Any]] = []
    guard = threading.Lock()
    left: list[bool] = []  # set, under guard, once the worker has left `run`

    def run() -> None:
        try:
            try:
                outcome: tuple[bool, Any] = (True, work())
            except Exception as exc:  # handed over to the caller's thread
                outcome = (False, exc)
            with guard:
                box.append(outcome)
        except _Cancelled:
            pass  # the caller has already reported the timeout
        finally:
            with guard:
                left.append(True)

    thread = threading.Thread(target=run, name="kg-query", daemon=True)
    thread.start()
    thread.join(timeout)
    with guard:
        timed_out = not box
    if timed_out:
        # a bare `except:` in the engine can swallow one interrupt: repeat it until the
        # worker is gone (usually at once; a daemon thread never blocks exit anyway)
        deadline = time.monotonic() + grace
        while thread.is_alive() and time.monotonic() < deadline:
            with guard:
                if not left and thread.ident is not None:
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(
                        ctypes.c_ulong(thread.ident), ctypes.py_object(_Cancelled)
                    )
            thread.join(0.05)
        raise QueryError(f"query timed out after {timeout:g} s; use --timeout to allow more")
    ok, value = box[0]
    if not ok:
        raise value
    return value


# --- formats ---------------------------------------------------------------------------


def _format_ask(answer: bool, fmt: str) -> str:
    if fmt == "json":
        result = Result("ASK")
        result.askAnswer = answer
        return _serialize_result(result, "json") + "\n"
    return ("yes" if answer else "no") + "\n"


def _format_solutions(columns: list[Variable], rows: list[dict[Variable, Node]], fmt: str) -> str:
    if fmt == "table":
        return _table(columns, rows)
    if fmt == "tsv":
        return _tsv(columns, rows)
    result = Result("SELECT")
    result.vars = columns
    result.bindings = rows  # plain dicts in column order: the JSON keys follow it
    text = _serialize_result(result, fmt)
    return text if fmt == "csv" else text + "\n"


def _serialize_result(result: Result, fmt: str) -> str:
    data = result.serialize(format=fmt, encoding="utf-8")
    assert data is not None  # no destination given, so rdflib returns the bytes
    return data.decode("utf-8")


def _tsv(columns: list[Variable], rows: list[dict[Variable, Node]]) -> str:
    """W3C SPARQL 1.1 TSV results (rdflib has a TSV parser but no serializer)."""
    lines = ["\t".join(f"?{v}" for v in columns)]
    lines += ["\t".join(_tsv_term(row.get(v)) for v in columns) for row in rows]
    return "\n".join(lines) + "\n"


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = f'"{_escape_string(str(term))}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    return str(term)


def _escape_string(text: str) -> str:
    """Turtle string escapes; TSV needs tabs and line breaks escaped too."""
    for char, escape in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        text = text.replace(char, escape)
    return text


def _table(columns: list[Variable], rows: list[dict[Variable, Node]]) -> str:
    header = [str(v) for v in columns]
    shown: dict[Node | None, str] = {}  # a label in row after row is shortened once

    def cell(term: Node | None) -> str:
        text = shown.get(term)
        if text is None:
            text = shown[term] = _table_cell(term)
        return text

    cells = [[cell(row.get(v)) for v in columns] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = (
        [line(header), line(["-" * w for w in widths]), *(line(r) for r in cells)]
        if columns
        else []
    )
    count = len(rows)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _table_cell(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = _shorten(term)
    elif isinstance(term, BNode):
        text = f"_:{term}"
    else:
        text = str(term).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return text if len(text) <= TABLE_CELL_MAX else text[: TABLE_CELL_MAX - 1] + "…"


def _shorten(iri: URIRef) -> str:
    """prefix:local with the longest matching project namespace, else <iri>."""
    best = max(
        ((p, str(ns)) for p, ns in PREFIXES.items() if iri.startswith(str(ns))),
        key=lambda item: len(item[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else f"<{iri}>"


def _format_graph(graph: Graph, fmt: str) -> str:
    """A CONSTRUCT or DESCRIBE result in kg's one serialiser, declaring only used prefixes."""
    rdflib_format = {"nt": "nt", "jsonld": "json-ld"}.get(fmt, "turtle")
    return serialize(graph, rdflib_format, only_used_prefixes=True)


# --- for other engines (kg.query.oxigraph runs the same checked queries on Oxigraph) ------------


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed every rule `run_query` applies, ready for another engine."""

    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    bindings: dict[str, Identifier]  # the parameters as RDF terms
    _prepared: _Prepared
    text: str = ""  # the query as the caller gave it

    @property
    def read(self) -> ReadQuery:
        """The one reading of the query; an engine must be given `read.text`, not `text`."""
        return self._prepared.read

    def columns(self, variables: list[Variable]) -> list[Variable]:
        """An engine's result variables in the order `kg query` prints them."""
        return _order_columns(list(variables), self._prepared)


def check_query(
    text: str,
    *,
    fmt: str | None = None,
    params: dict[str, str] | None = None,
    allow_service: bool = False,
    has_graph: Callable[[URIRef], bool] | None = None,
) -> CheckedQuery:
    """Parse `text` (usual prefixes predeclared) and refuse it as `run_query` would, unrun.

    Oxigraph follows SERVICE by itself and Python cannot see it do so, so a query must pass
    here before it reaches Oxigraph. `has_graph` says whether the engine's data holds a
    named graph: a FROM naming one is allowed, any other FROM is refused.
    """
    prepared = _prepare(text, allow_service)
    if fmt is not None:
        _check_format(prepared.form, fmt)
    _check_safety(prepared.query, has_graph or (lambda iri: False), allow_service)
    return CheckedQuery(prepared.form, _bind_params(params or {}, prepared), prepared, text)


def format_result(
    fmt: str, result: bool | Graph | tuple[list[Variable], list[dict[Variable, Node]]]
) -> str:
    """kg query's output text for a result another engine computed (as rdflib terms).

    An ASK answer is a bool, a CONSTRUCT or DESCRIBE result a Graph, a SELECT result its
    columns and rows (unbound variables left out of a row).
    """
    if isinstance(result, bool):
        return _format_ask(result, fmt)
    if isinstance(result, Graph):
        return _format_graph(result, fmt)
    columns, rows = result
    return _format_solutions(columns, rows, fmt)


def run_with_timeout(work: Callable[[], _T], timeout: float, *, grace: float = 2.0) -> _T:
    """Run `work` in a worker thread and raise QueryError if it takes over `timeout` s.

    After the deadline the worker is interrupted for up to `grace` s before the error is
    raised; code that never returns to Python (Oxigraph's evaluation) ignores that, so
    waiting is pointless there.
    """
    if not timeout > 0:
        raise QueryError(f"timeout must be a positive number of seconds, not {timeout}")
    return cast(_T, _call_with_timeout(cast(Callable[[], str], work), timeout, grace))
