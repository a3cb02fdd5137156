"""Request meta keys and signals that spiders and middlewares share."""

from __future__ import annotations

# The source a request was made for, by the ``sources`` spider (the run report reads it).
SOURCE_META = "newsarchive_source"
# A feed, sitemap or listing page: fetched conditionally, with the archive's validators.
CONDITIONAL = "newsarchive_conditional"
# Set by the conditional middleware: the archive held the URL's validators, and they were
# sent. A listing read with them had been read by an earlier clean run.
VALIDATED = "newsarchive_validated"
# A ``ListedEntry``: what the feed or sitemap listing the URL said of it (its dates).
LISTED = "newsarchive_listed"

# Sent by a spider (with ``response=``) once it has read a listing completely, its
# entries requested and its links followed: its validators may then be kept.
listing_read = object()
