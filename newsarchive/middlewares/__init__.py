"""Downloader middlewares of newsarchive."""

from __future__ import annotations

from scrapy.http import TextResponse


def ascii_compatible(response: TextResponse) -> bool:
    """Whether the response's encoding writes ASCII as ASCII (UTF-8, windows-1252, …).

    Markup of such a body can be looked for in its bytes, without decoding it.
    """
    try:
        return "<meta>".encode(response.encoding) == b"<meta>"
    except (LookupError, UnicodeError):
        return False
