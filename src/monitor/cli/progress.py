"""Progress bars of long commands: drawn on a terminal's stderr, absent in pipes and journals."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import contextmanager
from typing import TypeVar

import click

T = TypeVar("T")


def shown() -> bool:
    """Whether a person watches stderr; a pipe, a file, a test or journald gets no bar."""
    return sys.stderr.isatty()


def progress(items: Iterable[T], label: str) -> Iterator[T]:
    """`items`, drawing a bar as they are taken when stderr is a terminal.

    click's own bar, given a stream that is no terminal, still prints its label once; here
    nothing at all is written then, so logs and captured output stay as they were.
    """
    if not shown():
        yield from items
        return
    length = len(items) if isinstance(items, Sized) else None
    with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
        yield from bar


@contextmanager
def progress_steps(length: int, label: str) -> Iterator[Callable[[int], None]]:
    """A function to call with each step's size as work of `length` steps gets done; draws
    a bar when stderr is a terminal and there is work (`length` > 0), else does nothing."""
    if not shown() or length <= 0:
        yield lambda _steps: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar.update
