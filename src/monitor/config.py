"""The daemon's configuration: the YAML file, its validation, and the embedded demo default."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from monitor.config_errors import Problem, config_error, plain, problems_of
from monitor.errors import ConfigError
from monitor.model.base import Model
from monitor.model.feed import FeedSpec
from monitor.model.retention import RetentionSettings
from monitor.rules.conditions import KEY_MARK, located
from monitor.rules.fields import suggest
from monitor.rules.quiet import QuietHours
from monitor.rules.yaml_limits import screen

DEMO_FEED_LIST = Path("seeds/demo/feeds.txt")
CONSOLE_TARGET = "console"
OPERATOR_CHANNEL = "operator"
"""The channel a rule names to reach `delivery.operator_target` (every target when unset)."""
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class HttpSettings(Model):
    """Limits for fetching feeds."""

    timeout: float = Field(default=20.0, gt=0, description="Seconds before a fetch gives up.")
    max_bytes: int = Field(default=10 * 1024 * 1024, gt=0, description="Largest feed body read.")
    user_agent: str | None = Field(default=None, description="Overrides the User-Agent header.")
    concurrency: int = Field(default=20, gt=0, description="Feeds fetched at once.")
    per_host: int = Field(default=2, gt=0, description="Fetches at once from any one host.")
    connect_timeout: float = Field(default=10.0, gt=0, description="Seconds to connect.")
    total_timeout: float = Field(
        default=60.0, gt=0, description="Seconds for a whole fetch, however the bytes trickle.")


class DeliverySettings(Model):
    """How the dispatcher retries, and when it gives up on an alert."""

    retry_base: float = Field(default=30.0, gt=0, description="Seconds before the first retry.")
    retry_cap: float = Field(default=3600.0, gt=0, description="Longest wait between retries.")
    max_age_hours: float = Field(default=24.0, gt=0, description="Give up (dead-letter) after.")
    lease: float = Field(default=120.0, gt=0, description="Seconds a claim on an alert lasts.")
    operator_target: str | None = Field(
        default=None, description="Target name that is also told when an alert is given up.")


class Config(Model):
    """Everything the daemon needs to run; every key has a default (the bundled demo)."""

    state_dir: Path = Field(default=Path("state"), description="Holds monitor.db and alerts.log.")
    rules_dir: Path = Field(default=Path("rules"), description="Folder of YAML rule files.")
    feed_list: Path | None = Field(
        default=None, description="OPML or text file of feed URLs, read in addition to `feeds`."
    )
    feeds: list[FeedSpec] = Field(default_factory=list)
    targets: dict[str, str] = Field(
        default_factory=lambda: {CONSOLE_TARGET: CONSOLE_TARGET},
        description="Target name -> apprise URL (`console` prints and appends to alerts.log).",
    )
    quiet_hours: dict[str, QuietHours] = Field(
        default_factory=dict,
        description="Target name -> daily quiet span; alerts below its min_severity wait for "
        "its end.",
    )
    interval: float = Field(default=300.0, gt=0, description="Default seconds between polls.")
    jitter: float = Field(default=30.0, ge=0, description="Random seconds added to each poll.")
    dispatch_interval: float = Field(
        default=15.0, gt=0, description="Longest gap between delivery runs; due alerts go at once.",
    )
    shutdown_grace: float = Field(default=20.0, gt=0, description="Seconds to finish on SIGTERM.")
    http: HttpSettings = Field(default_factory=HttpSettings)
    alert_backlog: bool | None = Field(
        default=None,
        description="Alert on a new feed's first items; None: only in a fresh history.",
    )
    alert_backlog_hours: float | None = Field(
        default=6.0, gt=0,
        description="On a feed's first poll, only items published this many hours back alert; "
        "older ones are stored without alerts. null (or off): no limit.",
    )
    dead_after_hours: float = Field(
        default=24.0, gt=0, description="Hours of failure before a feed_health `dead` event.")
    log_level: str = Field(default="INFO", description="DEBUG, INFO, WARNING or ERROR.")
    metrics_listen: str | None = Field(
        default=None, pattern=r"^[\w.\-\[\]:]*:\d{1,5}$",
        description="host:port of a Prometheus /metrics endpoint (monitor[metrics]); off if unset.")
    delivery: DeliverySettings = Field(default_factory=DeliverySettings)
    retention: RetentionSettings = Field(
        default_factory=RetentionSettings,
        description="How long items, revisions and sent alerts are kept; pruned daily.")
    env_file: Path | None = Field(
        default=None, description="KEY=VALUE file whose values `${KEY}` in targets may use.")

    @model_validator(mode="after")
    def _operator_target_exists(self) -> Config:
        wanted = self.delivery.operator_target
        if wanted is not None and wanted not in self.targets:
            raise located(f"delivery.operator_target {wanted!r} is not one of the targets"
                          f"{suggest(wanted, self.targets)} ({', '.join(sorted(self.targets))})",
                          ("delivery", "operator_target"))
        return self

    @model_validator(mode="after")
    def _quiet_hours_targets_exist(self) -> Config:
        # Quiet hours for a misspelt target would never hold anything back, silently.
        known = self.target_names
        for name in self.quiet_hours:
            if name not in known:
                raise located(f"quiet_hours: {name!r} is not one of the targets"
                              f"{suggest(name, known)} (targets: {', '.join(sorted(known))})",
                              ("quiet_hours", name, KEY_MARK))
        return self

    @property
    def target_names(self) -> set[str]:
        """The names rules and quiet hours may use: the configured targets and the console."""
        return {*self.targets, CONSOLE_TARGET}

    @property
    def channel_names(self) -> set[str]:
        """The names a rule's channels may use: the target names and `operator`."""
        return {*self.target_names, OPERATOR_CHANNEL}

    @field_validator("alert_backlog_hours", mode="before")
    @classmethod
    def _off_is_no_limit(cls, value: object) -> object:
        return None if isinstance(value, str) and value.strip().lower() == "off" else value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR")
        return level

    @property
    def db_path(self) -> Path:
        """Where the SQLite history lives."""
        return self.state_dir / "monitor.db"

    @property
    def alerts_log(self) -> Path:
        """Where the console target appends its messages."""
        return self.state_dir / "alerts.log"


def read_env_file(path: Path) -> dict[str, str]:
    """`KEY=VALUE` lines (blank lines, `#` comments, `export` and quotes allowed)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the environment file: "
                          f"{exc.strerror or exc}") from None
    values: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.removeprefix("export ").partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            # Never echo the line: it may hold a secret.
            raise ConfigError(f"{path}:{number}: expected KEY=VALUE")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


def expand_env(value: str, *, where: str, env_file: dict[str, str] | None = None) -> str:
    """Replace `${NAME}` with the environment variable, the env-file entry, or the systemd
    credential file (`$CREDENTIALS_DIRECTORY/NAME`) of that name, in that order."""

    def lookup(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in os.environ:
            return os.environ[name]
        if env_file and name in env_file:
            return env_file[name]
        creds = os.environ.get("CREDENTIALS_DIRECTORY")
        if creds and (Path(creds) / name).is_file():
            return (Path(creds) / name).read_text(encoding="utf-8").strip()
        raise ConfigError(f"{where}: environment variable {name} is not set")

    return _ENV_REF.sub(lookup, value)


def load_config(path: Path) -> Config:
    """Read and validate a YAML config file; errors read `file: key.path: message`."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror or exc}") from None
    try:
        refused = screen(text, str(path), config=True)
        if refused is not None:
            raise ConfigError(str(refused))
        # Round-trip loading keeps each key's line, for errors that name it.
        document: Any = YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}{line}: invalid YAML: {problem}") from None
    if document is None:
        document = CommentedMap()
    if not isinstance(document, CommentedMap):
        raise ConfigError(f"{path}: the config must be a mapping of keys to values")
    raw: dict[str, Any] = plain(document)
    env_values: dict[str, str] = {}
    if isinstance(raw.get("env_file"), str):
        env_values = read_env_file(_relative_to(path.parent, Path(raw["env_file"])))
    targets = raw.get("targets")
    if isinstance(targets, dict):
        raw["targets"] = {
            str(name): expand_env(str(url), where=f"{path}: targets.{name}",
                                  env_file=env_values)
            for name, url in targets.items()
        }
    # Targets that quiet hours and the operator name are checked apart from the fields, so
    # a typo there is reported beside the fields' errors, not only once those are mended.
    references = _reference_problems(raw)
    try:
        config = Config.model_validate(raw)
    except ValidationError as exc:
        found = [*problems_of(exc, Config, fields_only=True), *references]
        raise config_error(path, document, found or problems_of(exc, Config)) from None
    base = path.parent
    return config.model_copy(
        update={
            "state_dir": _relative_to(base, config.state_dir),
            "rules_dir": _relative_to(base, config.rules_dir),
            "feed_list": _relative_to(base, config.feed_list) if config.feed_list else None,
        }
    )


def _reference_problems(raw: dict[str, Any]) -> list[Problem]:
    """Quiet hours and the operator target naming no target, with "did you mean"."""
    targets = raw.get("targets", {CONSOLE_TARGET: CONSOLE_TARGET})
    names = set(targets) if isinstance(targets, dict) else set()
    known = names | {CONSOLE_TARGET}
    listed = ", ".join(sorted(known))
    problems: list[Problem] = []
    quiet = raw.get("quiet_hours")
    for name in quiet if isinstance(quiet, dict) else ():
        if name not in known:
            problems.append((("quiet_hours", name), True, f"{name!r} is not one of the targets"
                             f"{suggest(name, known)} (targets: {listed})"))
    delivery = raw.get("delivery")
    wanted = delivery.get("operator_target") if isinstance(delivery, dict) else None
    if isinstance(wanted, str) and wanted not in names:
        problems.append((("delivery", "operator_target"), False,
                         f"{wanted!r} is not one of the targets{suggest(wanted, names)} "
                         f"({', '.join(sorted(names))})"))
    return problems


def _relative_to(base: Path, path: Path) -> Path:
    """Paths in a config file are relative to the file, as in systemd units and most daemons."""
    return path if path.is_absolute() else base / path
