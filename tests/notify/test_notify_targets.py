"""Targets: apprise URL validation, format per scheme, masked display of secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.errors import NotifyError
from monitor.model import notify_url_target
from monitor.notify import CONSOLE, build_targets, format_for, mask_url


@pytest.mark.parametrize(("url", "secret"), [
    ("json://user:S3cr3t@example.org/hook", "S3cr3t"),
    ("tgram://123456:ABCdefTOKEN/chatid", "ABCdefTOKEN"),
    ("mailto://user:S3cr3tMail@mail.example.org?to=a@example.org", "S3cr3tMail"),
    ("discord://4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js", "JHMHI8qBe7bk2ZwO5U711o3dV_js"),
])
def test_mask_url_hides_passwords_and_tokens(url: str, secret: str) -> None:
    masked = mask_url(url)
    assert secret not in masked
    assert masked.split("://")[0] == url.split("://")[0]


def test_mask_url_falls_back_for_urls_apprise_rejects() -> None:
    assert mask_url("nosuchscheme://user:S3cr3t@host") == "nosuchscheme://***"


@pytest.mark.parametrize(("url", "fmt"), [
    ("mailto://u:p@example.org", "html"),
    ("mailtos://u:p@example.org", "html"),
    ("tgram://123456:ABC/chat", "markdown"),
    ("discord://a/b", "markdown"),
    ("slack://T1/B1/C1", "markdown"),
    ("matrix://u:p@host/#room", "markdown"),
    ("mmost://host/token", "markdown"),
    ("json://host/path", "text"),
    ("form://host/path", "text"),
    ("xml://host/path", "text"),
    ("ntfy://topic", "markdown"),
])
def test_format_follows_scheme(url: str, fmt: str) -> None:
    assert format_for(url) == fmt


def test_build_targets_names_notify_urls_without_secrets_and_adds_console(
    tmp_path: Path,
) -> None:
    url = "json://user:S3cr3t@127.0.0.1:9/hook"
    targets = build_targets({"ops-mail": "mailto://u:p@example.org?to=a@example.org"}, [url],
                            console_log=tmp_path / "alerts.log")
    by_name = {t.name: t for t in targets}
    name = notify_url_target(url)
    assert set(by_name) == {"ops-mail", name, CONSOLE}
    assert name.startswith("notify:json:") and "S3cr3t" not in name and "127.0.0.1" not in name
    assert by_name["ops-mail"].format == "html"
    assert by_name[name].format == "text" and by_name[name].url == url
    assert "S3cr3t" not in by_name[name].display and "S3cr3t" not in repr(by_name[name])
    assert by_name[CONSOLE].kind == "console"
    assert by_name[CONSOLE].log_path == tmp_path / "alerts.log"


@pytest.mark.parametrize(("first", "second", "same"), [
    ("json://u:a@127.0.0.1/hook", "json://u:a@127.0.0.1/hook", True),
    ("json://u:a@127.0.0.1/hook", " json://u:a@127.0.0.1/hook ", True),
    ("json://u:a@127.0.0.1/hook", "json://u:b@127.0.0.1/hook", False),
    ("tgram://token/chat", "tgram://token/other", False),
])
def test_notify_url_names_are_stable_and_distinct(first: str, second: str, same: bool) -> None:
    assert (notify_url_target(first) == notify_url_target(second)) is same


def test_a_url_without_a_plain_scheme_gets_a_generic_name() -> None:
    assert notify_url_target("Bad Scheme://x").startswith("notify:url:")


def test_invalid_url_names_the_target_but_not_the_secret() -> None:
    with pytest.raises(NotifyError) as raised:
        build_targets({"team-chat": "nosuchscheme://user:S3cr3t@host/x"}, [])
    assert "team-chat" in str(raised.value)
    assert "S3cr3t" not in str(raised.value)


def test_invalid_notify_url_is_reported_masked() -> None:
    with pytest.raises(NotifyError) as raised:
        build_targets({}, ["tgram://"])
    assert "--notify" in str(raised.value)


def test_console_cannot_be_redefined_as_apprise() -> None:
    with pytest.raises(NotifyError, match="console"):
        build_targets({CONSOLE: "json://127.0.0.1/x"}, [])
