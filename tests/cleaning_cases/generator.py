"""Build labelled link-artifact cases from real pages by replaying a broken SEO auto-linker.

The auto-linker plugins that news sites run rewrite the stored article HTML with a
keyword regex that knows nothing about markup: every match, even one inside an
``href``/``title``/``alt`` value or inside an existing link, becomes
``<a href="…/keyword/" class="auto-internal-link">keyword</a>``. The generator applies
that rewrite to pages of ``../shared/corpus`` and extracts both versions the way the
archive does, so each case pairs the text a naive archiver stores with the text the
reader saw (the page before the rewrite, extracted the same way). Nothing from the
corpus is written to the repository; cases are rebuilt deterministically on demand.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura
from trafilatura.utils import load_html

# Regions the plugin never touches: it filters the post body, not scripts or comments.
_SKIP_REGION = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_BODY = re.compile(r"<body\b[^>]*>(.*)</body\s*>", re.I | re.S)
_HEAD_TITLE = re.compile(r"(<title\b[^>]*>)(.*?)(</title\s*>)", re.I | re.S)
_OG_TITLE = re.compile(
    r"""(<meta\s[^>]*?(?:property|name)=["'](?:og:title|twitter:title)["'][^>]*?content=")"""
    r"""([^"]*)(")""",
    re.I,
)
_ATTR_VALUE = re.compile(r"""\b(?:href|title|alt)\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_WORD = re.compile(r"[^\W\d_]{4,}")

HEADLINES = (
    "Officials reopen the northern border crossing after weeks of talks",
    "Markets steady as central bank holds rates",
    "Storm season brings record rainfall to the coast",
    "Ministers meet to discuss the new trade agreement",
    "Researchers map the spread of a rare plant",
)

#: Each variant is one way the plugin is configured on a site, plus where it runs.
VARIANTS = (
    "double",  # <a href="…/kw/" class="auto-internal-link">kw</a>
    "single",  # the same with single quotes
    "emoji_title",  # a "related post" linker: title="📰 Headline", href to that post
    "nested_twice",  # two linkers (or one run twice) on the same content
    "title",  # the linker also filters the page title and og:title
    "attributes",  # rel/data-*/target attributes and a tracking query string
    "escaped",  # the linker ran on already-escaped text (feeds, excerpts)
)


@dataclass
class ArtifactCase:
    """One labelled case: what a naive archiver stored and what the reader saw."""

    case_id: str
    variant: str
    url: str
    keywords: list[str]
    clean_html: str
    broken_html: str
    #: The page as a markup-aware linker would leave it: what ``repair_html`` must return.
    linked_html: str
    broken_text: str
    broken_title: str
    expected_text: str
    expected_title: str
    extra: dict[str, object] = field(default_factory=dict)


def extract_fields(html: str, url: str) -> tuple[str, str]:
    """Text and title exactly as ``newsarchive.extraction`` extracts them."""
    tree = load_html(html)
    if tree is None:
        return "", ""
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False
    )
    if document is None:
        return "", ""
    return document.text or "", document.title or ""


def slugify(text: str) -> str:
    """The slug a WordPress site gives a post or tag."""
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-")


def _anchor(keyword_match: str, *, href: str, cls: str, quote: str, extra: str = "") -> str:
    q = quote
    return f"<a href={q}{href}{q} class={q}{cls}{q}{extra}>{keyword_match}</a>"


def autolink(
    html_fragment: str,
    keywords: list[str],
    *,
    base: str,
    variant: str,
    headline: str,
    link_class: str = "auto-internal-link",
    text_only: bool = False,
) -> str:
    """Apply one auto-linker pass to ``html_fragment``: every keyword match becomes a link.

    The keyword regex is applied to the raw markup, so matches inside attribute values
    and inside existing links are rewritten too: that is the plugin's bug. With
    ``text_only`` it behaves as a correct linker would (text outside links only).
    """
    if not keywords:
        return html_fragment
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, keywords)) + r")\b", re.I)
    quote = "'" if variant == "single" else '"'
    extra = ""
    if variant == "emoji_title":
        extra = f" title={quote}📰 {headline}{quote}"
    elif variant == "attributes":
        extra = ' rel="nofollow noopener" data-linker-id="17" target="_blank"'

    def replace(match: re.Match[str]) -> str:
        keyword = match.group(0)
        if variant == "emoji_title":
            href = f"{base}/{slugify(headline)}/"
        elif variant == "attributes":
            href = f"{base}/tag/{slugify(keyword)}/?utm_source=autolink&utm_medium=internal"
        else:
            href = f"{base}/{slugify(keyword)}/"
        return _anchor(keyword, href=href, cls=link_class, quote=quote, extra=extra)

    def rewrite(segment: str) -> str:
        return (
            _rewrite_text_nodes(segment, pattern, replace)
            if text_only
            else (pattern.sub(replace, segment))
        )

    # Split out the regions the plugin leaves alone and rewrite the rest.
    out: list[str] = []
    last = 0
    for skip in _SKIP_REGION.finditer(html_fragment):
        out.append(rewrite(html_fragment[last : skip.start()]))
        out.append(skip.group(0))
        last = skip.end()
    out.append(rewrite(html_fragment[last:]))
    return "".join(out)


_TAG = re.compile(r"(<[^<>]*>)")


def _rewrite_text_nodes(segment: str, pattern: re.Pattern[str], replace) -> str:
    """What a markup-aware linker does: link text outside anchors and titles only."""
    parts = _TAG.split(segment)
    anchors = 0
    in_title = False
    for index, part in enumerate(parts):
        if index % 2:
            name = part[1:].split(None, 1)[0].rstrip(">/").lower() if len(part) > 2 else ""
            if name == "a":
                anchors += 1
            elif name == "/a":
                anchors = max(0, anchors - 1)
            elif name in {"title", "/title"}:
                in_title = name == "title"
        elif not anchors and not in_title and part:
            parts[index] = pattern.sub(replace, part)
    return "".join(parts)


def autolink_escaped(html_fragment: str, keywords: list[str], *, base: str) -> str:
    """The linker applied to text that was escaped before it ran: the markup shows as text."""
    if not keywords:
        return html_fragment
    pattern = re.compile(r"(?<=>)([^<>]*?)\b(" + "|".join(map(re.escape, keywords)) + r")\b")

    def replace(match: re.Match[str]) -> str:
        keyword = match.group(2)
        href = f"{base}/{slugify(keyword)}/"
        return (
            f"{match.group(1)}&lt;a href=&quot;{href}&quot; "
            f"class=&quot;auto-internal-link&quot;&gt;{keyword}&lt;/a&gt;"
        )

    out: list[str] = []
    last = 0
    for skip in _SKIP_REGION.finditer(html_fragment):
        out.append(pattern.sub(replace, html_fragment[last : skip.start()], count=3))
        out.append(skip.group(0))
        last = skip.end()
    out.append(pattern.sub(replace, html_fragment[last:], count=3))
    return "".join(out)


def choose_keywords(html: str, text: str, how_many: int = 2) -> list[str]:
    """Words of the article that also occur in attribute values: what a bad linker hits."""
    body = _BODY.search(html)
    body_html = _SKIP_REGION.sub("", body.group(1) if body else html)
    in_attributes: Counter[str] = Counter()
    for match in _ATTR_VALUE.finditer(body_html):
        for word in _WORD.findall(match.group(2)):
            in_attributes[word.casefold()] += 1
    in_text = Counter(word.casefold() for word in _WORD.findall(text))
    scored = [
        (in_text[word] * min(hits, 5), word)
        for word, hits in in_attributes.items()
        if in_text[word] and word not in _STOPWORDS
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [word for _, word in scored[:how_many]]


_STOPWORDS = frozenset(
    [
        "http",
        "https",
        "html",
        "www",
        "that",
        "this",
        "with",
        "from",
        "have",
        "will",
        "about",
        "your",
        "more",
        "their",
        "what",
        "when",
        "which",
        "there",
        "been",
        "were",
        "they",
        "said",
        "also",
        "into",
        "than",
        "them",
        "only",
        "over",
        "after",
        "news",
    ]
)


def break_page(
    html: str,
    url: str,
    keywords: list[str],
    variant: str,
    headline: str,
    *,
    text_only: bool = False,
) -> str:
    """The page as the broken plugin leaves it (or, ``text_only``, as a correct one would)."""
    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}"
    body = _BODY.search(html)
    if body is None:
        return html
    start, end = body.span(1)
    fragment = html[start:end]
    options = {"base": base, "headline": headline, "text_only": text_only}
    if variant == "escaped":
        if not text_only:
            fragment = autolink_escaped(fragment, keywords, base=base)
    elif variant == "nested_twice":
        fragment = autolink(fragment, keywords, variant="double", **options)
        fragment = autolink(
            fragment,
            [*keywords, "internal"],
            variant="emoji_title",
            link_class="smart-internal-link",
            **options,
        )
    else:
        fragment = autolink(fragment, keywords, variant=variant, **options)
    broken = html[:start] + fragment + html[end:]
    if variant == "title" and not text_only:
        broken = _link_titles(broken, keywords, base)
    return broken


def _link_titles(html: str, keywords: list[str], base: str) -> str:
    def link(text: str) -> str:
        return autolink(text, keywords, base=base, variant="double", headline="")

    html = _HEAD_TITLE.sub(lambda m: m.group(1) + link(m.group(2)) + m.group(3), html, count=1)
    return _OG_TITLE.sub(lambda m: m.group(1) + link(m.group(2)) + m.group(3), html)


def corpus_pages(corpus_dir: Path, limit: int | None = None) -> Iterator[tuple[str, str, str]]:
    """(page id, url, html) of the news pages of the corpus, in a stable order."""
    truth = json.loads((corpus_dir / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    for count, page_id in enumerate(sorted(truth)):
        if limit is not None and count >= limit:
            return
        path = corpus_dir / "scrapinghub" / "html" / f"{page_id}.html.gz"
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
            yield page_id, truth[page_id]["url"], handle.read()


def generate_cases(
    corpus_dir: Path,
    *,
    limit: int | None = None,
    variants_per_page: int = 2,
    workers: int = 1,
    cache_file: Path | None = None,
) -> list[ArtifactCase]:
    """All artifact cases: pages where the replayed linker changed the extracted fields.

    Extraction dominates the cost; ``cache_file`` (outside the repository) keeps the
    extracted fields keyed by a hash of the exact HTML, so only new pages are extracted.
    """
    pages = []
    wanted: dict[str, tuple[str, str]] = {}
    for index, (page_id, url, html) in enumerate(corpus_pages(corpus_dir, limit)):
        variants = []
        for offset in range(variants_per_page):
            variant = VARIANTS[(index * variants_per_page + offset) % len(VARIANTS)]
            variants.append((variant, HEADLINES[index % len(HEADLINES)]))
        pages.append((page_id, url, html, variants))
        wanted[_html_key(html, url)] = (html, url)
    cache = _load_cache(cache_file)
    _extract_missing(cache, wanted, workers)
    used = set(wanted)
    wanted.clear()

    # Keywords depend on the clean text; broken pages are then built and extracted.
    planned = []
    for page_id, url, html, variants in pages:
        clean_text, clean_title = cache[_html_key(html, url)]
        keywords = choose_keywords(html, clean_text) if clean_text else []
        for variant, headline in variants if keywords else []:
            broken = break_page(html, url, keywords, variant, headline)
            wanted[_html_key(broken, url)] = (broken, url)
            planned.append((page_id, url, html, keywords, variant, headline, broken))
    _extract_missing(cache, wanted, workers)
    used.update(wanted)
    if cache_file is not None and limit is None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        # Written aside, then renamed: test processes running side by side (pytest -n)
        # never read a half-written cache.
        partial = cache_file.with_name(f"{cache_file.name}.{os.getpid()}")
        partial.write_text(json.dumps({key: cache[key] for key in used}), "utf-8")
        partial.replace(cache_file)

    cases = []
    for page_id, url, html, keywords, variant, headline, broken in planned:
        clean_text, clean_title = cache[_html_key(html, url)]
        broken_text, broken_title = cache[_html_key(broken, url)]
        if (broken_text, broken_title) == (clean_text, clean_title):
            continue
        # Escaped markup is text, not markup: repair_html must leave it to the scrubber.
        linked = (
            broken
            if variant == "escaped"
            else break_page(html, url, keywords, variant, headline, text_only=True)
        )
        cases.append(
            ArtifactCase(
                case_id=f"{page_id[:12]}-{variant}",
                variant=variant,
                url=url,
                keywords=keywords,
                clean_html=html,
                broken_html=broken,
                linked_html=linked,
                broken_text=broken_text,
                broken_title=broken_title,
                expected_text=clean_text,
                expected_title=clean_title,
            )
        )
    return cases


def _html_key(html: str, url: str) -> str:
    digest = hashlib.sha256(f"{trafilatura.__version__}\n{url}\n{html}".encode())
    return digest.hexdigest()


def _load_cache(cache_file: Path | None) -> dict[str, tuple[str, str]]:
    if cache_file is None or not cache_file.is_file():
        return {}
    try:
        stored = json.loads(cache_file.read_text("utf-8"))
        return {key: (value[0], value[1]) for key, value in stored.items()}
    except ValueError:
        return {}


def _extract_job(job: tuple[str, str]) -> tuple[str, str]:
    return extract_fields(*job)


def _extract_missing(
    cache: dict[str, tuple[str, str]], wanted: dict[str, tuple[str, str]], workers: int
) -> None:
    missing = [key for key in wanted if key not in cache]
    jobs = [wanted[key] for key in missing]
    if workers > 1 and len(jobs) > 1:
        # trafilatura is not thread-safe: use processes.
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_extract_job, jobs, chunksize=4))
    else:
        results = [_extract_job(job) for job in jobs]
    cache.update(zip(missing, results, strict=True))


if __name__ == "__main__":
    import sys

    root = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    generated = generate_cases(root, limit=int(sys.argv[1]) if len(sys.argv) > 1 else None)
    for case in generated:
        print(case.case_id, case.keywords)


# Markup that a reader never sees in an article: counted in the output beyond what the
# expected text itself contains (an article quoting HTML keeps its own markup).
_RESIDUE_MARKERS = re.compile(
    r"""["']\s*/?>|&quot;|&gt;|&lt;|</a\s*>|<a\s|\[/?caption\b|"""
    r"""\b(?:href|class|title|rel|target|alt|src|data-[\w-]+)\s*=\s*["']""",
    re.IGNORECASE,
)


def residue_count(output: str, expected: str) -> int:
    """Pieces of leaked markup in ``output`` that ``expected`` does not have."""
    found = Counter(match.group(0).lower() for match in _RESIDUE_MARKERS.finditer(output))
    wanted = Counter(match.group(0).lower() for match in _RESIDUE_MARKERS.finditer(expected))
    return sum(max(0, count - wanted[marker]) for marker, count in found.items())


NEGATIVE_DIR = Path(__file__).resolve().parent / "negative"
_CASE_SEPARATOR = re.compile(r"^%%\s*$", re.MULTILINE)


def negative_cases() -> list[tuple[str, str]]:
    """(case id, text) of the hand-written legitimate texts that must survive untouched."""
    cases: list[tuple[str, str]] = []
    for path in sorted(NEGATIVE_DIR.glob("*.txt")):
        blocks = [block.strip("\n") for block in _CASE_SEPARATOR.split(path.read_text("utf-8"))]
        cases.extend(
            (f"{path.stem}-{number:03d}", block)
            for number, block in enumerate(blocks, 1)
            if block.strip()
        )
    return cases


def wrong_lines(output: str, expected: str) -> int:
    """Output lines the reader never saw (lines the extractor dropped are not counted)."""
    wanted = Counter(line.strip() for line in expected.split("\n"))
    wrong = 0
    for raw_line in output.split("\n"):
        line = raw_line.strip()
        if not line:
            continue
        if wanted[line] > 0:
            wanted[line] -= 1
        else:
            wrong += 1
    return wrong
