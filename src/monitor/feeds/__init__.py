"""The feeds stage: feed lists, polling over HTTP or from disk, parsing and normalization."""

from monitor.feeds.fetch import USER_AGENT, make_client
from monitor.feeds.limits import FetchLimiter
from monitor.feeds.lists import load_feed_list
from monitor.feeds.parse import ParsedFeed, parse_body
from monitor.feeds.poll import PollResult, poll
from monitor.feeds.schedule import PollPolicy, backoff_delay

__all__ = [
    "USER_AGENT",
    "FetchLimiter",
    "ParsedFeed",
    "PollPolicy",
    "PollResult",
    "backoff_delay",
    "load_feed_list",
    "make_client",
    "parse_body",
    "poll",
]
