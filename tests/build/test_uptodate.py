"""A build with nothing changed is skipped; any change to inputs, rules or outputs is not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg.build.pipeline
from kg.build.pipeline import build
from tests.seed_graph import ROOT, extra_rules

SEED = ROOT / "seeds" / "2021-11-belarus-poland-border.txt"


@pytest.fixture
def sources(tmp_path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(SEED, folder)
    shutil.copy(sorted((ROOT / "corpus").glob("*.txt"))[0], folder)
    return folder


@pytest.fixture
def assembled(monkeypatch) -> list[str]:
    """Slugs of the documents each full build puts together (none when skipped)."""
    seen: list[str] = []
    real = kg.build.pipeline.Assembler.add

    def add(self, document):
        seen.append(document.slug)
        return real(self, document)

    monkeypatch.setattr(kg.build.pipeline.Assembler, "add", add)
    return seen


def _stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.glob("kg.*")}


def test_nothing_changed_means_nothing_is_written(sources, tmp_path, assembled):
    out = tmp_path / "out"
    first = build([sources], out, cache=True, with_store=True)
    stamps = _stamps(out)
    assembled.clear()
    again = build([sources], out, cache=True, with_store=True)
    assert again.up_to_date and assembled == [] and _stamps(out) == stamps
    assert (again.entities, again.events, again.triples) == (
        first.entities,
        first.events,
        first.triples,
    )
    assert [d.slug for d in again.documents] == [d.slug for d in first.documents]


def test_an_added_article_rebuilds(sources, tmp_path, assembled):
    out = tmp_path / "out"
    build([sources], out, cache=True)
    (sources / "zz-new.txt").write_text(
        "date: 2021-11-09\nlang: en\n\nPoland closed the Kuźnica border crossing.\n",
        encoding="utf-8",
    )
    assembled.clear()
    result = build([sources], out, cache=True)
    assert not result.up_to_date and "zz-new" in assembled
    assert "zz-new" in (out / "kg.nq").read_text(encoding="utf-8")


def test_a_deleted_or_touched_output_is_written_again(sources, tmp_path):
    out = tmp_path / "out"
    build([sources], out, cache=True)
    trig = (out / "kg.trig").read_bytes()
    (out / "kg.trig").unlink()
    assert not build([sources], out, cache=True).up_to_date
    assert (out / "kg.trig").read_bytes() == trig
    (out / "kg.ttl").write_text("edited by hand\n", encoding="utf-8")
    assert not build([sources], out, cache=True).up_to_date
    assert (out / "kg.ttl").read_text(encoding="utf-8").startswith("@prefix")


def test_other_formats_rules_or_no_cache_build_again(sources, tmp_path):
    out = tmp_path / "out"
    build([sources], out, cache=True)
    assert not build([sources], out, cache=True, formats=("ttl",)).up_to_date
    assert build([sources], out, cache=True, formats=("ttl",)).up_to_date
    rules = extra_rules(tmp_path / "rules")
    assert not build([sources], out, [rules], cache=True, formats=("ttl",)).up_to_date
    assert not build([sources], out, [rules], cache=False, formats=("ttl",)).up_to_date


def test_a_skipped_file_is_tried_again(sources, tmp_path):
    out = tmp_path / "out"
    (sources / "broken.txt").write_bytes(b"\xff\xfe not utf-8 \xff")
    first = build([sources], out, cache=True)
    assert first.errors
    again = build([sources], out, cache=True)
    assert not again.up_to_date and again.errors


def test_the_command_says_the_graph_is_up_to_date(sources, tmp_path, run_kg):
    out = tmp_path / "out"
    assert run_kg("build", str(sources), "--out", str(out)).returncode == 0
    second = run_kg("build", str(sources), "--out", str(out))
    assert second.returncode == 0
    assert f"kg: {out / 'kg.ttl'} is up to date: 2 documents" in second.stderr
    assert "--no-cache builds anyway" in second.stderr
    forced = run_kg("build", str(sources), "--out", str(out), "--no-cache")
    assert f"kg: wrote {out / 'kg.ttl'}: 2 documents" in forced.stderr


def test_a_damaged_manifest_means_a_build(sources, tmp_path):
    out = tmp_path / "out"
    build([sources], out, cache=True)
    manifest = out / ".cache" / "manifest.json"
    data = manifest.read_text(encoding="utf-8")
    manifest.write_text(data.replace('"documents"', '"docs"'), encoding="utf-8")
    assert not build([sources], out, cache=True).up_to_date
    manifest.write_text("{not json", encoding="utf-8")
    assert not build([sources], out, cache=True).up_to_date
    assert build([sources], out, cache=True).up_to_date
