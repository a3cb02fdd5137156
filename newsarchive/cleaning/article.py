"""The cleaning entry point: one extracted article in, clean fields and counts out."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsarchive.cleaning.artifacts import ANCHOR_MARK, WHOLE_ANCHOR_MARK, strip_link_artifacts
from newsarchive.cleaning.boilerplate import BoilerplateModel
from newsarchive.cleaning.casing import restore_case
from newsarchive.cleaning.truncation import detect_truncation
from newsarchive.cleaning.unicode import normalise_text

#: Per-record counters, in the order stats show them (``newsarchive/cleaning/<kind>``).
COUNTER_KINDS = (
    "html_repairs",
    "link_artifacts",
    "shortcodes",
    "tracking_urls",
    "case_restored",
    "boilerplate_lines",
    "unicode_fixes",
    "suspects",
)


@dataclass
class CleanResult:
    """Clean text and title, what was removed (per kind), and truncation signals."""

    text: str
    title: str | None
    removed: dict[str, int] = field(default_factory=dict)
    truncated: bool = False
    truncation_reason: str | None = None
    full_text_url: str | None = None
    #: Unit hashes this article added to the boilerplate model (``learn_boilerplate``):
    #: what a store increments, per domain, alongside its article count.
    boilerplate_units: set[int] = field(default_factory=set)


def clean_article(
    text: str,
    title: str | None = None,
    *,
    raw_html: str | None = None,
    url: str | None = None,
    domain: str | None = None,
    boilerplate: BoilerplateModel | None = None,
    learn_boilerplate: bool = False,
    html_repairs: int = 0,
) -> CleanResult:
    """Clean an extracted article: Unicode, link residue, case, site boilerplate, truncation.

    ``raw_html`` (the page as fetched) feeds the truncation signals; ``boilerplate`` with
    ``domain`` removes the lines that site injects into many articles, judged on the
    articles seen before; with ``learn_boilerplate`` this article is then counted in the
    model (call it once per new article). ``html_repairs`` (from ``repair_html`` before
    extraction) is carried into ``removed``.
    """
    removed = dict.fromkeys(COUNTER_KINDS, 0)
    removed["html_repairs"] = html_repairs
    text, fixes = normalise_text(_unmarked(text))
    removed["unicode_fixes"] += fixes
    scrub = strip_link_artifacts(text)
    text, restored = restore_case(scrub.text)
    _count_scrub(removed, scrub)
    removed["case_restored"] += restored

    if title is not None:
        title, fixes = normalise_text(_unmarked(title))
        title = title.replace("\n", " ")
        removed["unicode_fixes"] += fixes
        title_scrub = strip_link_artifacts(title, is_title=True)
        title, restored = restore_case(title_scrub.text, reference=text)
        _count_scrub(removed, title_scrub)
        removed["case_restored"] += restored

    units: set[int] = set()
    if boilerplate is not None and domain:
        seen_text = text
        text, lines = boilerplate.strip(domain, text)
        removed["boilerplate_lines"] += lines
        if learn_boilerplate:
            units = boilerplate.observe(domain, seen_text)

    if removed["link_artifacts"] or removed["shortcodes"] or removed["boilerplate_lines"]:
        text, _ = normalise_text(text)
        if title is not None:
            title, _ = normalise_text(title)

    truncation = detect_truncation(text, raw_html=raw_html, url=url)
    return CleanResult(
        text=text,
        title=title,
        removed=removed,
        truncated=truncation.truncated,
        truncation_reason=truncation.reason,
        full_text_url=truncation.full_text_url,
        boilerplate_units=units,
    )


def _count_scrub(removed: dict[str, int], scrub: object) -> None:
    for kind in ("link_artifacts", "shortcodes", "tracking_urls", "suspects"):
        removed[kind] += getattr(scrub, kind)


def _unmarked(text: str) -> str:
    if ANCHOR_MARK in text or WHOLE_ANCHOR_MARK in text:
        return text.replace(ANCHOR_MARK, "").replace(WHOLE_ANCHOR_MARK, "")
    return text
