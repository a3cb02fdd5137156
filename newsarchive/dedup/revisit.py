"""When an archived article is worth downloading again: recent ones, on a schedule."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import datetime

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> timedelta:
    """``"90s"``, ``"15m"``, ``"1h"``, ``"2d"``, ``"1w"`` as a timedelta."""
    found = _DURATION.match(text)
    if not found:
        raise ValueError(f"{text!r} is not a duration such as 30m, 1h, 1d or 1w")
    return timedelta(seconds=float(found[1]) * _UNIT_SECONDS[found[2].lower()])


def parse_schedule(values: Iterable[str]) -> list[timedelta]:
    """Revisit ages, sorted, from strings such as ``["1h", "1d", "7d"]``."""
    return sorted(parse_duration(v) for v in values if v.strip())


def revisit_due(
    *,
    born: datetime,
    last_seen: datetime,
    now: datetime,
    schedule: Sequence[timedelta],
) -> bool:
    """Whether an article first known at ``born`` should be fetched again ``now``.

    It is due when it has passed one of the ``schedule`` ages (1 hour, 1 day, 7
    days…) since it was last seen: corrections come early, so recent articles
    are checked a few times and older ones never again.
    """
    for age in schedule:
        checkpoint = born + age
        if last_seen < checkpoint <= now:
            return True
    return False
