"""`monitor rules`: check, test, preview and describe rule files before they go live."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click

from monitor.cli.common import friendly_errors, since_moment, state_option
from monitor.cli.progress import progress
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
                         channels=config.channel_names)
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
              help="Rule folder or file holding RULE [default: the config's rules_dir, else "
                   "rules].")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="YAML config file: its state folder, rules folder, targets, quiet hours "
                   "and alert_backlog, as the daemon runs with them.")
@click.option("--explain", is_flag=True,
              help="Show, per event, which conditions held, and why a match gave no alert.")
@state_option
@click.pass_context
@friendly_errors
def preview(ctx: click.Context, rule_id: str, since: str, rules_path: Path | None,
            config_path: Path | None, explain: bool) -> None:
    """Replay the stored history through RULE and show what it would have sent, and why.

    The rule runs with fresh state of its own (windows, seen keys, realert) in a scratch
    database: the history and the daemon's rule state are only read. The stored silences,
    the config's targets and quiet hours, the rules that inhibit RULE and a new feed's
    backlog hold alerts back as in the daemon; --explain says which did.
    """
    from monitor.alerting.preview import Preview
    from monitor.cli.common import open_existing, resolve_config
    from monitor.extract import resolve_person, resolve_place
    from monitor.rules import load_rules
    from monitor.rules.fields import suggest

    config = resolve_config(ctx, config_path, rules_path)
    ruleset = load_rules(config.rules_dir, places=resolve_place)
    ruleset.quiet_hours = dict(config.quiet_hours)
    rule = ruleset.get(rule_id)
    if rule is None:
        ruleset.raise_for_errors()
        known = [r.id for r in ruleset.rules]
        raise click.ClickException(
            f"{config.rules_dir}: no rule '{rule_id}'{suggest(rule_id, known)}")
    now = datetime.now(UTC)
    start = since_moment(since, now)
    preview = Preview(rule, ruleset, sorted(config.target_names), config.alert_backlog,
                      resolve_place, resolve_person)
    with open_existing(ctx, config.state_dir) as store:
        fired, replayed = preview.replay(
            store, start, now, explain=explain, echo=click.echo,
            shown=lambda revisions: progress(revisions, "replaying the history"))
    click.echo(f"{rule.id}: {fired} alerts from {replayed} event revisions since "
               f"{start:%Y-%m-%d %H:%M} UTC", err=True)


COMMANDS = [rules]
