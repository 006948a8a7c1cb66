"""The largest count one report may give per field; a larger figure is a misreading or hostile.

One strike in this war has not passed about 800 drones and 100 missiles, nor thousands
killed; the bounds leave an order of magnitude above what was ever reported, so a real
record is still kept while "10000000000000 drones" (a typo, a scraped phone number, a
hostile feed) is not. A count past its bound is read as not reported (None); the sentence
it came from stays in the event's evidence for a reader to check.
"""

from __future__ import annotations

COUNT_BOUNDS: dict[str, int] = {
    "drones_launched": 10_000,
    "drones_destroyed": 10_000,
    "missiles_launched": 2_000,
    "missiles_destroyed": 2_000,
    "killed": 100_000,
    "injured": 100_000,
}


def bounded_count(field: str, value: object) -> object:
    """`value` unless it is a number past the bound of `field`, which reads as not reported."""
    bound = COUNT_BOUNDS.get(field)
    if bound is not None and isinstance(value, int | float) and value > bound:
        return None
    return value
