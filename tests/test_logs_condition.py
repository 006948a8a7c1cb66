"""A repeating failure is logged when it starts, changes and clears, not on every retry."""

from __future__ import annotations

import logging

import pytest

from monitor.errors import StoreError
from monitor.logs import Condition


def test_a_full_disk_retried_many_times_is_three_lines(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("monitor.test.condition")
    condition = Condition(logger, "delivery round")
    full = StoreError("state/monitor.db: cannot record: database or disk is full")
    with caplog.at_level(logging.INFO, logger=logger.name):
        for _ in range(200):
            condition.failed(full, StoreError, "trying again every 5 s")
        condition.failed(StoreError("state/monitor.db: database is locked"), StoreError)
        condition.failed(StoreError("state/monitor.db: database is locked"), StoreError)
        condition.succeeded()
        condition.succeeded()
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("ERROR", "delivery round failed: state/monitor.db: cannot record: database or disk "
                  "is full; trying again every 5 s"),
        ("ERROR", "delivery round failed: state/monitor.db: database is locked"),
        ("WARNING", "delivery round works again (after 1 more failures of the same kind)"),
    ]
    assert all(record.exc_info is None for record in caplog.records)


def test_an_unexpected_failure_keeps_its_traceback(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("monitor.test.condition.bug")
    condition = Condition(logger, "scheduled job")
    with caplog.at_level(logging.INFO, logger=logger.name):
        for _ in range(3):
            try:
                raise KeyError("title")
            except KeyError as exc:
                condition.failed(exc, StoreError)
    [record] = caplog.records
    assert record.getMessage() == "scheduled job failed" and record.exc_info is not None
