"""`monitor init`: a new folder whose config, rules and rule tests work as written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from cli_runner import ROOT, run_monitor
from monitor.config import Config, DeliverySettings, HttpSettings, load_config
from monitor.model import FeedSpec
from monitor.model.retention import RetentionSettings
from servers import FeedServer

DEMO = ROOT / "seeds" / "demo"


def test_an_initialised_folder_checks_and_runs_a_cycle(tmp_path: Path, feeds: FeedServer) -> None:
    site = tmp_path / "site"
    made = run_monitor("init", str(site))
    assert made.returncode == 0, made.stderr
    config = site / "monitor.yaml"
    assert (site / "state").is_dir()
    assert sorted(p.name for p in (site / "rules").glob("*.yaml")) == sorted(
        p.name for p in (ROOT / "rules").glob("*.yaml"))
    assert f"monitor rules check --config {config.resolve()}" in made.stdout
    assert f"monitor run --once --config {config.resolve()}" in made.stdout
    assert "systemctl enable --now monitor" in made.stdout

    checked = run_monitor("rules", "check", "--config", str(config))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tested = run_monitor("rules", "test", str(site / "rules"))
    assert tested.returncode == 0, tested.stdout + tested.stderr

    # The demo wire is of January 2026: older than the new config's backlog limit.
    text = config.read_text(encoding="utf-8")
    assert "\nalert_backlog_hours: 6\n" in text
    config.write_text(text.replace("\nalert_backlog_hours: 6\n", "\nalert_backlog_hours: off\n"),
                      encoding="utf-8")
    feed_list = tmp_path / "feeds.txt"
    feed_list.write_text(feeds.add("/wire.xml", (DEMO / "wire-en.xml").read_bytes(),
                                   "application/atom+xml") + "\n", encoding="utf-8")
    cycle = run_monitor("run", "--once", "--config", str(config), "--feeds", str(feed_list),
                        cwd=tmp_path)
    assert cycle.returncode == 0, cycle.stderr
    assert "165 drones" in (site / "state" / "alerts.log").read_text(encoding="utf-8")


def test_init_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    assert run_monitor("init", str(tmp_path)).returncode == 0
    config = tmp_path / "monitor.yaml"
    config.write_text("state_dir: mine\n", encoding="utf-8")
    again = run_monitor("init", str(tmp_path))
    assert again.returncode == 1
    assert again.stderr.startswith(f"Error: {config}: exists already (and 13 more); pass --force")
    assert config.read_text(encoding="utf-8") == "state_dir: mine\n"
    forced = run_monitor("init", "--force", str(tmp_path))
    assert forced.returncode == 0, forced.stderr
    assert config.read_text(encoding="utf-8").startswith("# monitor configuration")


def _keys(model: type[Any]) -> set[str]:
    return set(model.model_fields)


def test_the_written_config_names_every_key_with_its_default(tmp_path: Path) -> None:
    assert run_monitor("init", str(tmp_path)).returncode == 0
    path = tmp_path / "monitor.yaml"
    raw = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    assert set(raw) == _keys(Config)
    for section, model in (("http", HttpSettings), ("delivery", DeliverySettings),
                           ("retention", RetentionSettings)):
        assert set(raw[section]) == _keys(model), section
    assert set(raw["feeds"][0]) == _keys(FeedSpec)
    loaded, default = load_config(path), Config()
    assert loaded.model_dump(exclude={"feeds", "state_dir", "rules_dir"}) == default.model_dump(
        exclude={"feeds", "state_dir", "rules_dir"})
    assert (loaded.state_dir, loaded.rules_dir) == (tmp_path / "state", tmp_path / "rules")
    assert set(loaded.targets) == {"console"}  # the examples with placeholders are comments
    assert "mailtos://user:PASSWORD@" in path.read_text(encoding="utf-8")
