"""``scrapy demo``: crawl the bundled sample news site on 127.0.0.1 and show what was archived."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.commands import ScrapyCommand

from newsarchive.extensions.summary import crawl_summary
from newsarchive.items import ArticleItem
from newsarchive.sample_site.server import serve_site
from newsarchive.spiders.site import SiteSpider
from newsarchive.store.base import redacted

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCommand):
    requires_project = True
    # The sample site runs on this machine: no need to be gentle with it. Applied at
    # project priority, since the project's settings outrank a command's defaults;
    # -s options still win.
    demo_settings = {
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
        "LOG_LEVEL": "WARNING",
    }

    def syntax(self) -> str:
        return "[--port N]"

    def short_desc(self) -> str:
        return "Crawl the bundled sample news site and print what was archived"

    def long_desc(self) -> str:
        return (
            "Serve the bundled sample news site (The Harbour Gazette) on 127.0.0.1, crawl it "
            "with the `site` spider into the archive named by ARCHIVE_URI, and print the "
            "articles archived. No internet access is needed."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--port", type=int, default=0, help="port to serve the site on")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        self.settings.setdict(self.demo_settings, priority="project")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        assert self.settings is not None
        archived: list[ArticleItem] = []

        def item_scraped(item: Any) -> None:
            if isinstance(item, ArticleItem):
                archived.append(item)

        with serve_site(port=opts.port) as site:
            print(f"Serving the sample news site at {site.base_url}/")
            print(f"Crawling it with: scrapy crawl site -a urls={site.base_url}/")
            crawler = self.crawler_process.create_crawler(SiteSpider)
            crawler.signals.connect(item_scraped, signal=signals.item_scraped)
            self.crawler_process.crawl(crawler, urls=site.url("/"))
            self.crawler_process.start()
        if crawler.stats is None or self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        print()
        print(f"Archived {len(archived)} articles into {redacted(self.settings['ARCHIVE_URI'])}:")
        for item in sorted(archived, key=lambda i: i.published or "", reverse=True):
            authors = ", ".join(item.authors) or "-"
            print(
                f"  {(item.published or '')[:16]:16}  {item.language or '--':2}  {item.title}  ({authors})"
            )
        print()
        print(crawl_summary(crawler.stats.get_stats()))
        print("Next: scrapy export -o output/articles.jsonl")
