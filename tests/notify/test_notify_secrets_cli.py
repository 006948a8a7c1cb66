"""Secrets from ${ENV}, an env file and systemd credentials; the CLI shows them masked."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from notify_parts import WebhookReceiver

from cli_runner import run_monitor
from monitor.config import load_config
from monitor.errors import ConfigError
from monitor.model import notify_url_target
from monitor.notify import render
from monitor.store import Store

SECRET = "Tok3nFromS3cretStore"


def _config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "monitor.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_env_file_fills_target_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOOK_PASSWORD", raising=False)
    (tmp_path / "monitor.env").write_text(
        f"# secrets\nexport HOOK_PASSWORD='{SECRET}'\n\nHOOK_HOST=127.0.0.1\n", encoding="utf-8")
    config = load_config(_config(tmp_path, (
        "env_file: monitor.env\n"
        "targets:\n  hook: json://user:${HOOK_PASSWORD}@${HOOK_HOST}:9/x\n")))
    assert config.targets["hook"] == f"json://user:{SECRET}@127.0.0.1:9/x"


def test_environment_wins_over_env_file_and_credentials_fill_the_rest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "MAIL_PASSWORD").write_text(SECRET + "\n", encoding="utf-8")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    monkeypatch.setenv("HOOK_HOST", "localhost")
    (tmp_path / "monitor.env").write_text("HOOK_HOST=127.0.0.1\n", encoding="utf-8")
    config = load_config(_config(tmp_path, (
        "env_file: monitor.env\n"
        "targets:\n  mail: mailto://user:${MAIL_PASSWORD}@${HOOK_HOST}\n")))
    assert config.targets["mail"] == f"mailto://user:{SECRET}@localhost"


def test_bad_env_file_line_names_the_line_but_not_its_text(tmp_path: Path) -> None:
    (tmp_path / "monitor.env").write_text(f"GOOD=1\n{SECRET}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(_config(tmp_path, "env_file: monitor.env\n"))
    assert "monitor.env:2" in str(caught.value) and SECRET not in str(caught.value)


def test_notify_test_sends_and_masks(tmp_path: Path, webhook: WebhookReceiver) -> None:
    (tmp_path / "monitor.env").write_text(f"HOOK_PASSWORD={SECRET}\n", encoding="utf-8")
    config = _config(tmp_path, (
        "env_file: monitor.env\n"
        f"targets:\n  hook: json://user:${{HOOK_PASSWORD}}@127.0.0.1:{webhook.port}/hook\n"))
    ok = run_monitor("notify", "test", "hook", "--config", str(config), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "ok: sent a test message to hook" in ok.stdout
    [request] = webhook.requests
    assert json.loads(request.body)["title"].startswith("[test] Test message: 52 drones")

    webhook.status = 500
    failed = run_monitor("notify", "test", "hook", "--config", str(config), cwd=tmp_path)
    assert failed.returncode == 1
    assert "Error: hook: delivery failed (HTTP 500)" in failed.stderr
    url = f"json://user:{SECRET}@127.0.0.1:{webhook.port}/hook"
    by_url = run_monitor("notify", "test", url, cwd=tmp_path)
    assert by_url.returncode == 1
    for result in (ok, failed, by_url):
        assert SECRET not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


def test_unknown_target_name_lists_the_configured_ones(tmp_path: Path) -> None:
    result = run_monitor("notify", "test", "nope", cwd=tmp_path)
    assert result.returncode == 1
    assert "Error: no target named 'nope' (configured: console)" in result.stderr


def test_alerts_show_and_retry(tmp_path: Path, webhook: WebhookReceiver) -> None:
    url = f"json://user:{SECRET}@127.0.0.1:{webhook.port}/hook"
    state = tmp_path / "state"
    webhook.status = 503
    first = run_monitor("run", "--once", "--notify", url, "--state", str(state))
    assert first.returncode == 1, first.stderr  # an alert is undelivered; it waits in the outbox
    assert "failed in" in first.stderr
    listed = run_monitor("alerts", "--status", "failed", "--state", str(state))
    failed_ids = [line.split()[0].lstrip("#") for line in listed.stdout.splitlines()]
    assert failed_ids, listed.stdout
    # Only the head of the webhook's queue was tried; the others wait behind it.
    pending = run_monitor("alerts", "--status", "pending", "--json", "--state", str(state))
    assert len(pending.stdout.splitlines()) >= 1

    shown = run_monitor("alerts", "show", failed_ids[0], "--state", str(state))
    assert shown.returncode == 0, shown.stderr
    assert "Status:       failed" in shown.stdout and "503" in shown.stdout
    assert "Large strike:" in shown.stdout or "Summit" in shown.stdout

    webhook.status = 200
    without_url = run_monitor("alerts", "retry", "--all", "--state", str(state))
    assert "not a configured target here (pass --notify URL)" in without_url.stderr
    assert without_url.returncode == 1
    retried = run_monitor("alerts", "retry", "--all", "--notify", url, "--state", str(state))
    assert retried.returncode == 0, retried.stderr
    assert retried.stdout.count(" sent ") == len(webhook.requests) - 1
    with sqlite3.connect(state / "monitor.db") as db:
        statuses = {row[0] for row in db.execute("SELECT status FROM alerts")}
    assert statuses == {"sent"}
    again = run_monitor("alerts", "retry", failed_ids[0], "--state", str(state))
    assert "already sent" in again.stderr
    for result in (first, listed, shown, without_url, retried, again):
        assert SECRET not in result.stdout + result.stderr
    assert SECRET.encode() not in history_text(state / "monitor.db")


def history_text(db: Path) -> bytes:
    """Every value in every table of the history, as one blob to search."""
    with sqlite3.connect(db) as conn:
        listed = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = [row[0] for row in listed]
        values = [repr(row) for table in tables for row in conn.execute(f'SELECT * FROM "{table}"')]
    return "\n".join(values).encode()


def test_history_written_before_this_naming_loses_its_notify_urls(tmp_path: Path) -> None:
    url = f"json://user:{SECRET}@127.0.0.1:9/hook"
    db = tmp_path / "monitor.db"
    Store.open(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO alerts (key, rule_id, severity, event_id, event_revision, target,"
            " created_at, event) VALUES (?, 'big-strike', 'warning', 'e1', 1, ?,"
            " '2026-01-06T06:00:00+00:00', '{}')",
            [f"big-strike|e1|1|{url}", url])
        conn.execute("DELETE FROM _sqlite_migrations WHERE name LIKE '0300_%'")
    Store.open(db).close()
    with sqlite3.connect(db) as conn:
        key, target = conn.execute("SELECT key, target FROM alerts").fetchone()
    assert target == notify_url_target(url)
    assert key == f"big-strike|e1|1|{target}"
    assert SECRET.encode() not in history_text(db)


def test_run_once_prints_alerts_in_outbox_order(tmp_path: Path) -> None:
    state = tmp_path / "state"
    result = run_monitor("run", "--once", "--state", str(state))
    assert result.returncode == 0, result.stderr
    printed = [line.split(" UTC] ", 1)[1] for line in result.stdout.splitlines()
               if line.startswith("[") and " UTC] " in line]
    with Store.open(state / "monitor.db") as store:
        stored = sorted(store.list_alerts(), key=lambda alert: alert.id or 0)
    expected = [render(alert, "text").title for alert in stored if alert.target == "console"]
    assert len(expected) >= 4
    assert printed == expected
