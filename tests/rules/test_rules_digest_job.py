"""The daemon's digest job: due cron runs queue one summary per digest rule in the outbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.alerting.jobs import DigestClock
from monitor.config import Config
from monitor.daemon.service import Service
from monitor.model.item import FeedItem

DIGEST = """\
version: 1
rules:
  - id: summits-digest
    title: Summits
    kind: summit
    type: digest
    schedule: "* * * * *"
"""


async def test_digest_job_queues_a_summary_and_then_nothing(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "digest.yaml").write_text(DIGEST, encoding="utf-8")
    config = Config(state_dir=tmp_path / "state", rules_dir=rules)
    service = Service(config, feeds=[])
    try:
        item = FeedItem(id="i1", title="Zelensky and Macron met in Paris on Tuesday", lang="en",
                        published=datetime(2026, 1, 6, 16, tzinfo=UTC))
        outcome = service.pipeline.process_items([item], feed="test")
        assert outcome.events_new == 1 and outcome.alerts == 0  # digests wait for their time
        clock = DigestClock(datetime.now(UTC) - timedelta(minutes=2))
        assert await service.run_digests(clock) == 1
        (alert,) = service.store.list_alerts()
        assert alert.rule_id == "summits-digest" and alert.target == "console"
        assert alert.rule_title.startswith("Summits (1 event since ")
        assert alert.key.startswith("summits-digest|digest:all:")
        # The window was emptied: the next runs have nothing to say.
        clock.checked -= timedelta(minutes=2)
        assert await service.run_digests(clock) == 0
    finally:
        await service.close()


GROUPED = """\
version: 1
rules:
  - id: summits-grouped
    title: Summits
    kind: summit
    group: 1s
"""


async def test_digest_job_also_sends_groups_whose_wait_is_over(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "group.yaml").write_text(GROUPED, encoding="utf-8")
    service = Service(Config(state_dir=tmp_path / "state", rules_dir=rules), feeds=[])
    try:
        moment = datetime.now(UTC) - timedelta(minutes=1)
        service.pipeline._now = lambda: moment  # the group started a minute ago
        item = FeedItem(id="i1", title="Zelensky and Macron met in Paris on Tuesday", lang="en")
        assert service.pipeline.process_items([item], feed="test").alerts == 0
        assert await service.run_digests(DigestClock(datetime.now(UTC))) == 1
        (alert,) = service.store.list_alerts()
        assert (alert.rule_id, alert.rule_title) == ("summits-grouped", "Summits")
    finally:
        await service.close()
