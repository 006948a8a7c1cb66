"""The versioned webhook payload, received by a real loopback server and checked against
the published JSON Schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from dispatch_parts import START, Clock, make_dispatcher, queue, store_fixture  # noqa: F401 (fixture)
from notify_parts import WebhookReceiver, frontline, make_alert, strike, summit

from monitor.model.change import FieldChange
from monitor.notify.payload import webhook_payload
from monitor.notify.render import render
from monitor.store import Store


def _schema() -> dict[str, Any]:
    text = resources.files("monitor.data").joinpath("alert-payload.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _alerts(url: str) -> list[Any]:
    return [
        make_alert(strike(), target=url, key="strike-1", severity="critical"),
        make_alert(strike(killed=6, revision=2), target=url, key="strike-2", update=True,
                   severity="warning", changes={"killed": FieldChange(old=2, new=6)}),
        make_alert(summit(), target=url, key="summit-1", severity="info"),
        make_alert(frontline(), target=url, key="front-1", severity="warning"),
    ]


async def test_every_webhook_payload_validates_and_routes(
        store: Store, webhook: WebhookReceiver, tmp_path: Path) -> None:
    url = webhook.url("json", "/route")
    queued = queue(store, *_alerts(url))
    report = await make_dispatcher(store, [url], tmp_path, Clock()).deliver_due()
    assert report.sent == 4
    payloads = [json.loads(request.body) for request in webhook.requests]
    validator = jsonschema.Draft202012Validator(_schema())
    for payload in payloads:
        validator.validate(payload)
    first, update, held, front = payloads
    assert [p["alert_id"] for p in payloads] == [a.id for a in queued]
    assert [p["idempotency_key"] for p in payloads] == ["strike-1", "strike-2", "summit-1",
                                                       "front-1"]
    assert [(p["severity"], p["type"]) for p in payloads] == [
        ("critical", "failure"), ("warning", "warning"), ("info", "info"),
        ("warning", "warning")]
    assert first["version"] == 1 and first["rules"] == [{"id": "rule-a",
                                                         "title": "Large strike"}]
    assert first["fields"]["drones_launched"] == 165
    assert first["fields"]["targets"] == ["Kyiv", "Kharkiv", "Dnipro"]
    assert first["sources"][0]["outlet"] == "Kyiv Independent"
    assert first["changes"] == [] and first["update"] is False
    assert update["changes"] == [{"field": "killed", "old": 2, "new": 6}]
    assert (update["event_id"], update["revision"], update["update"]) == (
        "strike-2025-03-07", 2, True)
    assert held["kind"] == "summit" and held["fields"]["location"] == "Paris"
    assert front["fields"]["settlements"] == ["Kostiantynivka", "Pokrovsk", "Kupiansk"]
    assert "Two people were killed in Kyiv overnight." in first["body"]
    assert first["title"].startswith("Large strike: 165 drones")
    assert "message" not in first and "attachments" not in first


async def test_operator_payload_extras_from_the_url_still_apply(
        store: Store, webhook: WebhookReceiver, tmp_path: Path) -> None:
    url = webhook.url("json", "/route") + "?:team=ops"
    queue(store, make_alert(strike(), target=url, key="extras"))
    assert (await make_dispatcher(store, [url], tmp_path, Clock()).deliver_due()).sent == 1
    payload = json.loads(webhook.requests[0].body)
    jsonschema.validate(payload, _schema())
    assert payload["team"] == "ops" and payload["version"] == 1


@pytest.mark.parametrize(("severity", "expected"), [
    ("critical", "failure"), ("warning", "warning"), ("info", "info")])
def test_severity_maps_to_the_apprise_notify_type(severity: str, expected: str) -> None:
    alert = make_alert(strike(), severity=severity, created_at=START)
    payload = webhook_payload(alert, render(alert, "text"))
    assert payload["type"] == expected
    jsonschema.validate(payload, _schema())
