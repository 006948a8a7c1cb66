"""The event model validates, discriminates on kind and rejects unknown fields."""

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from monitor.model import EventAdapter, FeedItem, StrikeEvent, SummitEvent


def test_discriminates_on_kind() -> None:
    event = EventAdapter.validate_python(
        {"kind": "summit", "id": "s1", "reported_at": datetime.now(UTC), "status": "planned"}
    )
    assert isinstance(event, SummitEvent)
    assert event.status == "planned"


def test_unknown_field_is_rejected() -> None:
    with pytest.raises(ValidationError):
        StrikeEvent(id="x", reported_at=datetime.now(UTC), drones=5)  # type: ignore[call-arg]


def test_counts_default_to_not_reported() -> None:
    strike = StrikeEvent(id="x", reported_at=datetime.now(UTC))
    assert strike.killed is None and strike.drones_launched is None


@pytest.mark.parametrize("published", [
    datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
    datetime(9999, 12, 31),
])
def test_an_item_time_outside_the_news_era_is_refused(published: datetime) -> None:
    with pytest.raises(ValidationError, match="between 1990 and 2200"):
        FeedItem(id="x", published=published)
    assert FeedItem(id="x", published=datetime(2026, 1, 6, tzinfo=UTC)).published


@pytest.mark.parametrize(
    ("field", "reported", "kept"),
    [
        ("drones_launched", 810, 810),
        ("drones_launched", 10_000, 10_000),
        ("drones_launched", 10_001, None),
        ("missiles_launched", 5_000_000, None),
        ("killed", 250_000, None),
        ("injured", 2**70, None),
    ],
)
def test_a_count_past_its_bound_reads_as_not_reported(
    field: str, reported: int, kept: int | None
) -> None:
    event = StrikeEvent.model_validate(
        {"id": "x", "reported_at": datetime.now(UTC), field: reported})
    assert getattr(event, field) == kept
