"""How many fetches run at once: a global bound, and a smaller one per host to be polite."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

DEFAULT_TOTAL = 20
DEFAULT_PER_HOST = 2


def host_of(url: str) -> str:
    """The host a URL names, lowercased; '' for local paths (which no host limit applies to)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class FetchLimiter:
    """Bounds concurrent fetches to `total` overall and `per_host` for any one host.

    A fetch takes its host's slot before a global one, so fetches queued behind a busy host
    never hold global slots that other hosts could use.
    """

    def __init__(self, total: int = DEFAULT_TOTAL, per_host: int = DEFAULT_PER_HOST) -> None:
        if total < 1 or per_host < 1:
            raise ValueError("fetch limits must be at least 1")
        self.total = total
        self.per_host = per_host
        self._global = asyncio.Semaphore(total)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._waiting: dict[str, int] = {}

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        """Hold one fetch slot for `url` for the duration of the block."""
        host = host_of(url)
        if not host:
            async with self._global:
                yield
            return
        semaphore = self._hosts.get(host)
        if semaphore is None:
            semaphore = self._hosts[host] = asyncio.Semaphore(self.per_host)
        self._waiting[host] = self._waiting.get(host, 0) + 1
        try:
            async with semaphore, self._global:
                yield
        finally:
            self._waiting[host] -= 1
            if not self._waiting[host]:
                # Thousands of feeds over hundreds of hosts: keep only the hosts in use.
                del self._waiting[host]
                del self._hosts[host]
