"""The daemon's life: open the stores, poll feeds on their schedules, deliver, stop cleanly."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import resource
import signal
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from monitor.alerting import flush_groups, run_digest
from monitor.alerting.jobs import DigestClock, watch_rules
from monitor.config import Config
from monitor.daemon import systemd
from monitor.daemon.due import DueFeeds
from monitor.daemon.heartbeat import STATUS_FILE, Heartbeat
from monitor.daemon.instance import InstanceLock
from monitor.daemon.metrics import Metrics
from monitor.daemon.retention import schedule_pruning
from monitor.daemon.rulepolicy import start_rules
from monitor.daemon.selfcheck import SelfCheck
from monitor.digest_brief import DigestBriefs
from monitor.errors import StoreError
from monitor.feeds import FetchLimiter, PollPolicy, make_client
from monitor.logs import Condition
from monitor.model import Message, Place, notify_url_target
from monitor.model.feed import FeedSpec, FeedState
from monitor.notify import Dispatcher, DispatchReport, build_targets, retry_policy
from monitor.notify.send import write_console
from monitor.pipeline import FeedOutcome, Pipeline, Route
from monitor.rules import RuleSet, load_rules
from monitor.store import Store
from monitor.workers import CpuPool

log = logging.getLogger(__name__)

DIGEST_CHECK_SECONDS = 20
"""How often the daemon looks whether a digest rule's cron time has come."""

OPEN_FILES = 16384
"""Open files the daemon asks for: sockets of idle keep-alive connections, SQLite, logs."""

PARSE_TIMEOUT = 60.0
"""Seconds a feed body may take to parse before its worker is stopped."""

BACKOFF_JITTER = 0.2
"""Up to this fraction is added at random to each backoff delay."""

DELIVERY_FLUSH_SECONDS = 30.0
"""What a last delivery round may take on stop, beyond `shutdown_grace` (slow SMTP servers)."""


@dataclass
class CycleSummary:
    """What one full cycle over all feeds did."""

    outcomes: list[FeedOutcome] = field(default_factory=list)
    sent: int = 0
    failed: int = 0
    seconds: float = 0.0
    """Wall time of the cycle, from the first poll to the last delivery."""

    @property
    def errors(self) -> list[str]:
        """One line per feed that failed."""
        return [o.error for o in self.outcomes if o.error]


def raise_open_file_limit(wanted: int = OPEN_FILES) -> int:
    """Lift the soft limit on open files towards `wanted` (never past the hard limit).

    Idle keep-alive connections stay open for half a minute after each poll, so thousands
    of feeds on as many hosts outgrow the usual soft limit of 1,024. Returns the new limit.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        return target
    return soft


def _rule_place(name: str) -> Place | None:
    """The gazetteer's place for a rule's `near: {place: …}` centre."""
    # The extractor and its gazetteer load only for a rule that names a place: a cycle
    # with nothing new to extract does not need them.
    from monitor.extract import resolve_place

    return resolve_place(name)


def rule_targets(config: Config, notify_urls: Sequence[str] = ()) -> set[str]:
    """The names a rule's channels may use: the config's targets, the console, `operator`
    and --notify's."""
    return config.channel_names | {notify_url_target(url) for url in notify_urls}


def load_ruleset(config: Config, notify_urls: Sequence[str] = (), *,
                 log_errors: bool = True) -> RuleSet:
    """Load the rule folder; a bad file, or a rule sending to no target, is reported and
    the good ones still run."""
    ruleset = load_rules(config.rules_dir, places=_rule_place)
    ruleset.require_targets(rule_targets(config, notify_urls))
    ruleset.quiet_hours = dict(config.quiet_hours)
    for error in ruleset.errors if log_errors else ():
        log.error("rule not loaded: %s", error)
    return ruleset


class Service:
    """Owns the store, the HTTP client, the pipeline and the dispatcher for one daemon run."""

    def __init__(self, config: Config, feeds: Sequence[FeedSpec], notify_urls: Sequence[str] = (),
                 *, keep_going: bool = False, rule_tests: bool = False):
        self.config = config
        self.feeds = list(feeds)
        # Before anything opens: rules that fail refuse the start (see rulepolicy).
        self.start_rules = start_rules(
            load_ruleset(config, notify_urls, log_errors=False), config.rules_dir,
            keep_going=keep_going, run_tests=rule_tests)
        raise_open_file_limit()
        targets = build_targets(config.targets, list(notify_urls), console_log=config.alerts_log)
        self._rule_targets = rule_targets(config, notify_urls)
        self._jobs = Condition(log, "scheduled job")
        self.metrics = Metrics()
        self.heartbeat = Heartbeat(len(self.feeds), self._pending_alerts,
                                   status_file=config.db_path.parent / STATUS_FILE)
        self.heartbeat.degraded.update(self.start_rules.degraded())
        self.instance = InstanceLock(config.db_path.parent)
        self.instance.acquire()
        try:
            self.store = Store.open(config.db_path, verify=True)
        except BaseException:
            self.instance.release()
            raise
        http = config.http
        self.client = make_client(
            user_agent=http.user_agent, timeout=http.timeout,
            connect_timeout=http.connect_timeout, max_connections=http.concurrency)
        routes = [Route(name) for name in config.targets] + [
            Route(notify_url_target(url), catch_all=True) for url in notify_urls
        ]
        policy = PollPolicy(
            max_bytes=http.max_bytes, jitter=config.jitter, backoff_jitter=BACKOFF_JITTER,
            total_timeout=http.total_timeout, dead_after=config.dead_after_hours * 3600.0)
        # Unless configured, a new feed's backlog alerts only on the history's first run.
        alert_backlog = (config.alert_backlog if config.alert_backlog is not None
                         else not self.store.any_feed_succeeded())
        self.workers = CpuPool(job_timeout=PARSE_TIMEOUT)
        self.pipeline = Pipeline(
            self.store, self.start_rules.ruleset, routes, self.client, policy=policy,
            limiter=FetchLimiter(http.concurrency, http.per_host), alert_backlog=alert_backlog,
            workers=self.workers, operator_target=config.delivery.operator_target,
            alert_backlog_hours=config.alert_backlog_hours,
        )
        briefs = DigestBriefs(self.store, lambda: self.pipeline.rules,
                              config.state_dir / "briefs")
        self.selfcheck = SelfCheck(self.pipeline, started=datetime.now(UTC))
        self.dispatcher = Dispatcher(self.store, targets, console_log=config.alerts_log,
                                     policy=retry_policy(config.delivery),
                                     operator_target=config.delivery.operator_target,
                                     attachments=briefs)
        self._inflight: set[asyncio.Task[object]] = set()
        self._wakeup = asyncio.Event()

    async def close(self) -> None:
        """Write the feed states still held, release the HTTP client, the worker processes
        and the database."""
        try:
            self.pipeline.flush_states()
        except StoreError as exc:
            log.error("feed states of the last polls not saved: %s", exc)
        await self.client.close()
        self.workers.close()
        self.store.close()
        self.instance.release()

    async def poll(
        self, spec: FeedSpec, stored: Mapping[str, FeedState] | None = None
    ) -> FeedOutcome:
        """One feed, end to end; logs the outcome and never raises for the feed's own faults."""
        started = time.perf_counter()
        outcome = await self.pipeline.poll_feed(spec, stored=stored)
        self.metrics.polled(outcome, time.perf_counter() - started)
        for warning in outcome.warnings:
            log.warning("%s", warning)
        if outcome.backlog_items:
            log.info("%s: first poll: %d items published over %g h ago stored without alerts "
                     "(alert_backlog_hours)", spec.label, outcome.backlog_items,
                     self.config.alert_backlog_hours)
        if outcome.error:
            log.warning("feed failed: %s", outcome.error)
        elif outcome.items_new or outcome.items_edited or outcome.alerts:
            log.info(
                "%s: %d new items, %d edited, %d new events, %d updated, %d alerts queued",
                spec.label, outcome.items_new, outcome.items_edited, outcome.events_new,
                outcome.events_updated, outcome.alerts,
            )
        return outcome

    async def deliver(self) -> tuple[int, int]:
        """Send what is due in the outbox; returns (sent, failed)."""
        report = await self.dispatcher.deliver_due()
        if report.sent or report.failed:
            log.info("delivered %d alerts, %d failed", report.sent, report.failed)
        return report.sent, report.failed

    def _pending_alerts(self) -> int:
        counts = self.store.alert_counts()
        depth = counts.get("pending", 0) + counts.get("failed", 0)
        self.metrics.outbox(depth)
        return depth

    async def _dispatch(self, stop: asyncio.Event) -> None:
        """Deliver while the daemon runs: right after a poll queues alerts, retries on time."""

        def logged(report: DispatchReport) -> None:
            self.heartbeat.delivered(report.sent)
            self.metrics.delivered(report)
            if report.sent or report.failed or report.dead:
                log.info("delivered %d alerts, %d failed, %d dead", report.sent, report.failed,
                         report.dead)

        await self.dispatcher.run(stop, self.config.dispatch_interval, logged)

    async def run_once(self, on_polled: Callable[[], object] | None = None) -> CycleSummary:
        """Poll every feed once, then deliver what the cycle queued; `on_polled` is called
        as each feed's poll ends (a progress bar)."""
        started = time.perf_counter()
        self.start_rules.remind()
        # One read of every feed's state and one write of those that brought nothing.
        stored = self.store.get_feed_states(spec.url for spec in self.feeds)

        async def polled(spec: FeedSpec) -> FeedOutcome:
            outcome = await self.poll(spec, stored)
            if on_polled is not None:
                on_polled()
            return outcome

        try:
            outcomes = await asyncio.gather(*(polled(spec) for spec in self.feeds))
        finally:
            self.pipeline.flush_states()
        sent, failed = await self.deliver()
        return CycleSummary(outcomes=list(outcomes), sent=sent, failed=failed,
                            seconds=time.perf_counter() - started)

    async def _tracked(self, job: Callable[..., Awaitable[object]], *args: object) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._inflight.add(task)
        try:
            await job(*args)
            self._jobs.succeeded()
        except Exception as exc:
            self._jobs.failed(exc, StoreError, "the job runs again at its next time")
        finally:
            if task is not None:
                self._inflight.discard(task)

    async def run_digests(self, clock: DigestClock) -> int:
        """Queue the digests whose cron time has come, and the alert groups whose wait is over;
        returns how many alerts."""
        rules, now = self.pipeline.rules, datetime.now(UTC)
        route = self.pipeline.route
        queued = 0
        for rule_id, moment in clock.due(rules, now):
            alerts = run_digest(self.store, rules, rule_id, route, moment)
            queued += len(alerts)
            if alerts:
                log.info("digest %s: %d alerts queued", rule_id, len(alerts))
        grouped = flush_groups(self.store, rules, route, now)
        if grouped:
            log.info("%d grouped alerts queued", len(grouped))
        return queued + len(grouped)

    def _operator_notice(self, title: str, body: str) -> None:
        """A notice on the console and in alerts.log, where the operator looks."""
        try:
            write_console(Message(title=title, body=body + "\n"), self.config.alerts_log)
        except OSError as exc:
            log.error("cannot write the operator notice to %s: %s", self.config.alerts_log, exc)

    def reload_rules(self) -> None:
        """Swap in the rule folder as it is now, unless it has errors or its tests fail."""
        # Only the long-running daemon reloads: rule tests and the gazetteer load here.
        from monitor.alerting.ruletests import rule_test_failures
        from monitor.extract import resolve_person, resolve_place

        systemd.reloading()
        ruleset = load_rules(self.config.rules_dir, places=resolve_place)
        ruleset.require_targets(self._rule_targets)
        ruleset.quiet_hours = dict(self.config.quiet_hours)
        problems = [str(error) for error in ruleset.errors] or rule_test_failures(
            self.config.rules_dir, places=resolve_place, persons=resolve_person)
        if problems:
            for problem in problems:
                log.error("reload refused, keeping the previous rules: %s", problem)
            self._operator_notice("Rules reload refused: the previous rules keep running",
                                  "\n".join(problems))
            first = " ".join(problems[0].split())[:160]
            systemd.ready(f"rules reload refused, previous rules kept: {first}")
            self.heartbeat.degraded["rules"] = f"reload refused: {problems[0]}"
            self.selfcheck.rules_refused(_refused_file(ruleset, self.config), problems[0])
            return
        self.heartbeat.degraded.pop("rules", None)
        self.start_rules.restored()
        self.selfcheck.rules_loaded()
        self.pipeline.rules = ruleset
        log.info("rules reloaded: %d rules", len(ruleset.rules))
        systemd.ready(f"rules reloaded: {len(ruleset.rules)} rules; polling {len(self.feeds)} "
                      "feeds")

    async def _poll_scheduled(self, spec: FeedSpec, schedule: DueFeeds) -> None:
        outcome: FeedOutcome | None = None
        self.heartbeat.poll_started(spec.url)
        try:
            outcome = await self.poll(spec)
        finally:
            self.heartbeat.poll_finished(spec.url, outcome is not None and not outcome.error)
            schedule.finish(spec.url, outcome.next_due if outcome else None,
                            disabled=outcome is not None and outcome.skipped)
            self._wakeup.set()

    async def _poll_due(self, stop: asyncio.Event) -> None:
        """Poll each feed when its due time, kept in SQLite, comes; until `stop` is set."""
        schedule = DueFeeds(self.feeds, self.store.list_feed_states(), datetime.now(UTC))
        for url in schedule.disabled:
            log.warning("%s: disabled after 410 Gone; `monitor feeds enable %s` polls it again",
                        url, url)
        while not stop.is_set():
            now = datetime.now(UTC)
            for spec in schedule.take_due(now):
                task = asyncio.create_task(self._tracked(self._poll_scheduled, spec, schedule))
                self._inflight.add(task)
                task.add_done_callback(self._inflight.discard)
            self._wakeup.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), schedule.seconds_to_next(now))
            self.pipeline.flush_states()

    async def run_forever(self, stop: asyncio.Event) -> None:
        """Poll each feed when it is due until `stop` is set, then drain and flush."""
        # APScheduler is for the daemon's timed jobs; `run --once` does without it.
        from apscheduler.schedulers.asyncio import AsyncIOScheduler

        scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1},
        )
        now = datetime.now(UTC)
        # Tracked like a poll: on stop, the alerts being sent finish, then the outbox flushes.
        self._inflight.add(asyncio.create_task(self._tracked(self._dispatch, stop)))
        scheduler.add_job(
            self._tracked, "interval", args=[self.run_digests, DigestClock(now)], id="digests",
            seconds=DIGEST_CHECK_SECONDS, misfire_grace_time=DIGEST_CHECK_SECONDS,
        )
        if self.start_rules.skipped:
            scheduler.add_job(self.start_rules.remind, "interval", id="skipped-rules",
                              seconds=self.config.interval)
        schedule_pruning(scheduler, self._tracked, self.store, self.config.retention, now,
                         lambda: self.pipeline.rules)
        # Rule files are also reloaded when they change, if watchfiles is installed.
        self._inflight.add(asyncio.create_task(self._tracked(
            watch_rules, self.config.rules_dir, self.reload_rules, stop)))
        scheduler.start()
        self.metrics.start(self.config.metrics_listen)
        polling = asyncio.create_task(self._poll_due(stop))
        self._inflight.add(asyncio.create_task(self._tracked(self.selfcheck.run, stop)))
        pulse = asyncio.create_task(self.heartbeat.run(stop))
        systemd.ready(f"polling {len(self.feeds)} feeds")
        log.info("daemon started: %d feeds, state in %s", len(self.feeds), self.config.state_dir)
        await stop.wait()
        systemd.stopping()
        # Running polls, then the outbox flush, may take the whole grace and a delivery round.
        systemd.extend_timeout(self.config.shutdown_grace + DELIVERY_FLUSH_SECONDS)
        await pulse
        self._wakeup.set()
        await polling
        log.info("stopping: finishing %d running jobs", len(self._inflight))
        scheduler.pause()
        # APScheduler cancels running coroutine jobs on shutdown, so let ours finish first.
        if self._inflight:
            await asyncio.wait(set(self._inflight), timeout=self.config.shutdown_grace)
        scheduler.shutdown(wait=False)
        await self.deliver()
        self.heartbeat.write(stopped=True)
        log.info("stopped cleanly")


def _refused_file(ruleset: RuleSet, config: Config) -> str:
    """The file a refused rule set failed on: the first load error's, else the rules folder
    (a failing rule test)."""
    return next((error.path for error in ruleset.errors if error.path), str(config.rules_dir))


def install_signal_handlers(stop: asyncio.Event, service: Service) -> None:
    """SIGTERM/SIGINT ask for a clean stop (a second one exits at once); SIGHUP reloads rules."""
    loop = asyncio.get_running_loop()
    main_task = asyncio.current_task()

    def on_stop(signame: str) -> None:
        if stop.is_set() and main_task is not None:
            log.warning("%s again: exiting without waiting", signame)
            main_task.cancel()
            return
        log.info("%s received", signame)
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, on_stop, sig.name)
    loop.add_signal_handler(signal.SIGHUP, service.reload_rules)
