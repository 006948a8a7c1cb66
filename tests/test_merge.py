"""The merge stage keeps one event per real event and reports revisions as changes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from monitor.merge import BatchMerger, combine, same_event
from monitor.model import Person, Place, Source, StrikeEvent, SummitEvent
from monitor.model.event import Event, FrontlineEvent, TimePrecision

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
KYIV, KHARKIV, DNIPRO = Place(name="Kyiv"), Place(name="Kharkiv"), Place(name="Dnipro")


def strike(id_: str, item: str, **fields: object) -> StrikeEvent:
    base: dict[str, object] = {
        "id": id_, "reported_at": NOW, "attacker": "RU", "occurred_on": date(2026, 1, 5),
        "precision": TimePrecision.PART_OF_DAY, "sources": [Source(item_id=item)],
    }
    return StrikeEvent.model_validate({**base, **fields})


def summit(id_: str, where: str, *names: str, status: str = "held", day: int = 6) -> SummitEvent:
    return SummitEvent(
        id=id_, reported_at=NOW, location=Place(name=where), status=status,  # type: ignore[arg-type]
        participants=[Person(name=n) for n in names], occurred_on=date(2026, 1, day),
        precision=TimePrecision.DAY,
    )


def test_two_outlets_one_strike() -> None:
    german = strike("de", "i1", drones_launched=165, missiles_launched=9, targets=[KYIV, KHARKIV])
    english = strike("en", "i2", drones_launched=165, drones_destroyed=137, killed=2,
                     targets=[KYIV, DNIPRO])
    merger = BatchMerger(lambda kind, around, days: [])
    merger.add(german)
    merger.add(english)
    [update] = merger.updates()
    assert update.is_new
    event = update.event
    assert isinstance(event, StrikeEvent)
    assert event.id == "de"
    assert (event.drones_launched, event.drones_destroyed, event.killed) == (165, 137, 2)
    assert [p.name for p in event.targets] == ["Kyiv", "Kharkiv", "Dnipro"]
    assert [s.item_id for s in event.sources] == ["i1", "i2"]


def test_revision_against_stored_event_reports_changes() -> None:
    stored = strike("s", "i1", killed=2, drones_launched=165)
    later = strike("x", "i9", killed=5)
    merger = BatchMerger(lambda kind, around, days: [stored] if kind == "strike" else [])
    merger.add(later)
    [update] = merger.updates()
    assert not update.is_new
    assert update.event.id == "s" and update.event.revision == 2
    assert update.changes["killed"].old == 2 and update.changes["killed"].new == 5


def test_repeat_report_with_nothing_new_keeps_revision() -> None:
    stored = strike("s", "i1", killed=2)
    merger = BatchMerger(lambda kind, around, days: [stored])
    merger.add(strike("x", "i2", killed=2))
    [update] = merger.updates()
    assert update.changes == {} and update.event.revision == 1
    assert len(update.event.sources) == 2


def test_null_never_erases_a_reported_number() -> None:
    merged = combine(strike("s", "i1", killed=2), strike("x", "i2"))
    assert isinstance(merged, StrikeEvent) and merged.killed == 2


def test_attackers_differ_means_two_strikes() -> None:
    assert not same_event(strike("a", "i1"), strike("b", "i2", attacker="UA"))


def test_nights_differ_means_two_strikes() -> None:
    assert not same_event(strike("a", "i1"), strike("b", "i2", occurred_on=date(2026, 1, 7)))


def test_paris_and_washington_are_different_summits() -> None:
    paris = summit("p", "Paris", "Volodymyr Zelensky", "Emmanuel Macron", "Keir Starmer")
    washington = summit("w", "Washington", "Volodymyr Zelensky", "Donald Trump",
                        status="planned", day=28)
    assert not same_event(paris, washington)


def test_planned_summit_becomes_held() -> None:
    planned = summit("w", "Washington", "Volodymyr Zelensky", "Donald Trump", status="planned",
                     day=28)
    held = summit("h", "Washington", "Donald Trump", "Volodymyr Zelensky", day=29)
    merger = BatchMerger(lambda kind, around, days: [planned])
    merger.add(held)
    [update] = merger.updates()
    assert update.changes["status"].old == "planned" and update.changes["status"].new == "held"


def test_advance_escalates_to_capture() -> None:
    def frontline(id_: str, claim: str) -> Event:
        return FrontlineEvent(id=id_, reported_at=NOW, advancing_side="RU", claim=claim,  # type: ignore[arg-type]
                              settlements=[Place(name="Pokrovsk")], occurred_on=date(2026, 1, 5))

    merged = combine(frontline("a", "advance"), frontline("b", "capture"))
    assert isinstance(merged, FrontlineEvent) and merged.claim == "capture"
    assert merged.revision == 2


def test_evidence_stays_bounded_however_many_outlets_report() -> None:
    from monitor.model import Evidence

    event: Event = strike("s", "i0", killed=2)
    for n in range(10):
        report = strike(f"r{n}", f"i{n + 1}", killed=2,
                        evidence=[Evidence(field="killed", text=f"Two killed, outlet {n} says.")])
        event = combine(event, report)
    assert len(event.sources) == 11
    assert sum(e.field == "killed" for e in event.evidence) == 3


def test_an_outlet_correcting_its_own_story_lowers_the_figure() -> None:
    stored = strike("s", "i1", killed=5, drones_launched=165)
    corrected = combine(stored, strike("s", "i1", killed=4))
    assert (corrected.killed, corrected.drones_launched) == (4, 165)


def test_a_lower_figure_from_one_of_several_outlets_does_not_lower_it() -> None:
    stored = combine(strike("s", "i1", killed=5), strike("x", "i2", killed=5))
    assert combine(stored, strike("s", "i1", killed=4)).killed == 5
