"""Migration 1450 of the outbox: one message per event revision and target, and `is_update`.

Before it, each rule that fired on an event revision queued its own alert per target, keyed
`rule|event|revision|target`, and the flag of an update was a column named `update`, an SQL
keyword that plain queries cannot name. Now an alert is one message naming its rules.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from monitor.model.alert import SEVERITY_RANK

_OPEN = ("pending", "failed")


def _rule(row: Any) -> dict[str, Any]:
    return {"id": row["rule_id"], "title": row["rule_title"], "severity": row["severity"],
            "reason": "", "update": bool(row["is_update"])}


def _about_one_event(row: Any) -> bool:
    # Window, digest and group alerts name a subject of their own in the key's second part.
    parts = str(row["key"]).split("|", 3)
    return len(parts) == 4 and parts[1] == row["event_id"]


def one_message_per_revision(db: Database) -> None:
    """Rename `update` to `is_update`; give each alert its `rules`; merge the unsent alerts of
    one event revision and target into the first of them; rekey the first alert of each
    event revision and target `event|revision|target`, so a restart does not queue it again.
    """
    db.execute('ALTER TABLE alerts RENAME COLUMN "update" TO is_update')
    db.execute("ALTER TABLE alerts ADD COLUMN rules TEXT NOT NULL DEFAULT '[]' "
               "CHECK (json_valid(rules))")
    cursor = db.execute(
        'SELECT id, "key", rule_id, rule_title, severity, event_id, event_revision, '
        "is_update, target, status, changes FROM alerts ORDER BY id")
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    groups: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
    for row in rows:
        db.execute("UPDATE alerts SET rules = ? WHERE id = ?",
                   [json.dumps([_rule(row)], ensure_ascii=False), row["id"]])
        if _about_one_event(row):
            groups.setdefault((row["event_id"], row["event_revision"], row["target"]),
                              []).append(row)
    for (event_id, revision, target), group in groups.items():
        _merge_unsent(db, [row for row in group if row["status"] in _OPEN])
        db.execute('UPDATE alerts SET "key" = ? WHERE id = ?',
                   [f"{event_id}|{revision}|{target}", group[0]["id"]])


def _merge_unsent(db: Database, unsent: list[dict[str, Any]]) -> None:
    if len(unsent) < 2:
        return
    rules = sorted((_rule(row) for row in unsent),
                   key=lambda rule: -SEVERITY_RANK.get(rule["severity"], 0))
    changes: dict[str, Any] = {}
    for row in unsent:
        changes.update(json.loads(row["changes"] or "{}"))
    lead, keep = rules[0], unsent[0]["id"]
    db.execute(
        "UPDATE alerts SET rule_id = ?, rule_title = ?, severity = ?, rules = ?, "
        "is_update = ?, changes = ? WHERE id = ?",
        [lead["id"], lead["title"], lead["severity"], json.dumps(rules, ensure_ascii=False),
         int(any(rule["update"] for rule in rules)), json.dumps(changes, ensure_ascii=False),
         keep])
    others = json.dumps([row["id"] for row in unsent[1:]])
    db.execute("DELETE FROM alert_leases WHERE alert_id IN (SELECT value FROM json_each(?))",
               [others])
    db.execute("DELETE FROM alerts WHERE id IN (SELECT value FROM json_each(?))", [others])
