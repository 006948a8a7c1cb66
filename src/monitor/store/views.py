"""The views of the history for people who query it (sqlite-utils, Datasette): one row per
event of each kind, and one row per place or person an event names, with coordinates."""

from __future__ import annotations

from sqlite_utils import Database

# A place's coordinates are those the gazetteer gave it when the event was read: the event's
# JSON (`data`) keeps every place whole, the headline columns only its name.
_REPORT_TIME = ("(SELECT {extreme}(coalesce(s.published, s.added_at)) FROM event_sources AS s "
                "WHERE s.event_id = e.id)")
_NAMES = "(SELECT group_concat(n.value, ', ') FROM json_each(e.{column}) AS n)"

_REPORTED = f"""
    e.n_sources AS sources,
    coalesce({_REPORT_TIME.format(extreme="min")}, e.reported_at) AS first_reported,
    coalesce({_REPORT_TIME.format(extreme="max")}, e.reported_at) AS last_reported,
    e.first_seen AS first_recorded,
    e.updated_at AS last_recorded,
    e.revision,
    e.confidence,
    e.lang,
    e.title AS headline"""


def _per_event(name: str, kind: str, columns: str) -> str:
    """A view of one row per event of `kind`: its id and day, `columns`, then its reports."""
    return f"""
CREATE VIEW {name} AS
SELECT
    e.id AS event_id,
    e.occurred_on,
    e.precision,{columns},{_REPORTED}
FROM events AS e
WHERE e.kind = '{kind}'
"""


_STRIKES = _per_event("strikes", "strike", f"""
    e.attacker,
    e.drones_launched,
    e.drones_destroyed,
    e.missiles_launched,
    e.missiles_destroyed,
    coalesce(e.drones_launched, 0) + coalesce(e.missiles_launched, 0) AS weapons_launched,
    e.killed,
    e.injured,
    {_NAMES.format(column="targets")} AS targets""")

_SUMMITS = _per_event("summits", "summit", f"""
    e.status,
    e.location,
    json_extract(e.data, '$.location.country') AS country,
    json_extract(e.data, '$.location.lat') AS latitude,
    json_extract(e.data, '$.location.lon') AS longitude,
    {_NAMES.format(column="participants")} AS participants,
    e.format,
    {_NAMES.format(column="topics")} AS topics""")

_FRONTLINE = _per_event("frontline", "frontline", f"""
    e.advancing_side,
    e.claim,
    {_NAMES.format(column="settlements")} AS settlements,
    (SELECT group_concat(json_extract(c.value, '$.name'), ', ')
     FROM json_each(e.data, '$.changed_hands') AS c) AS changed_hands""")

_PLACE_COLUMNS = """
    json_extract(p.value, '$.admin1') AS region,
    json_extract(p.value, '$.country') AS country,
    json_extract(p.value, '$.geonames_id') AS geonames_id,
    json_extract(p.value, '$.lat') AS latitude,
    json_extract(p.value, '$.lon') AS longitude"""

_STRIKE_TARGETS = f"""
CREATE VIEW strike_targets AS
SELECT
    e.id AS event_id,
    p.key + 1 AS position,
    json_extract(p.value, '$.name') AS place,{_PLACE_COLUMNS},
    e.occurred_on,
    e.attacker,
    e.drones_launched,
    e.missiles_launched,
    coalesce(e.drones_launched, 0) + coalesce(e.missiles_launched, 0) AS weapons_launched,
    e.killed,
    e.injured,
    e.n_sources AS sources,
    e.title AS headline
FROM events AS e, json_each(e.data, '$.targets') AS p
WHERE e.kind = 'strike'
"""

# A settlement's identity in the `settlements` table: see model.settlement.settlement_key.
_KEY_OF_PLACE = ("CASE WHEN json_extract(p.value, '$.geonames_id') IS NOT NULL "
                 "THEN 'geonames:' || json_extract(p.value, '$.geonames_id') "
                 "ELSE 'name:' || json_extract(p.value, '$.name') END")

_FRONTLINE_SETTLEMENTS = f"""
CREATE VIEW frontline_settlements AS
SELECT
    e.id AS event_id,
    p.key + 1 AS position,
    json_extract(p.value, '$.name') AS settlement,{_PLACE_COLUMNS},
    e.occurred_on,
    e.advancing_side,
    e.claim,
    EXISTS (SELECT 1 FROM json_each(e.data, '$.changed_hands') AS c
            WHERE json_extract(c.value, '$.name') = json_extract(p.value, '$.name'))
        AS changed_hands,
    st.status AS current_status,
    st.side AS current_side,
    e.n_sources AS sources,
    e.title AS headline
FROM events AS e
JOIN json_each(e.data, '$.settlements') AS p
LEFT JOIN settlements AS st ON st.settlement_key = {_KEY_OF_PLACE}
WHERE e.kind = 'frontline'
"""

_SUMMIT_PARTICIPANTS = """
CREATE VIEW summit_participants AS
SELECT
    e.id AS event_id,
    p.key + 1 AS position,
    json_extract(p.value, '$.name') AS participant,
    json_extract(p.value, '$.role') AS role,
    json_extract(p.value, '$.country') AS country,
    e.occurred_on,
    e.status,
    e.location,
    json_extract(e.data, '$.location.lat') AS latitude,
    json_extract(e.data, '$.location.lon') AS longitude,
    e.n_sources AS sources,
    e.title AS headline
FROM events AS e, json_each(e.data, '$.participants') AS p
WHERE e.kind = 'summit'
"""

_SETTLEMENT_TIMELINE = """
CREATE VIEW settlement_timeline AS
SELECT
    h.id AS change_id,
    h.occurred_on,
    h.settlement,
    h.geonames_id,
    st.oblast,
    st.latitude,
    st.longitude,
    h.from_status,
    h.from_side,
    h.to_status,
    h.to_side,
    h.claimant,
    h.changed_hands,
    h.event_id,
    h.recorded_at,
    st.status AS current_status,
    st.side AS current_side
FROM settlement_history AS h
LEFT JOIN settlements AS st ON st.settlement_key = CASE
    WHEN h.geonames_id IS NOT NULL THEN 'geonames:' || h.geonames_id
    ELSE 'name:' || h.settlement END
ORDER BY h.occurred_on, h.id
"""

VIEWS: dict[str, str] = {
    "strikes": _STRIKES,
    "summits": _SUMMITS,
    "frontline": _FRONTLINE,
    "strike_targets": _STRIKE_TARGETS,
    "frontline_settlements": _FRONTLINE_SETTLEMENTS,
    "summit_participants": _SUMMIT_PARTICIPANTS,
    "settlement_timeline": _SETTLEMENT_TIMELINE,
}
"""Each public view by name, with the statement that creates it."""


def create_views(db: Database) -> None:
    """Create (or re-create, after a change of their columns) every public view."""
    for name, ddl in VIEWS.items():
        db.execute(f'DROP VIEW IF EXISTS "{name}"')
        db.execute(ddl)
