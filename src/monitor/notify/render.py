"""Rendering an alert into a titled message in plain text, Markdown or HTML."""

from __future__ import annotations

import dataclasses
import functools
import html
from typing import TYPE_CHECKING

from monitor.model import Alert, Message
from monitor.model.alert import MessageFormat
from monitor.notify.sanitize import escape_markdown, truncate
from monitor.notify.templates import TEMPLATES
from monitor.notify.view import AlertView, build_view

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

_TEMPLATE_NAMES: dict[MessageFormat, str] = {
    "text": "text.txt", "markdown": "markdown.md", "html": "html.html",
}


@functools.cache
def _environment() -> SandboxedEnvironment:
    # Built at the first render, so a process with no alert to send never loads jinja2.
    from jinja2 import DictLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed although the templates are ours: operators may later supply their own.
    env = SandboxedEnvironment(
        loader=DictLoader({name: TEMPLATES[fmt] for fmt, name in _TEMPLATE_NAMES.items()}),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = escape_markdown
    return env


def _body(view: AlertView, fmt: MessageFormat) -> str:
    body = _environment().get_template(_TEMPLATE_NAMES[fmt]).render(v=view)
    return body.strip() + "\n"


def _compact(view: AlertView) -> AlertView:
    """The same view without evidence and with only the first source, for short limits."""
    return dataclasses.replace(view, evidence=[], sources=view.sources[:1])


def _title(view: AlertView, fmt: MessageFormat) -> str:
    # An HTML message's title is the e-mail subject: plain text, never markup.
    return escape_markdown(view.title) if fmt == "markdown" else view.title


def _html_excerpt(text: str, max_length: int) -> str:
    # Cutting markup could leave a tag open; cut the plain text, then escape it.
    limit = max_length
    while limit > 0:
        body = "<p>" + html.escape(truncate(text, limit)).replace("\n", "<br>\n") + "</p>"
        if len(body) <= max_length:
            return body
        limit -= max(1, len(body) - max_length)
    return ""


def subject_of(alert: Alert) -> str:
    """The alert's title as an e-mail subject: plain text in any format."""
    return build_view(alert).title


def render(alert: Alert, fmt: MessageFormat, *, max_length: int | None = None,
           first: Alert | None = None) -> Message:
    """The alert as a message in `fmt`, its body within `max_length` characters if given.

    An update names `first`, the event's earliest alert that reached the same target.
    """
    view = build_view(alert, first)
    body = _body(view, fmt)
    if max_length is not None and len(body) > max_length:
        body = _body(_compact(view), fmt)
    if max_length is not None and len(body) > max_length:
        if fmt == "html":
            body = _html_excerpt(_body(_compact(view), "text"), max_length)
        else:
            body = truncate(body, max_length)
    return Message(title=_title(view, fmt), body=body, format=fmt)
