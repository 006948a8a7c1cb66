"""A digest rule with `attach: brief` sends the brief of the span since its previous run with
its e-mail: a real daily 07:00 run delivered to a real SMTP server (aiosmtpd)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import Message
from pathlib import Path

import pytest

from monitor.alerting.jobs import DigestClock
from monitor.config import Config
from monitor.daemon.service import Service
from monitor.model.item import FeedItem
from servers import SmtpSink

DIGEST = """\
version: 1
rules:
  - id: morning
    title: Morning digest
    kind: strike
    type: digest
    schedule: "0 7 * * *"
{attach}"""


def _attachments(mail: Message) -> dict[str, str]:
    found = {}
    for part in mail.walk():
        if part.get_content_disposition() == "attachment":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            found[part.get_filename() or ""] = payload.decode("utf-8")
    return found


@pytest.mark.parametrize(("attach", "blocked", "expected"), [
    ("    attach: brief\n", False, ["brief-morning-{run:%Y%m%dT%H%M}.html"]),
    ("", False, []),
    # A brief that cannot be written (briefs/ is a file) costs the attachment, not the mail.
    ("    attach: brief\n", True, []),
])
async def test_a_daily_digest_carries_the_brief(tmp_path: Path, smtp: SmtpSink, attach: str,
                                              blocked: bool, expected: list[str],
                                              caplog: pytest.LogCaptureFixture) -> None:
    if blocked:
        (tmp_path / "state").mkdir()
        (tmp_path / "state" / "briefs").write_text("in the way", encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "digest.yaml").write_text(DIGEST.format(attach=attach), encoding="utf-8")
    url = (f"mailto://127.0.0.1:{smtp.port}?smtp=127.0.0.1&mode=insecure"
           "&from=monitor@example.org&to=analyst@example.org")
    config = Config(state_dir=tmp_path / "state", rules_dir=rules, targets={"mail": url})
    now = datetime.now(UTC)
    run = now.replace(hour=7, minute=0, second=0, microsecond=0)
    run -= timedelta(days=1) if run > now else timedelta(0)
    service = Service(config, feeds=[])
    try:
        item = FeedItem(id="i1", lang="en", published=run - timedelta(hours=3),
                        title="Russia launched 80 drones at Odesa overnight, the air force "
                              "said; three people were killed in Odesa.")
        assert service.pipeline.process_items([item], feed="wire").events_new == 1
        assert await service.run_digests(DigestClock(now - timedelta(days=1))) == 1
        sent, failed = await service.deliver()
        assert (sent, failed) == (1, 0)
    finally:
        await service.close()
    [mail] = smtp.messages
    trouble = [r for r in caplog.records if "without its attachment" in r.getMessage()]
    assert [(r.exc_info, "cannot keep briefs here: File exists" in r.getMessage())
            for r in trouble] == ([(None, True)] if blocked else [])
    files = _attachments(mail)
    assert list(files) == [name.format(run=run) for name in expected]
    for page in files.values():
        assert "<h1>War brief: " in page and "Russian strike on Odesa" in page
        assert '<g class="mark strike">' in page
