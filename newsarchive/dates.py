"""Date normalisation shared by feeds, sitemaps and page metadata."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_ISO_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BASIC_DATE_ONLY = re.compile(r"^\d{8}$")
# Python's fromisoformat() rejects a few forms that feeds and pages use:
# a trailing "Z" on old Pythons, "+0200" without a colon, a space before the offset.
_OFFSET_NO_COLON = re.compile(r"([+-]\d{2})(\d{2})$")


def normalise_date(value: str | None) -> str | None:
    """Return ``value`` as ISO 8601, keeping its time and offset, or None.

    A date without a time stays a date (``2024-05-01``); a time without an
    offset stays naive rather than being guessed into UTC.
    """
    if not value:
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    if _ISO_DATE_ONLY.match(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    if _BASIC_DATE_ONLY.match(text):
        try:
            return datetime.strptime(text, "%Y%m%d").date().isoformat()
        except ValueError:
            return None
    parsed = _parse_iso(text) or _parse_rfc822(text)
    if parsed is None:
        return None
    return parsed.isoformat()


def _parse_iso(text: str) -> datetime | None:
    candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    candidate = candidate.replace(" ", "")
    candidate = _OFFSET_NO_COLON.sub(r"\1:\2", candidate)
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _parse_rfc822(text: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed


def to_utc_datetime(value: str | None) -> datetime | None:
    """Parse an ISO 8601 string as an aware UTC datetime (naive values count as UTC)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def utc_now_iso() -> str:
    """The current time as ISO 8601 UTC with seconds precision."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
