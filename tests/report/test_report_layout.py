"""The brief's layout rules: the projection, strike sizes, the timeline's days and totals, and
where a digest's `attach` is allowed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from monitor.model import StrikeEvent
from monitor.report.geo import map_data, oblast_labels, outlines, projection
from monitor.report.marks import strike_radius
from monitor.report.timeline import CONTINUOUS_DAYS, axis_days, daily_totals
from monitor.rules.loader import load_rules

REPORTED = datetime(2026, 1, 6, tzinfo=UTC)


def strike(day: int | None, **figures: int) -> StrikeEvent:
    on = date(2026, 1, day) if day is not None else None
    return StrikeEvent(id=f"s{day}{sorted(figures)}", reported_at=REPORTED, occurred_on=on,
                       **figures)


@pytest.mark.parametrize(("place", "lon", "lat", "inside"), [
    ("Kyiv", 30.52, 50.45, True), ("Kharkiv", 36.25, 49.98, True),
    ("Sevastopol", 33.52, 44.6, True), ("Belgorod", 36.59, 50.6, True),
    ("Paris", 2.35, 48.85, False), ("Washington", -77.04, 38.9, False),
    ("Moscow", 37.62, 55.75, False),
])
def test_the_frame_holds_ukraine_and_the_border_regions(place: str, lon: float, lat: float,
                                                        inside: bool) -> None:
    proj = projection()
    assert proj.contains(lon, lat) is inside, place
    if inside:
        x, y = proj.point(lon, lat)
        assert 0 <= x <= proj.width and 0 <= y <= proj.height


def test_west_is_left_and_north_is_up() -> None:
    proj = projection()
    lviv, kharkiv = proj.point(24.03, 49.84), proj.point(36.25, 49.98)
    chernihiv, odesa = proj.point(31.29, 51.51), proj.point(30.73, 46.48)
    assert lviv[0] < kharkiv[0] and chernihiv[1] < odesa[1]


def test_the_bundled_outlines_and_oblast_centres() -> None:
    proj = projection()
    names = [outline.name for outline in outlines(proj)]
    assert names[-1] == "Ukraine"  # drawn last, its border on top
    assert {"Russia", "Belarus", "Moldova", "Poland", "Romania"} <= set(names)
    labels = {label.text for label in oblast_labels(proj)}
    assert {"Kharkiv", "Donetsk", "Crimea", "Zaporizhzhia", "Belgorod", "Kursk"} <= labels
    assert len(labels) == 30


def inside(rings: list[list[list[float]]], lon: float, lat: float) -> bool:
    """Even-odd rule over all rings, so an enclave (Kyiv in its oblast) is a hole."""
    crossings = 0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring[-1:] + ring[:-1], ring, strict=True):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


@pytest.mark.parametrize(("lon", "lat", "region"), [
    (30.52, 50.45, "Kyiv"), (30.25, 50.1, "Kyiv Oblast"), (36.23, 49.99, "Kharkiv Oblast"),
    (24.03, 49.84, "Lviv Oblast"), (30.73, 46.48, "Odesa Oblast"),
    (37.8, 48.0, "Donetsk Oblast"), (34.1, 44.95, "Autonomous Republic of Crimea"),
    (33.52, 44.6, "Sevastopol"), (36.59, 50.6, "Belgorod Oblast"),
    (36.19, 51.73, "Kursk Oblast"), (34.36, 53.24, "Bryansk Oblast"),
    (39.2, 51.67, "Voronezh Oblast"), (39.72, 47.23, "Rostov Oblast"),
    (30.98, 52.44, "Gomel Region"),
])
def test_a_place_lies_in_its_region_outline_only(lon: float, lat: float, region: str) -> None:
    holding = [r["name"] for r in map_data()["regions"] if inside(r["rings"], lon, lat)]
    assert holding == [region]


@pytest.mark.parametrize(("figures", "radius"), [
    ({}, 4.0), ({"drones_launched": 100}, 20.0),
    ({"drones_launched": 165, "missiles_launched": 9}, 25.1),
    ({"drones_launched": 10_000}, 34.0),
])
def test_a_strike_circle_grows_with_its_weapons(figures: dict[str, int], radius: float) -> None:
    assert strike_radius(strike(5, **figures)) == radius


def test_daily_totals_sum_stated_figures_only() -> None:
    totals = daily_totals([strike(5, drones_launched=100, killed=2),
                           strike(5, drones_launched=20), strike(6, injured=0),
                           strike(None, drones_launched=50)],
                          ["drones_launched", "killed", "injured"])
    assert totals == {date(2026, 1, 5): {"drones_launched": 120, "killed": 2}}


@pytest.mark.parametrize(("days", "expected"), [
    ([], 0), ([5], 1), ([5, 9], 5), ([1, 1 + CONTINUOUS_DAYS - 1], CONTINUOUS_DAYS),
])
def test_axis_days_are_continuous_up_to_a_limit(days: list[int], expected: int) -> None:
    start = date(2026, 1, 1)
    assert len(axis_days([start + timedelta(days=d - 1) for d in days])) == expected


def test_a_long_span_shows_only_days_with_figures() -> None:
    far = [date(2026, 1, 1), date(2026, 6, 1)]
    assert axis_days(far) == far


@pytest.mark.parametrize(("rule", "problem"), [
    ("type: digest\n    schedule: '0 7 * * *'\n    attach: brief\n", None),
    ("type: match\n    attach: brief\n", "`attach` only applies to rules of type digest"),
    ("type: digest\n    schedule: '0 7 * * *'\n    attach: pdf\n", "attach"),
])
def test_attach_is_a_digest_option(tmp_path: Path, rule: str, problem: str | None) -> None:
    text = f"version: 1\nrules:\n  - id: r\n    title: R\n    kind: strike\n    {rule}"
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    loaded = load_rules(tmp_path / "r.yaml")
    if problem is None:
        assert [r.attach for r in loaded.rules] == ["brief"] and loaded.errors == []
    else:
        [error] = loaded.errors
        assert loaded.rules == [] and problem in str(error) and "r.yaml:" in str(error)
