"""The package layout: one folder per stage, imports only downwards, no cycles.

A newcomer reads the stage of a module from its folder. The order below is the one the
packages' docstrings state: a module may import from its own stage and the stages before
it, never from a later one (lazy imports inside functions count too), and no two modules
may import each other, directly or round a loop.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

KG = Path(__file__).resolve().parents[1] / "kg"

# Low to high. `base` is the few top-level modules every stage may use.
STAGES = (
    "base",
    "rules",
    "articles",
    "extract",
    "rdf",
    "query",
    "store",
    "build",
    "quality",
    "viz",
    "export",
    "cli",
)
BASE = {"kg", "kg.errors", "kg.terminal", "kg.records", "kg.slug", "kg.outputs"}
ENTRY_POINTS = {"kg.__main__": "cli"}  # `python -m kg`: the command line, run as a module


def module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(KG.rglob("*.py"))}


def stage_of(module: str) -> str:
    """The stage a kg module belongs to; a module outside every stage is a layout error."""
    if module in BASE:
        return "base"
    if module in ENTRY_POINTS:
        return ENTRY_POINTS[module]
    package = module.split(".")[1]
    if package not in STAGES:
        raise AssertionError(f"{module} is in no stage: move it into a stage package or BASE")
    return package


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The kg modules `module` imports, anywhere in its body."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from kg.x import y` names the module kg.x.y when y is one, else kg.x
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        found |= {name for name in names if name == "kg" or name.startswith("kg.")}
    return {name for name in found if name in modules and name != module}


def import_graph() -> nx.DiGraph:
    modules = all_modules()
    graph = nx.DiGraph()
    for module, path in modules.items():
        graph.add_node(module)
        graph.add_edges_from((module, imported) for imported in imports_of(module, path, modules))
    return graph


def upward_imports(graph: nx.DiGraph) -> list[str]:
    rank = {stage: i for i, stage in enumerate(STAGES)}
    return sorted(
        f"{a} ({stage_of(a)}) imports {b} ({stage_of(b)})"
        for a, b in graph.edges
        if rank[stage_of(b)] > rank[stage_of(a)]
    )


def test_every_module_is_in_a_stage() -> None:
    for module in all_modules():
        stage_of(module)


def test_no_stage_imports_a_later_stage() -> None:
    assert upward_imports(import_graph()) == []


def test_no_import_cycles() -> None:
    graph = import_graph()
    # a package's __init__ re-exporting its own modules is not a loop worth naming
    graph.remove_edges_from(
        [(a, b) for a, b in graph.edges if b == a.rpartition(".")[0] or a == b.rpartition(".")[0]]
    )
    assert sorted(sorted(c) for c in nx.simple_cycles(graph)) == []


@pytest.mark.parametrize("stage", [s for s in STAGES if s not in ("base", "rules")])
def test_each_stage_package_says_what_it_is(stage: str) -> None:
    """The package docstring names the stage, so `help(kg.x)` tells a newcomer where they are."""
    doc = ast.get_docstring(ast.parse((KG / stage / "__init__.py").read_text()))
    assert doc and f"Stage `{stage}`" in doc


def test_the_check_catches_an_upward_import_and_a_cycle() -> None:
    """The checks above can fail: an extraction module importing the build is caught."""
    graph = import_graph()
    graph.add_edge("kg.extract.document", "kg.build.merge")
    graph.add_edge("kg.build.merge", "kg.extract.document")
    assert upward_imports(graph) == ["kg.extract.document (extract) imports kg.build.merge (build)"]
    assert any(set(c) == {"kg.extract.document", "kg.build.merge"} for c in nx.simple_cycles(graph))


def test_no_test_imports_a_private_name() -> None:
    """Tests use kg's public names: a private one may change without notice."""
    private = []
    for path in sorted(KG.parent.joinpath("tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kg"):
                private += [f"{path.name}: {a.name}" for a in node.names if a.name.startswith("_")]
            elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
                owner = ast.unparse(node.value)
                if owner.startswith("kg.") and not node.attr.startswith("__"):
                    private.append(f"{path.name}: {owner}.{node.attr}")
    assert private == []


def test_output_names_are_spelled_only_in_kg_outputs() -> None:
    """OUT/kg.nq, kg.ttl, kg.trig, .cache, shards: named once, in kg/outputs.py."""
    names = {"kg.nq", "kg.ttl", "kg.trig", ".cache", "shards", "out/kg.ttl", "out/kg.trig"}
    spelled = [
        f"{path.relative_to(KG)}: {node.value}"
        for path in sorted(KG.rglob("*.py"))
        if path.name != "outputs.py" or path.parent != KG
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.Constant) and node.value in names
    ]
    assert spelled == []
