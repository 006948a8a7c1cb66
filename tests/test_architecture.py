"""The layout rules of docs/developing.md, checked on the source tree."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "monitor"
INDEPENDENT = ("feeds", "extract", "rules", "store")
MAX_LINES = 600


def modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def package_of(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


@pytest.mark.parametrize("stage", INDEPENDENT)
def test_independent_stages_do_not_import_each_other(stage: str) -> None:
    others = {f"monitor.{name}" for name in INDEPENDENT if name != stage}
    offenders = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in (SRC / stage).rglob("*.py")
        for name in imported(path)
        if any(name == o or name.startswith(o + ".") for o in others)
    ]
    assert offenders == []


def test_only_notify_imports_apprise() -> None:
    offenders = [
        str(path.relative_to(SRC)) for path in modules()
        if package_of(path) != "notify"
        and any(n == "apprise" or n.startswith("apprise.") for n in imported(path))
    ]
    assert offenders == []


def test_model_does_no_io() -> None:
    banned = {"sqlite3", "sqlite_utils", "httpx", "aiohttp", "feedparser", "apprise", "socket",
              "subprocess"}
    offenders = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in (SRC / "model").rglob("*.py")
        for name in imported(path)
        if name.split(".")[0] in banned
    ]
    assert offenders == []


def test_only_store_runs_sql() -> None:
    offenders = [
        str(path.relative_to(SRC)) for path in modules()
        if package_of(path) != "store"
        and any(n.split(".")[0] in {"sqlite3", "sqlite_utils"} for n in imported(path))
    ]
    assert offenders == []


def test_nothing_imports_the_cli() -> None:
    offenders = [
        str(path.relative_to(SRC)) for path in modules()
        if package_of(path) not in {"cli", "__main__"}
        and any(n == "monitor.cli" or n.startswith("monitor.cli.") for n in imported(path))
    ]
    assert offenders == []


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_module_has_docstring_and_bounded_size(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert ast.get_docstring(ast.parse(text)), "every module says what it owns"
    assert len(text.splitlines()) <= MAX_LINES


REPORT_MAY_IMPORT = ("monitor.model", "monitor.errors", "monitor.report", "monitor.store",
                     "monitor.notify.sanitize")
"""The brief reads the history (model, store) and renders it; it sanitizes as alerts do."""


def test_report_imports_only_the_history_and_the_sanitizer() -> None:
    offenders = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in (SRC / "report").rglob("*.py")
        for name in imported(path)
        if name.startswith("monitor") and not any(
            name == allowed or name.startswith(allowed + ".") for allowed in REPORT_MAY_IMPORT)
    ]
    assert offenders == []
