"""Shared fixtures: real loopback servers (feeds, webhook receiver, SMTP)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from servers import FeedServer, SmtpSink, Webhook, feed_server, smtp_sink, webhook  # noqa: E402


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    """A feed server on 127.0.0.1."""
    with feed_server() as server:
        yield server


@pytest.fixture
def receiver() -> Iterator[Webhook]:
    """A webhook receiver on 127.0.0.1 for apprise json:// and form://."""
    with webhook() as hook:
        yield hook


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    """An aiosmtpd SMTP server on 127.0.0.1."""
    with smtp_sink() as sink:
        yield sink
