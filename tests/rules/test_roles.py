"""The role groups later stages use are made of roles a rule can give (one copy each)."""

from __future__ import annotations

import ast
from pathlib import Path

from kg.rules.model import ROLES
from kg.rules.roles import KEY_ROLES, PLACE_ROLES, PLACE_SUBROLES

KG = Path(__file__).resolve().parents[2] / "kg"


def test_role_groups_hold_only_rule_roles() -> None:
    assert set(KEY_ROLES) <= set(ROLES)
    assert set(PLACE_SUBROLES) < set(PLACE_ROLES) <= set(ROLES)


def test_role_groups_and_languages_are_defined_once() -> None:
    """No module but their home assigns KEY_ROLES, PLACE_ROLES or LANGS a literal tuple or set."""
    homes = {"KEY_ROLES": "roles.py", "PLACE_ROLES": "roles.py", "LANGS": "model.py"}
    copies = []
    for path in sorted(KG.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple | ast.Set):
                for target in node.targets:
                    name = getattr(target, "id", "").lstrip("_")
                    if name in homes and path.name != homes[name]:
                        copies.append(f"{path.relative_to(KG)}: {name}")
    assert copies == []
