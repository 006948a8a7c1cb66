"""`silence add` refuses a silence that could never match: unknown rule ids and places."""

from __future__ import annotations

from pathlib import Path

import pytest
from rules_cli import monitor_here

from cli_runner import ROOT
from monitor.store import Store


@pytest.mark.parametrize(("matchers", "error"), [
    (["rule=large-strik"], "rule=large-strik: no such rule; did you mean 'large-strike'?"),
    (["rule=nothing-*"], "rule=nothing-*: no such rule"),
    (["targets=Kharkivv"], "targets=Kharkivv: unknown place; events only name places the "
                           "gazetteer knows; did you mean 'Kharkiv'?"),
    (["location=Atlantisburg"], "location=Atlantisburg: unknown place"),
    (["participants=Nobody Atall"], "participants=Nobody Atall: unknown person"),
])
def test_silence_add_refuses_what_could_never_match(
        tmp_path: Path, matchers: list[str], error: str) -> None:
    result = monitor_here("silence", "add", *matchers, "--for", "1h", "--reason", "r",
                          "--rules", str(ROOT / "rules"), "--state", str(tmp_path / "state"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: {error}"), result.stderr
    assert not (tmp_path / "state" / "monitor.db").exists()


@pytest.mark.parametrize(("matchers", "stored"), [
    (["rule=large-strike", "targets=Kharkiv"], {"rule": "large-strike", "targets": "Kharkiv"}),
    (["rule=*-strike", "targets=Khark*"], {"rule": "*-strike", "targets": "Khark*"}),
    # Spelled as events spell them, or the silence would never match.
    (["targets=Kharkov", "participants=Zelensky"],
     {"targets": "Kharkiv", "participants": "Volodymyr Zelensky"}),
])
def test_silence_add_takes_known_rules_and_places_from_the_configs_folders(
        tmp_path: Path, matchers: list[str], stored: dict[str, str]) -> None:
    config = tmp_path / "monitor.yaml"
    config.write_text(f"state_dir: state\nrules_dir: {ROOT / 'rules'}\n", encoding="utf-8")
    result = monitor_here("silence", "add", *matchers, "--for", "1h", "--reason", "r",
                          "--config", str(config))
    assert result.returncode == 0, result.stderr
    with Store.open(tmp_path / "state" / "monitor.db") as store:
        [silence] = store.list_silences()
    assert silence.matchers == stored
