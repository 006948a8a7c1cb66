"""Exception hierarchy: library layers raise these; the CLI makes them one `Error:` line."""

from __future__ import annotations

from typing import Any


def _restored(kind: type[MonitorError], message: str, state: dict[str, Any]) -> MonitorError:
    error = kind.__new__(kind)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class MonitorError(Exception):
    """Base of every error monitor raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Parser workers send errors back pickled. By default unpickling calls __init__ with
        # the message alone, which FetchError(url, reason) refuses: the pool broke, and every
        # other feed's parse waiting in it failed with "the parser process died".
        return (_restored, (type(self), str(self), dict(self.__dict__)))


class ConfigError(MonitorError):
    """A configuration file or option is invalid; the message names the file and key path."""


class RuleError(MonitorError):
    """A rule file is invalid; the message names the file, line and column."""

    def __init__(self, message: str, *, path: str = "", line: int | None = None,
                 column: int | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}" if where else message)


class FetchError(MonitorError):
    """A feed could not be fetched or parsed; the message names the feed URL."""

    def __init__(self, url: str, reason: str, *, status: int | None = None) -> None:
        self.url = url
        self.reason = reason
        self.status = status
        super().__init__(f"{url}: {reason}")


class NotifyError(MonitorError):
    """A notification target is invalid or a delivery failed; never carries a secret."""


class StoreError(MonitorError):
    """The SQLite history could not be opened or written."""


class InputError(MonitorError):
    """An input file given on the command line could not be read; names the file and line."""
