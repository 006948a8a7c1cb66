"""The Datasette metadata of the history: every public table and view described column by
column, internal tables hidden, canned queries that run, and the deployed copy in step."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlite_utils import Database

from cli_runner import ROOT

PACKAGED = resources.files("monitor").joinpath("data", "datasette-metadata.yaml")
DEPLOYED = ROOT / "deploy" / "datasette" / "metadata.yml"
METADATA: dict[str, Any] = yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))
DATABASE: dict[str, Any] = METADATA["databases"]["monitor"]
INTERNAL = {"_sqlite_migrations", "sqlite_sequence", "alert_leases", "rule_state",
            "rule_window", "rule_fired", "claims_current", "claim_tallies",
            "feed_subscriptions"}


def public(db: Database) -> list[str]:
    """Tables and views a person browsing the history sees: not hidden, not the search
    index (Datasette hides an FTS table and its shadow tables itself)."""
    hidden = {name for name, table in DATABASE["tables"].items() if table.get("hidden")}
    return [name for name in [*db.table_names(), *db.view_names()]
            if name not in hidden and not name.startswith("items_fts")]


def test_the_deployed_metadata_is_the_packaged_one() -> None:
    assert DEPLOYED.read_text(encoding="utf-8") == PACKAGED.read_text(encoding="utf-8")


def test_it_names_title_source_and_licence() -> None:
    assert METADATA["title"]
    assert "GeoNames" in METADATA["source"] and "geonames.org" in METADATA["source_url"]
    assert "CC BY 4.0" in METADATA["license"]
    assert "creativecommons.org/licenses/by/4.0" in METADATA["license_url"]


def test_internal_tables_are_hidden() -> None:
    assert {name for name, table in DATABASE["tables"].items() if table.get("hidden")} == INTERNAL


def test_every_public_column_is_described(demo_db: Path) -> None:
    db = Database(demo_db)
    missing = []
    for name in public(db):
        described = DATABASE["tables"].get(name, {})
        if not described.get("description"):
            missing.append(f"{name}: no description")
        columns = described.get("columns", {})
        missing += [f"{name}.{column}" for column in db[name].columns_dict
                    if not columns.get(column)]
    assert missing == []


def test_no_description_is_of_a_column_gone(demo_db: Path) -> None:
    db = Database(demo_db)
    stale = [f"{name}.{column}" for name, table in DATABASE["tables"].items()
             for column in table.get("columns", {})
             if column not in db[name].columns_dict]
    assert stale == []


@pytest.mark.parametrize("query", ["strikes_last_7_days", "largest_attacks", "upcoming_summits",
                                   "settlements_changed_hands", "failed_deliveries"])
def test_each_canned_query_runs(demo_db: Path, query: str) -> None:
    conn = sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True)
    cursor = conn.execute(DATABASE["queries"][query]["sql"])
    cursor.fetchall()
    assert cursor.description
    conn.close()
    assert DATABASE["queries"][query]["title"]


def test_the_largest_attack_of_the_demo_comes_first(demo_db: Path) -> None:
    conn = sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    rows = conn.execute(DATABASE["queries"]["largest_attacks"]["sql"]).fetchall()
    conn.close()
    assert [(row["targets"], row["weapons_launched"]) for row in rows] == [
        ("Kyiv, Kharkiv, Dnipro", 174)]
