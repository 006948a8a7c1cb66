"""Rules that send to a target the config does not have: refused at start and at reload."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_runner import run_monitor
from monitor.config import load_config
from monitor.daemon import Service
from monitor.rules import load_rules

TYPO_RULE = """\
version: 1
rules:
  - id: big-strike
    title: Big strike
    kind: strike
    when:
      drones_launched: {gte: 20}
    channels: [ops-mial]
"""

GOOD_RULE = TYPO_RULE.replace("ops-mial", "ops-mail")


def _setup(tmp_path: Path, rule: str) -> Path:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "big.yaml").write_text(rule, encoding="utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss version='2.0'><channel><title>t</title></channel></rss>",
                    encoding="utf-8")
    config = tmp_path / "monitor.yaml"
    config.write_text(f"state_dir: {tmp_path / 'state'}\nrules_dir: {rules}\n"
                      f"feeds:\n  - url: {feed}\n"
                      f"targets:\n  ops-mail: json://127.0.0.1:9/mail\n", encoding="utf-8")
    return config


def test_unknown_channel_is_an_error_with_its_position_and_a_suggestion(
        tmp_path: Path) -> None:
    config = load_config(_setup(tmp_path, TYPO_RULE))
    ruleset = load_rules(config.rules_dir)
    ruleset.require_targets(config.target_names)
    assert ruleset.rules == []
    [error] = ruleset.errors
    assert (error.line, error.column) == (8, 16)
    assert "channel 'ops-mial' is no target of the config; did you mean 'ops-mail'?" \
        in str(error)


@pytest.mark.parametrize(("options", "code", "said"), [
    ((), 2, "Error: "),
    (("--keep-going",), 1, "rule file skipped: "),
])
def test_daemon_start_names_the_rule_it_did_not_load(
        tmp_path: Path, options: tuple[str, ...], code: int, said: str) -> None:
    config = _setup(tmp_path, TYPO_RULE)
    result = run_monitor("run", "--once", "--config", str(config), *options)
    assert result.returncode == code, result.stderr
    assert f"{said}{tmp_path / 'rules' / 'big.yaml'}:8:16: rule 'big-strike': channel " \
           "'ops-mial' is no target of the config; did you mean 'ops-mail'?" in result.stderr


async def test_reload_refuses_a_rule_sending_to_no_target(tmp_path: Path) -> None:
    config_path = _setup(tmp_path, GOOD_RULE)
    service = Service(load_config(config_path), [])
    try:
        assert [rule.id for rule in service.pipeline.rules.rules] == ["big-strike"]
        (tmp_path / "rules" / "big.yaml").write_text(TYPO_RULE, encoding="utf-8")
        service.reload_rules()
        assert [rule.channels for rule in service.pipeline.rules.rules] == [["ops-mail"]]
        assert "did you mean 'ops-mail'?" in service.heartbeat.degraded["rules"]
    finally:
        await service.close()
