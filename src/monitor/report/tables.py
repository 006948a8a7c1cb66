"""The brief's tables: the largest strikes, summits held and planned, settlements that changed
hands and the alerts sent, as rows of sanitized text and links."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.model import Event, StrikeEvent, SummitEvent
from monitor.model.brief import BriefHistory
from monitor.notify.sanitize import plain
from monitor.report.text import Link, day, headline, names, source_links

LARGEST_STRIKES = 10


@dataclass(frozen=True)
class Row:
    """One table row: its cells in column order, and the sources it links."""

    cells: list[str]
    links: list[Link]


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[Row]
    empty: str


def _figure(value: int | None) -> str:
    return "–" if value is None else str(value)


def _pair(launched: int | None, destroyed: int | None) -> str:
    return f"{_figure(launched)} / {_figure(destroyed)}"


def strike_size(event: StrikeEvent) -> tuple[int, int]:
    """How large a strike was: weapons launched, then killed."""
    return ((event.drones_launched or 0) + (event.missiles_launched or 0), event.killed or 0)


def largest_strikes(strikes: list[StrikeEvent], history: BriefHistory) -> Table:
    rows = [Row([day(e.occurred_on), e.attacker or "–",
                 _pair(e.drones_launched, e.drones_destroyed),
                 _pair(e.missiles_launched, e.missiles_destroyed),
                 _figure(e.killed), _figure(e.injured), names(list(e.targets)),
                 str(history.source_counts.get(e.id, len(e.sources)))],
                source_links(e.sources))
            for e in sorted(strikes, key=strike_size, reverse=True)[:LARGEST_STRIKES]]
    return Table("Largest strikes",
                 ["Date", "Attacker", "Drones launched / destroyed",
                  "Missiles launched / destroyed", "Killed", "Injured", "Targets", "Reports"],
                 rows, "No strikes in this period.")


def summits(events: list[SummitEvent], history: BriefHistory) -> Table:
    ordered = sorted(events, key=lambda e: (e.status, day(e.occurred_on)))
    rows = [Row([day(e.occurred_on), e.status,
                 plain(e.location.name if e.location else "–"),
                 names(list(e.participants)), plain(e.format or "–"),
                 str(history.source_counts.get(e.id, len(e.sources)))],
                source_links(e.sources))
            for e in ordered]
    return Table("Summits held and planned",
                 ["Date", "Status", "Where", "Who", "Format", "Reports"], rows,
                 "No summits in this period.")


def changed_hands(history: BriefHistory, by_id: dict[str, Event]) -> Table:
    rows = []
    for change in history.changes:
        event = by_id.get(change.event_id)
        rows.append(Row([day(change.on), plain(change.settlement),
                         f"{change.from_side or '?'} → {change.to_side or '?'}",
                         change.claimant or "–", headline(event) if event else "–"],
                        source_links(event.sources) if event else []))
    return Table("Settlements that changed hands",
                 ["Date", "Settlement", "From → to", "Claimed by", "Event"], rows,
                 "No settlement changed hands in this period.")


def alerts_sent(history: BriefHistory) -> Table:
    rows = [Row([alert.sent_at.strftime("%Y-%m-%d %H:%M") if alert.sent_at else "–",
                 plain(", ".join(rule.title or rule.id for rule in alert.named_rules()), 160),
                 alert.severity,
                 plain(alert.target, 80), headline(alert.event)],
                source_links(alert.event.sources))
            for alert in history.alerts]
    return Table("Alerts sent", ["Sent (UTC)", "Rule", "Severity", "Target", "Event"], rows,
                 "No alerts were sent in this period.")


def tables(history: BriefHistory) -> list[Table]:
    """The brief's four tables, in reading order."""
    by_id = {event.id: event for event in history.events}
    strikes = [e for e in history.events if isinstance(e, StrikeEvent)]
    held = [e for e in history.events if isinstance(e, SummitEvent)]
    return [largest_strikes(strikes, history), summits(held, history),
            changed_hands(history, by_id), alerts_sent(history)]
