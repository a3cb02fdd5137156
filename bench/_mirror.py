"""A local mirror of real news pages for throughput benchmarks, and its server process.

``build_mirror(corpus, root, pages)`` writes a static news site made of real saved
pages from ``../shared/corpus``::

    index.html                      home: every section and every listing page
    <section>/index.html            listing page 1 of a section (25 links a page)
    <section>/page/<n>/index.html   listing pages 2…
    <section>/<id>/index.html       a corpus page, with a "related" block of links

Every page of the corpus keeps its markup; two things are added so that a crawl
stays on the mirror and reaches all of it:

* ``<base href="ORIGINAL URL">`` (replacing any ``<base>`` the page had): the page's
  own relative links then point back at its original site, as they did when it was
  saved, instead of at missing paths of the mirror;
* before ``</body>``, a block of links to the home page, the page's section and a few
  other mirrored pages, written as ``{{BASE_URL}}/…`` for the server to fill in.

The selection is deterministic: all scrapinghub articles, then trafilatura-eval pages
in a seeded random order, skipping pages whose original URL is unknown, pages that are
not UTF-8 (the server labels every page UTF-8) and pages with a ``<meta
http-equiv="refresh">`` (a Scrapy crawler follows those instead of parsing the page,
trafilatura does not: they would not be the same pages for every contender).

``python bench/_mirror.py ROOT`` serves ``ROOT`` on 127.0.0.1 (a free port) with
``newsarchive.sample_site.server.SiteServer`` and prints its base URL on the first line
of stdout; then each ``counts`` line read on stdin is answered with one JSON line of
``{path: requests}`` since the previous ``counts``; end of input stops the server.
"""

from __future__ import annotations

import gzip
import html
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
BASE_URL_PLACEHOLDER = "{{BASE_URL}}"
SECTIONS = ("world", "politics", "business", "technology", "culture", "science")
LISTING_SIZE = 25
RELATED_OFFSETS = (1, 7, 31, 101)
BASE_TAG_WITHIN = 3500  # characters: see _with_base

_BASE_TAG = re.compile(r"<base\b[^>]*>", re.IGNORECASE)
_HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_HTML_OPEN = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_DOCTYPE = re.compile(r"<!doctype\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(r"</body\s*>", re.IGNORECASE)
_META_REFRESH = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?refresh", re.IGNORECASE)


@dataclass(frozen=True)
class MirroredPage:
    """One corpus page in the mirror."""

    path: str  # URL path on the mirror, "/section/id/"
    source: str  # corpus file, relative to the corpus directory
    original_url: str


@dataclass
class Mirror:
    """A built mirror: where it is and which URL paths it serves."""

    root: Path
    pages: list[MirroredPage] = field(default_factory=list)
    listing_paths: list[str] = field(default_factory=list)

    @property
    def all_paths(self) -> list[str]:
        """Every path a full crawl fetches: home, listings, pages."""
        return ["/", *self.listing_paths, *(page.path for page in self.pages)]

    def page_file(self, page: MirroredPage) -> Path:
        """The file holding a mirrored page."""
        return self.root / page.path.strip("/") / "index.html"

    def write_url_list(self, base_url: str, path: Path) -> Path:
        """Write the absolute URLs of the mirrored corpus pages, one a line."""
        path.write_text("".join(f"{base_url}{p.path}\n" for p in self.pages), encoding="utf-8")
        return path


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:48] or "page"


def _candidates(corpus: Path, seed: int) -> list[tuple[str, str]]:
    """(corpus file, original URL) in selection order."""
    truth = json.loads((corpus / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    found = [(f"scrapinghub/html/{key}.html.gz", entry["url"]) for key, entry in truth.items()]
    found.sort()
    eval_truth = json.loads((corpus / "trafilatura-eval" / "truth.json").read_text("utf-8"))
    others = sorted(
        (f"trafilatura-eval/{entry['file']}", url)
        for key, entry in eval_truth.items()
        if (url := _original_url(key))
    )
    random.Random(seed).shuffle(others)
    return found + others


def _usable_html(raw: bytes) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _META_REFRESH.search(text) or BASE_URL_PLACEHOLDER in text:
        return None
    return text


def _original_url(key: str) -> str | None:
    """The page's URL from a truth key; a few keys carry a prefix ("xhttps://…") or none."""
    at = key.find("http")
    if at < 0 or not re.match(r"https?://[^/\s]+", key[at:]):
        return None
    return key[at:]


def _with_base(text: str, original_url: str) -> str:
    """The page with ``<base href>`` set to its original URL, early enough for every parser.

    Scrapy's ``get_base_url`` (used by its link extractors) only looks at the first
    4,096 characters: after ``<head>`` if that opens early, else at the very start.
    """
    text = _BASE_TAG.sub("", text)
    tag = f'<base href="{html.escape(original_url, quote=True)}">'
    at = 0
    for opening in (_HEAD_OPEN, _HTML_OPEN, _DOCTYPE):
        match = opening.search(text)
        if match and match.end() < BASE_TAG_WITHIN:
            at = match.end()
            break
    return text[:at] + tag + text[at:]


def _with_links_block(text: str, block: str) -> str:
    closings = list(_BODY_CLOSE.finditer(text))
    if not closings:
        return text + block
    at = closings[-1].start()
    return text[:at] + block + text[at:]


def _link_list(links: list[tuple[str, str]]) -> str:
    items = "".join(
        f'<li><a href="{BASE_URL_PLACEHOLDER}{path}">{html.escape(label)}</a></li>'
        for path, label in links
    )
    return f"<ul>{items}</ul>"


def _listing_path(section: str, number: int) -> str:
    return f"/{section}/" if number == 1 else f"/{section}/page/{number}/"


def _write(root: Path, path: str, text: str) -> None:
    target = root / path.strip("/") / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _listing_html(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>"
        f"{body}</body></html>\n"
    )


def build_mirror(root: Path, pages: int, corpus: Path = CORPUS, seed: int = 0) -> Mirror:
    """Write a mirror of ``pages`` corpus pages under ``root`` (emptied first)."""
    if root.exists() and any(root.iterdir()):
        raise ValueError(f"mirror directory {root} is not empty")
    root.mkdir(parents=True, exist_ok=True)
    mirror = Mirror(root)
    texts: list[str] = []
    used: set[str] = set()
    for source, original_url in _candidates(corpus, seed):
        if len(mirror.pages) == pages:
            break
        text = _usable_html(gzip.decompress((corpus / source).read_bytes()))
        if text is None:
            continue
        section = SECTIONS[len(mirror.pages) % len(SECTIONS)]
        slug = _slug(Path(source).name.removesuffix(".html.gz"))
        while slug in used:
            slug += "-x"
        used.add(slug)
        mirror.pages.append(MirroredPage(f"/{section}/{slug}/", source, original_url))
        texts.append(text)
    if len(mirror.pages) < pages:
        raise ValueError(f"the corpus has only {len(mirror.pages)} usable pages, not {pages}")

    by_section: dict[str, list[MirroredPage]] = {s: [] for s in SECTIONS}
    for page in mirror.pages:
        by_section[page.path.split("/")[1]].append(page)
    listings: dict[str, list[str]] = {}
    for section, members in by_section.items():
        count = max(1, -(-len(members) // LISTING_SIZE))
        listings[section] = [_listing_path(section, n) for n in range(1, count + 1)]
        mirror.listing_paths += listings[section]
    for section, members in by_section.items():
        pager = _link_list(
            [(path, f"{section} page {n}") for n, path in enumerate(listings[section], 1)]
        )
        for n, path in enumerate(listings[section]):
            chunk = members[n * LISTING_SIZE : (n + 1) * LISTING_SIZE]
            links = _link_list([(p.path, p.path.split("/")[2]) for p in chunk])
            nav = _link_list([("/", "Home")])
            _write(root, path, _listing_html(f"{section} – page {n + 1}", nav + links + pager))
    home_links = [(path, path.strip("/")) for path in mirror.listing_paths]
    _write(root, "/", _listing_html("Mirror news", _link_list(home_links)))

    total = len(mirror.pages)
    for index, (page, text) in enumerate(zip(mirror.pages, texts, strict=True)):
        section = page.path.split("/")[1]
        related = [mirror.pages[(index + offset) % total] for offset in RELATED_OFFSETS]
        links = [("/", "Home"), (f"/{section}/", section)]
        links += [(p.path, p.path.split("/")[2]) for p in related if p is not page]
        block = f'<nav class="mirror-related">{_link_list(links)}</nav>'
        _write(root, page.path, _with_links_block(_with_base(text, page.original_url), block))
    return mirror


def serve(root: Path) -> None:
    """Serve ``root`` until stdin closes, answering ``counts`` requests (see module doc)."""
    sys.path.insert(0, str(ROOT))
    from newsarchive.sample_site.server import SiteServer  # noqa: PLC0415 - after sys.path

    with SiteServer(root) as server:
        print(server.base_url, flush=True)
        for line in sys.stdin:
            if line.strip() == "counts":
                counts = server.requests
                server.reset_requests()
                print(json.dumps(dict(counts)), flush=True)


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
