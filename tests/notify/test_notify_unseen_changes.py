"""An update shows what its reader has not seen: the changes since the last message that
target received, and the evidence of the report that gave each new figure."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from dispatch_parts import LATER, Clock, decide, make_dispatcher, store_fixture  # noqa: F401
from notify_parts import WebhookReceiver, strike

from monitor.merge import combine, diff
from monitor.model import Evidence, Source, StrikeEvent
from monitor.model.change import EventUpdate
from monitor.store import Store


def report(item: str, **fields: object) -> StrikeEvent:
    """One outlet's report of the night's strike, with the sentence it gave the toll in."""
    text = str(fields.pop("says", ""))
    return strike(sources=[Source(feed=item, item_id=item, url=f"https://example.org/{item}",
                                  published=datetime(2025, 3, 7, 9, tzinfo=UTC))],
                  evidence=[Evidence(field="killed", text=text, item_id=item)] if text else [],
                  **fields)


def merged(stored: StrikeEvent, new: StrikeEvent) -> EventUpdate:
    event = combine(stored, new)
    assert event.revision == stored.revision + 1
    return EventUpdate(event=event, previous=stored, changes=diff(stored, event))


async def test_an_update_shows_every_change_since_the_targets_last_message(
        store: Store, webhook: WebhookReceiver, tmp_path: Path) -> None:
    hook = webhook.url("json")
    dispatcher = make_dispatcher(store, [hook], tmp_path, Clock())
    first = report("de", killed=4, drones_destroyed=118, says="Bei dem Angriff gab es vier Tote.")
    decide(store, EventUpdate(event=first), [hook])
    assert (await dispatcher.deliver_due()).sent == 1
    # More drones shot down: no shipped rule fires on that, so the target hears nothing.
    shot_down = merged(first, report("ua", killed=4, drones_destroyed=122))
    assert decide(store, shot_down, [hook], LATER) == []
    toll = merged(shot_down.event, report("en", killed=9, drones_destroyed=122,
                                          says="Nine people were killed, officials said."))
    decide(store, toll, [hook], LATER)
    assert (await dispatcher.deliver_due()).sent == 1
    update = json.loads(webhook.requests[1].body)
    assert {change["field"]: (change["old"], change["new"])
            for change in update["changes"]} == {"drones_destroyed": (118, 122),
                                                 "killed": (4, 9)}
    assert "drones destroyed: 118 → 122" in update["body"]
    assert "Killed: 9" in update["body"]
    evidence = update["body"].split("Evidence:")[1].split("Sources:")[0]
    assert "Nine people were killed, officials said." in evidence
    assert "vier Tote" not in evidence
