"""monitor: a news monitoring daemon that turns war reporting into structured events and alerts."""

__version__ = "0.1.0"
