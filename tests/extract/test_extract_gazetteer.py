"""The GeoNames gazetteer: curated aliases, homonyms, inflected forms and transliteration."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from importlib import resources

import pytest

from monitor.extract import extract, resolve_place
from monitor.extract.gazetteer import find_places
from monitor.extract.translit import germanize, romanize
from monitor.model import FeedItem, FrontlineEvent


def _data(name: str) -> dict:  # type: ignore[type-arg]
    raw = resources.files("monitor").joinpath("data", name).read_bytes()
    return json.loads(gzip.decompress(raw) if name.endswith(".gz") else raw)  # type: ignore[no-any-return]


CURATED = _data("places.json")
ALIASES = [(city["geonames_id"], city["name"], alias) for city in CURATED["cities"]
           if city.get("geonames_id") for alias in [city["name"], *city["aliases"]]]


@pytest.mark.parametrize(("geonames_id", "name", "alias"), ALIASES)
def test_every_curated_alias_resolves_to_its_geonames_id(geonames_id: int, name: str,
                                                         alias: str) -> None:
    place = resolve_place(alias)
    assert place is not None, alias
    assert (place.geonames_id, place.name) == (geonames_id, name)


def test_geonames_extract_is_large_and_credited() -> None:
    data = _data("geonames.json.gz")
    assert "GeoNames" in data["_about"] and "CC BY 4.0" in data["_about"]
    countries = [row[2] for row in data["places"]]
    assert countries.count("UA") > 5000
    assert countries.count("RU") > 300


@pytest.mark.parametrize(("text", "names"), [
    ("Удари по Києві та Харкову", ["Kyiv", "Kharkiv"]),
    ("бої на Покровському напрямку", ["Pokrovsk"]),
    ("в районі Часового Яру та у Кривому Розі", ["Chasiv Yar", "Kryvyi Rih"]),
    ("Angriff auf Charkiws Energieversorgung", ["Kharkiv"]),
    ("Kyiv's mayor and the Rostov-on-Don refinery", ["Kyiv", "Rostov-on-Don"]),
    ("в Одесі та Одеській області", ["Odesa", "Odesa Oblast"]),
    ("in der Region Saporischschja", ["Zaporizhzhia Oblast"]),
    ("drones over Shebekino and Sudzha", ["Shebekino", "Sudzha"]),
    ("a village near Bakhmut, formerly Artemivsk", ["Bakhmut", "Bakhmut"]),
])
def test_inflected_and_transliterated_mentions(text: str, names: list[str]) -> None:
    assert [m.place.name for m in find_places(text)] == names


def test_lowercase_words_are_not_places() -> None:
    assert find_places("the progress of the talks, a mayak and druzhba") == []


def test_homonym_follows_the_oblast_named_in_the_item() -> None:
    assert resolve_place("Kostiantynivka").admin1 == "Donetsk Oblast"  # type: ignore[union-attr]
    item = FeedItem(id="k", title="Russian forces advanced near Kostiantynivka in Zaporizhzhia"
                    " Oblast, the General Staff said.", published=datetime(2026, 1, 6, tzinfo=UTC))
    front = [e for e in extract(item) if isinstance(e, FrontlineEvent)]
    assert front and front[0].settlements[0].geonames_id == 705115


@pytest.mark.parametrize(("cyrillic", "national", "german"), [
    ("Костянтинівка", "Kostiantynivka", "Kostjantyniwka"),
    ("Запоріжжя", "Zaporizhzhia", "Saporischschja"),
    ("Куп'янськ", "Kupiansk", "Kupjansk"),
    ("Гуляйполе", "Huliaipole", "Huljajpole"),
    ("Часів Яр", "Chasiv Yar", "Tschassiw Jar"),
    ("Одеса", "Odesa", "Odessa"),
    ("Згурівка", "Zghurivka", "Shuriwka"),
])
def test_romanization(cyrillic: str, national: str, german: str) -> None:
    assert (romanize(cyrillic), germanize(cyrillic)) == (national, german)
