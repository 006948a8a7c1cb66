"""The SQLite history: all SQL of monitor lives in this package."""

from monitor.store.store import Store

__all__ = ["Store"]
