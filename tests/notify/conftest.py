"""Fixtures of the notify tests: a loopback webhook receiver and a loopback SMTP server."""

from notify_parts import smtp_server, webhook

__all__ = ["smtp_server", "webhook"]
