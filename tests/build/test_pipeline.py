"""kg.build.pipeline and kg.outputs: bad files skipped, bad rules fatal, every write atomic."""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

import kg.build.pipeline
import kg.build.workers
from kg.build.pipeline import build, collect_sources
from kg.errors import RuleError
from kg.outputs import write_atomic
from kg.rdf.vocab import KGD, NIF, SCHEMA, SEM

INPUT = Path(__file__).resolve().parents[1] / "data" / "input"
MIXED = INPUT / "mixed"
GOOD = ("good-en.txt", "good-nl.txt")
# Each bad file of tests/data/input/mixed and the words its one-line message must contain.
BAD = {
    "not-utf8.txt": r"not UTF-8",
    "binary.txt": r"binary",
    "empty.txt": r"empty",
    "bad-header.txt": r"date.*2021-13-45",
}


def articles(graph: Graph) -> set[str]:
    return {str(a).removeprefix(str(KGD)) for a in graph.subjects(RDF.type, SCHEMA.NewsArticle)}


def leftovers(folder: Path) -> list[str]:
    """Everything in the output folder except the outputs (temporary files must not survive)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in {"kg.ttl", "kg.trig", "kg.nq"})


# --- bad input ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("mixed")
    return build([MIXED], out), out


def test_bad_files_are_reported_once_each(mixed_build) -> None:
    """One message per bad file, naming the file and the problem, on one line."""
    result, _ = mixed_build
    assert len(result.errors) == len(BAD)
    for name, problem in BAD.items():
        (message,) = [m for m in result.errors if name in m]
        assert "\n" not in message
        assert re.search(problem, message, re.IGNORECASE), message


def test_good_files_are_still_built(mixed_build) -> None:
    """A bad file never costs the good ones: their text and events are in kg.ttl."""
    result, out = mixed_build
    graph = Graph().parse(out / "kg.ttl", format="turtle")
    assert articles(graph) == {"good-en", "good-nl"}
    texts = {str(t) for t in graph.objects(None, NIF.isString)}
    assert texts == {(MIXED / name).read_text(encoding="utf-8") for name in GOOD}
    assert len(set(graph.subjects(RDF.type, SEM.Event))) >= 3
    assert [x.slug for x in result.documents] == ["good-en", "good-nl"]
    assert result.summary().endswith(f"{len(graph)} triples, {len(BAD)} file(s) skipped")


def test_summary_counts(seed_build) -> None:
    """The summary line names documents, entities, events and triples, in that order."""
    result = seed_build.result
    assert re.fullmatch(
        r"1 documents, [1-9][0-9]* entities, [1-9][0-9]* events, [1-9][0-9]* triples",
        result.summary(),
    )
    assert f"{len(result.graph)} triples" in result.summary()


# --- rule errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "where", "reason"),
    [
        ("rules-broken-yaml", "broken.yaml:5", "yaml"),
        ("rules-unknown-event", "unknown-event.yaml:3", "unknown event type 'TeleportMigrants'"),
    ],
)
def test_bad_rule_folder_stops_the_build(tmp_path: Path, folder: str, where: str, reason: str):
    """A rule mistake is refused with file:line and reason; no output is written."""
    with pytest.raises(RuleError) as caught:
        build([MIXED / "good-en.txt"], tmp_path / "out", [INPUT / folder])
    assert where in str(caught.value)
    assert reason in str(caught.value)
    assert not (tmp_path / "out").exists()


# --- atomic output -------------------------------------------------------------------------


def _fail_on_second_document(monkeypatch: pytest.MonkeyPatch) -> None:
    real = kg.build.workers.extract_document
    calls = []

    def extract(document, rules):
        calls.append(document)
        if len(calls) == 2:
            raise RuntimeError("injected failure during extraction")
        return real(document, rules)

    monkeypatch.setattr(kg.build.workers, "extract_document", extract)


def _fail_in_serializer(monkeypatch: pytest.MonkeyPatch) -> None:
    def serialize(*args, **kwargs):
        raise RuntimeError("injected failure in the serializer")

    monkeypatch.setattr("kg.build.convert.ox.serialize", serialize)


def _fail_after_partial_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """The temporary file already holds data when the flush to disk fails."""

    def fsync(fd: int) -> None:
        raise OSError(28, "No space left on device (injected)")

    monkeypatch.setattr("kg.outputs.os.fsync", fsync)


def _fail_on_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(src, dst):
        raise PermissionError(13, "Permission denied (injected)")

    monkeypatch.setattr("kg.outputs.os.replace", replace)


@pytest.mark.parametrize(
    "inject",
    [_fail_on_second_document, _fail_in_serializer, _fail_after_partial_write, _fail_on_rename],
)
def test_failed_build_keeps_the_old_graph(tmp_path: Path, monkeypatch, inject) -> None:
    """A build that dies midway leaves the previous kg.ttl byte-for-byte and no temp files."""
    out = tmp_path / "out"
    sources = [MIXED / name for name in GOOD]
    build(sources, out)
    before = (out / "kg.ttl").read_bytes()
    assert leftovers(out) == []

    inject(monkeypatch)
    with pytest.raises((RuntimeError, OSError)):
        build(sources, out)
    assert (out / "kg.ttl").read_bytes() == before
    assert leftovers(out) == []


def test_write_atomic_writes_text_and_bytes(tmp_path: Path) -> None:
    """str is written as UTF-8 (not the locale's encoding); bytes as they are."""
    target = tmp_path / "deep" / "er" / "file.txt"
    write_atomic(target, "Łukaszenka – Лукашэнка\n")
    assert target.read_bytes() == "Łukaszenka – Лукашэнка\n".encode()
    write_atomic(target, b"\x00\xffraw")
    assert target.read_bytes() == b"\x00\xffraw"
    assert leftovers(target.parent) == ["file.txt"]


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()])
def test_write_atomic_failure_leaves_target_and_no_temp(tmp_path, monkeypatch, error) -> None:
    """Interrupted or failed writes leave the old file untouched and clean up after themselves."""
    target = tmp_path / "kg.ttl"
    target.write_text("old", encoding="utf-8")

    def fsync(fd: int) -> None:
        raise error

    monkeypatch.setattr("kg.outputs.os.fsync", fsync)
    with pytest.raises(type(error)):
        write_atomic(target, "new " * 100_000)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.ttl"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_write_atomic_respects_umask_and_existing_mode(tmp_path: Path) -> None:
    """A temp file is private (0600); the output must not be: it gets the usual mode."""
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.ttl"
        write_atomic(fresh, "x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        shared = tmp_path / "shared.ttl"
        shared.write_text("old", encoding="utf-8")
        shared.chmod(0o664)
        write_atomic(shared, "new")
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    finally:
        os.umask(old)


# --- sources and slugs ----------------------------------------------------------------------


def _article(text: str = "Poland declared a state of emergency along the border.") -> str:
    return f"lang: en\n\n{text}\n"


def test_collect_sources_skips_readme_and_hidden_files(tmp_path: Path) -> None:
    """Folders give article files in a stable order; README.md and dotfiles are not articles."""
    for name in ("b.txt", "a.md", "README.md", ".hidden.txt", "notes.csv", "sub/c.text"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(_article(), encoding="utf-8")
    found = collect_sources([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.md", "b.txt", "sub/c.text"]


def test_same_file_given_twice_is_one_document(tmp_path: Path, monkeypatch) -> None:
    """`kg build seeds seeds/x.txt` (or a relative and an absolute path) reads x.txt once."""
    (tmp_path / "x.txt").write_text(_article(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = build([Path("."), tmp_path / "x.txt", Path("x.txt")], tmp_path / "out")
    assert [x.slug for x in result.documents] == ["x"]


def test_colliding_slugs_get_distinct_iris(tmp_path: Path) -> None:
    """Different files never share a document IRI, even when a numbered slug is taken."""
    names = ["a b.txt", "a-b-2.txt", "a-b.txt", "sub/a b.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(_article(f"Poland closed the border ({name})."), "utf-8")
    result = build([tmp_path], tmp_path / "out")
    slugs = [x.slug for x in result.documents]
    assert len(set(slugs)) == len(names), slugs
    graph = Graph().parse(tmp_path / "out" / "kg.ttl", format="turtle")
    assert len(articles(graph)) == len(names)
    # every article's context holds its own file's text
    for x in result.documents:
        texts = list(graph.objects(None, NIF.isString))
        assert Literal(Path(x.path).read_text(encoding="utf-8")) in texts


def test_build_output_has_no_machine_paths(tmp_path: Path) -> None:
    """Where the input or rules live must not leak into the graph (and break determinism)."""
    src = tmp_path / "some-folder-name"
    shutil.copytree(MIXED, src)
    out = tmp_path / "out"
    build([src / name for name in GOOD], out)
    text = (out / "kg.ttl").read_text(encoding="utf-8")
    assert "some-folder-name" not in text
    assert str(Path(kg.build.pipeline.__file__).parents[1]) not in text  # kg/


def test_the_last_pass_says_what_it_is_doing(tmp_path: Path) -> None:
    """Minutes go by after the last document on an archive: the build says on what."""
    phases: list[str] = []
    seed = Path(__file__).resolve().parents[2] / "seeds"
    result = build([seed], tmp_path / "out", with_store=True, on_phase=phases.append)
    reports = re.fullmatch(r"merging ([\d,]+) event reports", phases[0])
    assert reports and int(reports[1].replace(",", "")) >= result.events > 10
    assert phases[1:] == ["writing kg.nq", "writing kg.ttl, kg.trig, the store"]
    phases.clear()
    build([seed], tmp_path / "nq", formats=(), on_phase=phases.append)
    assert phases[1:] == ["writing kg.nq"]
