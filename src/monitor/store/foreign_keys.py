"""Which rows of the history refer to which (foreign keys), and adding the ones the first
schema lacked, so SQLite guards them and Datasette links them."""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database
from sqlite_utils.db import ForeignKey


class Reference(NamedTuple):
    """A column of `table` naming a row of `parent` by its `parent_column`."""

    table: str
    column: str
    parent: str
    parent_column: str


ADDED: tuple[Reference, ...] = (
    Reference("alerts", "event_id", "events", "id"),
    Reference("settlement_claims", "event_id", "events", "id"),
    Reference("settlement_history", "event_id", "events", "id"),
    Reference("quarantine", "item_id", "items", "id"),
)
"""The references migration 1400 adds, each ON DELETE CASCADE.

Events are never pruned, so the cascade from events only says what a row is about: an alert,
a settlement's claim or change goes with its event. A quarantined item goes with its item,
whose text it is read from. Pruning deletes alerts, revisions and items: alerts and
revisions are children (deleting them is never refused), and only the quarantine hangs on an
item. `event_sources` and `claims` keep their `item_id` without a foreign key on purpose: a
report outlives its pruned item (the source row keeps feed, link and title), and a key there
would either refuse the prune or lose which item told the figure.
"""


def _orphans_removed(db: Database, ref: Reference) -> None:
    # Rows whose parent is already gone could not stay under the key: they go, as the
    # cascade would have taken them.
    db.execute(f'DELETE FROM "{ref.table}" WHERE "{ref.column}" IS NOT NULL AND NOT EXISTS '
               f'(SELECT 1 FROM "{ref.parent}" AS p WHERE p."{ref.parent_column}" = '
               f'"{ref.table}"."{ref.column}")')


def add_references(db: Database) -> None:
    """Add each reference of ADDED its table lacks, keeping every row that has its parent.

    Run outside a transaction: sqlite-utils rebuilds each table with foreign keys off and
    checks them before it commits (a table other rows cascade from cannot be rebuilt while
    they are on); each table's rebuild is one transaction.
    """
    for ref in ADDED:
        table = db.table(ref.table)
        if any(fk.column == ref.column and fk.other_table == ref.parent
               for fk in table.foreign_keys):
            continue
        _orphans_removed(db, ref)
        # transform, not add_foreign_key: the latter VACUUMs the whole file after each key
        # when outside a transaction, four rewrites of a large history on upgrade.
        table.transform(add_foreign_keys=[ForeignKey(
            ref.table, ref.column, ref.parent, ref.parent_column, on_delete="CASCADE")])
