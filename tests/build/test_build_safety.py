"""Builds that cannot corrupt each other or run code from data files (issue 17).

Two builds into one folder, builds killed at any stage, a build with nothing readable,
planted or damaged cache entries, output folders that cannot be written: each leaves
either the last good outputs or a clean build's bytes, and says so in one line.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg.build.pipeline
from kg.build import uptodate
from kg.build.pipeline import build
from kg.build.workers import CACHE_FORMAT, ExtractionCache, Job
from kg.outputs import LOCK_FILE, build_lock
from kg.rules.loader import load_rules
from kg.slug import slugify
from tests.conftest import REPO, SEEDS

OUTPUTS = ("kg.nq", "kg.ttl", "kg.trig")
SEED = SEEDS / "2021-11-belarus-poland-border.txt"
CORPUS = sorted((REPO / "corpus").glob("*.txt"))


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The one `kg: error:` line of a failed run (no traceback)."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """seeds/ and the corpus built once into a fresh folder: the bytes every test expects."""
    out = tmp_path_factory.mktemp("clean")
    build([_copied(tmp_path_factory.mktemp("src"))], out, cache=False)
    return _outputs(out)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    return _copied(tmp_path / "src")


def _copied(folder: Path) -> Path:
    """The seed and the corpus in one folder (a folder's files are built in name order)."""
    folder.mkdir(exist_ok=True)
    for path in [SEED, *CORPUS]:
        shutil.copy(path, folder)
    return folder


# -- one build at a time -------------------------------------------------------------------


def test_two_concurrent_builds_into_one_folder(run_kg, kg_command, tmp_path: Path) -> None:
    """Started together: one stops at once with one line, or they run one after the other;
    either way kg.ttl is a clean build's, and the next build is up to date with it."""
    articles = tmp_path / "articles"
    generate = [sys.executable, str(REPO / "bench" / "generate.py"), "--n", "60"]
    subprocess.run([*generate, "--out", str(articles)], check=True, capture_output=True)
    out = tmp_path / "out"
    kg = [*kg_command, "build", str(articles), "--out", str(out), "--jobs", "1"]
    runs = [subprocess.Popen(kg, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    codes = [run.wait(timeout=300) for run in runs]
    errors = [run.stderr.read() for run in runs if run.stderr]
    for code, stderr in zip(codes, errors, strict=True):
        assert "Traceback" not in stderr, stderr
        if code:
            assert code == 1 and stderr.strip().endswith(
                "is being built by another kg build "
                f"(pid {runs[1 - codes.index(code)].pid}); wait for it or use another --out"
            ), stderr
    assert codes.count(0) >= 1, errors
    reference = tmp_path / "reference"
    assert run_kg("build", articles, "--out", reference, "--no-cache").returncode == 0
    assert _outputs(out) == _outputs(reference)
    again = run_kg("build", articles, "--out", out)
    assert again.returncode == 0 and "is up to date" in again.stderr, again.stderr


def test_a_build_into_a_folder_being_built_stops_at_once(run_kg, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_kg("build", SEED, "--out", out).returncode == 0
    before = _outputs(out)
    with build_lock(out):
        started = time.monotonic()
        result = run_kg("build", *CORPUS, "--out", out)
        assert time.monotonic() - started < 30
    line = _one_line_error(result)
    assert line == (
        f"kg: error: {out} is being built by another kg build (pid {os.getpid()}); "
        "wait for it or use another --out"
    )
    assert _outputs(out) == before
    assert not (out / LOCK_FILE).exists()  # removed with the lock


def test_the_manifest_holds_only_what_the_build_wrote(sources, tmp_path, monkeypatch, clean):
    """Another writer replacing an output before the manifest is written (what a second
    build into the folder did): the next build must not call that file up to date."""
    out = tmp_path / "out"
    real = uptodate.save

    def replaced_first(cache_dir, digest, written, summary):
        (out / "kg.ttl").write_bytes(b"# another build's kg.ttl\n")
        return real(cache_dir, digest, written, summary)

    monkeypatch.setattr(kg.build.pipeline.uptodate, "save", replaced_first)
    build([sources], out, cache=True)
    monkeypatch.setattr(kg.build.pipeline.uptodate, "save", real)
    again = build([sources], out, cache=True)
    assert not again.up_to_date
    assert _outputs(out) == clean
    assert build([sources], out, cache=True).up_to_date


# -- killed builds ---------------------------------------------------------------------------


def test_what_killed_builds_left_is_removed_by_the_next(sources, tmp_path, clean) -> None:
    out = tmp_path / "out"
    build([sources], out, cache=True)
    left = [
        ".parts-k1l2/1.nq",
        ".store-x9/000001.sst",
        ".store-old/CURRENT",
        ".union.nt",
        ".union-3f.nt",
        ".kg.nq.a8b.tmp",
        "tmpq0w9e_1a.tmp",
        ".cache/.manifest.json.zz.tmp",
        ".cache/ab/tmp123.tmp",
    ]
    for name in left:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(b"x" * 1000)
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")  # not kg's: kept
    (sources / CORPUS[0].name).unlink()
    build([sources], out, cache=True)
    assert sorted(p.name for p in out.iterdir()) == sorted([".cache", *OUTPUTS, "notes.txt"])
    assert not list((out / ".cache").rglob("*.tmp"))


@pytest.mark.parametrize("stage", ["extracted", "written", "between-renames"])
def test_a_killed_build_never_leaves_outputs_of_two_builds(run_kg, sources, tmp_path, stage):
    """Killed (SIGKILL) at a stage: the outputs are all the old build's, or the next build
    sees they are not one build's and rebuilds them; scratch files go with the next build."""
    out = tmp_path / "out"
    first = [SEED, CORPUS[0]]
    assert run_kg("build", *first, "--out", out).returncode == 0
    old = _outputs(out)
    killed = run_kg("build", sources, "--out", out, env={"KG_TEST_KILL_AT": stage})
    assert killed.returncode == -9, killed.stderr
    now = _outputs(out)
    if stage != "between-renames":
        assert now == old
    else:
        assert now["kg.nq"] != old["kg.nq"] and now["kg.ttl"] == old["kg.ttl"]
    # the same inputs as the first build: up to date only if the outputs are still its own
    again = run_kg("build", *first, "--out", out)
    assert again.returncode == 0, again.stderr
    assert ("is up to date" in again.stderr) == (stage != "between-renames")
    assert _outputs(out) == old
    assert sorted(p.name for p in out.iterdir()) == sorted([".cache", *OUTPUTS])
    assert not list((out / ".cache").rglob("*.tmp"))


# -- nothing readable ---------------------------------------------------------------------


def test_no_readable_article_keeps_the_previous_outputs(run_kg, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_kg("build", SEED, "--out", out).returncode == 0
    before = _outputs(out)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_kg("build", empty, "--out", out)
    line = _one_line_error(result)
    assert line == f"kg: error: no article could be read; the previous outputs in {out} are kept"
    assert f"kg: skipped {empty}: empty" in result.stderr
    assert _outputs(out) == before
    folder = tmp_path / "nothing"
    folder.mkdir()
    line = _one_line_error(run_kg("build", folder, "--out", out))
    assert f"no article files (.txt, .text, .md) in {folder}" in line
    assert _outputs(out) == before


# -- the cache is data --------------------------------------------------------------------


def _entries(out: Path) -> list[Path]:
    entries = sorted((out / ".cache").rglob("*.kgq"))
    assert entries
    return entries


class _Planted:
    """What an attacker plants: unpickling it creates the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_planted_pickle_in_the_cache_never_runs(run_kg, sources, tmp_path, clean) -> None:
    out = tmp_path / "out"
    assert run_kg("build", sources, "--out", out).returncode == 0
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Planted(marker))
    for entry in _entries(out):  # in the format the cache used to have: sizes, then pickle
        entry.write_bytes(struct.pack("<QQ", len(payload), 0) + payload)
    (out / ".cache" / "manifest.json").unlink()
    result = run_kg("build", sources, "--out", out)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert _outputs(out) == clean


def test_a_flipped_byte_in_the_cache_is_extracted_again(sources, tmp_path, clean) -> None:
    out = tmp_path / "out"
    build([sources], out, cache=True)
    for entry in _entries(out):
        data = bytearray(entry.read_bytes())
        # the last letter of the document's lines, in the other case: still valid N-Quads
        at = max(i for i in range(len(data) - 200, len(data)) if chr(data[i]).isalpha())
        data[at] ^= 0x20
        entry.write_bytes(bytes(data))
    (out / ".cache" / "manifest.json").unlink()
    result = build([sources], out, cache=True)
    assert not any(document.cached for document in result.documents)
    assert _outputs(out) == clean


def test_damaged_cache_entries_are_dropped(sources, tmp_path) -> None:
    """Cut short, another key, a wrong shape with a right checksum: each is not read."""
    out = tmp_path / "out"
    build([sources], out, cache=True)
    rules = load_rules([])
    cache = ExtractionCache(out / ".cache", rules)
    job = Job(sources / SEED.name, "2021-11-belarus-poland-border")
    key = cache.key(job)
    quads = cache.get(key)
    assert quads is not None and quads.events
    path = cache.path_of(key)
    good = path.read_bytes()
    path.write_bytes(good[:-10])
    assert cache.get(key) is None
    other = "0" * 64
    shutil.copy(
        cache.path_of(cache.key(Job(sources / CORPUS[0].name, slugify(CORPUS[0].stem)))), path
    )
    assert cache.get(key) is None  # another document's entry under this key
    assert cache.get(other) is None
    fixed = len(CACHE_FORMAT) + 24 + 32
    sizes = struct.unpack_from("<QQQ", good, len(CACHE_FORMAT))
    header = json.loads(good[fixed : fixed + sizes[0]])
    shared, lines = good[fixed + sizes[0] : -sizes[2]], good[-sizes[2] :]
    path.write_bytes(_entry(header, shared, lines))
    assert cache.get(key) is not None  # written as the cache writes it
    for field, wrong in [
        ("slug", 5),
        ("labels", [["x"]]),
        ("events", [{"id": 1}]),
        ("events", [[*header["events"][0][:3], "7", None, []]]),
        ("shared", ["<a> <b> <c> ."]),
    ]:
        path.write_bytes(_entry({**header, field: wrong}, shared, lines))
        assert cache.get(key) is None, (field, wrong)
    path.write_bytes(_entry(header, shared[:-1], lines))  # not whole lines
    assert cache.get(key) is None


def _entry(header: dict, shared: bytes, lines: bytes) -> bytes:
    """A cache entry with a right checksum, whatever its parts say."""
    parts = [json.dumps(header).encode(), shared, lines]
    digest = hashlib.sha256(b"".join(parts)).digest()
    return CACHE_FORMAT + struct.pack("<QQQ", *map(len, parts)) + digest + b"".join(parts)


def test_a_build_with_a_cache_never_unpickles(sources, tmp_path, monkeypatch, clean) -> None:
    out = tmp_path / "out"
    build([sources], out, cache=True)
    (out / ".cache" / "manifest.json").unlink()

    def refuse(*args, **kwargs):
        raise AssertionError("unpickled during a build")

    for name in ("load", "loads", "Unpickler"):
        monkeypatch.setattr(pickle, name, refuse)
    result = build([sources], out, cache=True, jobs=1)
    assert all(document.cached for document in result.documents)
    assert _outputs(out) == clean


# -- folders and names ----------------------------------------------------------------------


def test_an_out_that_cannot_be_a_folder_is_one_line(run_kg, tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x\n", encoding="utf-8")
    line = _one_line_error(run_kg("build", SEED, "--out", a_file))
    assert line == f"kg: error: {a_file}: is a file, not a folder (--out names a folder)"
    under = a_file / "out"
    line = _one_line_error(run_kg("build", SEED, "--out", under))
    assert line == f"kg: error: {under}: cannot make the output folder (Not a directory)"
    assert a_file.read_text(encoding="utf-8") == "x\n"


def test_a_read_only_out_is_one_line(run_kg, read_only_folder: Path) -> None:
    line = _one_line_error(run_kg("build", SEED, "--out", read_only_folder))
    assert line.startswith(f"kg: error: {read_only_folder}: cannot write there"), line
    inside = read_only_folder / "out"
    line = _one_line_error(run_kg("build", SEED, "--out", inside))
    assert line.startswith(f"kg: error: {inside}: cannot make the output folder"), line


def test_a_file_name_that_is_not_utf8_builds_every_time(run_kg, tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(SEED, folder)
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(CORPUS[0].read_bytes())
    out = tmp_path / "out"
    first = run_kg("build", folder, "--out", out)
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    assert "2 documents" in first.stderr
    again = run_kg("build", folder, "--out", out)
    assert again.returncode == 0 and "is up to date" in again.stderr, again.stderr
    assert "/doc/caf>" in (out / "kg.nq").read_text(encoding="utf-8")
