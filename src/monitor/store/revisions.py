"""Reading stored event revisions in time order, to replay the history through rules."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from monitor.model import Event
from monitor.model.change import FieldChange
from monitor.store.codec import row_to_event, utc_text


@dataclass(frozen=True)
class StoredRevision:
    """One revision of an event as it was recorded, with the fields it changed."""

    event: Event
    changes: dict[str, FieldChange]
    recorded_at: datetime


def revisions_since(db: Database, since: datetime | None,
                    until: datetime | None = None) -> list[StoredRevision]:
    """Every revision recorded in [since, until), oldest first."""
    clauses, params = [], []
    if since is not None:
        clauses.append("recorded_at >= ?")
        params.append(utc_text(since))
    if until is not None:
        clauses.append("recorded_at < ?")
        params.append(utc_text(until))
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = db.execute(
        f"SELECT data, changes, recorded_at FROM event_revisions {where} "
        "ORDER BY recorded_at, event_id, revision", params,
    ).fetchall()
    return [
        StoredRevision(
            row_to_event(data),
            {name: FieldChange.model_validate(change)
             for name, change in json.loads(changes).items()},
            datetime.fromisoformat(recorded_at),
        )
        for data, changes, recorded_at in rows
    ]


def revision_before(db: Database, event_id: str, revision: int) -> Event | None:
    """The latest stored revision of an event older than `revision`."""
    row = db.execute(
        "SELECT data FROM event_revisions WHERE event_id = ? AND revision < ? "
        "ORDER BY revision DESC LIMIT 1", [event_id, revision],
    ).fetchone()
    return None if row is None else row_to_event(row[0])
