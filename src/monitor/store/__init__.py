"""The SQLite history: all SQL of monitor lives in this package."""

from monitor.store.store import Store, imported_feeds

__all__ = ["Store", "imported_feeds"]
