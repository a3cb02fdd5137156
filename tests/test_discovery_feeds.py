"""Tests for newsarchive.discovery.feeds: RSS 2.0, RSS 1.0, Atom, JSON Feed and hostile input."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

from newsarchive.discovery import FeedEntry, FeedError, hints_from_feed_entry, parse_feed
from tests.utils import scripted_server

FEED_URL = "https://news.example.com/feeds/all.xml"

RSS2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
     xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:atom="http://www.w3.org/2005/Atom"
     xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Example News</title>
    <link>https://news.example.com/</link>
    <language>en-GB</language>
    <atom:link rel="self" href="https://news.example.com/feeds/all.xml"/>
    <item>
      <title>Storm hits &lt;i&gt;coast&lt;/i&gt; town</title>
      <link>https://news.example.com/2024/05/storm</link>
      <guid isPermaLink="false">storm-123</guid>
      <pubDate>Wed, 01 May 2024 10:30:00 +0200</pubDate>
      <dc:creator>Jane Reporter</dc:creator>
      <dc:creator>John Writer</dc:creator>
      <category>Weather</category>
      <category>UK</category>
      <media:title>Not the title</media:title>
      <description><![CDATA[<p>High winds <b>closed</b> the pier.</p><p>More later.</p>]]></description>
      <content:encoded><![CDATA[<p>Full body.</p>]]></content:encoded>
    </item>
    <item>
      <title>Permalink guid</title>
      <guid isPermaLink="true">/2024/05/guid-story</guid>
      <author>desk@example.com (News Desk)</author>
      <content:encoded><![CDATA[<div>Only <em>encoded</em> content</div>]]></content:encoded>
    </item>
    <item>
      <title>Implicit permalink guid</title>
      <guid>https://news.example.com/2024/05/implicit</guid>
      <author>desk@example.com</author>
    </item>
    <item>
      <title>Guid that is not a URL</title>
      <guid>urn:uuid:1234</guid>
    </item>
    <item>
      <title>Relative guid without isPermaLink</title>
      <guid>12345</guid>
    </item>
    <item>
      <title>Duplicate of the first</title>
      <link>https://news.example.com/2024/05/storm</link>
    </item>
    <item>
      <title>Mail link</title>
      <link>mailto:desk@example.com</link>
    </item>
  </channel>
</rss>
"""


def test_rss2_fields() -> None:
    entries = parse_feed(RSS2, FEED_URL)
    assert [entry.url for entry in entries] == [
        "https://news.example.com/2024/05/storm",
        "https://news.example.com/2024/05/guid-story",
        "https://news.example.com/2024/05/implicit",
    ]
    first = entries[0]
    assert first == FeedEntry(
        url="https://news.example.com/2024/05/storm",
        title="Storm hits coast town",
        published="2024-05-01T10:30:00+02:00",
        modified=None,
        authors=["Jane Reporter", "John Writer"],
        tags=["Weather", "UK"],
        summary="High winds closed the pier. More later.",
        language="en",
    )
    assert entries[1].authors == ["News Desk"]
    assert entries[1].summary == "Only encoded content"
    assert entries[1].published is None
    # A bare email address is not a name.
    assert entries[2].authors == []


def test_rss2_item_language_and_dc_date() -> None:
    body = b"""<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
      <item><link>http://example.org/a</link><dc:language>fr-CA</dc:language>
        <dc:date>2024-05-01T08:00:00-04:00</dc:date><dc:subject>Politique</dc:subject></item>
    </channel></rss>"""
    [entry] = parse_feed(body, "http://example.org/rss")
    assert entry.language == "fr"
    assert entry.published == "2024-05-01T08:00:00-04:00"
    assert entry.tags == ["Politique"]


def test_rss2_missing_fields() -> None:
    body = b"<rss><channel><item><link>/only-a-link</link></item></channel></rss>"
    assert parse_feed(body, "https://example.org/feed") == [
        FeedEntry(url="https://example.org/only-a-link")
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param(b"AT&amp;amp;T and Q&amp;A", "AT&T and Q&A", id="double-escaped"),
        pytest.param(b"<![CDATA[<b>Breaking:</b> news]]>", "Breaking: news", id="html-in-cdata"),
        pytest.param(b"Why 2 &lt; 3 and 5 &gt; 4", "Why 2 < 3 and 5 > 4", id="comparison"),
        pytest.param(b"  Spread\n   over lines ", "Spread over lines", id="whitespace"),
    ],
)
def test_rss2_titles(title: bytes, expected: str) -> None:
    body = b"<rss><channel><item><title>%s</title><link>https://example.org/a</link>" % title
    body += b"</item></channel></rss>"
    assert parse_feed(body, FEED_URL)[0].title == expected


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        pytest.param(
            b"<![CDATA[<p>One&nbsp;two</p><script>track()</script><style>p{}</style><p>three</p>]]>",
            "One two three",
            id="scripts-and-styles-dropped",
        ),
        pytest.param(
            b"&lt;p&gt;Escaped &amp;amp; markup&lt;/p&gt;", "Escaped & markup", id="escaped"
        ),
        pytest.param(
            b'<![CDATA[<?xml version="1.0" encoding="utf-8"?><div>With a declaration</div>]]>',
            "With a declaration",
            id="xml-declaration",
        ),
        pytest.param(b"<![CDATA[<img src='a.jpg'>]]>", None, id="no-text"),
    ],
)
def test_rss2_summary_is_plain_text(description: bytes, expected: str | None) -> None:
    body = b"<rss><channel><item><link>https://example.org/a</link><description>%s" % description
    body += b"</description></item></channel></rss>"
    assert parse_feed(body, FEED_URL)[0].summary == expected


def test_rss2_atom_link_fallback() -> None:
    body = b"""<rss xmlns:atom="http://www.w3.org/2005/Atom"><channel><item>
      <atom:link rel="alternate" href="https://example.org/from-atom-link"/>
    </item></channel></rss>"""
    assert parse_feed(body, FEED_URL)[0].url == "https://example.org/from-atom-link"


def test_rss2_empty_channel() -> None:
    body = b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>"
    assert parse_feed(body, FEED_URL) == []


def test_rss2_xml_base_on_channel_and_item() -> None:
    body = b"""<rss version="2.0"><channel xml:base="https://cdn.example.org/news/">
      <item><link>2024/a</link></item>
      <item xml:base="/archive/"><link>b</link></item>
      <item><link xml:base="https://other.example.net/x/">c</link></item>
    </channel></rss>"""
    assert [entry.url for entry in parse_feed(body, FEED_URL)] == [
        "https://cdn.example.org/news/2024/a",
        "https://cdn.example.org/archive/b",
        "https://other.example.net/x/c",
    ]


RSS1 = b"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.jp/">
    <title>Example JP</title>
    <dc:language>ja</dc:language>
    <items><rdf:Seq><rdf:li rdf:resource="https://example.jp/a"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://example.jp/a">
    <title>First</title>
    <link>https://example.jp/a</link>
    <description>Plain &amp; simple</description>
    <dc:date>2024-05-01T09:00:00+09:00</dc:date>
    <dc:creator>Taro</dc:creator>
    <dc:subject>Tech</dc:subject>
  </item>
  <item rdf:about="https://example.jp/b">
    <title>Second, link only in rdf:about</title>
  </item>
</rdf:RDF>
"""


def test_rss1_rdf() -> None:
    entries = parse_feed(RSS1, "https://example.jp/index.rdf")
    assert entries == [
        FeedEntry(
            url="https://example.jp/a",
            title="First",
            published="2024-05-01T09:00:00+09:00",
            authors=["Taro"],
            tags=["Tech"],
            summary="Plain & simple",
            language="ja",
        ),
        FeedEntry(
            url="https://example.jp/b", title="Second, link only in rdf:about", language="ja"
        ),
    ]


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de-DE"
      xml:base="https://example.de/blog/">
  <title>Beispiel</title>
  <author><name>Redaktion</name></author>
  <entry>
    <title type="html">Wahl &lt;em&gt;heute&lt;/em&gt;</title>
    <link rel="self" type="application/atom+xml" href="entries/1.atom"/>
    <link rel="alternate" type="application/pdf" href="2024/wahl.pdf"/>
    <link rel="alternate" type="text/html" href="2024/wahl"/>
    <link rel="enclosure" href="2024/wahl.mp3"/>
    <id>tag:example.de,2024:1</id>
    <published>2024-05-01T07:00:00+02:00</published>
    <updated>2024-05-02T08:15:00Z</updated>
    <author><name>Anna</name></author>
    <author><name>Ben</name><email>ben@example.de</email></author>
    <category term="politik" label="Politik"/>
    <category label="Only a label"/>
    <summary type="html">&lt;p&gt;Kurz &amp;amp; knapp.&lt;/p&gt;</summary>
    <content type="html">&lt;p&gt;Lang.&lt;/p&gt;</content>
  </entry>
  <entry xml:lang="en">
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <b>xhtml</b> title</div></title>
    <link href="2024/no-rel"/>
    <updated>2024-05-03T00:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One.</p><p>Two.</p></div></content>
  </entry>
  <entry>
    <title>No link at all</title>
    <id>https://example.de/blog/not-a-link</id>
  </entry>
  <entry>
    <title>Text summary stays text</title>
    <link rel="alternate" href="/absolute-path"/>
    <summary type="text">a &lt; b</summary>
  </entry>
</feed>
"""


def test_atom_fields() -> None:
    entries = parse_feed(ATOM, "https://example.de/feed.atom")
    assert [entry.url for entry in entries] == [
        "https://example.de/blog/2024/wahl",
        "https://example.de/blog/2024/no-rel",
        "https://example.de/absolute-path",
    ]
    first, second, third = entries
    assert first == FeedEntry(
        url="https://example.de/blog/2024/wahl",
        title="Wahl heute",
        published="2024-05-01T07:00:00+02:00",
        modified="2024-05-02T08:15:00+00:00",
        authors=["Anna", "Ben"],
        tags=["politik", "Only a label"],
        summary="Kurz & knapp.",
        language="de",
    )
    # Feed-level author, entry xml:lang, xhtml constructs, content when no summary.
    assert second.title == "An xhtml title"
    assert second.authors == ["Redaktion"]
    assert second.language == "en"
    assert second.summary == "One. Two."
    assert second.published is None
    assert second.modified == "2024-05-03T00:00:00+00:00"
    assert third.summary == "a < b"


def test_atom_prefers_html_then_untyped_alternate() -> None:
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry>
      <link rel="alternate" type="application/json" href="https://example.org/a.json"/>
      <link href="https://example.org/untyped"/>
    </entry></feed>"""
    assert parse_feed(body, FEED_URL)[0].url == "https://example.org/untyped"


def test_atom_content_that_is_not_prose_is_ignored() -> None:
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><link href="https://example.org/a"/>
        <content type="image/png">iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk</content></entry>
      <entry><link href="https://example.org/b"/>
        <content type="text/plain; charset=utf-8">Plain text content</content></entry>
      <entry><link href="https://example.org/c"/><content src="https://example.org/c.txt"/></entry>
    </feed>"""
    assert [entry.summary for entry in parse_feed(body, FEED_URL)] == [
        None,
        "Plain text content",
        None,
    ]


def test_atom_source_author() -> None:
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom"><author><name>Feed</name></author>
      <entry><link href="https://example.org/a"/>
        <source><author><name>Original</name></author></source></entry></feed>"""
    assert parse_feed(body, FEED_URL)[0].authors == ["Original"]


def test_atom_nested_xml_base_composes() -> None:
    # RFC 4287 §2 / XML Base: each xml:base resolves against its parent's base,
    # which ends at the feed's own URL.
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/site/">
      <entry xml:base="section/">
        <link href="story"/>
      </entry>
      <entry xml:base="../other/">
        <link xml:base="deeper/" href="../story?id=2#top"/>
      </entry>
      <entry xml:base="https://mirror.example.net/m/">
        <link href="//cdn.example.net/x"/>
      </entry>
    </feed>"""
    assert [entry.url for entry in parse_feed(body, "https://example.org/feeds/atom.xml")] == [
        "https://example.org/site/section/story",
        "https://example.org/other/story?id=2#top",
        "https://cdn.example.net/x",
    ]


def test_atom_without_namespace_and_atom03_names() -> None:
    body = b"""<feed version="0.3" xmlns="http://purl.org/atom/ns#">
      <entry><title>Old</title><link rel="alternate" type="text/html" href="https://example.org/old"/>
        <issued>2005-01-01T00:00:00Z</issued><modified>2005-01-02T00:00:00Z</modified></entry>
    </feed>"""
    [entry] = parse_feed(body, FEED_URL)
    assert entry.published == "2005-01-01T00:00:00+00:00"
    assert entry.modified == "2005-01-02T00:00:00+00:00"


def test_atom_entry_document() -> None:
    body = b"""<entry xmlns="http://www.w3.org/2005/Atom"><title>Solo</title>
      <link href="https://example.org/solo"/></entry>"""
    assert parse_feed(body, FEED_URL)[0].title == "Solo"


JSON_FEED_11 = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Example",
    "home_page_url": "https://example.com/",
    "language": "pt-BR",
    "authors": [{"name": "Feed Author"}],
    "items": [
        {
            "id": "1",
            "url": "https://example.com/1",
            "title": "  One  ",
            "date_published": "2024-05-01T10:00:00-03:00",
            "date_modified": "2024-05-01T12:00:00-03:00",
            "authors": [{"name": "Ana"}, {"url": "https://example.com/no-name"}],
            "tags": ["a", "b", "a", 3],
            "summary": "The summary",
            "content_text": "The text",
        },
        {"id": "2", "external_url": "/linked", "content_text": "Only text", "language": "es"},
        {"id": "3", "content_html": "<p>No URL</p>"},
        {"id": "4", "url": "https://example.com/4", "content_html": "<p>Only <b>HTML</b></p>"},
        "not an object",
        {"id": "5", "url": 5},
    ],
}


def test_json_feed_11() -> None:
    body = json.dumps(JSON_FEED_11).encode()
    entries = parse_feed(body, "https://example.com/feed.json")
    assert entries == [
        FeedEntry(
            url="https://example.com/1",
            title="One",
            published="2024-05-01T10:00:00-03:00",
            modified="2024-05-01T12:00:00-03:00",
            authors=["Ana"],
            tags=["a", "b"],
            summary="The summary",
            language="pt",
        ),
        FeedEntry(
            url="https://example.com/linked",
            authors=["Feed Author"],
            summary="Only text",
            language="es",
        ),
        FeedEntry(
            url="https://example.com/4",
            authors=["Feed Author"],
            summary="Only HTML",
            language="pt",
        ),
    ]


def test_json_feed_10_author_and_bom() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1",
        "items": [
            {
                "id": "x",
                "url": "https://example.com/é",
                "title": "Café",
                "author": {"name": "Zoë"},
            }
        ],
    }
    body = b"\xef\xbb\xbf" + json.dumps(feed, ensure_ascii=False).encode()
    [entry] = parse_feed(body, "https://example.com/feed.json")
    assert (entry.url, entry.title, entry.authors) == ("https://example.com/é", "Café", ["Zoë"])


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "not a feed: empty body"),
        (b"  \r\n\t ", "not a feed: empty body"),
        (b"<!DOCTYPE html><html><head><title>x</title></head><body><p>hi<br></body></html>",
         "not a feed: got an HTML page"),
        (b"<html><body><p>Not found</p></body></html>", "not a feed: got an HTML page"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
         "not a feed: got an HTML page"),
        (b"Service unavailable", "not a feed: neither XML nor JSON"),
        (b"<urlset><url><loc>https://example.org/</loc></url></urlset>",
         "not a feed: root element is <urlset>"),
        (b'{"hello": "world"}', "not a feed: JSON without a JSON Feed version or items"),
        (b"[1, 2]", "not a feed: JSON but not a JSON Feed object"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": ', "malformed JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}',
         "malformed JSON Feed: items is not a list"),
        (b'{"version": "https://jsonfeed.org/version/1", "title": "\xff"}',
         "malformed JSON Feed: not UTF-8"),
        (b'{"items": ' + b"[" * 100_000, "malformed JSON Feed: nested too deeply"),
        (b"<", "malformed feed"),
        (b"<rss><channel><title>Broken</title><item><title>no link</ti", "malformed feed"),
    ],
    ids=lambda value: value[:40].decode("latin-1") if isinstance(value, bytes) else "",
)  # fmt: skip
def test_not_a_feed(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason.replace(".", r"\.")) as raised:
        parse_feed(body, FEED_URL)
    assert str(raised.value).startswith(reason)


def test_recover_mode_keeps_what_is_readable() -> None:
    # Undeclared HTML entities, a stray "&" and a truncated tail: a common sight.
    body = b"""<?xml version="1.0"?><rss><channel>
      <item><title>Caf&eacute;&nbsp;news & views</title><link>https://example.org/1</link></item>
      <item><title>Second</title><link>https://example.org/2</link></item>
      <item><title>Cut off"""
    entries = parse_feed(body, FEED_URL)
    assert [entry.url for entry in entries] == ["https://example.org/1", "https://example.org/2"]
    assert entries[0].title is not None
    assert entries[0].title.startswith("Café")


def test_leading_whitespace_before_declaration() -> None:
    body = b'\n\n  <?xml version="1.0"?><rss><channel><item><link>https://example.org/1</link>'
    body += b"</item></channel></rss>"
    assert [entry.url for entry in parse_feed(body, FEED_URL)] == ["https://example.org/1"]


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>Ça va</title>'
         "<link>https://example.org/1</link></item></channel></rss>".encode("iso-8859-1"),
         "Ça va"),
        ("<rss><channel><item><title>Grüße</title><link>https://example.org/1</link>"
         "</item></channel></rss>".encode("utf-16"),
         "Grüße"),
        (b"\xef\xbb\xbf<rss><channel><item><title>\xe2\x82\xac</title>"
         b"<link>https://example.org/1</link></item></channel></rss>",
         "€"),
        ('<?xml version="1.0" encoding="windows-1251"?><rss><channel><item><title>Новости</title>'
         "<link>https://example.org/1</link></item></channel></rss>".encode("cp1251"),
         "Новости"),
    ],
    ids=["latin-1", "utf-16-bom", "utf-8-bom", "windows-1251"],
)  # fmt: skip
def test_encoding_from_declaration_or_bom(body: bytes, title: str) -> None:
    assert parse_feed(body, FEED_URL)[0].title == title


def test_hints_from_feed_entry() -> None:
    entry = FeedEntry(
        url="https://example.org/a",
        title="T",
        published="2024-05-01T10:00:00+02:00",
        authors=["A"],
        tags=[],
        summary="S",
        language="en",
    )
    hints = hints_from_feed_entry(entry)
    assert hints == {
        "title": "T",
        "authors": ["A"],
        "published": "2024-05-01T10:00:00+02:00",
        "language": "en",
        "description": "S",
    }
    hints["authors"].append("B")
    assert entry.authors == ["A"]
    assert hints_from_feed_entry(FeedEntry(url="https://example.org/b")) == {}


# Hostile input: these bodies come from the network.

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss><channel><item><title>&lol9;</title><link>https://example.org/a</link>
<description>&lol9;&lol9;&lol9;</description></item></channel></rss>
"""

# One 100 kB entity used many times: harmless only if never substituted.
QUADRATIC_BLOWUP = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "'
    + b"x" * 100_000
    + b'">]><rss><channel><item><link>https://example.org/a</link><description>'
    + b"&big;" * 20_000
    + b"</description></item></channel></rss>"
)


# Run in a fresh interpreter, so that its peak memory is this parse's alone.
_MEASURE_IN_CHILD = """
import resource, sys, time
from newsarchive.discovery import FeedError, parse_feed
body = sys.stdin.buffer.read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    entries = parse_feed(body, "https://example.org/feed")
except FeedError:
    entries = []
elapsed = time.perf_counter() - started
grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
text = "".join((entry.title or "") + (entry.summary or "") for entry in entries)
print(elapsed, grown_kib, len(text))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux")
@pytest.mark.parametrize("body", [BILLION_LAUGHS, QUADRATIC_BLOWUP], ids=["laughs", "quadratic"])
def test_entity_expansion_is_not_performed(body: bytes) -> None:
    child = subprocess.run(
        [sys.executable, "-c", _MEASURE_IN_CHILD],
        input=body,
        capture_output=True,
        check=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    elapsed, grown_kib, text_length = child.stdout.split()
    assert float(elapsed) < 1
    assert int(grown_kib) < 20 * 1024  # expanded, either bomb would take gigabytes
    assert int(text_length) < 1000


def test_discovery_does_not_import_scrapy() -> None:
    code = (
        "import sys, newsarchive.discovery; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'scrapy', 'twisted'}))"
    )
    child = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        check=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert child.stdout.strip() == "[]"


@pytest.fixture
def local_server():
    """A server that would hand out an entity definition to a parser that fetched one."""
    with scripted_server(lambda path: (200, {}, b'<!ENTITY leak "FETCHED-OVER-HTTP">')) as server:
        yield server


def _external_entity_bodies(base: str) -> list[bytes]:
    passwd = Path("/etc/passwd").resolve().as_uri()
    return [
        # General external entities, file and HTTP.
        f"""<?xml version="1.0"?><!DOCTYPE rss [
          <!ENTITY file SYSTEM "{passwd}">
          <!ENTITY web SYSTEM "{base}/entity">]>
        <rss><channel><item><title>&file;</title><link>https://example.org/a</link>
          <description>&web; &file;</description><author>&file;</author></item></channel></rss>""",
        # An external DTD subset and a parameter entity.
        f"""<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{base}/rss.dtd">
        <rss><channel><item><title>&leak;</title><link>https://example.org/a</link></item>
        </channel></rss>""",
        f"""<?xml version="1.0"?><!DOCTYPE feed [
          <!ENTITY % remote SYSTEM "{base}/param.dtd"> %remote;]>
        <feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&leak;</title>
          <link href="https://example.org/a"/></entry></feed>""",
        # XInclude is never processed.
        f"""<feed xmlns="http://www.w3.org/2005/Atom" xmlns:xi="http://www.w3.org/2001/XInclude">
          <entry><title><xi:include href="{passwd}" parse="text"/></title>
          <summary><xi:include href="{base}/xinclude" parse="text"/></summary>
          <link href="https://example.org/a"/></entry></feed>""",
        # An entity in an attribute value: the link must not become the file.
        f"""<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY file SYSTEM "{passwd}">]>
        <feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title>
          <link href="https://example.org/&file;"/></entry></feed>""",
    ]


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="needs /etc/passwd")
def test_external_entities_are_neither_read_nor_fetched(local_server) -> None:
    base, requested = local_server
    passwd_line = Path("/etc/passwd").read_text().splitlines()[0]
    for body in _external_entity_bodies(base):
        try:
            entries = parse_feed(body.encode(), FEED_URL)
        except FeedError:
            entries = []
        for entry in entries:
            text = repr(entry)
            assert passwd_line not in text
            assert "root:" not in text
            assert "FETCHED-OVER-HTTP" not in text
    time.sleep(0.1)  # let a request that was wrongly sent reach the server
    assert requested == []
    # The server does record requests: the empty list above means none was sent.
    with urlopen(f"{base}/probe") as response:
        response.read()
    assert requested == ["/probe"]


def test_huge_text_node_is_refused_not_parsed() -> None:
    # libxml2's limits stay on (huge_tree=False): a single text node over 10 MB
    # is an error, not something held in memory.
    body = b"<rss><channel><item><link>https://example.org/a</link><description>"
    body += b"x" * 11_000_000 + b"</description></item></channel></rss>"
    try:
        entries = parse_feed(body, FEED_URL)
    except FeedError:
        return
    assert all(len(entry.summary or "") <= 10_000_000 for entry in entries)


@pytest.mark.parametrize(
    "body",
    [
        b'<rss version="2.0"><channel><item><title>a</title><link>file:///etc/passwd</link></item>'
        b"<item><title>b</title><link>https://news.example/b</link></item></channel></rss>",
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>a</title>'
        b'<link href="file:///etc/passwd"/></entry><entry><title>b</title>'
        b'<link href="https://news.example/b"/></entry></feed>',
        b'{"version": "https://jsonfeed.org/version/1.1", "items": ['
        b'{"id": "1", "url": "file:///etc/passwd"}, {"id": "2", "url": "https://news.example/b"}]}',
    ],
)
def test_links_that_are_not_http_are_reported_not_kept(body: bytes) -> None:
    rejected: list[str] = []
    entries = parse_feed(body, "https://news.example/feed", rejected=rejected)
    assert [e.url for e in entries] == ["https://news.example/b"]
    assert rejected == ["file:///etc/passwd"]
