"""The crawl process's garbage collector: tuned while the engine runs, restored after."""

from __future__ import annotations

import gc

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newsarchive.extensions.gc import CollectorTuning


def test_start_up_objects_are_frozen_and_young_ones_collected_less_often():
    before = gc.get_threshold()
    crawler = get_crawler(
        settings_dict={"NEWSARCHIVE_GC_THRESHOLD": 10_000, "MEMUSAGE_ENABLED": False}
    )
    # Signal receivers are held weakly: the extension is kept, as Scrapy keeps it.
    tuning = CollectorTuning.from_crawler(crawler)
    crawler.signals.send_catch_log(signals.engine_started)
    try:
        assert gc.get_threshold() == (10_000, *before[1:])
        # Everything alive at start-up is out of the collector's way.
        assert gc.get_freeze_count() > 1_000
    finally:
        crawler.signals.send_catch_log(signals.engine_stopped)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    assert tuning.previous is None


def test_zero_leaves_the_collector_alone_and_negative_is_refused():
    with pytest.raises(NotConfigured):
        CollectorTuning.from_crawler(get_crawler(settings_dict={"NEWSARCHIVE_GC_THRESHOLD": 0}))
    with pytest.raises(ValueError, match="NEWSARCHIVE_GC_THRESHOLD must be 0 or more"):
        CollectorTuning.from_crawler(get_crawler(settings_dict={"NEWSARCHIVE_GC_THRESHOLD": -1}))
