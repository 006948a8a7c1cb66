"""The labelled set: its JSON Lines schema, and reading it from a file or a folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import ValidationError, model_validator

from monitor.errors import InputError
from monitor.jsonlines import json_object
from monitor.model.base import Model
from monitor.model.event import EventKind, Side
from monitor.model.item import FeedItem

Language = Literal["en", "de", "uk", "ru"]
SCORED_KINDS: tuple[EventKind, ...] = (EventKind.STRIKE, EventKind.SUMMIT, EventKind.FRONTLINE)
"""The kinds a labelled item can expect; other kinds the pipeline knows are not read from text."""


class ExpectedStrike(Model):
    """The strike an item reports; every key is required, null meaning not stated."""

    attacker: Side | None
    drones_launched: int | None
    drones_destroyed: int | None
    missiles_launched: int | None
    missiles_destroyed: int | None
    killed: int | None
    injured: int | None
    targets: list[str]


class ExpectedSummit(Model):
    """The headline fields of the summit an item reports."""

    location: str | None
    participants: list[str]
    status: Literal["held", "planned"]
    format: str | None = None


class ExpectedFrontline(Model):
    """The headline fields of the frontline shift an item reports."""

    advancing_side: Side | None
    settlements: list[str]
    claim: Literal["advance", "capture", "repelled"]


class Expected(Model):
    """What a careful analyst reads in an item: its kinds and one event per kind at most."""

    kinds: list[EventKind]
    strike: ExpectedStrike | None
    summit: ExpectedSummit | None
    frontline: ExpectedFrontline | None

    @model_validator(mode="after")
    def _kinds_match_events(self) -> Expected:
        if len(set(self.kinds)) != len(self.kinds):
            raise ValueError("kinds lists a kind twice")
        unscored = [kind.value for kind in self.kinds if kind not in SCORED_KINDS]
        if unscored:
            raise ValueError(f"kinds lists {', '.join(unscored)}: not a kind read from reports")
        for kind in SCORED_KINDS:
            listed = kind in self.kinds
            given = getattr(self, kind.value) is not None
            if listed and not given:
                raise ValueError(f"kinds lists {kind.value!r} but {kind.value} is null")
            if given and not listed:
                raise ValueError(f"{kind.value} is given but kinds does not list it")
        return self


class LabelledItem(Model):
    """One line of the labelled set: a feed item as an outlet would publish it, and its labels."""

    id: str
    lang: Language
    title: str
    summary: str = ""
    published: datetime | None = None
    url: str | None = None
    note: str | None = None
    notes: str | None = None
    expected: Expected

    def feed_item(self, source: str = "") -> FeedItem:
        """The item as the pipeline sees it; the language is left for the extractor to detect."""
        return FeedItem(id=self.id, feed_url=source, title=self.title, summary=self.summary,
                        published=self.published)


def _parse_line(raw_line: str, where: str) -> LabelledItem:
    raw = json_object(raw_line, where)
    try:
        return LabelledItem.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "item"
        raise InputError(f"{where}: {field}: {first['msg']}") from None


def read_labelled_file(path: Path) -> Iterator[tuple[int, LabelledItem]]:
    """Line number and item of each line of one file; a bad line raises InputError (file:line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"{path}: cannot read: {reason}") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield number, _parse_line(line, f"{path}:{number}")


def labelled_files(path: Path) -> list[Path]:
    """The JSON Lines files a FILE or DIR argument names, in a stable order."""
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise InputError(f"{path}: no *.jsonl files in this folder")
        return files
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    return [path]


def read_labelled(path: Path) -> list[LabelledItem]:
    """Every item under a FILE or DIR; ids must be unique across the whole set."""
    items: list[LabelledItem] = []
    seen: dict[str, str] = {}
    for file in labelled_files(path):
        for number, item in read_labelled_file(file):
            where = f"{file}:{number}"
            if item.id in seen:
                raise InputError(f"{where}: id {item.id!r} already used at {seen[item.id]}")
            seen[item.id] = where
            items.append(item)
    return items
