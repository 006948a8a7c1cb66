"""E-mail threads: the Message-ID, References and subject that tie an event's alerts together.

apprise's mailto plugin takes extra headers ("+Name=value" in the URL) but always adds a
Message-ID of its own, made by `make_msgid` in its e-mail module, after them; a second
Message-ID header would make the mail malformed. So the first alert's id is chosen here and
handed to that call through a context variable, scoped to one delivery the way
`http_capture` scopes its response hook: apprise runs plugins in worker threads under a
copy of the caller's context. A delivery that sets none gets apprise's own id.
"""

from __future__ import annotations

import contextvars
import hashlib
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

ID_DOMAIN = "monitor.invalid"
REPLY_PREFIX = "Re: "

_CHOSEN: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "monitor_message_id", default=None)
_INSTALL_LOCK = threading.Lock()
_installed = False


def _digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class EmailThread:
    """Where one alert's mail sits in its event's thread on one target.

    The first alert of an event to a target opens the thread with the root Message-ID;
    every later one has its own Message-ID, refers to the root (In-Reply-To, References)
    and carries the opening subject after "Re: ", the stem mail clients thread by.
    """

    root_id: str
    message_id: str
    reply: bool
    subject_stem: str = ""

    @classmethod
    def for_event(cls, event_id: str, target: str, alert_id: int | None, *, reply: bool,
                  subject_stem: str = "") -> EmailThread:
        """The thread of `event_id` on `target`; its root id is stable across restarts."""
        stem = f"event.{_digest(event_id, 20)}.{_digest(target, 12)}"
        root = f"<{stem}@{ID_DOMAIN}>"
        own = f"<{stem}.{alert_id or 0}@{ID_DOMAIN}>" if reply else root
        return cls(root_id=root, message_id=own, reply=reply, subject_stem=subject_stem)

    def headers(self) -> dict[str, str]:
        """The reference headers, as apprise's mailto plugin takes them ("+Name=value")."""
        if not self.reply:
            return {}
        return {"In-Reply-To": self.root_id, "References": self.root_id}

    def subject(self, title: str) -> str:
        """The mail's subject: a reply keeps the opening subject as its stem."""
        if not self.reply or not self.subject_stem:
            return title
        return REPLY_PREFIX + self.subject_stem


def _install() -> None:
    global _installed
    with _INSTALL_LOCK:
        if _installed:
            return
        _installed = True
        from apprise.plugins.email import base as email_base

        original = getattr(email_base, "make_msgid", None)
        if original is None:  # a future apprise without it: mails keep apprise's ids
            log.warning("apprise's e-mail module has no make_msgid; e-mail threads may break")
            return

        def make_msgid(*args: Any, **kwargs: Any) -> str:
            chosen = _CHOSEN.get()
            return chosen if chosen is not None else str(original(*args, **kwargs))

        setattr(email_base, "make_msgid", make_msgid)  # noqa: B010


@contextmanager
def message_id(value: str | None) -> Iterator[None]:
    """Mails apprise writes inside this block get `value` as their Message-ID."""
    if value is None:
        yield
        return
    _install()
    token = _CHOSEN.set(value)
    try:
        yield
    finally:
        _CHOSEN.reset(token)
