"""Block pages (bot challenges, CAPTCHAs, "Access denied") are not archived, and slow the crawl down."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import html as lxml_html

from newsarchive.extraction.blocked import MAX_BLOCK_PAGE_WORDS, block_page_reason, visible_words
from newsarchive.sample_site import sample_articles
from tests.hostile.pages import article_html, front_html
from tests.hostile.server import HTML, Answer, hostile_server, log_line
from tests.utils import corpus_html, corpus_pages, run_crawl

if TYPE_CHECKING:
    from pathlib import Path

CHALLENGE = (
    "<!DOCTYPE html><html><head><title>Just a moment...</title>"
    "<script>window._cf_chl_opt={cvId: '3'};</script></head><body>"
    "<h1>Checking if the site connection is secure</h1><p>Enable JavaScript and cookies "
    "to continue.</p></body></html>"
)
CAPTCHA = (
    "<html><head><title>Verify you are human</title></head><body><form>"
    '<div class="g-recaptcha" data-sitekey="6Lc"></div><button>Continue</button>'
    "</form></body></html>"
)
DENIED = (
    "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1>"
    "You don't have permission to access this page on this server.<P>"
    "Reference&#32;&#35;18&#46;9a2b</BODY></HTML>"
)
BLOCKS = {
    "/news/challenged-story/": Answer(503, HTML, CHALLENGE.encode()),
    "/news/captcha-story/": Answer(200, HTML, CAPTCHA.encode()),
    "/news/denied-story/": Answer(403, HTML, DENIED.encode()),
}
REASONS = {
    "/news/challenged-story/": "bot challenge",
    "/news/captcha-story/": "captcha",
    "/news/denied-story/": "access denied",
}


def article_page(index: int, extra: str = "") -> bytes:
    article = sample_articles()[index]
    return (
        article_html(article.title, list(article.paragraphs))
        .replace("</article>", extra + "</article>")
        .encode()
    )


# An article whose comment form carries a CAPTCHA is still an article.
GOOD = {
    "/news/harbour-opens-new-ferry-terminal/": article_page(0),
    "/news/council-approves-budget-for-schools/": article_page(
        1, '<form id="comments"><div class="g-recaptcha"></div></form>'
    ),
}


def test_block_pages_are_not_archived_and_slow_the_host_down(tmp_path):
    def respond(path: str) -> Answer:
        if path == "/":
            return Answer(200, HTML, front_html([*BLOCKS, "/latest/"]).encode())
        if path == "/latest/":
            return Answer(200, HTML, front_html(list(GOOD)).encode())
        if path in GOOD:
            return Answer(200, HTML, GOOD[path])
        return BLOCKS.get(path, Answer(404, HTML, b"<h1>Not found</h1>"))

    with hostile_server(respond) as (base, hits):
        result = run_crawl(
            "site",
            tmp_path,
            args={"urls": base + "/", "max_depth": "2"},
            settings={
                # One request at a time, breadth first: the block pages come before the
                # articles linked from /latest/, which then wait for the raised delay.
                "DEPTH_PRIORITY": "1",
                "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
                "NEWSARCHIVE_BLOCK_DELAY": "0.2",
                "DOWNLOAD_DELAY_JITTER": "0",
                "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
            },
        )
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(urlsplit(a.url).path for a in result.articles) == sorted(GOOD)
    for path, reason in REASONS.items():
        assert log_line(result.log, base + path, f"a block page ({reason}"), result.log[-3000:]
    assert result.stat("newsarchive/skip/blocked") == 3
    # Each block doubles the delay between requests to the host: 0.2 s, 0.4 s, 0.8 s.
    delays = [
        line.rsplit("waiting ", 1)[1].split(" s ")[0]
        for line in result.log.splitlines()
        if "a block page" in line
    ]
    assert delays == ["0.2", "0.4", "0.8"]
    # The challenge came with a 503: not retried, since that would hammer the host.
    assert [hit.path for hit in hits].count("/news/challenged-story/") == 1
    # The last article was asked for after all three blocks: 0.8 s after the request
    # before it, as the crawler sent them: the server records each request a few
    # milliseconds after it is sent, not always the same few (one CI run saw 0.7985 s).
    # The delay before the last block was 0.4 s.
    assert {hit.path for hit in hits[-2:]} == set(GOOD)
    assert hits[-1].at - hits[-2].at >= 0.75


def test_block_page_detection_spares_articles_about_captchas():
    article = sample_articles()[0]
    text = " ".join(article.paragraphs)
    page = f"<html><head><title>Are you a robot? A CAPTCHA study</title></head><body><p>{text}</p></body></html>"
    assert block_page_reason(page) is None
    # A comment form's CAPTCHA on a page whose head is mostly script: still an article.
    heavy = (
        f"<html><head><script>{'x' * 300_000}</script></head><body>"
        f'<div class="g-recaptcha"></div><p>{text}</p></body></html>'
    )
    assert block_page_reason(heavy) is None
    assert block_page_reason(CHALLENGE) == "bot challenge"
    assert block_page_reason(CAPTCHA) == "captcha"
    assert block_page_reason(DENIED) == "access denied"
    # The middleware hands over the undecoded body of a UTF-8 or windows-1252 page.
    assert block_page_reason(CHALLENGE.encode()) == "bot challenge"
    assert block_page_reason(CAPTCHA.encode("cp1252")) == "captcha"
    assert block_page_reason(page.encode()) is None


def test_xhtml_articles_with_a_captcha_on_their_comment_form_are_not_block_pages():
    # Older sites serve XHTML that opens with an XML declaration (7 of the 1,171
    # corpus pages); a parser handed it as text refuses it, which once counted
    # such an article as a page without words.
    page = article_page(1, '<form id="comments"><div class="g-recaptcha"></div></form>')
    xhtml = b'<?xml version="1.0" encoding="utf-8"?>\n' + page
    assert block_page_reason(xhtml) is None
    assert block_page_reason(xhtml.decode()) is None
    assert block_page_reason(b'<?xml version="1.0" encoding="utf-8"?>\n' + CAPTCHA.encode()) == (
        "captcha"
    )


def test_crafted_markup_cannot_stall_the_block_page_check():
    # The check runs in the crawl process on every marked page. Markup made to
    # defeat a scan (openers that never close, "<" without ">") is counted in one
    # pass: 0.2 s for these pages, where a backtracking pattern took 14 s for a
    # tenth of the first one.
    marker = '<div class="g-recaptcha"></div>'
    pages = [
        marker + "<style>" * 200_000,
        marker + "<!-- x >" * 200_000,
        marker + "<a " * 200_000,
        marker + "<script>" + "</script " * 200_000 + ">",
    ]
    for page in pages:
        started = time.monotonic()
        block_page_reason(page)
        assert time.monotonic() - started < 10


def test_visible_words_leave_out_what_a_reader_never_sees():
    assert visible_words("<p>a b</p><script>x y</script><!-- c --><style>e</style>f <b>g</b>") == 4
    assert visible_words("<template><p>t</p></template><noscript>u v</noscript>") == 2
    # Unclosed, a script or comment is markup up to its ">" and text after it.
    assert visible_words("<p>a b</p><script>x y z") == 5
    assert visible_words("a <!-- b > c") == 2
    # Past ``stop_after`` the count may stop: only "more" is certain.
    assert visible_words("<p>a b</p> c <i>d</i> e", stop_after=2) > 2
    assert visible_words("<p>a b</p>", stop_after=2) == 2


def lxml_visible_words(html: str) -> int:
    """Visible words by a real HTML parser: what ``visible_words`` must agree with."""
    tree = lxml_html.fromstring(html.encode("utf-8"))
    for element in list(tree.iter("script", "style", "template")):
        element.drop_tree()
    return len(" ".join(tree.itertext()).split())


def test_visible_words_decide_as_a_parser_would_on_real_pages(corpus_dir: Path) -> None:
    """Counted from the markup without a parse, words give the parser's decision on real pages."""
    decided = 0
    for path, _ in corpus_pages(corpus_dir, every=3):
        html = corpus_html(path)
        parsed = lxml_visible_words(html)
        if abs(parsed - MAX_BLOCK_PAGE_WORDS) <= MAX_BLOCK_PAGE_WORDS // 10:
            continue  # a word or two either side of the threshold
        counted = visible_words(html, stop_after=MAX_BLOCK_PAGE_WORDS)
        assert (counted <= MAX_BLOCK_PAGE_WORDS) == (parsed <= MAX_BLOCK_PAGE_WORDS), path.name
        decided += 1
    assert decided > 350
