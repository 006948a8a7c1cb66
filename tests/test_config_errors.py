"""A config file's errors come all at once, each with its line, key path and a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_runner import run_monitor
from monitor.config import load_config
from monitor.errors import ConfigError

BROKEN = """\
state_dir: state
targets:
  ops-mail: json://127.0.0.1:9/mail
http:
  timout: 5
  concurrency: -1
intervall: 60
quiet_hours:
  ops-mial: {start: "22:00", end: "07:00"}
feeds:
  - url: http://127.0.0.1:9/feed.xml
    intervl: 30
delivery:
  operator_target: ops-mial
"""


@pytest.mark.parametrize(("text", "lines"), [
    (BROKEN, [
        "5: http.timout: unknown key; did you mean 'timeout'?",
        "6: http.concurrency: Input should be greater than 0",
        "7: intervall: unknown key; did you mean 'interval'?",
        "9: quiet_hours.ops-mial: 'ops-mial' is not one of the targets; did you mean "
        "'ops-mail'? (targets: console, ops-mail)",
        "12: feeds[0].intervl: unknown key; did you mean 'interval'?",
        "14: delivery.operator_target: 'ops-mial' is not one of the targets; did you mean "
        "'ops-mail'? (ops-mail)",
    ]),
    # Alone, a cross-reference is still found at its line.
    ("targets:\n  ops-mail: json://127.0.0.1:9/mail\nquiet_hours:\n"
     "  opsmail: {start: '22:00', end: '07:00'}\n",
     ["4: quiet_hours.opsmail: 'opsmail' is not one of the targets; did you mean 'ops-mail'? "
      "(targets: console, ops-mail)"]),
    ("log_level: LOUD\n", ["1: log_level: must be one of DEBUG, INFO, WARNING, ERROR"]),
])
def test_every_config_error_names_its_line_and_key_path(
        tmp_path: Path, text: str, lines: list[str]) -> None:
    path = tmp_path / "monitor.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value).splitlines()
    if len(lines) > 1:
        assert message[0] == f"{path}: {len(lines)} errors in the config:"
        message = message[1:]
    assert message == [f"{path}:{line}" for line in lines]


def test_a_broken_config_is_every_error_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "monitor.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    result = run_monitor("run", "--once", "--config", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Error: {path}: 6 errors in the config:\n{path}:5: ")
    assert "Traceback" not in result.stderr
