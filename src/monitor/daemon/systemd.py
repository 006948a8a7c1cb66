"""sd_notify over $NOTIFY_SOCKET: READY, STATUS, STOPPING and RELOADING; a no-op elsewhere."""

from __future__ import annotations

import os
import socket
import time


def notify(*fields: str) -> bool:
    """Send `KEY=value` lines to systemd; returns False when not run under a notify unit."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall("\n".join(fields).encode("utf-8"))
    except OSError:
        return False
    return True


def ready(status: str) -> bool:
    """Tell systemd start-up is complete."""
    return notify("READY=1", f"STATUS={status}")


def status(text: str) -> bool:
    """Update the status line `systemctl status` shows."""
    return notify(f"STATUS={text}")


def stopping() -> bool:
    """Tell systemd a clean shutdown has begun."""
    return notify("STOPPING=1")


def reloading() -> bool:
    """Tell systemd a reload has begun (Type=notify-reload wants the monotonic stamp)."""
    usec = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
    return notify("RELOADING=1", f"MONOTONIC_USEC={usec}")


def watchdog_seconds() -> float | None:
    """The unit's `WatchdogSec=` as seconds, when the watchdog is meant for this process."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0 or (pid and pid != str(os.getpid())):
        return None
    return int(usec) / 1_000_000


def watchdog() -> bool:
    """Tell systemd the daemon is alive and making progress."""
    return notify("WATCHDOG=1")


def extend_timeout(seconds: float) -> bool:
    """Ask systemd for more time to stop (a long outbox flush) before it kills us."""
    return notify(f"EXTEND_TIMEOUT_USEC={int(seconds * 1_000_000)}")
