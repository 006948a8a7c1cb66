"""Full-text search over items (migration 1300, `monitor search`): every place of the demo in
its English, German, Ukrainian and Russian spelling finds the items that name it in any other,
and the index follows items written, edited and deleted."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from cli_runner import run_monitor
from monitor.search import match_expression, search_items
from monitor.store import Store
from monitor.store.migrations import MIGRATIONS

PARIS_DE = "Diplomatie in Paris, Bombardements in der Ukraine"
WIRE_STRIKE = "Russia pounds Ukraine with 165 drones and nine missiles, two killed in Kyiv"
WIRE_PARIS = "Zelensky joins Macron, Starmer in Paris as allies weigh security guarantees"
GRAIN_DE = "Ukrainische Getreideexporte im Dezember gestiegen"

# Each place of the demo: its spellings (English, German, Ukrainian, Russian and others the
# reports use), and the items that name it, each in one language only or in both.
PLACES = {
    "Kyiv": (("Kyiv", "Kiew", "Kyjiw", "Київ", "Києві", "Киев", "Kiev"),
             {PARIS_DE, WIRE_STRIKE, GRAIN_DE}),
    "Kharkiv": (("Kharkiv", "Charkiw", "Харків", "Харьков"), {PARIS_DE, WIRE_STRIKE}),
    "Dnipro": (("Dnipro", "Дніпро", "Днепр"), {PARIS_DE, WIRE_STRIKE}),
    "Kupiansk": (("Kupiansk", "Kupjansk", "Kupyansk", "Куп'янськ", "Купянск"), {PARIS_DE}),
    "Pokrovsk": (("Pokrovsk", "Pokrowsk", "Покровськ", "Покровск"), {PARIS_DE}),
    "Kostiantynivka": (("Kostiantynivka", "Kostjantyniwka", "Костянтинівка",
                        "Константиновка"), {PARIS_DE}),
    "Paris": (("Paris", "Париж"), {PARIS_DE, WIRE_PARIS}),
    "Washington": (("Washington", "Вашингтон"), {PARIS_DE}),
}
SPELLINGS = [(place, spelling) for place, (spellings, _) in PLACES.items()
             for spelling in spellings]


def found_titles(db: Path, query: str, *options: str) -> set[str]:
    result = run_monitor("search", query, "--json", "--state", str(db.parent), *options)
    assert result.returncode == 0, result.stderr
    return {json.loads(line)["title"] for line in result.stdout.splitlines()}


@pytest.mark.parametrize(("place", "spelling"), SPELLINGS,
                         ids=[f"{place}-{spelling}" for place, spelling in SPELLINGS])
def test_a_place_in_any_spelling_finds_its_items(demo_db: Path, place: str,
                                                 spelling: str) -> None:
    with Store.open(demo_db) as store:
        found = search_items(store, spelling)
    assert {item.title for item in found} == PLACES[place][1]


def test_the_command_prints_items_with_their_events(demo_db: Path) -> None:
    result = run_monitor("search", "Купянск", "--state", str(demo_db.parent))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert PARIS_DE in lines[0]
    assert any(line.strip().startswith("event ") and "frontline" in line
               and "Russian advance near Kostiantynivka, Pokrovsk, Kupiansk" in line
               for line in lines[1:])


@pytest.mark.parametrize(("query", "options", "titles"), [
    ("Kyiv", ["--kind", "summit"], {PARIS_DE}),
    ("Kyiv", ["--kind", "strike"], {PARIS_DE, WIRE_STRIKE}),
    ("Kyiv", ["--since", "2026-01-06"], {PARIS_DE}),
    ("Kyiv", ["--since", "30d"], set()),
    ("drones Kyiv", [], {WIRE_STRIKE}),
    ("drone*", [], {WIRE_STRIKE}),
    ("Zelenský", [], {WIRE_PARIS}),
    ("Starmer Paris", [], {PARIS_DE, WIRE_PARIS}),
])
def test_words_kinds_and_dates_narrow_the_search(demo_db: Path, query: str,
                                                 options: list[str], titles: set[str]) -> None:
    assert found_titles(demo_db, query, *options) == titles


@pytest.mark.parametrize("query", ["", "  ", "***", '"'])
def test_a_query_without_words_is_one_error_line(demo_db: Path, query: str) -> None:
    result = run_monitor("search", query, "--state", str(demo_db.parent))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: nothing to search for")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("query", ['Kyiv" OR "x', "NEAR(a b)", "title:Kyiv", "a AND", "(Kyiv"])
def test_fts_syntax_in_a_query_is_read_as_words(query: str) -> None:
    expression = match_expression(query, spellings=lambda name: ())
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5 (title)")
    conn.execute("SELECT * FROM t WHERE t MATCH ?", [expression]).fetchall()
    conn.close()


def test_the_index_follows_items_edited_and_deleted(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "monitor.db"
    shutil.copy(demo_db, copy)
    conn = sqlite3.connect(copy)
    with conn:
        conn.execute("UPDATE items SET title = 'Ceasefire talks in Vienna', summary = '' "
                     "WHERE title = ?", [WIRE_PARIS])
        conn.execute("DELETE FROM items WHERE title = ?", [GRAIN_DE])
        conn.execute("INSERT INTO items (id, title, summary) "
                     "VALUES ('new', 'Drones over Odesa', 'Одеса')")
    conn.close()
    assert found_titles(copy, "Vienna") == {"Ceasefire talks in Vienna"}
    assert found_titles(copy, "Zelensky Starmer") == set()
    assert found_titles(copy, "Kyjiw") == {PARIS_DE, WIRE_STRIKE}
    assert found_titles(copy, "Odessa") == {"Drones over Odesa"}


def test_the_migration_indexes_the_items_of_an_older_history(tmp_path: Path) -> None:
    path = tmp_path / "monitor.db"
    older = Database(path)
    MIGRATIONS.apply(older, stop_before="1300_item_search")
    older["items"].insert_all([  # type: ignore[union-attr]
        {"id": "a", "title": "Вибухи у Харкові", "summary": ""},
        {"id": "b", "title": "Grain exports", "summary": "Exports rose in December."}])
    older.close()
    with Store.open(path) as store:
        assert [item.item_id for item in search_items(store, "Charkiw")] == ["a"]
        assert [item.item_id for item in search_items(store, "december")] == ["b"]
