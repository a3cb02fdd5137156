"""The naive way to archive a site with Scrapy and trafilatura, as a baseline for benchmarks.

``scrapy runspider bench/_naive_spider.py -a home=URL -s FEEDS=…``: follows every
on-site link that Scrapy's ``LinkExtractor`` finds (``response.follow_all(css="a")``
stops at the first ``mailto:`` link with a ValueError) and calls ``trafilatura.extract``
in the callback, in the crawl process.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
import trafilatura
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor


class NaiveSpider(scrapy.Spider):
    """Follow links from ``home`` on its host; extract every page with trafilatura."""

    name = "naive"

    def __init__(self, home: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.home = home
        self.allowed_domains = [urlsplit(home).hostname or ""]
        # allowed_domains is enforced by Scrapy's offsite middleware.
        self.links = LinkExtractor()

    async def start(self) -> AsyncIterator[Any]:
        yield scrapy.Request(self.home, callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        document = trafilatura.extract(
            response.text, url=response.url, with_metadata=True, output_format="json"
        )
        if document:
            yield json.loads(document)
        for link in self.links.extract_links(response):
            yield response.follow(link, callback=self.parse)
