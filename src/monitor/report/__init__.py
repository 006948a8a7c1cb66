"""The daily brief: one self-contained HTML page (inline SVG map and timeline, tables) of a
period of the history, readable offline and without JavaScript."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.errors import MonitorError
from monitor.model import StrikeEvent
from monitor.model.brief import BriefHistory
from monitor.report import geo
from monitor.report.marks import SIDE_COLOURS, map_marks
from monitor.report.tables import tables
from monitor.report.text import day, plural
from monitor.report.timeline import timeline

if TYPE_CHECKING:
    from jinja2 import Template

_TABLE_KINDS = {"Largest strikes": "strike", "Summits held and planned": "summit",
                "Settlements that changed hands": "frontline"}

_NOUNS = {"strike": "strike", "summit": "summit", "frontline": "frontline report"}


class ReportError(MonitorError):
    """The brief could not be written; the message names the file."""


@cache
def _template() -> Template:
    # Imported at the first brief: the daemon and other commands need no template engine here.
    from jinja2 import PackageLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=PackageLoader("monitor.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("brief.html.j2")


def render_brief(history: BriefHistory, generated_at: datetime) -> str:
    """The brief of `history` as one HTML document."""
    proj = geo.projection()
    marks, offmap = map_marks(history, proj)
    strikes = [e for e in history.events if isinstance(e, StrikeEvent)]
    kinds = set(history.kinds)
    shown = [t for t in tables(history) if _TABLE_KINDS.get(t.title, "any") in kinds | {"any"}]
    counts = {_NOUNS[kind]: sum(1 for e in history.events if e.kind == kind)
              for kind in history.kinds}
    return _template().render(
        since=day(history.since), until=day(history.until),
        generated=generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        summary=", ".join(plural(n, noun) for noun, n in counts.items()),
        proj=proj, outlines=geo.outlines(proj), regions=geo.regions(proj),
        region_borders=geo.region_borders(proj), labels=geo.oblast_labels(proj),
        marks=marks, offmap=offmap, charts=timeline(strikes) if "strike" in kinds else [],
        tables=shown, sides=SIDE_COLOURS, credit=geo.CREDIT,
    )


def write_brief(history: BriefHistory, path: Path, generated_at: datetime) -> None:
    """Write the brief to `path` (through a temporary file, so a reader never sees half)."""
    page = render_brief(history, generated_at)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(page, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ReportError(f"{path}: cannot write the brief: {exc.strerror or exc}") from exc


__all__ = ["ReportError", "render_brief", "write_brief"]
