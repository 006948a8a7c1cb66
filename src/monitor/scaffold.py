"""A new monitor folder: a commented config, the shipped rules and their tests, the state."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from monitor.errors import InputError

CONFIG_NAME = "monitor.yaml"
RULES_NAME = "rules"
STATE_NAME = "state"


@dataclass(frozen=True)
class Scaffold:
    """What `monitor init` writes into a folder: each file's path and its text."""

    folder: Path
    files: dict[Path, str]

    @property
    def config(self) -> Path:
        """The config file written."""
        return self.folder / CONFIG_NAME

    @property
    def state(self) -> Path:
        """The state folder created."""
        return self.folder / STATE_NAME


def _shipped(folder: Traversable) -> dict[str, str]:
    """The YAML files of a packaged folder and its subfolders, by path relative to it."""
    found: dict[str, str] = {}
    for entry in folder.iterdir():
        if entry.is_dir():
            found.update({f"{entry.name}/{name}": text
                          for name, text in _shipped(entry).items()})
        elif entry.name.endswith(".yaml"):
            found[entry.name] = entry.read_text(encoding="utf-8")
    return found


def shipped_rules() -> dict[str, str]:
    """The rule files monitor ships, and their rule tests (`tests/…`), by relative path."""
    return _shipped(files("monitor").joinpath("data", RULES_NAME))


def plan(folder: Path) -> Scaffold:
    """The files of a new monitor folder at `folder`."""
    config = files("monitor").joinpath("data", "init-config.yaml").read_text(encoding="utf-8")
    written = {folder / CONFIG_NAME: config}
    for name, text in sorted(shipped_rules().items()):
        written[folder / RULES_NAME / name] = text
    return Scaffold(folder, written)


def write(scaffold: Scaffold, *, force: bool = False) -> None:
    """Write the scaffold's files and create its state folder.

    Without `force`, nothing is written when any of the files exists already: raises
    InputError naming the first one. Raises InputError naming the path on a write failure.
    """
    if not force:
        existing = [path for path in scaffold.files if path.exists()]
        if existing:
            more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
            raise InputError(f"{existing[0]}: exists already{more}; "
                             "pass --force to overwrite, or choose another folder")
    target: Path = scaffold.folder
    try:
        for target, text in scaffold.files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        target = scaffold.state
        # The history and alerts.log may hold what the operator's targets received.
        target.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
