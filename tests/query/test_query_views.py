"""The views of migration 1200 on the demo's history: their rows and columns, read with the
sqlite-utils command as a person querying the history would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SQLITE_UTILS = Path(sys.executable).with_name("sqlite-utils")

REPORTED = ["sources", "first_reported", "last_reported", "first_recorded", "last_recorded",
            "revision", "confidence", "lang", "headline"]
PLACE = ["region", "country", "geonames_id", "latitude", "longitude"]

COLUMNS = {
    "strikes": ["event_id", "occurred_on", "precision", "attacker", "drones_launched",
                "drones_destroyed", "missiles_launched", "missiles_destroyed",
                "weapons_launched", "killed", "injured", "targets", *REPORTED],
    "summits": ["event_id", "occurred_on", "precision", "status", "location", "country",
                "latitude", "longitude", "participants", "format", "topics", *REPORTED],
    "frontline": ["event_id", "occurred_on", "precision", "advancing_side", "claim",
                  "settlements", "changed_hands", *REPORTED],
    "strike_targets": ["event_id", "position", "place", *PLACE, "occurred_on", "attacker",
                       "drones_launched", "missiles_launched", "weapons_launched", "killed",
                       "injured", "sources", "headline"],
    "frontline_settlements": ["event_id", "position", "settlement", *PLACE, "occurred_on",
                              "advancing_side", "claim", "changed_hands", "current_status",
                              "current_side", "sources", "headline"],
    "summit_participants": ["event_id", "position", "participant", "role", "country",
                            "occurred_on", "status", "location", "latitude", "longitude",
                            "sources", "headline"],
    "settlement_timeline": ["change_id", "occurred_on", "settlement", "geonames_id", "oblast",
                            "latitude", "longitude", "from_status", "from_side", "to_status",
                            "to_side", "claimant", "changed_hands", "event_id", "recorded_at",
                            "current_status", "current_side"],
}


def query(db: Path, sql: str) -> list[dict[str, object]]:
    """Rows of `sql` as the `sqlite-utils query` command prints them."""
    result = subprocess.run([str(SQLITE_UTILS), "query", str(db), sql], capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


@pytest.mark.parametrize("view", list(COLUMNS))
def test_each_view_has_its_columns_in_order(demo_db: Path, view: str) -> None:
    rows = query(demo_db, f"select * from {view}")
    assert rows, f"{view} is empty on the demo history"
    assert list(rows[0]) == COLUMNS[view]


@pytest.mark.parametrize(("view", "key", "expected"), [
    ("strikes", "targets", ["Kyiv, Kharkiv, Dnipro"]),
    ("summits", "location", ["Paris", "Washington"]),
    ("frontline", "settlements", ["Kostiantynivka, Pokrovsk, Kupiansk"]),
    ("strike_targets", "place", ["Dnipro", "Kharkiv", "Kyiv"]),
    ("frontline_settlements", "settlement", ["Kostiantynivka", "Kupiansk", "Pokrovsk"]),
    ("summit_participants", "participant",
     ["Donald Trump", "Emmanuel Macron", "Jared Kushner", "Keir Starmer", "Steve Witkoff",
      "Volodymyr Zelensky", "Volodymyr Zelensky"]),
    ("settlement_timeline", "settlement", ["Kostiantynivka", "Kupiansk", "Pokrovsk"]),
])
def test_one_row_per_event_or_named_place(demo_db: Path, view: str, key: str,
                                          expected: list[str]) -> None:
    assert sorted(str(row[key]) for row in query(demo_db, f"select * from {view}")) == expected


def test_the_strike_row_carries_its_figures(demo_db: Path) -> None:
    (strike,) = query(demo_db, "select * from strikes")
    assert {k: strike[k] for k in ("attacker", "drones_launched", "drones_destroyed",
                                   "missiles_launched", "weapons_launched", "killed")} == {
        "attacker": "RU", "drones_launched": 165, "drones_destroyed": 137,
        "missiles_launched": 9, "weapons_launched": 174, "killed": 2}
    assert strike["sources"] == 2
    assert str(strike["first_reported"]) < str(strike["last_reported"])


@pytest.mark.parametrize(("view", "key", "place", "latitude", "longitude"), [
    ("strike_targets", "place", "Kyiv", 50.45, 30.52),
    ("frontline_settlements", "settlement", "Kupiansk", 49.71, 37.62),
    ("summit_participants", "location", "Paris", 48.85, 2.35),
    ("summits", "location", "Washington", 38.90, -77.04),
    ("settlement_timeline", "settlement", "Pokrovsk", 48.28, 37.18),
])
def test_places_have_the_gazetteer_coordinates(demo_db: Path, view: str, key: str, place: str,
                                               latitude: float, longitude: float) -> None:
    rows = [row for row in query(demo_db, f"select * from {view}") if row[key] == place]
    assert rows
    for row in rows:
        assert row["latitude"] == pytest.approx(latitude, abs=0.01)
        assert row["longitude"] == pytest.approx(longitude, abs=0.01)


def test_frontline_settlements_tell_the_current_state(demo_db: Path) -> None:
    rows = query(demo_db, "select settlement, claim, current_status, changed_hands "
                          "from frontline_settlements")
    assert {(r["claim"], r["current_status"], r["changed_hands"]) for r in rows} == {
        ("advance", "advance", 0)}
