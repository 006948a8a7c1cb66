"""`monitor rules`: check, test, preview and describe rule files before they go live."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click

from monitor.cli.common import friendly_errors, since_moment, state_option
from monitor.rules import rules_schema
from monitor.rules.check import check_rules


@click.group()
def rules() -> None:
    """Work with YAML rule files."""


@rules.command()
@click.argument("path", type=click.Path(path_type=Path, exists=True), required=False)
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Check the config's rules folder (unless PATH is given), and that rule "
                   "channels are targets of this config file (default: the built-in config).")
@state_option
@friendly_errors
def check(path: Path | None, strict: bool, config_path: Path | None) -> None:
    """Validate rule files (PATH, default rules/): one line per finding, file:line:column:
    severity: message.

    Schema and unknown keys (with a "did you mean"), regular expressions, named lists,
    places and persons the gazetteer does not know, duplicate ids, rules that can never
    fire, and channels that are no target of the config (--config FILE; without it, the
    built-in config the daemon runs with, whose only target is the console). Exits 1 on
    errors (and on warnings with --strict).
    """
    from monitor.config import Config, load_config
    from monitor.extract import resolve_person, resolve_place

    # The daemon's targets: from the config file, else the built-in default it runs with.
    config = load_config(config_path) if config_path is not None else Config()
    if config_path is not None:
        path = path or config.rules_dir
    report = check_rules(path or Path("rules"), places=resolve_place, persons=resolve_person,
                         channels=config.target_names)
    for finding in report.findings:
        click.echo(str(finding), err=True)
    errors, warnings = report.count("error"), report.count("warning")
    click.echo(f"{len(report.ruleset.rules)} rules loaded, {errors} errors, "
               f"{warnings} warnings", err=True)
    if errors or (strict and warnings):
        raise SystemExit(1)


@rules.command()
def schema() -> None:
    """Print the JSON Schema of rule files, for editors (yaml-language-server)."""
    click.echo(json.dumps(rules_schema(), indent=2, ensure_ascii=False))


@rules.command("test")
@click.argument("path", type=click.Path(path_type=Path, exists=True), default="rules")
@state_option
@friendly_errors
def test_command(path: Path) -> None:
    """Run the rule unit tests in PATH/tests (or the test file PATH).

    Each test is a timeline of events or feed items and the alerts each moment should
    queue; a failure prints `-` for an expected alert that did not come and `+` for one
    nobody expected. Exits 1 when a test fails.
    """
    from monitor.alerting.ruletests import run_test_file, test_files
    from monitor.extract import resolve_person, resolve_place

    files = test_files(path)
    if not files:
        raise click.ClickException(f"{path}: no rule tests here (put them in {path}/tests/)")
    failed = total = 0
    for file in files:
        for result in run_test_file(file, places=resolve_place, persons=resolve_person):
            total += 1
            if result.passed:
                click.echo(f"ok    {result.path}:{result.line}: {result.name}")
                continue
            failed += 1
            click.echo(f"FAIL  {result.path}:{result.line}: {result.name}")
            for line in result.diff:
                click.echo(line)
    click.echo(f"{total - failed} passed, {failed} failed", err=True)
    if failed:
        raise SystemExit(1)


@rules.command()
@click.argument("rule_id", metavar="RULE")
@click.option("--since", default="7d", show_default=True, metavar="SPAN|DATE",
              help="Replay revisions recorded since this long ago (7d, 12h) or this ISO date.")
@click.option("--rules", "rules_path", type=click.Path(path_type=Path, exists=True),
              default="rules", show_default=True, help="Rule folder or file holding RULE.")
@click.option("--explain", is_flag=True, help="Show, per event, which conditions held.")
@state_option
@click.pass_context
@friendly_errors
def preview(ctx: click.Context, rule_id: str, since: str, rules_path: Path,
            explain: bool) -> None:
    """Replay the stored history through RULE and show what it would have sent, and why.

    The rule runs with fresh state of its own (windows, seen keys, realert) in a scratch
    database: the history and the daemon's rule state are only read.
    """
    import tempfile

    from monitor.alerting.replay import Replay
    from monitor.cli.common import open_existing
    from monitor.extract import resolve_person, resolve_place
    from monitor.model.change import EventUpdate
    from monitor.rules import RuleSet, load_rules
    from monitor.rules.explain import explain as explain_rule
    from monitor.rules.fields import suggest

    ruleset = load_rules(rules_path, places=resolve_place)
    rule = ruleset.get(rule_id)
    if rule is None:
        ruleset.raise_for_errors()
        known = [r.id for r in ruleset.rules]
        raise click.ClickException(
            f"{rules_path}: no rule '{rule_id}'{suggest(rule_id, known)}")
    now = datetime.now(UTC)
    start = since_moment(since, now)
    single = RuleSet(rules=[rule.model_copy(update={"enabled": True})], lists=ruleset.lists)
    fired = replayed = 0
    with open_existing(ctx) as store, \
            tempfile.TemporaryDirectory(prefix="monitor-preview-") as scratch:
        revisions = store.revisions_since(start)
        replay = Replay.open(single, Path(scratch), resolve_place, resolve_person)
        try:
            for stored in revisions:
                event = stored.event
                previous = replay.store.get_event(event.id)
                update = EventUpdate(event=event, previous=previous, changes=stored.changes)
                alerts = replay.step(stored.recorded_at, updates=[update])
                replayed += 1
                head = (f"{stored.recorded_at:%Y-%m-%d %H:%M}  {event.kind:<11} "
                        f"{event.title or event.id}  r{event.revision}")
                for alert in alerts:
                    fired += 1
                    tag = "update" if alert.update else "alert"
                    click.echo(f"{head}  -> {tag}: {alert.rule_title}")
                if explain and (rule.kind is None or event.kind == rule.kind):
                    if not alerts:
                        click.echo(f"{head}  -> no alert")
                    for line in explain_rule(rule, event):
                        click.echo(f"    {line}")
            for alert in replay.digests_until(now):
                fired += 1
                click.echo(f"{alert.created_at:%Y-%m-%d %H:%M}  digest  -> {alert.rule_title}")
        finally:
            replay.close()
    click.echo(f"{rule.id}: {fired} alerts from {replayed} event revisions since "
               f"{start:%Y-%m-%d %H:%M} UTC", err=True)


COMMANDS = [rules]
