"""Before validation: named lists (`$eu_leaders`) spliced in, `near` places given coordinates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from monitor.errors import RuleError
from monitor.model.place import Place
from monitor.rules.fields import suggest

PlaceResolver = Callable[[str], Place | None]
"""Canonical place (with coordinates) for a name in any spelling, or None; from the gazetteer."""

ListValue = list[Any]
LIST_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def read_lists(where: str, document: CommentedMap,
               known: dict[str, ListValue]) -> list[RuleError]:
    """Add the file's `lists:` to `known`; returns the problems, each at its line."""
    errors: list[RuleError] = []
    lists = document.get("lists")
    if lists is None:
        return errors
    if not isinstance(lists, CommentedMap):
        line, column = document.lc.key("lists")
        return [RuleError("`lists:` maps a name to a list of values", path=where,
                          line=line + 1, column=column + 1)]
    for name, values in lists.items():
        line, column = lists.lc.key(name)
        problem = None
        if not isinstance(name, str) or not name or set(name) - LIST_NAME_CHARS:
            problem = f"list name {name!r} must be lowercase letters, digits and _"
        elif name in known:
            problem = f"list '{name}' is defined twice"
        elif not isinstance(values, CommentedSeq) or not values:
            problem = f"list '{name}' must be a non-empty list of values"
        elif any(isinstance(value, CommentedMap | CommentedSeq) for value in values):
            problem = f"list '{name}' holds plain values only (names, texts, numbers)"
        if problem is not None:
            errors.append(RuleError(problem, path=where, line=line + 1, column=column + 1))
            continue
        known[name] = [_scalar(value) for value in values]
    return errors


class Expander:
    """Turns one rule's ruamel node into plain data, resolving `$lists` and `near: {place}`."""

    def __init__(self, where: str, lists: dict[str, ListValue],
                 places: PlaceResolver | None) -> None:
        self.where = where
        self.lists = lists
        self.places = places
        self.errors: list[RuleError] = []

    def plain(self, node: Any) -> Any:
        """Plain Python values, with `$name` references and `near: {place}` expanded.

        A `$name` that is a mapping's value becomes the list; inside a list it is spliced in.
        """
        if isinstance(node, CommentedMap):
            result: dict[Any, Any] = {}
            for key, value in node.items():
                if _is_reference(value):
                    result[key] = self._list(value, node.lc.value(key))
                else:
                    result[key] = self.plain(value)
            near = node.get("near")
            if isinstance(near, CommentedMap) and "place" in near \
                    and "lat" not in near and "lon" not in near:
                result["near"] = self._locate_near(near, result["near"])
            return result
        if isinstance(node, CommentedSeq):
            items: list[Any] = []
            for index, value in enumerate(node):
                if _is_reference(value):
                    items.extend(self._list(value, node.lc.item(index)))
                else:
                    items.append(self.plain(value))
            return items
        return _scalar(node)

    def _list(self, reference: str, position: tuple[int, int]) -> ListValue:
        name = reference[1:]
        if name in self.lists:
            return list(self.lists[name])
        hint = suggest(name, self.lists)
        where = "" if self.lists else " (define it under `lists:` in a rules file)"
        self._error(f"unknown list '${name}'{hint}{where}", position)
        return []

    def _locate_near(self, node: CommentedMap, plain: dict[str, Any]) -> dict[str, Any]:
        name = plain.get("place")
        position = node.lc.value("place")
        if not isinstance(name, str):
            return plain
        if self.places is None:
            self._error(f"near: place '{name}' needs `lat` and `lon` here "
                        "(no gazetteer to look it up)", position)
            return plain
        place = self.places(name)
        if place is None or place.lat is None or place.lon is None:
            self._error(f"near: unknown place '{name}'; give `lat` and `lon`", position)
            return plain
        return {**plain, "place": place.name, "lat": place.lat, "lon": place.lon}

    def _error(self, message: str, position: tuple[int, int]) -> None:
        line, column = position
        self.errors.append(RuleError(message, path=self.where, line=line + 1,
                                     column=column + 1))


def _is_reference(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("$") and len(value) > 1


def _scalar(node: Any) -> Any:
    """Plain values from ruamel's round-trip scalars, which pydantic's strict types refuse."""
    if isinstance(node, bool) or node is None or isinstance(node, date):
        return node
    for plain in (int, float, str):
        if isinstance(node, plain):
            return plain(node)
    return node
