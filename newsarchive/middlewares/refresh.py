"""Scrapy's ``<meta http-equiv="refresh">`` redirects, without decoding every page to find one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefresh
from scrapy.http import HtmlResponse

from newsarchive.middlewares import ascii_compatible

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response

# Scrapy reads a refresh tag in a page's first 4,096 characters: at most 4 bytes each.
_HEAD_BYTES = 4 * 4096


class MetaRefreshMiddleware(ScrapyMetaRefresh):
    """Follow meta refresh redirects as Scrapy does (same settings, same limits).

    Scrapy's own middleware decodes the whole body of every HTML response, on the
    crawl's event loop, and the text then stays with the response until the page
    is processed. A page whose first bytes do not say "refresh" has no refresh tag
    where Scrapy looks, so it is passed on untouched.
    """

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if (
            isinstance(response, HtmlResponse)
            and ascii_compatible(response)
            and b"refresh" not in response.body[:_HEAD_BYTES].lower()
        ):
            return response
        return super().process_response(request, response)
