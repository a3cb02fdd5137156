"""One site crawled by many worker processes that share its frontier in Redis (scrapy-redis).

``-s NEWSARCHIVE_REDIS_URL=redis://HOST:6379/0`` on every worker running the same
``scrapy crawl`` command makes them one crawl: ``SharedFrontier`` (an add-on enabled
in the project settings) then sets ``SCHEDULER`` to
``newsarchive.distributed.scheduler.SharedFrontierScheduler`` and adds
``newsarchive.distributed.requested.SharedRequestsMiddleware``. Nothing here imports
scrapy-redis unless the URL is set (it is the optional ``redis`` extra).
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

SCHEDULER = "newsarchive.distributed.scheduler.SharedFrontierScheduler"


class SharedFrontier:
    """Scrapy add-on: with ``NEWSARCHIVE_REDIS_URL`` set, the crawl's frontier is shared."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("NEWSARCHIVE_REDIS_URL"):
            return
        if importlib.util.find_spec("scrapy_redis") is None:
            raise ValueError(
                "NEWSARCHIVE_REDIS_URL is set but scrapy-redis is not installed"
                " (pip install -e '.[redis]')"
            )
        settings.set("SCHEDULER", SCHEDULER, priority="addon")
        if settings.get("SCHEDULER") != SCHEDULER:
            raise ValueError(
                f"NEWSARCHIVE_REDIS_URL needs SCHEDULER = {SCHEDULER!r},"
                f" but it is set to {settings.get('SCHEDULER')!r}"
            )
        from newsarchive.distributed.requested import (  # noqa: PLC0415 - needs scrapy-redis
            SharedRequestsMiddleware,
        )

        # Right after SkipArchivedMiddleware (120), which decides what a run downloads.
        settings.set_in_component_priority_dict(
            "DOWNLOADER_MIDDLEWARES", SharedRequestsMiddleware, 121
        )
