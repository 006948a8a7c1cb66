"""Telling the operator that an alert was given up: a log line, the console, a chosen target."""

from __future__ import annotations

import html
import logging

from monitor.model import Message
from monitor.model.alert import MessageFormat
from monitor.notify.sanitize import escape_markdown, plain
from monitor.notify.send import send, write_console
from monitor.notify.targets import Target

log = logging.getLogger(__name__)


def dead_letter_notice(alert_id: int, target: str, title: str, reason: str,
                       fmt: MessageFormat = "text") -> Message:
    """The notice that alert `alert_id` to `target` is dead, in `fmt`."""
    lines = [
        f"Alert: {plain(title)}",
        f"Reason: {plain(reason)}",
        f"It stays in the outbox as dead; `monitor alerts show {alert_id}` shows it and "
        f"`monitor alerts retry {alert_id}` sends it again once the cause is fixed.",
    ]
    if fmt == "markdown":
        body = "\n\n".join(escape_markdown(line) for line in lines)
    elif fmt == "html":
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    else:
        body = "\n".join(lines)
    return Message(title=f"Delivery given up: alert #{alert_id} to {plain(target)}",
                   body=body + "\n", format=fmt)


async def tell_operator(alert_id: int, target: str, title: str, reason: str, *,
                        console: Target, extra: Target | None = None) -> None:
    """Log the dead letter at ERROR, print it on the console (and its log file), and send it
    to `extra` (the configured operator target) unless that is where delivery failed."""
    log.error("alert %d to %s is dead: %s (after fixing, run `monitor alerts retry %d`)",
              alert_id, target, reason, alert_id)
    try:
        write_console(dead_letter_notice(alert_id, target, title, reason), console.log_path)
    except OSError as exc:
        log.error("cannot write the operator notice to %s: %s", console.log_path, exc)
    if extra is None or extra.display == target or extra.kind == "console":
        return
    notice = dead_letter_notice(alert_id, target, title, reason, extra.format)
    result = await send(extra, notice)
    if not result.ok:
        log.error("cannot tell the operator target %s about alert %d: %s", extra.display,
                  alert_id, result.error)
