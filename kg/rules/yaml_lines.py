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
        return _line_mapping(self, node, deep)


def _line_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> LineDict:
    mapping = LineDict(yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same, parsed by libyaml: about three times faster on the big rule files
    (gazetteer, event patterns). Its composer is C: a file with anchors goes to the
    Python loader above, which refuses them."""


_FastLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _line_mapping)


def _has_anchors(text: str) -> bool:
    return any(
        isinstance(token, yaml.AliasToken | yaml.AnchorToken)
        for token in yaml.scan(text, Loader=_FastLineLoader)
    )


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; syntax errors surface as yaml.YAMLError with a mark."""
    text = path.read_text(encoding="utf-8")
    if not getattr(yaml, "__with_libyaml__", False):
        return yaml.load(text, Loader=_LineLoader)
    try:
        if not _has_anchors(text):
            return yaml.load(text, Loader=_FastLineLoader)
    except yaml.YAMLError:
        pass  # the Python parser says it better: it names the line to fix
    return yaml.load(text, Loader=_LineLoader)


def line_of(value: Any, default: int = 1) -> int:
    return getattr(value, "line", default)
