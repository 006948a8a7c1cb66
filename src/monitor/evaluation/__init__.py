"""Measure extraction against a labelled set: read the set, score, report."""

from monitor.evaluation.labelled import (
    Expected,
    ExpectedFrontline,
    ExpectedStrike,
    ExpectedSummit,
    LabelledItem,
    read_labelled,
    read_labelled_file,
)
from monitor.evaluation.report import format_misses, format_table, scores_data
from monitor.evaluation.scoring import (
    Accuracy,
    Breakdown,
    Counts,
    Extractor,
    Failure,
    Miss,
    Scores,
    evaluate,
    normalize_name,
    pooled,
    score,
    score_item,
    set_counts,
)

__all__ = [
    "Accuracy",
    "Breakdown",
    "Counts",
    "Expected",
    "ExpectedFrontline",
    "ExpectedStrike",
    "ExpectedSummit",
    "Extractor",
    "Failure",
    "LabelledItem",
    "Miss",
    "Scores",
    "evaluate",
    "format_misses",
    "format_table",
    "normalize_name",
    "pooled",
    "read_labelled",
    "read_labelled_file",
    "score",
    "score_item",
    "scores_data",
    "set_counts",
]
