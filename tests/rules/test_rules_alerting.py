"""Rule types with state and noise control, over a real SQLite history that restarts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rules_replay import T0, History, front, hours, ruleset, strike

from monitor.alerting import Firing
from monitor.rules import Rule, load_rules
from monitor.rules.quiet import QuietHours

FIRST_MENTION = """\
- id: first-mention
  title: First mention
  kind: frontline
  type: new
  key: [settlements]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path


def test_new_by_key_fires_once_per_settlement_across_restarts(folder: Path) -> None:
    history = History(folder, ruleset(folder, FIRST_MENTION))
    assert history.at(hours(0), front("a", "Pokrovsk")) == [
        ("first-mention", False, "First mention")]
    assert history.at(hours(1), front("b", "Pokrovsk", claim="capture")) == []
    history.restart()
    assert history.at(hours(2), front("c", "Pokrovsk")) == []
    # A revision that names a settlement never seen before fires again.
    assert [a[0] for a in history.at(hours(3), front("c", "Pokrovsk", "Myrnohrad"))] == [
        "first-mention"]
    history.close()


def test_editing_a_rule_resets_only_its_own_state(folder: Path) -> None:
    both = FIRST_MENTION + FIRST_MENTION.replace("first-mention", "other-mention")
    history = History(folder, ruleset(folder, both))
    assert len(history.at(hours(0), front("a", "Pokrovsk"))) == 2
    edited = both.replace("title: First mention", "title: First mention, edited", 1)
    history.restart(ruleset(folder, edited))
    assert [a[0] for a in history.at(hours(1), front("b", "Pokrovsk"))] == ["first-mention"]
    history.close()


FREQUENCY = """\
- id: repeated
  title: Repeated strikes
  kind: strike
  type: frequency
  window: 6h
  threshold: 3
  key: [targets]
"""


def test_frequency_counts_per_key_in_its_window_and_starts_again(folder: Path) -> None:
    history = History(folder, ruleset(folder, FREQUENCY))
    assert history.at(hours(0), strike("s1", targets=["Kharkiv"])) == []
    assert history.at(hours(1), strike("s2", targets=["Kharkiv", "Odesa"])) == []
    history.restart()
    # The third on Kharkiv within 6 hours fires; Odesa has only two.
    fired = history.alerts(hours(2), strike("s3", targets=["Kharkiv"]),
                           strike("s4", targets=["Odesa"]))
    assert [(a.rule_id, a.rule_title, a.event_id) for a in fired] == [
        ("repeated", "Repeated strikes (3 events in 6h)", "s3")]
    assert fired[0].key.startswith("repeated|frequency:") and fired[0].key.endswith(":s3|1|test")
    # The window starts again after an alert.
    assert history.at(hours(3), strike("s5", targets=["Kharkiv"])) == []
    # Odesa's first report left the window: two in 6 hours are not three.
    assert history.at(hours(7.5), strike("s6", targets=["Odesa"])) == []
    history.close()


SPIKE = """\
- id: surge
  title: Surge of claims
  kind: frontline
  type: spike
  window: 1d
  baseline: 4d
  factor: 3
  threshold: 3
"""


def test_spike_fires_against_the_baseline_once_per_window(folder: Path) -> None:
    history = History(folder, ruleset(folder, SPIKE))
    quiet = [history.at(hours(24 * day), front(f"q{day}", "Siversk")) for day in range(4)]
    assert quiet == [[], [], [], []]
    history.restart()
    # Day 5: 3 claims in a day against 4 in the four days before: 3/day >= 3 * 1/day.
    assert history.at(hours(96), front("b1", "Pokrovsk")) == []
    assert history.at(hours(97), front("b2", "Lyman")) == []
    assert history.at(hours(98), front("b3", "Toretsk")) == [
        ("surge", False, "Surge of claims (3 events in 1d)")]
    assert history.at(hours(99), front("b4", "Bakhmut")) == []  # same spike: quiet
    history.close()


def test_spike_needs_more_than_a_quiet_baseline(folder: Path) -> None:
    history = History(folder, ruleset(folder, SPIKE.replace("threshold: 3", "threshold: 1")))
    # An empty baseline makes one event usual: it takes three to be 3 times that.
    assert history.at(hours(0), front("a", "Pokrovsk")) == []
    assert history.at(hours(1), front("b", "Pokrovsk")) == []
    assert [a[0] for a in history.at(hours(2), front("c", "Lyman"))] == ["surge"]
    history.close()


DIGEST = """\
- id: morning
  title: Summits overnight
  kind: summit
  type: digest
  schedule: "0 7 * * *"
"""


def test_digest_sums_up_on_its_schedule_and_skips_empty_runs(folder: Path) -> None:
    history = History(folder, ruleset(folder, DIGEST))
    summit = {"kind": "summit", "location": "Paris", "status": "held"}
    assert history.at(T0.replace(hour=1), {**summit, "id": "a"}) == []
    history.restart()
    assert history.at(T0.replace(hour=2), {**summit, "id": "b", "location": "Berlin"}) == []
    # Anything arriving after 07:00 first runs the digest that was due.
    fired = history.alerts(T0.replace(hour=9))
    assert [(a.rule_id, a.rule_title, a.event_id) for a in fired] == [
        ("morning", "Summits overnight (2 events since 2026-01-06 01:00 UTC)", "b")]
    assert "|digest:all:20260106T0700|" in fired[0].key
    # The next morning nothing new matched: no digest.
    assert history.at(T0.replace(day=8, hour=9)) == []
    history.close()


REALERT = """\
- id: deadly
  title: Deadly strike
  kind: strike
  when:
    killed: {gte: 1}
  key: [targets]
  realert: 1h
"""


def test_realert_throttles_per_key_across_restarts(folder: Path) -> None:
    history = History(folder, ruleset(folder, REALERT))
    assert len(history.at(hours(0), strike("a", killed=1, targets=["Kharkiv"]))) == 1
    history.restart()
    assert history.at(hours(0.5), strike("b", killed=2, targets=["Kharkiv"])) == []
    assert len(history.at(hours(0.6), strike("c", killed=2, targets=["Odesa"]))) == 1
    assert len(history.at(hours(1.5), strike("d", killed=2, targets=["Kharkiv"]))) == 1
    history.close()


def test_realert_without_key_throttles_the_whole_rule(folder: Path) -> None:
    history = History(folder, ruleset(folder, REALERT.replace("  key: [targets]\n", "")))
    assert len(history.at(hours(0), strike("a", killed=1, targets=["Kharkiv"]))) == 1
    assert history.at(hours(0.5), strike("b", killed=2, targets=["Odesa"])) == []
    history.close()


def test_silences_mute_matching_alerts_until_they_expire(folder: Path) -> None:
    history = History(folder, ruleset(folder, REALERT.replace("  realert: 1h\n", "")))
    store = history.replay.store
    muted = store.add_silence({"rule": "dead*", "targets": "kharkiv"}, hours(0), hours(2),
                              "drill in Kharkiv", "ops")
    assert history.at(hours(0.5), strike("a", killed=1, targets=["Kharkiv", "Sumy"])) == []
    assert len(history.at(hours(0.6), strike("b", killed=1, targets=["Odesa"]))) == 1
    assert [s.id for s in store.list_silences(hours(1))] == [muted]
    assert store.expire_silence(muted, hours(1))
    assert not store.expire_silence(muted, hours(1.1))
    assert len(history.at(hours(1.2), strike("c", killed=1, targets=["Kharkiv"]))) == 1
    assert store.list_silences(hours(1.5)) == []
    history.close()


def test_window_firing_title_and_key() -> None:
    rule = Rule.model_validate({"id": "r", "title": "Strikes", "type": "frequency",
                                "window": "6h", "threshold": 2})
    assert rule.model_dump(mode="json")["window"] == "6h"
    from rules_support import seed_strike

    firing = Firing(rule, seed_strike(), subject="frequency:all:strike-2026-01-05", count=2)
    alert = firing.alert("ops", T0)
    assert alert.key == "r|frequency:all:strike-2026-01-05|1|ops"
    assert alert.rule_title == "Strikes (2 events in 6h)"


QUIET_RULES = """\
- id: deadly
  title: Deadly strike
  severity: warning
  kind: strike
  when:
    killed: {gte: 1}
- id: massacre
  title: Mass-casualty strike
  severity: critical
  kind: strike
  when:
    killed: {gte: 20}
"""


def test_quiet_hours_hold_back_all_but_the_overriding_severity(folder: Path) -> None:
    """Quiet hours judge a message by its most severe rule: one that names a critical rule
    goes out at night with every rule it names."""
    rules = ruleset(folder, QUIET_RULES)
    rules.quiet_hours = {"test": QuietHours(start="22:00", end="07:00", timezone="Europe/Kyiv",
                                            min_severity="critical")}
    history = History(folder, rules)
    # 06:00 UTC is 08:00 in Kyiv: the channel is awake.
    [awake] = history.alerts(hours(0), strike("a", killed=1))
    assert (awake.rule_id, awake.held_until) == ("deadly", None)
    # 21:00 UTC is 23:00 in Kyiv: the critical message goes out, a warning waits for 07:00.
    morning = datetime(2026, 1, 7, 5, 0, tzinfo=UTC)  # 07:00 in Kyiv
    [night] = history.alerts(hours(15), strike("b", killed=25))
    assert (night.held_until, [rule.id for rule in night.named_rules()]) == (
        None, ["massacre", "deadly"])
    [held] = history.alerts(hours(16), strike("c", killed=2))
    assert (held.rule_id, held.held_until) == ("deadly", morning)
    history.close()


def test_quiet_hours_can_drop_what_they_hold_back(folder: Path) -> None:
    rules = ruleset(folder, QUIET_RULES)
    rules.quiet_hours = {"test": QuietHours(start="22:00", end="07:00", timezone="Europe/Kyiv",
                                            held="drop")}
    history = History(folder, rules)
    assert history.at(hours(16), strike("c", killed=2)) == []
    history.close()


@pytest.mark.parametrize(("start", "end", "moment", "ends"), [
    ("22:00", "07:00", datetime(2026, 1, 6, 21, 30, tzinfo=UTC), datetime(2026, 1, 7, 7, 0)),
    ("22:00", "07:00", datetime(2026, 1, 7, 3, 0, tzinfo=UTC), datetime(2026, 1, 7, 7, 0)),
    ("12:00", "13:00", datetime(2026, 1, 6, 12, 30, tzinfo=UTC), datetime(2026, 1, 6, 13, 0)),
])
def test_a_quiet_span_ends_at_the_next_end_time(
    start: str, end: str, moment: datetime, ends: datetime
) -> None:
    quiet = QuietHours(start=start, end=end)
    assert quiet.ends_after(moment) == ends.replace(tzinfo=UTC)


def test_a_quiet_span_ends_in_its_own_time_zone_across_a_clock_change() -> None:
    # Kyiv moves to summer time at 03:00 on 29 March 2026: 07:00 is then 04:00 UTC.
    quiet = QuietHours(start="22:00", end="07:00", timezone="Europe/Kyiv")
    assert quiet.ends_after(datetime(2026, 3, 28, 21, 0, tzinfo=UTC)) == datetime(
        2026, 3, 29, 4, 0, tzinfo=UTC)


def test_quiet_hours_spans_and_validation() -> None:
    day = QuietHours(start="12:00", end="13:00")
    assert day.quiet_at(T0.replace(hour=12, minute=30))
    assert not day.quiet_at(T0.replace(hour=13))
    assert not day.mutes("critical", T0.replace(hour=12))
    with pytest.raises(ValueError, match="not a time like 22:00"):
        QuietHours(start="25:00", end="07:00")
    with pytest.raises(ValueError, match="unknown time zone"):
        QuietHours(start="22:00", end="07:00", timezone="Europe/Kiev-ish")


INHIBIT = """\
- id: wave
  title: Massive wave
  severity: critical
  kind: strike
  when:
    drones_launched: {gte: 100}
  inhibits: [kharkiv-hit]
- id: kharkiv-hit
  title: Kharkiv hit
  kind: strike
  when:
    targets: {contains: Kharkiv}
"""


def test_a_wave_alert_inhibits_the_per_city_alerts_of_the_same_event(folder: Path) -> None:
    history = History(folder, ruleset(folder, INHIBIT))
    assert [a[0] for a in history.at(hours(0), strike("w", drones_launched=165,
                                                      targets=["Kyiv", "Kharkiv"]))] == ["wave"]
    history.restart()
    # A later revision of the wave: the city rule would update, but the wave alert stands.
    assert history.at(hours(1), strike("w", targets=["Kyiv", "Kharkiv", "Odesa"])) == []
    # Another, small strike on Kharkiv is not part of the wave.
    assert [a[0] for a in history.at(hours(2), strike("s", drones_launched=5,
                                                      targets=["Kharkiv"]))] == ["kharkiv-hit"]
    history.close()


def test_inhibits_must_name_a_known_other_rule(folder: Path) -> None:
    path = folder / "bad.yaml"
    path.write_text("version: 1\nrules:\n" + INHIBIT.replace("[kharkiv-hit]", "[kharkov-hit]"),
                    encoding="utf-8")
    errors = [str(error) for error in load_rules(path).errors]
    assert errors == [f"{path}:9:14: inhibits unknown rule 'kharkov-hit'; "
                      "did you mean 'kharkiv-hit'?"]


GROUP = """\
- id: deadly
  title: Deadly strike
  kind: strike
  when:
    killed: {gte: 1}
  group: 10m
"""


def test_group_holds_the_first_alert_and_sends_one_for_all(folder: Path) -> None:
    history = History(folder, ruleset(folder, GROUP))
    assert history.at(hours(0), strike("a", killed=1, targets=["Kharkiv"])) == []
    history.restart()
    assert history.at(hours(0.1), strike("b", killed=3, targets=["Sumy"])) == []
    # The wait is over at the next moment after 10 minutes: one alert, about the newest.
    fired = history.alerts(hours(0.5))
    assert [(a.rule_id, a.rule_title, a.event_id, a.update) for a in fired] == [
        ("deadly", "Deadly strike (2 events within 10m)", "b", False)]
    assert fired[0].key.startswith("deadly|group:all:b|")
    # A lone event makes a group of one, titled as the rule.
    assert history.at(hours(1), strike("c", killed=1, targets=["Odesa"])) == []
    assert history.at(hours(2)) == [("deadly", False, "Deadly strike")]
    history.close()
