"""Process lifecycle: scheduling, signals and systemd notification; no business logic."""

from monitor.daemon.service import CycleSummary, Service, install_signal_handlers, load_ruleset

__all__ = ["CycleSummary", "Service", "install_signal_handlers", "load_ruleset"]
