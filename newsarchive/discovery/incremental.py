"""What a feed or sitemap entry's dates say about fetching it again: order and skips.

Pure helpers for incremental runs: entries are requested newest first, and an
entry whose dates are not newer than what the archive holds is not requested.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from newsarchive.dates import normalise_date, to_utc_datetime

# Request priorities of dated entries: 1 (decades old) to NEWEST_PRIORITY (now).
NEWEST_PRIORITY = 1000
# Priority steps per doubling of an entry's age in hours: an hour-old entry is a
# step ahead of a two-hour-old one, a year-old one shares its step with entries
# a few days apart. A few hundred distinct priorities at most: Scrapy keeps one
# queue per priority (on disk with JOBDIR).
_STEPS_PER_DOUBLING = 50


@dataclass(frozen=True)
class ListedEntry:
    """What a feed or sitemap said about the URL it lists.

    ``modified`` is a modification date (sitemap ``lastmod``, Atom ``updated``),
    ``published`` a publication date (news sitemap, RSS ``pubDate``), both ISO
    8601. ``known_listing`` says the feed or sitemap had been read by an earlier
    clean run (the archive held its validators).
    """

    modified: str | None = None
    published: str | None = None
    known_listing: bool = False

    @property
    def latest(self) -> datetime | None:
        """The entry's latest date, in UTC; None when it has none."""
        dates = [d for d in (entry_moment(self.modified), entry_moment(self.published)) if d]
        return max(dates) if dates else None


def entry_moment(value: str | None) -> datetime | None:
    """An entry date as an aware UTC datetime; a calendar date counts from its end.

    A ``lastmod`` of ``2026-11-20`` may mean any time that day: read as its last
    moment, it is never mistaken for older than it is.
    """
    normalised = normalise_date(value)
    if normalised is None:
        return None
    if len(normalised) == 10:
        day = datetime.fromisoformat(normalised).replace(tzinfo=UTC)
        return day + timedelta(days=1) - timedelta(microseconds=1)
    return to_utc_datetime(normalised)


def freshness_priority(moment: datetime | None, now: datetime) -> int:
    """The request priority of an entry dated ``moment``: the newer, the higher.

    Undated entries get 0, like the pages a site crawl follows; dated ones
    1 to ``NEWEST_PRIORITY``, on a logarithmic scale of their age.
    """
    if moment is None:
        return 0
    hours = max(0.0, (now - moment).total_seconds() / 3600)
    steps = round(_STEPS_PER_DOUBLING * math.log2(1 + hours))
    return max(1, NEWEST_PRIORITY - steps)


def sort_key_newest_first(moment: datetime | None) -> tuple[int, float]:
    """A sort key putting newer moments first and undated ones last."""
    if moment is None:
        return (1, 0.0)
    return (0, -moment.timestamp())


def older_than_watermark(
    moment: datetime | None, watermark: datetime | None, margin: timedelta | None
) -> bool:
    """Whether an entry dated ``moment`` predates ``watermark`` by more than ``margin``.

    Undated entries, a source without a watermark, and ``margin`` None (the
    check switched off) are never older.
    """
    if moment is None or watermark is None or margin is None:
        return False
    return moment < watermark - margin


def modified_since(modified: str | None, last_seen: datetime) -> bool | None:
    """Whether a ``modified`` date is after ``last_seen``; None when there is no such date."""
    moment = entry_moment(modified)
    if moment is None:
        return None
    return moment > last_seen
