"""Scrapy settings for newsarchive: defaults a user can trust on real sites."""

from newsarchive import __version__
from newsarchive.items import EXPORT_FIELDS

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["newsarchive.spiders"]
NEWSPIDER_MODULE = "newsarchive.spiders"
COMMANDS_MODULE = "newsarchive.commands"

# Where articles are archived: sqlite:///relative/path, sqlite:////absolute/path.
ARCHIVE_URI = "sqlite:///output/archive.sqlite3"

# Politeness: identify ourselves, obey robots.txt, adapt to the server.
USER_AGENT = f"newsarchive/{__version__} (+https://github.com/newsarchive/newsarchive; news archiving crawler)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5

# Bounded downloads: Scrapy's own default size limit is 1 GB.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
RETRY_TIMES = 2

# Only http(s) is ever fetched: URLs in feeds and sitemaps are untrusted input.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}

TELNETCONSOLE_ENABLED = False

# Archive writes: one transaction per batch, committed at least every second.
ARCHIVE_BATCH_SIZE = 100
ARCHIVE_FLUSH_INTERVAL = 1.0

# Estimated word-shingle (3-gram) similarity from which a text is a copy of an
# archived article; candidates near it are checked on exact shingles.
NEWSARCHIVE_NEAR_DUPLICATE_THRESHOLD = 0.45

# Query parameters dropped from URLs besides the usual trackers (utm_*, fbclid, gclid, …).
NEWSARCHIVE_TRACKING_PARAMS: list[str] = []

# Archived articles are downloaded again only when they pass one of these ages
# since publication (corrections come early); older ones never again.
NEWSARCHIVE_REVISIT = ["1h", "1d", "7d"]

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newsarchive.middlewares.robots.StrictRobotsTxtMiddleware": 100,
    # After robots.txt and before the download itself.
    "newsarchive.middlewares.archived.SkipArchivedMiddleware": 120,
}

# A line or sentence is a site's boilerplate (removed) once it recurs in this many
# of its articles, and in this share of them; a line in one article never is.
NEWSARCHIVE_BOILERPLATE_MIN_ARTICLES = 3
NEWSARCHIVE_BOILERPLATE_MIN_SHARE = 0.05

ITEM_PIPELINES = {
    "newsarchive.pipelines.cleaning.CleaningPipeline": 400,
    "newsarchive.pipelines.dedup.DedupPipeline": 500,
    "newsarchive.pipelines.storage.ArchivePipeline": 800,
}

EXTENSIONS = {
    "newsarchive.extensions.summary.CrawlSummary": 500,
}

# The site spider's bounds (overridable with -a max_depth / -a max_pages).
NEWSARCHIVE_MAX_DEPTH = 5
NEWSARCHIVE_MAX_PAGES = 500

# Processes that parse pages and extract articles, off the crawl's event loop.
# None: one per CPU core; 0: in the crawl process itself (slower; for debugging).
EXTRACT_WORKERS = None

FEED_EXPORT_ENCODING = "utf-8"
# Scrapy's own feed exports (-o/-O) show the public record, like `scrapy export`.
FEED_EXPORT_FIELDS = list(EXPORT_FIELDS)
LOG_LEVEL = "INFO"
