"""YAML loading that remembers the line of every mapping, so errors can name it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class LineDict(dict):
    """A mapping from a YAML file that knows the (1-based) line it starts on."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        """Refuse aliases and anchors: nested aliases ("billion laughs") turn a few hundred
        bytes into gigabytes once expanded, and rule files have no use for them."""
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            kind = f"alias *{event.anchor}" if isinstance(event, yaml.AliasEvent) else "anchor"
            raise yaml.composer.ComposerError(
                None,
                None,
                f"YAML {kind}: anchors and aliases are not allowed in rule files "
                "(write the values out)",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; syntax errors surface as yaml.YAMLError with a mark."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LineLoader)


def line_of(value: Any, default: int = 1) -> int:
    return getattr(value, "line", default)
