"""trafilatura's metadata, each costly guess made only when a page's declarations leave a gap.

``trafilatura.bare_extraction(..., with_metadata=True)`` runs the whole of
``trafilatura.metadata.extract_metadata`` on every page: about a quarter of a page's
extraction time, most of it in guesses read from the markup (the byline alone is
8 ms a page: it copies the whole tree). ``choose_metadata`` reads most of them only
when the page declares nothing better (JSON-LD, meta tags), and never reads the
categories or the license. ``MetadataGuesses`` gives the same values, field by field,
computed when first read.
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import Any

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_catstags,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document, Extractor

logger = logging.getLogger(__name__)


class MetadataGuesses:
    """What ``extract_metadata`` finds on ``tree``, with its costly guesses made on demand.

    Made at once, as in ``extract_metadata``: meta tags and JSON-LD (cheap), the
    page's own URL and htmldate's date, which reads that URL. Made when first read:
    ``title`` (the ``<h1>`` or ``<title>``), ``author`` (the byline), ``sitename``
    (from ``<title>``) and ``tags`` (from tag links). Each value goes through the same
    steps, in the same order, as in ``extract_metadata``, and the same final trimming.
    ``tree`` must not change while the object is in use.
    """

    def __init__(self, tree: HtmlElement, url: str | None):
        self._tree = tree
        declared = examine_meta(tree)
        # extract_metadata drops a one-word meta author before reading JSON-LD.
        if declared.author and " " not in declared.author:
            declared.author = None
        try:
            declared = extract_meta_json(tree, declared)
        except Exception:  # trafilatura's JSON-LD reader fails on odd shapes
            logger.debug("trafilatura could not read the JSON-LD of %s", url, exc_info=True)
        declared.url = declared.url or extract_url(tree, url)
        options = Extractor(with_metadata=True, url=url)
        self._declared = declared
        self.url: str | None = _trimmed(declared.url)
        self.date: str | None = _trimmed(
            find_date(tree, **{**options.date_params, "url": declared.url})
        )
        self.description: str | None = _trimmed(declared.description)
        self.image: str | None = _trimmed(declared.image)

    @cached_property
    def title(self) -> str | None:
        return _trimmed(self._declared.title or extract_title(self._tree))

    @cached_property
    def author(self) -> str | None:
        return _trimmed(self._declared.author or extract_author(self._tree))

    @cached_property
    def sitename(self) -> str | None:
        name = self._declared.sitename or extract_sitename(self._tree)
        if name:
            name = name.lstrip("@")  # a Twitter handle
            if name and "." not in name and not name[0].isupper():
                name = name.title()
        elif self._declared.url and (match := META_URL.match(self._declared.url)):
            name = match[1]
        return _trimmed(name)

    @cached_property
    def tags(self) -> list[str]:
        return self._declared.tags or extract_catstags("tag", self._tree)


def _trimmed(value: Any) -> Any:
    """A field value after ``Document.clean_and_trim``, trafilatura's last step."""
    if not isinstance(value, str):
        return value
    holder = Document()
    holder.title = value
    holder.clean_and_trim()
    return holder.title
