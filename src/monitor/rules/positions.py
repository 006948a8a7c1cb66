"""Where in a rule's YAML a validation path points: the line and column to report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from monitor.rules.conditions import KEY_MARK

Position = tuple[int, int]
"""Zero-based (line, column) as ruamel records them."""


@dataclass(frozen=True)
class Spot:
    """What a path through a rule's YAML reached: positions, the node, the last key."""

    key: Position
    value: Position
    node: Any
    last_key: str
    at_key: bool

    def position(self, *, force_key: bool = False) -> Position:
        """The key's position for keys and containers, else the value's."""
        container = isinstance(self.node, CommentedMap | CommentedSeq)
        return self.key if force_key or self.at_key or container else self.value


def walk(rule_node: CommentedMap, loc: tuple[Any, ...]) -> Spot:
    """Follow `loc` (mapping keys, list indexes, KEY_MARK) through the YAML nodes.

    Parts the YAML lacks (union tags pydantic adds, defaults) leave the walk where it is.
    """
    node: Any = rule_node
    key_position: Position = (rule_node.lc.line, rule_node.lc.col)
    value_position = key_position
    last_key = ""
    at_key = False
    for part in loc:
        if part == KEY_MARK:
            at_key = True
        elif isinstance(node, CommentedMap) and part in node:
            key_position, value_position = node.lc.key(part), node.lc.value(part)
            node, last_key, at_key = node[part], str(part), False
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            key_position = value_position = node.lc.item(part)
            node = node[part]
    return Spot(key_position, value_position, node, last_key, at_key)


@dataclass(frozen=True)
class RuleOrigin:
    """The file and YAML node a rule was read from, to point at its parts later."""

    path: str
    node: CommentedMap

    @property
    def line(self) -> int:
        """One-based line of the rule's `id`."""
        return int(self.node.lc.key("id")[0]) + 1 if "id" in self.node else self.node.lc.line + 1

    def locate(self, loc: tuple[Any, ...]) -> tuple[int, int]:
        """One-based (line, column) of the part of the rule `loc` names."""
        line, column = walk(self.node, loc).position()
        return line + 1, column + 1
