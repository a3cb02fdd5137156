"""trafilatura's metadata made on demand is trafilatura's metadata, field for field.

``MetadataGuesses`` takes ``extract_metadata`` apart so that its costly guesses run
only when a page declares nothing better. On real pages every field the record is
built from must equal what ``extract_metadata`` returns, whichever fields are read
and in whatever order; a trafilatura upgrade that changes its steps fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.html import fromstring
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Extractor
from trafilatura.utils import load_html

from newsarchive.extraction.guesses import MetadataGuesses
from newsarchive.extraction.parsing import parse_html
from tests.utils import corpus_html, corpus_pages

FIELDS = ("url", "date", "description", "image", "title", "author", "sitename", "tags")
SAMPLE_EVERY = 6  # about 200 of the corpus's 1,171 pages


def test_every_field_equals_trafilaturas_on_real_pages(corpus_dir: Path) -> None:
    pages = corpus_pages(corpus_dir, every=SAMPLE_EVERY)
    compared = 0
    for path, url in pages:
        html = corpus_html(path)
        tree = load_html(html)
        if tree is None:
            continue
        expected = extract_metadata(tree, url, Extractor(with_metadata=True, url=url).date_params)
        guesses = MetadataGuesses(parse_html(html), url)
        # Read in reverse order: a lazy field must not depend on another being read first.
        for name in reversed(FIELDS):
            assert getattr(guesses, name) == getattr(expected, name), (name, url)
        compared += 1
    assert compared >= 180


@pytest.mark.parametrize(
    ("html", "field", "value"),
    [
        # No declared author: the byline is guessed from the markup.
        (
            '<html><body><p class="byline">Ana Lima</p><p>Text.</p></body></html>',
            "author",
            "Ana Lima",
        ),
        # A declared author wins over the byline, as in extract_metadata.
        (
            '<html><head><meta name="author" content="Rui Costa"></head>'
            '<body><p class="byline">Ana Lima</p></body></html>',
            "author",
            "Rui Costa",
        ),
        # No site name anywhere: the host of the page's URL.
        ("<html><body><p>Text.</p></body></html>", "sitename", "news.example"),
        # A lower-case handle from twitter:site is capitalised without its "@".
        (
            '<html><head><meta property="og:site_name" content="@gazette"></head></html>',
            "sitename",
            "Gazette",
        ),
    ],
)
def test_guesses_follow_trafilaturas_steps(html: str, field: str, value: str) -> None:
    tree = fromstring(html)
    url = "https://news.example/a/story"
    assert getattr(MetadataGuesses(tree, url), field) == value
    assert getattr(extract_metadata(tree, url), field) == value
