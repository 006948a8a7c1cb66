"""Scores as a readable table, as a list of misses, and as plain data for JSON."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from monitor.evaluation.labelled import SCORED_KINDS
from monitor.evaluation.scoring import (
    CATEGORICAL_FIELDS,
    NUMBER_FIELDS,
    SET_FIELDS,
    Accuracy,
    Breakdown,
    Counts,
    Failure,
    Miss,
    Scores,
    pooled,
)

_LABEL = 22
_CELL = 18
_POOLED_LABELS = {
    "kinds": "kinds: F1 (P/R)",
    "numbers": "numbers: accuracy",
    "categories": "categories: accuracy",
    "places": "places: set F1 (P/R)",
    "persons": "persons: set F1 (P/R)",
}


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _counts_cell(counts: Counts | None) -> str:
    if counts is None or counts.f1 is None:
        return "–"
    return f"{_ratio(counts.f1)} ({_ratio(counts.precision)}/{_ratio(counts.recall)})"


def _accuracy_cell(accuracy: Accuracy | None) -> str:
    if accuracy is None or accuracy.value is None:
        return "–"
    return f"{_ratio(accuracy.value)} ({accuracy.correct}/{accuracy.total})"


def _cell(figure: Counts | Accuracy) -> str:
    return _counts_cell(figure) if isinstance(figure, Counts) else _accuracy_cell(figure)


def _row(label: str, cells: list[str]) -> str:
    return (label.ljust(_LABEL) + "".join(cell.ljust(_CELL) for cell in cells)).rstrip()


def _header(title: str, scores: Scores) -> str:
    return _row(title, list(scores.by_language))


def _category_fields() -> list[str]:
    return [name for names in CATEGORICAL_FIELDS.values() for name in names]


def format_table(scores: Scores, source: str = "") -> str:
    """Every figure, one column per language after "all"."""
    slices = list(scores.by_language.values())
    sizes = ", ".join(f"{lang} {part.items}" for lang, part in scores.by_language.items()
                      if lang != "all")
    total = scores.by_language["all"].items
    lines = [f"{source or 'labelled set'}: {total} items ({sizes})", ""]
    lines.append(_header("pooled", scores))
    summaries = [pooled(part) for part in slices]
    for name, label in _POOLED_LABELS.items():
        lines.append(_row(label, [_cell(summary[name]) for summary in summaries]))
    lines += ["", _header("kind F1 (P/R)", scores)]
    for kind in SCORED_KINDS:
        lines.append(_row(kind.value, [_counts_cell(part.kinds.get(kind.value))
                                       for part in slices]))
    lines += ["", _header("numbers: accuracy", scores)]
    for name in NUMBER_FIELDS:
        lines.append(_row(name, [_accuracy_cell(part.fields.get(name)) for part in slices]))
    lines += ["", _header("categories: accuracy", scores)]
    for name in _category_fields():
        lines.append(_row(name, [_accuracy_cell(part.fields.get(name)) for part in slices]))
    lines += ["", _header("names: set F1 (P/R)", scores)]
    for name in SET_FIELDS.values():
        lines.append(_row(name, [_counts_cell(part.sets.get(name)) for part in slices]))
    lines += ["", "Counts are scored where the label or the reading states one (a missed "
              "strike's too); categories where the kind was both expected and found; "
              "set F1 is micro-averaged."]
    return "\n".join(lines)


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)


def format_misses(misses: list[Miss], failures: list[Failure]) -> str:
    """One line per miss (item id, language, field, expected, got), then the count per field."""
    lines = [f"{failure.item_id}\textractor raised {failure.error}" for failure in failures]
    for miss in misses:
        lines.append(f"{miss.item_id}\t{miss.lang}\t{miss.field}\t"
                     f"expected {_shown(miss.expected)}\tgot {_shown(miss.got)}")
    total = f"{len(misses)} misses" + (f", {len(failures)} extractor failures"
                                       if failures else "")
    by_field = Counter(miss.field for miss in misses).most_common()
    if by_field:
        total += ": " + ", ".join(f"{field} {count}" for field, count in by_field)
    lines.append(total)
    return "\n".join(lines)


def _counts_data(counts: Counts) -> dict[str, Any]:
    return {"precision": counts.precision, "recall": counts.recall, "f1": counts.f1,
            "tp": counts.tp, "fp": counts.fp, "fn": counts.fn}


def _figure_data(figure: Counts | Accuracy) -> dict[str, Any]:
    if isinstance(figure, Counts):
        return _counts_data(figure)
    return {"accuracy": figure.value, "correct": figure.correct, "total": figure.total}


def _breakdown_data(part: Breakdown) -> dict[str, Any]:
    return {
        "items": part.items,
        "pooled": {name: _figure_data(figure) for name, figure in pooled(part).items()},
        "kinds": {name: _counts_data(counts) for name, counts in part.kinds.items()},
        "fields": {name: _figure_data(acc) for name, acc in sorted(part.fields.items())},
        "sets": {name: _counts_data(counts) for name, counts in sorted(part.sets.items())},
    }


def scores_data(scores: Scores, failures: list[Failure], with_misses: bool) -> dict[str, Any]:
    """The figures as plain data for `--json`; the misses too when asked for."""
    data: dict[str, Any] = {
        "by_language": {lang: _breakdown_data(part)
                        for lang, part in scores.by_language.items()},
        "failures": [{"id": failure.item_id, "error": failure.error} for failure in failures],
    }
    if with_misses:
        data["misses"] = [{"id": miss.item_id, "lang": miss.lang, "field": miss.field,
                           "expected": miss.expected, "got": miss.got}
                          for miss in scores.misses]
    return data
