"""The gazetteer's closest place name to a misspelt one, for "did you mean" hints."""

from __future__ import annotations

import difflib

from monitor.extract.gazetteer import gazetteer, normalize, resolve_place


def closest_place(name: str) -> str | None:
    """The canonical name of the known place spelled most like `name`, if one is close."""
    wanted = normalize(name).strip().casefold()
    if not wanted:
        return None
    # Only names of about the same length that start alike: 40,000 names are too many to
    # compare one by one on every typo.
    names = [known for known in gazetteer().place_names
             if known[:1] == wanted[:1] and abs(len(known) - len(wanted)) <= 3]
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.75)
    place = resolve_place(close[0]) if close else None
    return place.name if place is not None else None
