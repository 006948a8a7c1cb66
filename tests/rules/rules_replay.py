"""A replay over a real SQLite file in a test folder that can be closed and reopened."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from textwrap import dedent
from typing import Any

from monitor.alerting.replay import Replay
from monitor.extract import resolve_person, resolve_place
from monitor.model.alert import Alert
from monitor.rules import RuleSet, load_rules
from monitor.store import Store

T0 = datetime(2026, 1, 6, 6, 0, tzinfo=UTC)


def hours(n: float) -> datetime:
    """T0 plus n hours."""
    return T0 + timedelta(hours=n)


def ruleset(tmp_path: Path, body: str) -> RuleSet:
    """Rules from the YAML list `body`, loaded as a file would be."""
    path = tmp_path / "rules.yaml"
    path.write_text("version: 1\nrules:\n" + dedent(body), encoding="utf-8")
    rules = load_rules(path, places=resolve_place)
    rules.raise_for_errors()
    return rules


class History:
    """A replay whose SQLite file survives `restart()`, as a daemon's does."""

    def __init__(self, folder: Path, rules: RuleSet) -> None:
        self.folder = folder
        self.rules = rules
        self.replay = Replay.open(rules, folder, resolve_place, resolve_person)

    def at(self, moment: datetime, *events: dict[str, Any]) -> list[tuple[str, bool, str]]:
        """Events arriving at `moment` → (rule id, update, title) of each rule of each
        message queued."""
        return [_brief(one) for alert in self.replay.step(moment, events=list(events))
                for one in alert.each_rule()]

    def alerts(self, moment: datetime, *events: dict[str, Any]) -> list[Alert]:
        """Like `at`, but the alert rows themselves."""
        return self.replay.step(moment, events=list(events))

    def restart(self, rules: RuleSet | None = None) -> None:
        """Close the history and open it again, maybe with other rules."""
        last = self.replay.last_at
        self.replay.close()
        self.rules = rules or self.rules
        self.replay = Replay(self.rules, Store.open(self.folder / "replay.db"), resolve_place,
                             resolve_person, last)

    def close(self) -> None:
        self.replay.close()


def _brief(alert: Alert) -> tuple[str, bool, str]:
    return alert.rule_id, alert.update, alert.rule_title


def strike(event_id: str, **fields: Any) -> dict[str, Any]:
    """A strike event as a rule test writes it."""
    return {"kind": "strike", "id": event_id, "attacker": "RU", **fields}


def front(event_id: str, *settlements: str, claim: str = "advance") -> dict[str, Any]:
    """A frontline claim on settlements."""
    return {"kind": "frontline", "id": event_id, "advancing_side": "RU", "claim": claim,
            "settlements": list(settlements)}
