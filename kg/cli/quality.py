"""`kg rules check`, `kg rules test`, `kg evaluate` and `kg validate`: is the graph right?"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import data_files, err
from kg.terminal import for_terminal


def rules_check(
    folder: Annotated[Path | None, typer.Argument(help="Extra rule folder to check.")] = None,
) -> None:
    """Validate the rule files and report each problem as file:line › rule › field: reason.

    Checks the schema, references to entity ids and event types, spaCy patterns, and that
    every pattern matches at least one of its own example sentences.

    Example: kg rules check my-rules/
    """
    from kg.quality.ruletest import check_rules

    rules = check_rules([folder] if folder else [])
    err.print(
        f"kg: rules ok: {len(rules.entities)} entities, {len(rules.event_types)} event types, "
        f"{len(rules.patterns)} patterns in {len(rules.files)} files",
        markup=False,
    )


def rules_test(
    folder: Annotated[Path | None, typer.Argument(help="Extra rule folder to include.")] = None,
) -> None:
    """Run every example sentence of every pattern and show which pass.

    Example: kg rules test
    """
    from kg.quality.ruletest import run_examples

    results = run_examples([folder] if folder else [])
    failed = [r for r in results if not r.ok]
    for r in results:
        mark = "ok  " if r.ok else "FAIL"
        print(for_terminal(f"{mark} {r.pattern}  {r.example.text}"))
        if not r.ok:
            print(for_terminal(f"     {r.problem}"))
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if failed:
        raise typer.Exit(1)


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
    from kg.quality.evaluate import by_language, totals
    from kg.quality.evaluate import evaluate as run_evaluate

    reports = run_evaluate(gold, Path.cwd(), rules or [])
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
    languages = by_language(reports)
    for lang, part in languages.items() if len(languages) > 1 else ():
        entities, events = totals(part)
        label = f"lang {lang} ({len(part)} documents, micro)"
        print(f"{label:<52} {_prf(entities):>15}   {_prf(events):>15}")
    entities, events = totals(reports)
    print(f"{'all documents (micro)':<52} {_prf(entities):>15}   {_prf(events):>15}")
    for lang, part in languages.items():
        asked = sum(r.not_asserted for r in part)
        wrong = sum(r.stated_as_fact for r in part)
        if asked:
            print(
                f"lang {lang}: {wrong} of {asked} statements the text does not assert "
                f"(denied, negated, asked, possible, …) came out as facts"
            )
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


def validate(
    data: Annotated[
        list[Path] | None, typer.Option("--data", "-d", help="Data file(s) (default out/kg.ttl).")
    ] = None,
    shapes: Annotated[
        Path | None, typer.Option(help="Other SHACL shapes (Turtle) instead of kg's own.")
    ] = None,
) -> None:
    """Check the graph against kg's SHACL shapes; one line per problem, exit 1 on violations.

    Each line reads: focus node, property path, what is expected (and the value found).

    Example: kg validate --data out/kg.ttl
    """
    from kg.quality.validate import validate_files

    report = validate_files(data_files(data), shapes)
    for problem in report.problems:
        sys.stdout.write(for_terminal(problem.line()) + "\n")
    err.print(f"kg: {report.summary()}", markup=False)
    if not report.conforms:
        raise typer.Exit(1)
