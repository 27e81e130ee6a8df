"""The SPARQL guard: one reading of a query (kg.query.text), and both engines parse only it.

A local listener stands in for any address a query could make an engine reach: SERVICE
must never reach it unless --allow-service is given, whatever the text looks like.
"""

from __future__ import annotations

import contextlib
import http.server
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pyoxigraph import Store

from kg.errors import QueryError
from kg.query.oxigraph import PREFIX_MAP, load_store, run_query_oxigraph
from kg.query.run import load_data, run_query
from kg.query.text import MAX_CHAIN, MAX_DEPTH, MAX_TOKENS, read_query
from tests.local_http import serving

SMALL = Path(__file__).resolve().parents[1] / "data" / "query" / "small.ttl"
REPO = Path(__file__).resolve().parents[2]

_ROWS = json.dumps(
    {
        "head": {"vars": ["x"]},
        "results": {"bindings": [{"x": {"type": "literal", "value": "remote"}}]},
    }
).encode()
_ANSWERS: dict[str, tuple[str, bytes]] = {
    "/json-garbage": ("application/sparql-results+json", b"{not json"),
    "/empty": ("application/sparql-results+json", b""),
    "/html": ("text/html", b"<html>hello</html>"),
    "/xml-garbage": ("application/sparql-results+xml", b"<sparql><results><result>"),
    "/bad-iri": (
        "application/sparql-results+json",
        b'{"head":{"vars":["s"]},"results":{"bindings":'
        b'[{"s":{"type":"uri","value":"not an iri"}}]}}',
    ),
}


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Records every request; answers real rows, or for the paths above, garbage."""

    hits: list[str]

    def do_POST(self) -> None:
        self.hits.append(self.path)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        kind, body = _ANSWERS.get(
            self.path.split("?")[0], ("application/sparql-results+json", _ROWS)
        )
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def recorder() -> Iterator[tuple[str, list[str]]]:
    """A listener on 127.0.0.1 for the whole module (hypothesis runs many examples on it)."""
    hits: list[str] = []
    with serving(type("Handler", (_Recorder,), {"hits": hits})) as base:
        yield base, hits


@pytest.fixture(scope="module")
def engines() -> list[Callable[[str], str]]:
    """rdflib and Oxigraph, each on the same small graph, as kg query runs them."""
    data, store = load_data([SMALL]), load_store([SMALL])
    return [
        lambda text: run_query(text, data, timeout=10),
        lambda text: run_query_oxigraph(text, store, timeout=10),
    ]


def _outcomes(engines: list[Callable[[str], str]], text: str) -> list[str]:
    """What each engine made of the text: its output, or the one-line QueryError."""
    outcomes = []
    for engine in engines:
        try:
            outcomes.append(engine(text))
        except QueryError as exc:
            outcomes.append(f"QueryError: {exc}")
    return outcomes


# --- the reported bypass ---------------------------------------------------------------


def reported_payload(url: str) -> str:
    """Issue 17: a comment ending in a bare CR, `FILTER(1<2)SERVICE#>`, an IRI next line.

    rdflib reads one comment up to the LF; Oxigraph ends it at the CR and reads SERVICE;
    the old keyword scan took `<2)SERVICE#>` for an IRI.
    """
    return (
        f"SELECT * WHERE {{ ?s ?p # c\r?o FILTER(1<2)SERVICE#>\n<{url}/payload> {{ ?x ?y ?z }} }}"
    )


def test_the_reported_payload_reaches_no_engine(recorder, engines) -> None:
    url, hits = recorder
    outcomes = _outcomes(engines, reported_payload(url))
    assert all(o.startswith("QueryError: ") for o in outcomes), outcomes
    assert [h for h in hits if h.startswith("/payload")] == []


def test_the_reported_payload_through_kg_query(run_kg, recorder) -> None:
    url, hits = recorder
    for store in ("oxigraph", "rdflib"):
        done = run_kg("query", reported_payload(url), "--data", SMALL, "--store", store)
        assert done.returncode == 1, done.stdout
        assert done.stderr.count("\n") <= 3 and "Traceback" not in done.stderr
    assert [h for h in hits if h.startswith("/payload")] == []


@pytest.mark.parametrize(
    "template",
    [
        # an IRI the grammar reads by longest match, that an engine parsing an expression
        # would read as `<` … `>`: written out as a prefixed name, it hides nothing
        "SELECT * WHERE {{ ?s ?p ?o FILTER(1 <?o&&'> ) \"x') SERVICE <{url}/a> {{ }} #\"\n}}",
        "SELECT * WHERE {{ ?s ?p ?o FILTER(?o<2)SERVICE#>\r\n<{url}/b> {{ ?x ?y ?z }} }}",
        # a name that starts with SERVICE, which an engine might split
        "PREFIX ex: <{url}/> SELECT * WHERE {{ ?s ?p ?o SERVICEex:c {{ ?x ?y ?z }} }}",
        "SELECT * WHERE {{ ?s ?p ?o \\U00000053ERVICE <{url}/d> {{ ?x ?y ?z }} }}",
        "SELECT * WHERE {{ ?s ?p ?o sErViCe <{url}/e> {{ ?x ?y ?z }} }}",
        "SELECT * WHERE {{ ?s ?p ?o # \r SERVICE <{url}/f> {{ ?x ?y ?z }} }}",
    ],
)
def test_other_disguises_reach_no_engine(recorder, engines, template: str) -> None:
    url, hits = recorder
    before = len(hits)
    outcomes = _outcomes(engines, template.format(url=url))
    assert all(o.startswith("QueryError: ") for o in outcomes), outcomes
    assert hits[before:] == []


def test_a_comment_ends_at_a_bare_carriage_return() -> None:
    read = read_query("SELECT ?s # note\r?s WHERE { ?s ?p ?o }")
    assert [t.text for t in read.tokens[:3]] == ["SELECT", "?s", "?s"]
    assert read.tokens[2].line == 2
    assert "#" not in read.text


def test_the_engines_get_no_iri_outside_the_prologue() -> None:
    read = read_query('PREFIX ex: <http://ex/> SELECT * { ?s <http://p> "a"@en ; ex:q 1 }')
    assert read.text.startswith("PREFIX ex: <http://ex/> PREFIX kgiri0: <http://p> SELECT")
    assert "<" not in read.text.split("SELECT", 1)[1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT * { ?s ?p ?o \x00 }", "control character U+0000"),
        ("SELECT * { ?s ?p 'a\x85b' }", "control character U+0085"),
        ("SELECT * { ?s ?p ?o \x0c }", "control character U+000C"),
        ("SELECT * { ?s ?p '\\u0007' }", "control character U+0007 (written as a \\u escape)"),
        ("SELECT * { ?s ?p 'open }", "a string that does not end on its line"),
        ("SELECT * { ?s ?p ?o } \\x", "a backslash outside a string"),
        ("SELECT * { ?s ?p '\\\\u0041' }", "invalid \\ escape"),
        ("SELECT * { ?s ?p ?o } ~", "'~', which is not part of any SPARQL token"),
        ("SELECT * { ?s ?p '\\uD800' }", "\\uD800 is not a Unicode character"),
    ],
)
def test_what_the_reader_cannot_account_for_is_refused(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=r"^query refused at line 1, column") as caught:
        read_query(text)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_backslash_u_left_for_the_engines_is_refused(recorder, engines) -> None:
    """rdflib expands `\\u0041` inside `\\\\u0041`, Oxigraph does not: never give them one."""
    # after escapes are expanded: '\\u0041' (an escaped backslash, then u0041)
    outcomes = _outcomes(engines, "SELECT * { ?s ?p '\\\\\\u00750041' }")
    assert outcomes[0] == outcomes[1]
    assert "read as a \\u escape a second time" in outcomes[0]


# --- fuzzing ---------------------------------------------------------------------------


_LINE_ENDS = ["\n", "\r", "\r\n"]
_SPELLINGS = [
    "SERVICE",
    "service",
    "SeRvIcE",
    "\\u0053ERVICE",
    "SERV\\u0049CE",
    "\\U00000073ervice",
]
_STRINGS = [
    "'a'",
    '"b"',
    "'''c\nd'''",
    '"""e\r"f"""',
    "'\\''",
    '"\\"#"',
    "'<'",
    '"SERVICE <x>"',
    "'\\\\'",
    '""',
    "''",
]
_CODE = [
    "?s ?p ?o .",
    "?s ?p",
    "?o",
    "FILTER(1<2)",
    "FILTER(?o<2)",
    "1<2)",
    "<2)",
    "#>",
    ">",
    "<",
    "{",
    "}",
    "(",
    ")",
    ".",
    "'",
    '"',
    '"""',
    "'''",
    "?x ?y ?z",
    "OPTIONAL",
    "GRAPH ?g",
    "<http://example.org/p>",
    "rdfs:label",
    "SILENT",
    "\\u003C",
    "\\u0023",
    "\\u000D",
]


_SEPARATORS = [" ", "", "\t", *_LINE_ENDS, "#>\n", "#\r", "#>\r\n", "#'\n", " # \r\n"]


@st.composite
def _queries(draw: st.DrawFn, url: str) -> str:
    """Grammar-ish pieces (comments ending at CR/LF/CRLF, strings of all four kinds, IRIs,
    `<` comparisons, escapes, odd spellings) around a SERVICE call to the listener, whose
    keyword, endpoint and group may be split by comments and line breaks."""
    spelling = draw(st.sampled_from(_SPELLINGS))
    target = draw(st.sampled_from([f"<{url}/fuzz>", f"<{url}/fuzz#>", "?endpoint"]))
    split = st.sampled_from(_SEPARATORS)
    service = f"{spelling}{draw(split)}{target}{draw(split)}{{ ?x ?y ?z }}"
    # something one reader or another may take to hide the call: a comment, a string or
    # an IRI opened before it and (perhaps) closed after it
    opener = draw(st.sampled_from(["", "#", "# \r", "'", '"', "'''", '"""', "<", "1<"]))
    closer = draw(st.sampled_from(["", "'", '"', "'''", '"""', ">", "#>", *_LINE_ENDS]))
    service = f"{opener}{service}{closer}"
    comment = st.builds(
        lambda body, end: f"#{body}{end}",
        st.sampled_from(["", " c", ">", " '", ' """', " <"]),
        st.sampled_from(_LINE_ENDS),
    )
    gap = st.sampled_from(["", " ", "\t", *_LINE_ENDS])
    # a triple that a comment (or string) may cut short, an expression with `<`, SERVICE
    lead = draw(st.sampled_from(["?s ?p", "?s ?p ?o .", "", "?s"]))
    hide = draw(st.one_of(comment, st.sampled_from(_STRINGS), st.just("")))
    middle = draw(st.sampled_from(["?o", "?o .", "", "?o ?q"]))
    test = draw(st.sampled_from(["FILTER(1<2)", "FILTER(?o<2)", "FILTER(1 < 2)", "", "<2)"]))
    piece = st.one_of(st.sampled_from(_CODE), st.sampled_from(_STRINGS), comment)
    tail = "".join(p + g for p, g in draw(st.lists(st.tuples(piece, gap), max_size=4)))
    bind = f"BIND(<{url}/fuzz> AS ?endpoint) " if target == "?endpoint" else ""
    spaces = [draw(gap) for _ in range(4)]
    return (
        f"SELECT * WHERE {{ {bind}{lead}{spaces[0]}{hide}{middle}{spaces[1]}{test}"
        f"{spaces[2]}{service}{spaces[3]}{tail} }}"
    )


def test_fuzzed_queries_never_reach_the_listener(recorder, engines) -> None:
    """Hypothesis-generated texts, both engines: the listener must never see a request."""
    url, hits = recorder

    @settings(
        max_examples=300,
        deadline=None,
        database=None,
        derandomize=True,  # the same examples on every run: a failure is reproducible
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(_queries(url))
    @example(reported_payload(url))
    def check(text: str) -> None:
        before = len(hits)
        _outcomes(engines, text)  # any output or QueryError is fine; a request is not
        try:
            read = read_query(text)
        except QueryError:
            pass
        else:  # Oxigraph alone, unguarded, on the text as read: it must see no SERVICE
            with contextlib.suppress(SyntaxError, OSError, RuntimeError, TypeError):
                list(cast(Iterable[Any], Store().query(read.text, prefixes=PREFIX_MAP)))
        assert hits[before:] == [], repr(text)

    check()


def test_the_fuzz_queries_can_reach_the_listener_when_allowed(recorder) -> None:
    """The control for the fuzz test: its SERVICE call does reach the listener if allowed."""
    url, hits = recorder
    store = load_store([SMALL])
    before = len(hits)
    text = f"SELECT * WHERE {{ ?s ?p ?o . SERVICE <{url}/fuzz> {{ ?x ?y ?z }} }} LIMIT 1"
    assert "remote" in run_query_oxigraph(text, store, allow_service=True)
    assert "remote" in run_query(text, load_data([SMALL]), allow_service=True)
    assert len(hits) == before + 2


# --- SERVICE answers Oxigraph cannot read ---------------------------------------------


@pytest.mark.parametrize("path", sorted(_ANSWERS))
def test_an_unreadable_service_answer_is_one_line(recorder, path: str) -> None:
    url, _ = recorder
    text = f"SELECT * WHERE {{ SERVICE <{url}{path}> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError, match=r"^query failed: ") as caught:
        run_query_oxigraph(text, Store(), allow_service=True)
    assert "\n" not in str(caught.value)


# --- bounds ----------------------------------------------------------------------------


def _chain(operator: str, term: str, count: int) -> str:
    return operator.join([term] * count)


BOUNDED = {
    "plus": ("SELECT (" + _chain("+", "1", 10_000) + " AS ?x) WHERE {}", "operators"),
    "or": ("SELECT * WHERE { FILTER(" + _chain("||", "true", 10_000) + ") }", "operators"),
    "path": ("SELECT * WHERE { ?s " + _chain("/", "rdfs:label", 10_000) + " ?o }", "operators"),
    "parens": ("SELECT (" + "(" * 10_000 + "1" + ")" * 10_000 + " AS ?x) {}", "nesting"),
    "braces": ("SELECT * " + "{" * 10_000 + "}" * 10_000, "nesting"),
    "triples": (
        "SELECT * { " + " ".join(f"?s ?p ?o{i} ." for i in range(3_000)) + " }",
        "tokens",
    ),
}


@pytest.mark.parametrize("name", sorted(BOUNDED))
def test_pathological_queries_are_refused_before_any_engine(engines, name: str) -> None:
    text, bound = BOUNDED[name]
    for outcome in _outcomes(engines, text):
        assert outcome.startswith("QueryError: query refused"), outcome[:200]
        assert bound in outcome and "\n" not in outcome


def test_the_bounds_are_named_in_the_refusal() -> None:
    with pytest.raises(QueryError, match=f"deeper than {MAX_DEPTH}"):
        read_query("SELECT * " + "{" * (MAX_DEPTH + 1) + "}" * (MAX_DEPTH + 1))
    with pytest.raises(QueryError, match=f"more than {MAX_CHAIN} operators"):
        read_query("ASK { FILTER(" + _chain("&&", "true", MAX_CHAIN + 2) + ") }")
    with pytest.raises(QueryError, match=f"longer than {MAX_TOKENS:,} tokens"):
        read_query("ASK { VALUES ?x { " + "1 " * MAX_TOKENS + "} }")


def test_just_under_the_bounds_is_read() -> None:
    read_query("SELECT * " + "{" * MAX_DEPTH + "}" * MAX_DEPTH)
    read_query("ASK { FILTER(" + _chain("&&", "true", MAX_CHAIN + 1) + ") }")


def test_every_repo_query_is_far_inside_the_bounds() -> None:
    for path in sorted((REPO / "queries").glob("*.rq")):
        read = read_query(path.read_text(encoding="utf-8"))
        assert len(read.tokens) < MAX_TOKENS // 10, path


@pytest.mark.parametrize("name", ["plus", "or", "path", "parens", "braces"])
def test_oxigraph_crash_inputs_get_one_line_not_a_segfault(run_kg, tmp_path, name: str) -> None:
    """These overflowed Oxigraph's stack (segfault): in a subprocess, as `kg query` runs."""
    query = tmp_path / f"{name}.rq"
    query.write_text(BOUNDED[name][0], encoding="utf-8")
    done = run_kg("query", query, "--data", SMALL, "--store", "oxigraph", "--timeout", "20")
    assert done.returncode == 1, (done.returncode, done.stderr[-300:])
    assert done.stderr.startswith("kg: error: query refused") and done.stderr.count("\n") == 1


def test_a_hundred_triple_patterns_work_on_both_engines(engines) -> None:
    """rdflib's parser recursed once per pattern (RecursionError at about 90)."""
    patterns = " ".join("?s rdfs:label ?l ." for _ in range(100))
    text = f"SELECT ?s ?l WHERE {{ {patterns} }} ORDER BY ?s LIMIT 1"
    outcomes = _outcomes(engines, text)
    assert outcomes[0] == outcomes[1]
    assert outcomes[0].endswith("(1 row)\n"), outcomes[0]


# --- parameters (kg serve takes them from the request) --------------------------------


@pytest.mark.parametrize(
    "value",
    [
        'x" }} SERVICE <{url}/param> {{ ?a ?b ?c }} #',
        "x' }} SERVICE <{url}/param> {{ ?a ?b ?c }} #",
        "<{url}/param>",
    ],
)
def test_a_parameter_value_stays_a_term(recorder, value: str) -> None:
    url, hits = recorder
    text = "SELECT ?p WHERE { ?p rdfs:label ?l } LIMIT 1"
    params = {"l": value.format(url=url)}
    assert run_query_oxigraph(text, load_store([SMALL]), params=params) == "p\n-\n(0 rows)\n"
    assert [h for h in hits if h.startswith("/param")] == []


def test_a_parameter_value_with_a_u_escape_is_refused() -> None:
    """Oxigraph writes a backslash as \\\\; a `\\u0022` after it must not be expanded."""
    with pytest.raises(QueryError, match="read as a \\\\u escape a second time"):
        run_query_oxigraph(
            "SELECT ?p WHERE { ?p rdfs:label ?l }",
            load_store([SMALL]),
            params={"l": "x\\u0022 } #"},
        )


# --- `<` as less-than, and as the start of an IRI --------------------------------------


def test_less_than_works_as_long_as_it_does_not_make_an_iri(engines) -> None:
    where = "SELECT ?s WHERE { ?s rdfs:label ?l "
    spaced = where + "FILTER(STRLEN(?l) < 30 && STRLEN(?l) > 3) } ORDER BY ?s"
    glued = where + "FILTER(STRLEN(?l)<30) FILTER(STRLEN(?l)>3) } ORDER BY ?s"
    answers = _outcomes(engines, spaced) + _outcomes(engines, glued)
    assert len(set(answers)) == 1 and "rows)" in answers[0], answers


def test_a_comparison_the_grammar_reads_as_an_iri_is_explained(engines) -> None:
    """`?x<3&&?x>2` is an IRI by the grammar's longest match (rdflib and Oxigraph used to
    guess it was a comparison): a syntax error, with a note saying why."""
    text = "SELECT ?l WHERE { ?s rdfs:label ?l FILTER(STRLEN(?l)<30&&STRLEN(?l)>3) }"
    for outcome in _outcomes(engines, text):
        assert outcome.startswith("QueryError: syntax error at line 1"), outcome
        assert "(note: <30&&STRLEN(?l)> at line 1 reads as one IRI" in outcome


def test_parameters_open_the_pattern_not_the_construct_template() -> None:
    """Without the WHERE keyword, CONSTRUCT's first brace is its template: the VALUES
    block goes into the second, found among the tokens (no regex over the text)."""
    text = "CONSTRUCT { ?e sem:hasActor ?a } { ?e sem:hasActor ?a }"
    params = {"a": "kgr:roman-protasevich"}
    on_oxigraph = run_query_oxigraph(text, load_store([SMALL]), params=params, fmt="nt")
    assert on_oxigraph == run_query(text, load_data([SMALL]), params=params, fmt="nt")
    assert on_oxigraph.count("\n") == 1 and "roman-protasevich" in on_oxigraph
