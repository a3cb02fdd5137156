"""Read a page's structured data: meta tags, JSON-LD objects, ``<time>`` elements."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

#: schema.org types whose object describes the article itself.
ARTICLE_TYPES = frozenset(
    {
        "advertisercontentarticle",
        "analysisnewsarticle",
        "article",
        "askpublicnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "liveblogposting",
        "newsarticle",
        "opinionnewsarticle",
        "reportagenewsarticle",
        "reviewnewsarticle",
        "report",
        "satiricalarticle",
        "scholarlyarticle",
        "socialmediaposting",
        "techarticle",
        "medicalscholarlyarticle",
        "discussionforumposting",
        "review",
    }
)

#: schema.org types that describe a page that is about many things, or none.
LISTING_TYPES = frozenset(
    {
        "aboutpage",
        "checkoutpage",
        "collectionpage",
        "contactpage",
        "itemlist",
        "profilepage",
        "searchresultspage",
    }
)

# Keys under which JSON-LD nests further typed objects worth reading.
# (``itemListElement`` is left out on purpose: a front page lists articles that
# are not the page itself.)
_NESTED_KEYS = ("mainEntity", "mainEntityOfPage")
# Trailing commas and raw control characters are the usual hand-written JSON-LD faults.
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL_CHARS = re.compile(r"[\x00-\x1f]")
_KICKER_CLASS = re.compile(
    r"kicker|overline|topline|dachzeile|eyebrow|roofline|supertitle|spitzmarke|titleheader"
    r"|visually-?hidden|sr-only|screen-?reader|element-invisible|hiddendash|ts-colon"
    r"|subtitle|subheadline|dek\b",
    re.IGNORECASE,
)


@dataclass
class StructuredData:
    """Everything machine-readable a page says about itself, before any choice is made."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    json_ld: list[dict[str, Any]] = field(default_factory=list)
    html_lang: str | None = None
    html_title: str | None = None
    headings: list[str] = field(default_factory=list)
    time_datetimes: list[str] = field(default_factory=list)
    itemprops: dict[str, list[str]] = field(default_factory=dict)
    canonical_url: str | None = None
    image_link: str | None = None

    def first_meta(self, *names: str) -> str | None:
        """The first non-empty content of the first name present, in order of ``names``."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value:
                    return value
        return None

    def all_meta(self, *names: str) -> list[str]:
        """Every non-empty content of all ``names``, in order."""
        return [value for name in names for value in self.meta.get(name, ()) if value]

    def resolve(self, value: Any) -> Any:
        """Follow a JSON-LD ``{"@id": …}`` reference to the object it names, if present."""
        if isinstance(value, dict) and set(value) == {"@id"}:
            for obj in self.json_ld:
                if obj.get("@id") == value["@id"]:
                    return obj
        return value

    @property
    def types(self) -> set[str]:
        """Lower-cased ``@type`` names of every JSON-LD object."""
        return {t for obj in self.json_ld for t in object_types(obj)}

    @property
    def article(self) -> dict[str, Any] | None:
        """The JSON-LD object that describes the article, if any.

        Pages often carry several (related stories, a ``WebPage`` wrapper); the one
        with a headline and the most fields is the page's own.
        """
        candidates = [obj for obj in self.json_ld if object_types(obj) & ARTICLE_TYPES]
        if not candidates:
            return None
        return max(candidates, key=lambda obj: ("headline" in obj, "author" in obj, len(obj)))


def read_structured_data(tree: HtmlElement) -> StructuredData:
    """Collect meta tags, JSON-LD, headings and ``<time>`` values from a parsed page."""
    data = StructuredData()
    for element in tree.iter("meta"):
        key = (
            element.get("property")
            or element.get("name")
            or element.get("itemprop")
            or element.get("http-equiv")
        )
        content = element.get("content")
        if key and content is not None:
            data.meta.setdefault(key.strip().lower(), []).append(" ".join(content.split()))
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            data.json_ld.extend(_flatten(_load_json(script.text or "")))
    data.html_lang = tree.get("lang") or tree.get("xml:lang")
    title = tree.find(".//title")
    if title is not None:
        data.html_title = _text(title)
    data.headings = [text for h1 in tree.iter("h1") if (text := headline_text(h1))][:8]
    data.time_datetimes = [
        value.strip() for element in tree.iter("time") if (value := element.get("datetime"))
    ]
    for element in tree.xpath("//*[@itemprop][not(self::meta)]"):
        prop = element.get("itemprop").strip().lower()
        value = element.get("datetime") or element.get("content") or _text(element)
        if value:
            data.itemprops.setdefault(prop, []).append(value)
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and not data.canonical_url:
            data.canonical_url = (link.get("href") or "").strip() or None
        elif "image_src" in rel and not data.image_link:
            data.image_link = (link.get("href") or "").strip() or None
    return data


def object_types(obj: dict[str, Any]) -> set[str]:
    """Lower-cased ``@type`` names of one JSON-LD object (a string or a list)."""
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def headline_text(h1: HtmlElement) -> str:
    """The text of an ``<h1>`` without the kicker many sites put inside it.

    News templates mark the line above the headline ("Klimaschutz", "Interne
    Unterlagen im Netz") with classes such as ``kicker``, ``overline`` or
    ``dachzeile``, and some put a subtitle or a screen-reader label inside the
    ``<h1>`` too; readers (and the page's own headline field) count none of them.
    """
    full = _text(h1)
    kept: list[str] = []
    if not _collect_without_kicker(h1, kept, is_root=True):
        return full
    rest = " ".join(" ".join(kept).split()).strip(" :–—-|")
    return rest if len(rest.split()) >= 2 else full


def _collect_without_kicker(element: HtmlElement, kept: list[str], *, is_root: bool) -> bool:
    """Append the text of ``element`` minus kicker parts; return whether one was dropped."""
    marker = f"{element.get('class', '')} {element.get('id', '')}"
    if not is_root and _KICKER_CLASS.search(marker):
        return True
    dropped = False
    if isinstance(element.text, str):
        kept.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            dropped = _collect_without_kicker(child, kept, is_root=False) or dropped
        if isinstance(child.tail, str):
            kept.append(child.tail)
    return dropped


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _load_json(text: str) -> Any:
    text = text.strip()
    # Some CMSs wrap JSON-LD in HTML comments or CDATA markers.
    text = re.sub(
        r"^(?:<!--|/\*<!\[CDATA\[\*/|//<!\[CDATA\[)|(?:-->|/\*\]\]>\*/|//\]\]>)$", "", text
    )
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return json.loads(_CONTROL_CHARS.sub(" ", _TRAILING_COMMA.sub(r"\1", text)))
    except ValueError:
        return None


def _flatten(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Yield each typed object of a JSON-LD document: ``@graph``, arrays and nesting."""
    if depth > 4:
        return
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item, depth + 1)
        return
    if not isinstance(value, dict):
        return
    if "@graph" in value:
        yield from _flatten(value["@graph"], depth + 1)
    if "@type" in value:
        yield value
    for key in _NESTED_KEYS:
        nested = value.get(key)
        if isinstance(nested, dict | list):
            yield from _flatten(nested, depth + 1)
