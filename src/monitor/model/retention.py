"""`RetentionSettings`: how long the history keeps items, revisions and sent alerts."""

from __future__ import annotations

from pydantic import Field

from monitor.model.base import Model


class RetentionSettings(Model):
    """How long rows are kept before the daily prune removes them; None keeps them forever.

    Events are always kept, with their sources, claims and latest revision: only the raw
    material and the delivery log age out.
    """

    items_days: int | None = Field(
        default=90, gt=0,
        description="Days an item (title and summary as read) is kept after it was fetched; "
        "items in quarantine are kept until they are read.")
    revisions_days: int | None = Field(
        default=90, gt=0,
        description="Days an event's earlier revisions are kept; its latest is kept always.")
    sent_alerts_days: int | None = Field(
        default=180, gt=0,
        description="Days a sent alert is kept once its event has been quiet as long; "
        "pending, held, failed and dead alerts are kept.")
