"""Copy an archive into another store, exactly as stored: ids, dates, URLs, history, runs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsarchive.store.sql import SQLStore

# Boilerplate counts read and written per transaction.
BOILERPLATE_BATCH = 5000


@dataclass
class CopySummary:
    """What a copy did; a second copy of the same archive adds nothing."""

    records: int = 0
    present: int = 0
    revisions: int = 0
    urls_held_elsewhere: int = 0
    boilerplate: int = 0
    validators: int = 0
    runs: int = 0


def copy_archive(
    source: SQLStore,
    target: SQLStore,
    *,
    batch_size: int = 200,
    progress: Callable[[CopySummary], None] | None = None,
) -> CopySummary:
    """Copy every record of ``source`` into ``target``, then its counts, validators and runs.

    Records go in archive order, ``batch_size`` to a transaction, each with all its
    URLs (and when each was first seen), revisions and fingerprint; a record whose
    id ``target`` holds already is skipped. So a copy that was interrupted (after
    any batch) completes when run again, and copying twice copies nothing twice.
    It is not a deduplication: records keep their ids and dates as they are.
    ``progress`` is called after each batch.
    """
    summary = CopySummary()
    after = None
    while True:
        records, after = source.stored_records(after, batch_size)
        added = target.add_stored_records(records)
        summary.records += added.added
        summary.present += added.present
        summary.revisions += added.revisions
        summary.urls_held_elsewhere += added.urls_held_elsewhere
        if records and progress is not None:
            progress(summary)
        if len(records) < batch_size:
            break
    summary.boilerplate += target.add_boilerplate(source.stored_boilerplate_domains(), [])
    position = None
    while units := source.stored_boilerplate(position, BOILERPLATE_BATCH):
        summary.boilerplate += target.add_boilerplate([], units)
        position = units[-1][:2]
    summary.validators = target.add_validators(source.stored_validators())
    summary.runs = target.add_runs(source.recent_runs())
    return summary
