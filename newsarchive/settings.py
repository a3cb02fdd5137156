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

# No console ports: a scheduled crawl is not driven by hand. Scrapy's remote control
# (an HTTP server that runs the Python code it is sent) also costs each crawl about
# 0.1 s of start-up; `-s REMOTE_CONTROL_ENABLED=True` turns it on for one run.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Archive writes: one transaction per batch, committed at least every second.
# A record's response stays with Scrapy's scraper until its batch is committed,
# and Scrapy stops downloading while those responses weigh more than
# SCRAPER_SLOT_MAX_ACTIVE_SIZE (5 MB): a quarter of a second of pages stays under
# it at 40 pages/s, where a whole second held downloads back before every commit.
ARCHIVE_BATCH_SIZE = 100
ARCHIVE_FLUSH_INTERVAL = 0.25

# Outputs of one response handled at once. A page yields at most one record, then
# its links: while the record waits for its batch, the links go on. Scrapy's 100
# starts 101 asyncio tasks for every response, about 1 ms of the crawl process a page.
CONCURRENT_ITEMS = 8

# Estimated word-shingle (3-gram) similarity from which a text is a copy of an
# archived article; candidates near it are checked on exact shingles.
NEWSARCHIVE_NEAR_DUPLICATE_THRESHOLD = 0.45

# Query parameters dropped from URLs besides the usual trackers (utm_*, fbclid, gclid, …).
NEWSARCHIVE_TRACKING_PARAMS: list[str] = []

# Archived articles are downloaded again only when they pass one of these ages
# since publication (corrections come early); older ones never again.
NEWSARCHIVE_REVISIT = ["1h", "1d", "7d"]

# A feed or sitemap entry that the archive does not hold is not fetched when it is
# dated more than this before its source's last clean run (which saw it and left
# it out); the margin covers entries that appear late (caches, backdating).
# Empty: such entries are always fetched.
NEWSARCHIVE_WATERMARK_MARGIN = "1d"

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newsarchive.middlewares.robots.StrictRobotsTxtMiddleware": 100,
    # After robots.txt and before the download itself.
    "newsarchive.middlewares.archived.SkipArchivedMiddleware": 120,
    # Feeds, sitemaps and listing pages: If-None-Match / If-Modified-Since; a 304 ends there.
    "newsarchive.middlewares.conditional.ConditionalRequestMiddleware": 125,
    # Every request and every redirect hop, before anything is sent.
    "newsarchive.middlewares.private.PrivateAddressMiddleware": 130,
    # Answers: after decompression (590), before RetryMiddleware (550) retries them.
    "newsarchive.middlewares.blocked.BlockPageMiddleware": 580,
    "newsarchive.middlewares.retry_after.RetryAfterMiddleware": 560,
    # Scrapy's meta refresh redirects, looked for only in pages whose head says "refresh".
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "newsarchive.middlewares.refresh.MetaRefreshMiddleware": 580,
}

SPIDER_MIDDLEWARES = {
    # Failed requests are logged in one line with the page and the reason.
    "newsarchive.middlewares.failures.FailureLogMiddleware": 550,
}

# Hostile input. A 429 or 503 with Retry-After holds back the host's requests for
# that long, up to this many seconds (a longer wait gives the page up).
NEWSARCHIVE_RETRY_AFTER_MAX = 300.0
# A block page (bot challenge, CAPTCHA, "Access denied") raises the delay between
# requests to its host to at least this, doubling with each further one up to the maximum.
NEWSARCHIVE_BLOCK_DELAY = 5.0
NEWSARCHIVE_BLOCK_MAX_DELAY = 120.0
# Refuse requests (and redirect hops) to private, loopback and link-local addresses;
# off by default, since many users crawl intranet or local servers on purpose.
# NEWSARCHIVE_ALLOWED_ADDRESSES lists exceptions: networks ("10.1.0.0/16") or "address:port".
NEWSARCHIVE_BLOCK_PRIVATE_ADDRESSES = False
NEWSARCHIVE_ALLOWED_ADDRESSES: list[str] = []
# Redirect chains longer than this are given up (Scrapy's default is 20).
REDIRECT_MAX_TIMES = 10
# Memory: warn, then stop the crawl cleanly (what is archived stays archived) when the
# crawl process passes these sizes; Scrapy sets no limit.
MEMUSAGE_WARNING_MB = 1536
MEMUSAGE_LIMIT_MB = 2048

# A line or sentence is a site's boilerplate (removed) once it recurs in this many
# of its articles, and in this share of them; a line in one article never is.
NEWSARCHIVE_BOILERPLATE_MIN_ARTICLES = 3
NEWSARCHIVE_BOILERPLATE_MIN_SHARE = 0.05

ITEM_PIPELINES = {
    "newsarchive.pipelines.cleaning.CleaningPipeline": 400,
    "newsarchive.pipelines.dedup.DedupPipeline": 500,
    "newsarchive.pipelines.storage.ArchivePipeline": 800,
    # Tells the run report what archiving each record did; must follow ArchivePipeline.
    "newsarchive.extensions.run_report.ArchiveOutcomeTap": 900,
}

EXTENSIONS = {
    # One run at a time per source (`sources` spider) or per archive (other spiders):
    # an overlapping run exits at once, non-zero.
    "newsarchive.extensions.lock.ArchiveLock": 10,
    "newsarchive.extensions.summary.CrawlSummary": 500,
    # Each run's start, end and counts per source, in the archive (`scrapy runs`).
    "newsarchive.extensions.run_report.RunReport": 600,
    # Start-up objects frozen, young ones collected less often (see the class).
    "newsarchive.extensions.gc.CollectorTuning": 700,
}
# Allocations between two collections of the youngest generation (Python's: 700); 0: untouched.
NEWSARCHIVE_GC_THRESHOLD = 10_000

# The locks: by default files beside a SQLite archive (its path plus ".lock", and
# ".locks/<source>.lock"), advisory locks in a PostgreSQL one; a lock file set here
# is used for any archive (the sources' lock files go in its name plus "s").
NEWSARCHIVE_LOCK_ENABLED = True
NEWSARCHIVE_LOCK_FILE = None

# One site over many workers: -s NEWSARCHIVE_REDIS_URL=redis://HOST:6379/0 on each
# makes them share the crawl's frontier in Redis (newsarchive.distributed); unset, the
# add-on changes nothing.
ADDONS = {"newsarchive.distributed.SharedFrontier": 0}

# The sources file of the `sources` spider (-a sources=PATH overrides it).
NEWSARCHIVE_SOURCES = None

# The site spider's bounds (overridable with -a max_depth / -a max_pages).
NEWSARCHIVE_MAX_DEPTH = 5
NEWSARCHIVE_MAX_PAGES = 500

# Processes that parse pages and extract articles, off the crawl's event loop.
# None: one per CPU core; 0: in the crawl process itself (slower; for debugging).
EXTRACT_WORKERS = None
# Pages a worker analyses before a fresh process replaces it. None: 5,000; 0: never.
EXTRACT_WORKER_MAX_PAGES = None
# Seconds of CPU a worker may spend on one page before it is skipped (0: no limit).
EXTRACT_TIMEOUT = 60

FEED_EXPORT_ENCODING = "utf-8"
# Scrapy's own feed exports (-o/-O) show the public record, like `scrapy export`.
FEED_EXPORT_FIELDS = list(EXPORT_FIELDS)
LOG_LEVEL = "INFO"
