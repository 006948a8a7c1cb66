"""The format-neutral content of an alert message: headline, facts, sources, changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from monitor.model import (
    Alert,
    AlertRule,
    Evidence,
    FeedHealthEvent,
    FrontlineEvent,
    Person,
    Place,
    StrikeEvent,
    SummitEvent,
    TimePrecision,
)
from monitor.notify.sanitize import plain, safe_link

TITLE_LIMIT = 250
VALUE_LIMIT = 300
EVIDENCE_LIMIT = 500
MAX_EVIDENCE = 3
MAX_SOURCES = 5
HEADLINE_NAMES = 3


@dataclass(frozen=True)
class SourceLine:
    """One source as shown: label, a safe link (or none) and its publication time."""

    label: str
    link: str | None
    published: str


@dataclass(frozen=True)
class ChangeLine:
    """One revised field as "field: old → new"."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class AlertView:
    """Everything a template shows, already cleaned of feed-supplied markup and controls."""

    title: str
    headline: str
    kind: str
    update: bool
    facts: list[tuple[str, str]] = field(default_factory=list)
    when: str = ""
    evidence: list[str] = field(default_factory=list)
    sources: list[SourceLine] = field(default_factory=list)
    changes: list[ChangeLine] = field(default_factory=list)
    rule: str = ""
    severity: str = ""
    refers_to: str = ""
    rules: list[tuple[str, str]] = field(default_factory=list)
    """Every rule the message speaks for, as (title, severity), the lead first."""


def _names(items: Sequence[Place | Person], limit: int | None = None) -> str:
    names = [plain(item.name, VALUE_LIMIT) for item in items]
    if limit is not None and len(names) > limit:
        return ", ".join(names[:limit]) + f" +{len(names) - limit}"
    return ", ".join(names)


def _count(number: int | None, noun: str) -> str | None:
    return None if number is None else f"{number} {noun}"


def _strike_headline(event: StrikeEvent) -> str:
    weapons = [
        part for part in (_count(event.drones_launched, "drones"),
                          _count(event.missiles_launched, "missiles")) if part
    ]
    headline = "Strike: " + ", ".join(weapons) if weapons else "Strike"
    if event.targets:
        headline += " on " + _names(event.targets, HEADLINE_NAMES)
    tolls: list[str] = []
    destroyed = [n for n in (event.drones_destroyed, event.missiles_destroyed) if n is not None]
    if destroyed:
        tolls.append(f"{sum(destroyed)} shot down")
    tolls += [part for part in (_count(event.killed, "killed"),
                                _count(event.injured, "injured")) if part]
    return headline + (" — " + ", ".join(tolls) if tolls else "")


def _summit_headline(event: SummitEvent) -> str:
    headline = f"Summit {event.status}"
    if event.location is not None:
        headline += " in " + plain(event.location.name, VALUE_LIMIT)
    if event.participants:
        headline += ": " + _names(event.participants, HEADLINE_NAMES)
    if event.format:
        headline += f" ({plain(event.format, VALUE_LIMIT)})"
    return headline


_CLAIM_WORDS = {"advance": "advance toward", "capture": "capture of",
                "repelled": "assault repelled at"}


def _frontline_headline(event: FrontlineEvent) -> str:
    side = f"{event.advancing_side} " if event.advancing_side else ""
    headline = f"Frontline: {side}{_CLAIM_WORDS[event.claim]}"
    if event.settlements:
        headline += " " + _names(event.settlements, HEADLINE_NAMES)
    return headline


def _feed_health_headline(event: FeedHealthEvent) -> str:
    name = plain(event.feed_name or event.feed_url, VALUE_LIMIT)
    if event.health == "recovered":
        return f"Feed recovered: {name}"
    since = f" failing since {_utc(event.failing_since)}" if event.failing_since else ""
    return f"Feed dead: {name}{since}"


def _feed_health_facts(event: FeedHealthEvent) -> list[tuple[str, str]]:
    return [("Feed", plain(event.feed_name, VALUE_LIMIT)), ("URL", plain(event.feed_url)),
            ("Health", event.health), ("Failing since", _utc(event.failing_since)),
            ("Last error", plain(event.last_error, VALUE_LIMIT))]


def _generic_headline(event: Any) -> str:
    """A kind this module does not know yet still gets a readable title, never a crash."""
    kind = str(getattr(event, "kind", "event")).replace("_", " ").capitalize()
    title = plain(getattr(event, "title", ""), VALUE_LIMIT)
    return f"{kind}: {title}" if title else kind


def _generic_facts(event: Any) -> list[tuple[str, str]]:
    skip = {"id", "kind", "title", "sources", "evidence", "revision", "reported_at",
            "occurred_on", "precision", "lang", "confidence"}
    dumped = event.model_dump() if hasattr(event, "model_dump") else {}
    return [(name.replace("_", " ").capitalize(), show_value(value))
            for name, value in dumped.items() if name not in skip and value not in (None, [], "")]


def _strike_facts(event: StrikeEvent) -> list[tuple[str, str]]:
    facts: list[tuple[str, str]] = [("Attacker", event.attacker or "")]
    for label, launched, destroyed in (
        ("Drones", event.drones_launched, event.drones_destroyed),
        ("Missiles", event.missiles_launched, event.missiles_destroyed),
    ):
        parts = [p for p in (_count(launched, "launched"), _count(destroyed, "shot down")) if p]
        facts.append((label, ", ".join(parts)))
    facts += [("Killed", _str(event.killed)), ("Injured", _str(event.injured)),
              ("Targets", _names(event.targets))]
    return facts


def _person(person: Person) -> str:
    extra = ", ".join(plain(x, VALUE_LIMIT) for x in (person.role, person.country) if x)
    return plain(person.name, VALUE_LIMIT) + (f" ({extra})" if extra else "")


def _summit_facts(event: SummitEvent) -> list[tuple[str, str]]:
    location = _names([event.location]) if event.location else ""
    return [("Status", event.status), ("Location", location),
            ("Participants", "; ".join(_person(p) for p in event.participants)),
            ("Format", plain(event.format, VALUE_LIMIT)),
            ("Topics", ", ".join(plain(t, VALUE_LIMIT) for t in event.topics))]


def _frontline_facts(event: FrontlineEvent) -> list[tuple[str, str]]:
    return [("Advancing side", event.advancing_side or ""), ("Claim", event.claim),
            ("Settlements", _names(event.settlements)),
            ("Changed hands", _names(event.changed_hands))]


def _str(value: int | None) -> str:
    return "" if value is None else str(value)


def describe_date(day: date | None, precision: TimePrecision) -> str:
    """The event date worded by how exactly it is known."""
    if day is None or precision is TimePrecision.UNKNOWN:
        return "date unknown" if day is None else f"{day.isoformat()} (date uncertain)"
    wording = {
        TimePrecision.DAY: day.isoformat(),
        TimePrecision.PART_OF_DAY: f"{day.isoformat()} (part of the day)",
        TimePrecision.DAYS: f"around {day.isoformat()} (over several days)",
        TimePrecision.MONTH_PART: f"part of {day:%B %Y}",
        TimePrecision.MONTH: f"{day:%B %Y}",
    }
    return wording[precision]


def _utc(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def show_value(value: Any) -> str:
    """A changed field's value as a short line: names for places and people, "—" for none."""
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(show_value(v) for v in value)
    if isinstance(value, Place | Person):
        return plain(value.name, VALUE_LIMIT)
    if isinstance(value, dict) and "name" in value:
        return plain(value["name"], VALUE_LIMIT)
    return plain(value, VALUE_LIMIT)


def _source_label(feed: str, title: str, url: str | None) -> str:
    if feed and title:
        return f"{feed}: {title}"
    return title or feed or url or "source"


def _evidence(spans: Sequence[Evidence], changed: Sequence[str]) -> list[str]:
    """The sentence each field's figure rests on, the changed fields' first.

    A field's first span is the one its current value came from (merge puts the report
    that gave a new figure first); later ones may support a figure since revised.
    """
    leads: dict[str, Evidence] = {}
    for span in spans:
        leads.setdefault(span.field, span)
    ordered = [leads[name] for name in changed if name in leads] + list(leads.values())
    # Several fields are often read from one sentence; show each sentence once.
    texts = list(dict.fromkeys(plain(span.text, EVIDENCE_LIMIT) for span in ordered))
    return [text for text in texts if text][:MAX_EVIDENCE]


_KIND_LABELS = ("Strike: ", "Frontline: ", "Feed dead: ", "Feed recovered: ")


def _subject(reason: str, headline: str) -> str:
    """The subject: the lead rule's reason, then the headline without its kind label."""
    if not reason:
        return headline
    topic = next((headline.removeprefix(label) for label in _KIND_LABELS
                  if headline.startswith(label)), headline)
    return f"{reason}: {topic}"


def _headline_and_facts(event: Any) -> tuple[str, list[tuple[str, str]]]:
    if isinstance(event, StrikeEvent):
        return _strike_headline(event), _strike_facts(event)
    if isinstance(event, SummitEvent):
        return _summit_headline(event), _summit_facts(event)
    if isinstance(event, FrontlineEvent):
        return _frontline_headline(event), _frontline_facts(event)
    if isinstance(event, FeedHealthEvent):
        return _feed_health_headline(event), _feed_health_facts(event)
    return _generic_headline(event), _generic_facts(event)


def _refers_to(first: Alert | None) -> str:
    if first is None:
        return ""
    when = _utc(first.sent_at or first.created_at)
    headline, _ = _headline_and_facts(first.event)
    return plain(f"Update to the alert #{first.id} of {when}: {headline}", TITLE_LIMIT)


def _rules_line(alert: Alert, rules: Sequence[AlertRule]) -> str:
    """The rule a message speaks for; for several, each with its severity."""
    if len(rules) < 2:
        return plain(alert.rule_title or alert.rule_id, VALUE_LIMIT)
    return "; ".join(f"{plain(rule.title or rule.id, VALUE_LIMIT)} ({rule.severity})"
                     for rule in rules)


def build_view(alert: Alert, first: Alert | None = None) -> AlertView:
    """Collect what an alert says, cleaned and capped, for any output format.

    `first` is the earliest alert about the same event that reached the same target; an
    update names it, so the reader can find what is being updated.
    """
    event = alert.event
    try:
        headline, facts = _headline_and_facts(event)
    except Exception:  # a malformed event must still produce a message
        headline, facts = _generic_headline(event), []
    headline = plain(headline)
    rules = alert.named_rules()
    lead = rules[0]
    title = plain(_subject(plain(lead.reason or lead.title or lead.id, VALUE_LIMIT), headline),
                  TITLE_LIMIT)
    sources = [
        SourceLine(label=plain(_source_label(s.feed, s.title, s.url), VALUE_LIMIT),
                   link=safe_link(s.url), published=_utc(s.published))
        for s in event.sources[:MAX_SOURCES]
    ]
    changes = [
        ChangeLine(field=plain(name.replace("_", " "), VALUE_LIMIT), old=show_value(change.old),
                   new=show_value(change.new))
        for name, change in alert.changes.items()
    ] if alert.update else []
    return AlertView(
        title=title, headline=plain(headline, TITLE_LIMIT), kind=str(event.kind),
        update=alert.update, facts=[(k, v) for k, v in facts if v],
        when=describe_date(event.occurred_on, event.precision),
        evidence=_evidence(event.evidence, list(alert.changes) if alert.update else []),
        sources=sources, changes=changes, rule=_rules_line(alert, rules),
        severity=alert.severity,
        rules=[(plain(rule.title or rule.id, VALUE_LIMIT), rule.severity) for rule in rules],
        refers_to=_refers_to(first) if alert.update and first is not None
        and first.id != alert.id else "",
    )
