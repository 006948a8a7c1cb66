"""The daemon lifts a low soft limit on open files, within the hard limit."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from monitor.daemon.service import OPEN_FILES

PROBE = """
import resource
from monitor.daemon.service import raise_open_file_limit
print(raise_open_file_limit(), resource.getrlimit(resource.RLIMIT_NOFILE)[0])
"""


def _run_with_soft_limit(soft: int) -> list[int]:
    def lower() -> None:
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    ran = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True, preexec_fn=lower, timeout=60)
    return [int(value) for value in ran.stdout.split()]


def test_a_low_soft_limit_is_lifted() -> None:
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard != resource.RLIM_INFINITY and hard <= 256:
        pytest.skip("the hard limit leaves nothing to lift")
    expected = OPEN_FILES if hard == resource.RLIM_INFINITY else min(OPEN_FILES, hard)
    assert _run_with_soft_limit(256) == [expected, expected]
