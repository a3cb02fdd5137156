"""Date normalisation keeps what the source says: its time, its offset, or just its day."""

from __future__ import annotations

import pytest

from newsarchive.dates import normalise_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-01", "2024-05-01"),
        ("20240501", "2024-05-01"),
        ("2024-05-01T10:00:00+02:00", "2024-05-01T10:00:00+02:00"),
        ("2024-05-01T10:00:00Z", "2024-05-01T10:00:00+00:00"),
        ("2024-05-01 10:00:00+0200", "2024-05-01T10:00:00+02:00"),
        ("2024-05-01T10:00:00", "2024-05-01T10:00:00"),
        ("Tue, 10 Jun 2003 04:00:00 +0100", "2003-06-10T04:00:00+01:00"),
        ("Wed, 02 Oct 2002 13:00:00 GMT", "2002-10-02T13:00:00+00:00"),
        ("  2024-05-01T10:00:00+02:00\n", "2024-05-01T10:00:00+02:00"),
        ("garbage", None),
        ("2024-13-01", None),
        ("20241301", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected
