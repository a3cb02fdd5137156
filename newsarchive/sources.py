"""The sources file: publishers to crawl in one run, validated before any request is made.

A ``sources.toml`` holds one ``[[source]]`` table per publisher::

    [[source]]
    name = "harbour-gazette"                  # letters, digits, ".", "_", "-"
    feeds = ["https://example-news.com/feed.xml"]
    sitemaps = ["https://example-news.com/robots.txt"]
    start_urls = ["https://example-news.com/"]
    allow = ["/20\\d\\d/"]                    # regular expressions searched in URLs
    deny = ["/live/"]
    download_delay = 2.0                      # seconds between requests to this source
    concurrency = 2                           # requests in flight to this source
    language = "en"                           # when a page does not say
    max_age = "30d"                           # older articles are neither fetched nor archived
    max_pages = 200                           # site crawl budget (start_urls)
    max_depth = 3

No Scrapy imports: this module reads a file and returns dataclasses, or raises
``SourcesError`` naming the file, line and field of every problem.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsarchive.dedup.revisit import parse_duration

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import timedelta

__all__ = ["Source", "SourcesError", "load_sources", "parse_shard", "select_sources"]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
_URL_LISTS = ("feeds", "sitemaps", "start_urls")
_PATTERN_LISTS = ("allow", "deny")
_FIELDS = (
    "name",
    *_URL_LISTS,
    *_PATTERN_LISTS,
    "download_delay",
    "concurrency",
    "language",
    "max_age",
    "max_pages",
    "max_depth",
)
_HEADER = re.compile(r"^\s*\[")
_SOURCE_HEADER = re.compile(r"^\s*\[\[\s*source\s*\]\]")


class SourcesError(ValueError):
    """A sources file cannot be used; the message names file, line and field of each problem."""


@dataclass(frozen=True)
class Source:
    """One publisher: where to discover its articles and how gently to fetch them."""

    name: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    download_delay: float | None = None
    concurrency: int | None = None
    language: str | None = None
    max_age: timedelta | None = None
    max_pages: int | None = None
    max_depth: int | None = None
    line: int = 0
    _allow: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    _deny: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)

    def allows(self, url: str) -> bool:
        """Whether ``url`` matches no ``deny`` pattern and, if there are any, an ``allow`` one."""
        if any(p.search(url) for p in self._deny):
            return False
        return not self._allow or any(p.search(url) for p in self._allow)

    def denies(self, url: str) -> bool:
        """Whether ``url`` matches a ``deny`` pattern."""
        return any(p.search(url) for p in self._deny)

    @property
    def urls(self) -> tuple[str, ...]:
        """Every URL the source starts from."""
        return (*self.feeds, *self.sitemaps, *self.start_urls)


class _Lines:
    """Line numbers in the TOML text, which tomllib does not report."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.headers = [n for n, line in enumerate(self.lines, 1) if _SOURCE_HEADER.match(line)]

    def of(self, index: int, name: str | None = None) -> int:
        """The line of field ``name`` in the ``index``-th source (its header without a name)."""
        if index >= len(self.headers):
            return 1
        start = self.headers[index]
        if name is None:
            return start
        key = re.compile(
            rf"""^\s*(?:{re.escape(name)}|"{re.escape(name)}"|'{re.escape(name)}')\s*="""
        )
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if _HEADER.match(line):
                break
            if key.match(line):
                return number
        return start


def load_sources(path: str | Path) -> list[Source]:
    """The sources of a ``sources.toml`` file, all validated; ``SourcesError`` otherwise."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: cannot read the sources file: {exc}") from None
    return parse_sources(text, str(path))


def parse_sources(text: str, filename: str = "sources.toml") -> list[Source]:
    """The sources in TOML ``text``; problems are reported against ``filename``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+)", str(exc))
        where = f"{filename}:{found[1]}" if found else filename
        raise SourcesError(f"{where}: not valid TOML: {exc}") from None
    lines = _Lines(text)
    problems: list[str] = [
        f"{filename}:1: unknown top-level key {key!r} (expected [[source]] tables)"
        for key in data
        if key != "source"
    ]
    tables = data.get("source", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise SourcesError(f"{filename}:1: 'source' must be a list of [[source]] tables")
    if not tables and not problems:
        problems.append(f"{filename}:1: no [[source]] tables: nothing to crawl")
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(tables):
        errors: list[tuple[str | None, str]] = []
        source = _source(table, errors)
        label = (
            f"source {table.get('name')!r}"
            if isinstance(table.get("name"), str)
            else (f"source #{index + 1}")
        )
        name = table.get("name")
        if isinstance(name, str):
            if name in seen:
                errors.append(("name", f"duplicate name (first used on line {seen[name]})"))
            else:
                seen[name] = lines.of(index, "name")
        for name, message in errors:
            field_text = f", field {name!r}" if name else ""
            problems.append(f"{filename}:{lines.of(index, name)}: {label}{field_text}: {message}")
        if source is not None and not errors:
            sources.append(_with_line(source, lines.of(index)))
    if problems:
        raise SourcesError("invalid sources file:\n" + "\n".join(problems))
    return sources


def _with_line(source: Source, line: int) -> Source:
    values = {name: getattr(source, name) for name in source.__dataclass_fields__}
    values["line"] = line
    return Source(**values)


def _source(table: dict[str, Any], errors: list[tuple[str | None, str]]) -> Source | None:
    for key in table:
        if key not in _FIELDS:
            errors.append((key, f"unknown field (known: {', '.join(_FIELDS)})"))
    name = table.get("name")
    if name is None:
        errors.append((None, "missing field 'name'"))
    elif not isinstance(name, str) or not _NAME.match(name):
        errors.append(("name", "must be a string of letters, digits, '.', '_' or '-'"))
    values: dict[str, Any] = {}
    for key in _URL_LISTS:
        values[key] = _strings(table, key, errors)
        for url in values[key]:
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                errors.append((key, f"{url!r} is not an http(s) URL"))
    if not any(values[key] for key in _URL_LISTS):
        errors.append((None, "needs at least one of 'feeds', 'sitemaps' or 'start_urls'"))
    compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
    for key in _PATTERN_LISTS:
        values[key] = _strings(table, key, errors)
        patterns = []
        for pattern in values[key]:
            try:
                patterns.append(re.compile(pattern))
            except re.error as exc:
                errors.append((key, f"{pattern!r} is not a regular expression: {exc}"))
        compiled[key] = tuple(patterns)
    values["download_delay"] = _number(table, "download_delay", errors, minimum=0, integer=False)
    values["concurrency"] = _number(table, "concurrency", errors, minimum=1, integer=True)
    values["max_pages"] = _number(table, "max_pages", errors, minimum=1, integer=True)
    values["max_depth"] = _number(table, "max_depth", errors, minimum=0, integer=True)
    language = table.get("language")
    if language is not None and (not isinstance(language, str) or not _LANGUAGE.match(language)):
        errors.append(("language", "must be a language tag such as 'en' or 'pt-BR'"))
        language = None
    values["language"] = language.lower() if language else None
    max_age = table.get("max_age")
    values["max_age"] = None
    if max_age is not None:
        try:
            if not isinstance(max_age, str):
                raise ValueError
            values["max_age"] = parse_duration(max_age)
        except ValueError:
            errors.append(
                ("max_age", f"{max_age!r} is not a duration such as '12h', '30d' or '2w'")
            )
    if errors or not isinstance(name, str):
        return None
    return Source(name=name, _allow=compiled["allow"], _deny=compiled["deny"], **values)


def _strings(
    table: dict[str, Any], key: str, errors: list[tuple[str | None, str]]
) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        errors.append((key, "must be a list of non-empty strings"))
        return ()
    return tuple(dict.fromkeys(v.strip() for v in value))


def _number(
    table: dict[str, Any],
    key: str,
    errors: list[tuple[str | None, str]],
    *,
    minimum: float,
    integer: bool,
) -> Any:
    value = table.get(key)
    if value is None:
        return None
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or value < minimum:
        kind = "an integer" if integer else "a number"
        errors.append((key, f"must be {kind} ≥ {minimum:g}, not {value!r}"))
        return None
    return value


def parse_shard(text: str) -> tuple[int, int]:
    """``"i/N"`` as ``(i, N)`` with ``0 <= i < N``."""
    found = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not found or not 0 <= int(found[1]) < int(found[2]):
        raise SourcesError(f"shard {text!r} is not i/N with 0 ≤ i < N (e.g. 0/4)")
    return int(found[1]), int(found[2])


def shard_of(name: str, count: int) -> int:
    """The shard (of ``count``) a source belongs to: a stable hash of its name."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count


def select_sources(
    sources: Iterable[Source],
    *,
    only: Iterable[str] = (),
    shard: tuple[int, int] | None = None,
    filename: str = "sources.toml",
) -> list[Source]:
    """The sources named in ``only`` (all when empty) that fall in ``shard``."""
    sources = list(sources)
    wanted = [name.strip() for name in only if name.strip()]
    if wanted:
        known = {s.name for s in sources}
        unknown = [name for name in wanted if name not in known]
        if unknown:
            raise SourcesError(
                f"{filename}: no source named {', '.join(map(repr, unknown))} "
                f"(known: {', '.join(sorted(known))})"
            )
        sources = [s for s in sources if s.name in wanted]
    if shard is not None:
        index, count = shard
        sources = [s for s in sources if shard_of(s.name, count) == index]
    return sources
