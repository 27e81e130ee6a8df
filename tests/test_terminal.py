"""Article text never reaches a terminal as raw escape sequences; the data keeps it exact."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path

from rdflib import Graph, Literal

from kg.terminal import for_terminal

TITLE = "Border\x1b]0;pwned\x07 news\x1b[2J"
SENTENCE = "Poland closed the border \x1b[31m\x9b2J with Belarus."
ARTICLE = f"lang: en\ntitle: {TITLE}\n\n{SENTENCE}\n\nLukashenko threatened Lithuania.\n"
TITLES = "SELECT ?title WHERE { ?doc schema:headline ?title }"


def test_for_terminal_shows_controls_and_keeps_the_rest():
    assert for_terminal("a\x1b[2Jb\x07\tc\nd\x9b\u202ee") == "a\\x1b[2Jb\\x07\tc\nd\\x9b\\u202ee"
    assert for_terminal("Łukaszenka — «ok»") == "Łukaszenka — «ok»"


def _built(run_kg, tmp_path: Path) -> Path:
    article = tmp_path / "escapes.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = run_kg("build", article, "--out", out)
    assert result.returncode == 0, result.stderr
    return out / "kg.ttl"


def _in_a_terminal(command: list[str], cwd: Path) -> bytes:
    """What `command` writes when its output is a terminal (a pseudo-terminal here)."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0, b"".join(chunks)
        return b"".join(chunks)
    finally:
        os.close(leader)


def test_query_explain_and_build_never_print_raw_escapes(run_kg, kg_command, tmp_path):
    ttl = _built(run_kg, tmp_path)
    graph = Graph().parse(ttl, format="turtle")
    assert Literal(TITLE) in set(graph.objects())  # the data keeps the text as it was

    table = run_kg("query", TITLES, "--data", ttl)
    assert table.returncode == 0, table.stderr
    assert "\x1b" not in table.stdout and "\x07" not in table.stdout
    assert "Border\\x1b]0;pwned\\x07 news\\x1b[2J" in table.stdout

    explain = run_kg("explain", "Poland", "--data", ttl)
    assert explain.returncode == 0, explain.stderr
    assert "the border \\x1b[31m\\x9b2J with Belarus" in explain.stdout
    assert not any(ch in explain.stdout for ch in "\x1b\x07\x9b")

    csv = run_kg("query", TITLES, "--data", ttl, "--format", "csv")
    assert TITLE in csv.stdout  # to a file or a pipe: the exact text

    command = [*kg_command, "query", TITLES, "--data", str(ttl), "-f", "csv"]
    shown = _in_a_terminal(command, tmp_path)
    assert b"\x1b]0;" not in shown and b"\x1b[2J" not in shown and b"\x07" not in shown
    assert b"Border\\x1b]0;pwned\\x07 news" in shown


def test_a_skipped_file_name_with_escapes_is_shown_escaped(run_kg, tmp_path):
    bad = tmp_path / "in" / "evil\x1b[2J.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"lang: en\n\n\xff\xfe not utf-8\n")
    (tmp_path / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_kg("build", tmp_path / "in", "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "\x1b" not in result.stderr
    assert "evil\\x1b[2J.txt: not UTF-8" in result.stderr


def test_rule_examples_are_printed_escaped(run_kg, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "p.yaml").write_text(
        "patterns:\n"
        "  - id: en.detain.escape\n"
        "    lang: en\n"
        "    event: Detain\n"
        "    match: [{LEMMA: detain}]\n"
        '    examples: ["Poland detained \\e[2J two journalists."]\n',
        encoding="utf-8",
    )
    result = run_kg("rules", "test", rules)
    assert "\x1b" not in result.stdout
    assert "Poland detained \\x1b[2J two journalists." in result.stdout
