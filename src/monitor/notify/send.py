"""Delivering one rendered message to one target: through apprise, or to the console."""

from __future__ import annotations

import asyncio
import copy
import logging
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote, unquote

from monitor.model import Message
from monitor.notify import console_log
from monitor.notify.mail_threads import EmailThread, message_id
from monitor.notify.payload import PAYLOAD_VERSION, STRUCTURED_SCHEMES
from monitor.notify.targets import Target, mask_url, reusable_plugin

log = logging.getLogger(__name__)
# apprise logs full URLs, tokens included, at DEBUG; never let that through.
logging.getLogger("apprise").setLevel(max(logging.getLogger("apprise").level, logging.INFO))


def quiet_apprise() -> None:
    """Keep apprise to warnings: its two INFO lines per message drown a busy daemon's log,
    and the dispatcher logs every outcome itself. Debug logging still shows everything
    but apprise's DEBUG, which carries tokens."""
    apprise_log = logging.getLogger("apprise")
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        apprise_log.setLevel(max(apprise_log.level, logging.WARNING))

ERROR_LIMIT = 500
_RETRY_AFTER = re.compile(r"retry[ -]?after\D{0,20}?(\d+(?:\.\d+)?)", re.IGNORECASE)
_URL_PIECES = re.compile(r"[/:@?&=#,;\s]+")
_MIN_SECRET = 4


@dataclass(frozen=True)
class DeliveryResult:
    """How one delivery went: ok, or the (masked) reason and any delay the service asked for."""

    ok: bool
    error: str | None = None
    retry_after: float | None = None
    status: int | None = None
    permanent: bool = False


def secret_pieces(url: str) -> set[str]:
    """The parts of an apprise URL that its privacy rendering hides: passwords, tokens."""
    shown = unquote(mask_url(url))
    address, _, query = url.partition("?")
    # Query keys are option names, not secrets; only their values can be.
    values = [pair.partition("=")[2] for pair in query.split("&")]
    pieces: set[str] = set()
    for part in (address, *values):
        pieces |= set(_URL_PIECES.split(part)) | set(_URL_PIECES.split(unquote(part)))
    return {p for p in pieces if len(p) >= _MIN_SECRET and p not in shown}


def scrub(text: str, url: str) -> str:
    """`text` with the URL and every secret piece of it replaced by masks."""
    text = text.replace(url, mask_url(url))
    # Longest first, so a token is not half-replaced by a shorter piece inside it.
    for piece in sorted(secret_pieces(url), key=len, reverse=True):
        text = text.replace(piece, "***")
    return text


def _with_headers(url: str, headers: dict[str, str]) -> str:
    args = "&".join(f"+{quote(k, safe='')}={quote(v, safe='')}" for k, v in headers.items())
    return url + ("&" if "?" in url else "?") + args


def _failure_reason(result: Any) -> str:
    lines: list[str] = []
    for service in getattr(result, "results", ()):
        lines += [entry.message for entry in service.logs()
                  if entry.level in ("WARNING", "ERROR", "CRITICAL")]
    lines += [entry.message for entry in result.call_logs()
              if entry.level in ("WARNING", "ERROR", "CRITICAL")]
    status = getattr(result, "status", None)
    if not lines:
        return f"delivery failed ({getattr(status, 'name', 'FAILURE').lower()})"
    return "; ".join(dict.fromkeys(lines))


def _retry_after(reason: str) -> float | None:
    match = _RETRY_AFTER.search(reason)
    return float(match.group(1)) if match else None


# Client errors that a later attempt may get past: timeout, conflict, too early, rate limit.
_TRANSIENT_CLIENT_ERRORS = frozenset({408, 409, 425, 429})


def is_permanent(status: int | None) -> bool:
    """Whether an HTTP status says the request itself is wrong, so retrying cannot help."""
    return status is not None and 400 <= status < 500 and status not in _TRANSIENT_CLIENT_ERRORS


SEPARATOR = "-" * 72


def format_console(message: Message, at: datetime | None = None) -> str:
    """One alert as a console block: timestamp and title line, body, separator."""
    stamp = (at or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return f"[{stamp}] {message.title}\n{message.body.rstrip()}\n{SEPARATOR}\n"


def write_console(message: Message, log_path: Path | None, *,
                  stream: TextIO | None = None, at: datetime | None = None) -> None:
    """Print the message and append it to `log_path` (created with its folder if missing,
    rotated past console_log.MAX_BYTES).

    Raises OSError when the log file cannot be written; the caller records the failure.
    """
    block = format_console(message, at)
    out = stream if stream is not None else sys.stdout
    out.write(block)
    out.flush()
    if log_path is not None:
        console_log.append(log_path, block)


async def _send_console(target: Target, message: Message) -> DeliveryResult:
    try:
        await asyncio.to_thread(write_console, message, target.log_path)
    except OSError as exc:
        return DeliveryResult(ok=False, error=f"console log {target.log_path}: {exc.strerror}")
    return DeliveryResult(ok=True)


def _with_payload(plugin: Any, payload: dict[str, Any]) -> Any:
    """A copy of a json:// plugin that posts `payload` instead of apprise's own document.

    apprise builds {version, title, message, attachments, type} and then applies the URL's
    ":key=value" extras: a key it has is renamed, an empty value drops it, others are added.
    Ours rename "message" to "body", drop "attachments", add the rest, and the operator's
    own extras from the URL still apply after them.
    """
    structured = copy.copy(plugin)
    extras: dict[str, Any] = {"message": "body", "attachments": ""}
    extras |= {k: v for k, v in payload.items() if k not in ("version", "title", "body", "type")}
    structured.payload_extras = extras | dict(getattr(plugin, "payload_extras", {}))
    structured.json_version = PAYLOAD_VERSION
    return structured


async def send(target: Target, message: Message, *,
               thread: EmailThread | None = None, notify_type: str = "info",
               payload: dict[str, Any] | None = None,
               attachments: Sequence[Path] = ()) -> DeliveryResult:
    """Deliver `message` to `target`; never raises for delivery problems, never leaks secrets.

    `thread` sets Message-ID, References and In-Reply-To when the target is e-mail;
    `notify_type` is apprise's (info, warning, failure); `payload` is the structured
    document a json:// target receives in place of apprise's title-and-body one;
    `attachments` are files an e-mail target attaches (other targets ignore them).
    """
    if target.kind == "console":
        return await _send_console(target, message)
    url = target.url
    mail_id: str | None = None
    if thread is not None and target.scheme in ("mailto", "mailtos"):
        url = _with_headers(url, thread.headers()) if thread.headers() else url
        message = message.model_copy(update={"title": thread.subject(message.title)})
        mail_id = thread.message_id
    plugin = reusable_plugin(url)
    if plugin is None:
        return DeliveryResult(ok=False, error=f"not a valid apprise URL: {mask_url(target.url)}")
    if payload is not None and target.scheme in STRUCTURED_SCHEMES:
        plugin = _with_payload(plugin, payload)
    files = [str(path) for path in attachments] if target.scheme in ("mailto", "mailtos") else []
    with message_id(mail_id):
        return await _send_apprise(target, plugin, url, message, notify_type, files)


async def _send_apprise(target: Target, plugin: Any, url: str, message: Message,
                        notify_type: str, files: list[str]) -> DeliveryResult:
    # Imported at the first delivery through apprise: a process that sends nothing, or
    # only to the console, never loads apprise and requests.
    import apprise

    from monitor.notify.http_capture import capturing

    notifier = apprise.Apprise()
    notifier.add(plugin)
    with capturing() as http:
        try:
            result = await notifier.async_notify(
                title=message.title, body=message.body, body_format=message.format,
                notify_type=apprise.NotifyType(notify_type), attach=files or None,
            )
        except Exception as exc:  # a plugin bug must cost one delivery, not the dispatcher
            reason = f"{type(exc).__name__}: {exc}"
            return DeliveryResult(ok=False, error=scrub(reason, url)[:ERROR_LIMIT])
    if result:
        return DeliveryResult(ok=True, status=http.last_status)
    reason = scrub(_failure_reason(result), url)[:ERROR_LIMIT]
    status = http.last_status
    if status is not None and str(status) not in reason:
        reason = f"HTTP {status}: {reason}"[:ERROR_LIMIT]
    retry_after = http.retry_after if http.retry_after is not None else _retry_after(reason)
    log.info("delivery to %s failed: %s", target.display, reason)
    return DeliveryResult(ok=False, error=reason, retry_after=retry_after, status=status,
                          permanent=is_permanent(status))
