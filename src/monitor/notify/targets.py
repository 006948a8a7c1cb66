"""Notification targets: validating apprise URLs, choosing formats, masking secrets."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from monitor.errors import NotifyError
from monitor.model.alert import MessageFormat, notify_url_target

CONSOLE = "console"
DEFAULT_CONSOLE_LOG = Path("state/alerts.log")
TITLE_ROOM = 260

_HTML_SCHEMES = frozenset({"mailto", "mailtos"})
_MARKDOWN_SCHEMES = frozenset({
    "tgram", "discord", "slack", "matrix", "matrixs", "mmost", "mmosts", "rocket", "rockets",
    "zulip", "msteams", "workflow", "workflows", "gchat", "ntfy", "ntfys", "revolt", "guilded",
    "signal", "signals", "ryver", "flock", "webex", "wxteams", "lark", "feishu", "nctalk",
    "nctalks", "apprise", "apprises", "whatsapp",
})


@dataclass(frozen=True)
class Target:
    """Where alerts go: a name rules refer to, an apprise URL (or the console) and a format."""

    name: str
    url: str
    format: MessageFormat
    kind: Literal["apprise", "console"] = "apprise"
    log_path: Path | None = None
    max_length: int | None = None

    @property
    def display(self) -> str:
        """The name as it may be shown: a --notify URL is its own name, so mask it."""
        return mask_url(self.name) if self.name == self.url else self.name

    @property
    def scheme(self) -> str:
        """The apprise scheme, lower case; "console" for the built-in console."""
        return scheme_of(self.url)

    def __repr__(self) -> str:
        return f"Target(name={self.display!r}, url={mask_url(self.url)!r}, format={self.format!r})"


def console_target(log_path: Path | None = None) -> Target:
    """The built-in target that prints alerts and appends them to a log file."""
    return Target(name=CONSOLE, url=CONSOLE, format="text", kind="console",
                  log_path=log_path or DEFAULT_CONSOLE_LOG)


def scheme_of(url: str) -> str:
    """The part of an apprise URL before "://", lower case."""
    return url.split("://", 1)[0].strip().lower() if "://" in url else url.strip().lower()


def format_for(url: str) -> MessageFormat:
    """E-mail gets HTML, chat services get Markdown, webhooks and the rest plain text."""
    scheme = scheme_of(url)
    if scheme in _HTML_SCHEMES:
        return "html"
    if scheme in _MARKDOWN_SCHEMES:
        return "markdown"
    return "text"


def instantiate(url: str) -> Any:
    """The apprise plugin for `url`, or None when apprise rejects the URL."""
    # apprise (with requests under it) loads for the first real target: the console needs
    # none, and a cycle that has nothing to send should not pay for it.
    import apprise

    try:
        return apprise.Apprise.instantiate(url)
    except Exception:  # apprise plugins raise assorted errors on malformed URLs
        return None


@functools.lru_cache(maxsize=256)
def reusable_plugin(url: str) -> Any:
    """The apprise plugin for `url`, built once: parsing a URL costs more than a send."""
    return instantiate(url)


@functools.lru_cache(maxsize=1024)
def mask_url(url: str) -> str:
    """The URL with passwords and tokens hidden, as apprise renders it in privacy mode."""
    if scheme_of(url) == CONSOLE:
        return CONSOLE
    plugin = instantiate(url)
    if plugin is not None:
        try:
            masked = plugin.url(privacy=True)
        except Exception:  # a plugin that cannot render itself still must not leak
            masked = None
        if isinstance(masked, str) and masked:
            return masked
    return f"{scheme_of(url) or 'unknown'}://***"


def _max_length(plugin: Any) -> int | None:
    limit = getattr(plugin, "body_maxlen", None)
    if not isinstance(limit, int) or limit <= 0:
        return None
    # Services without a title field (title_maxlen 0) prepend the title to the body.
    if getattr(plugin, "title_maxlen", 1) == 0:
        limit -= TITLE_ROOM
    return max(limit, 200)


def _apprise_target(name: str, url: str, shown: str) -> Target:
    plugin = instantiate(url)
    if plugin is None:
        raise NotifyError(
            f"notify target {shown}: not a valid apprise URL ({mask_url(url)})"
        )
    return Target(name=name, url=url, format=format_for(url), max_length=_max_length(plugin))


def build_targets(named: dict[str, str], extra_urls: list[str], *,
                  console_log: Path | None = None) -> list[Target]:
    """Configured targets by name plus --notify URLs (named by notify_url_target), and the console.

    Raises NotifyError for an invalid URL or a duplicate name; the message never shows a secret.
    """
    targets: dict[str, Target] = {}
    for name, url in named.items():
        if not name.strip():
            raise NotifyError(f"notify target with URL {mask_url(url)}: the name is empty")
        if scheme_of(url) == CONSOLE:
            targets[name] = Target(name=name, url=CONSOLE, format="text", kind="console",
                                   log_path=console_log or DEFAULT_CONSOLE_LOG)
            continue
        if name == CONSOLE:
            raise NotifyError('notify target "console" is built in and cannot be redefined')
        targets[name] = _apprise_target(name, url, repr(name))
    for url in extra_urls:
        url = url.strip()
        name = notify_url_target(url)
        if name in targets:
            continue
        targets[name] = _apprise_target(name, url, "given with --notify")
    targets.setdefault(CONSOLE, console_target(console_log))
    return list(targets.values())
