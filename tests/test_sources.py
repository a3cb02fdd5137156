"""The sources file: parsing, validation with file, line and field, `only` and shards."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from newsarchive.sources import (
    SourcesError,
    load_sources,
    parse_shard,
    parse_sources,
    select_sources,
    shard_of,
)

DATA = Path(__file__).parent / "sources"


def test_a_valid_file_gives_one_dataclass_per_source():
    gazette, wire = load_sources(DATA / "example.toml")
    assert gazette.name == "harbour-gazette"
    assert gazette.feeds == ("https://www.harbour-gazette.example/feed.xml",)
    assert gazette.sitemaps == ("https://www.harbour-gazette.example/robots.txt",)
    assert gazette.max_age == timedelta(days=14)
    assert (gazette.download_delay, gazette.concurrency, gazette.language) == (2.0, 2, "en")
    assert gazette.line == 3
    assert wire.start_urls == ("https://coastal-wire.example/news/",)
    assert (wire.max_pages, wire.max_depth, wire.download_delay) == (300, 3, None)
    assert wire.line == 13


def test_allow_and_deny_patterns_decide_urls():
    [source] = parse_sources(
        '[[source]]\nname = "s"\nstart_urls = ["https://s.example/"]\n'
        'allow = ["/news/"]\ndeny = ["/news/live/"]\n'
    )
    assert source.allows("https://s.example/news/2026/story/")
    assert not source.allows("https://s.example/news/live/today/")
    assert not source.allows("https://s.example/about/")
    assert source.denies("https://s.example/news/live/")
    assert not source.denies("https://s.example/about/")


def test_every_problem_names_file_line_and_field():
    with pytest.raises(SourcesError) as raised:
        load_sources(DATA / "invalid.toml")
    message = str(raised.value)
    path = DATA / "invalid.toml"
    expected = [
        f"{path}:9: source 'typos', field 'feed': unknown field",
        f"{path}:10: source 'typos', field 'sitemaps': 'ftp://typos.example/sitemap.xml' is not an http(s) URL",
        f"{path}:15: source 'numbers', field 'download_delay': must be a number ≥ 0, not '2s'",
        f"{path}:16: source 'numbers', field 'concurrency': must be an integer ≥ 1, not 0",
        f"{path}:17: source 'numbers', field 'max_age': 'forever' is not a duration",
        f"{path}:20: source 'fine', field 'name': duplicate name (first used on line 4)",
        f"{path}:22: source 'fine', field 'deny': '(unclosed' is not a regular expression",
        f"{path}:23: source 'fine', field 'language': must be a language tag",
    ]
    for line in expected:
        assert line in message, f"{line!r} not in:\n{message}"
    assert "source 'fine', field 'feeds'" not in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[source]]\nname = "a"\nfeeds = [1,,]\n', "sources.toml:3: not valid TOML"),
        (
            '[[source]]\nfeeds = ["https://a.example/f"]\n',
            "sources.toml:1: source #1: missing field 'name'",
        ),
        (
            '[[source]]\nname = "a b"\nfeeds = ["https://a.example/f"]\n',
            "sources.toml:2: source 'a b', field 'name'",
        ),
        ('[[source]]\nname = "a"\n', "sources.toml:1: source 'a': needs at least one of"),
        (
            '[[source]]\nname = "a"\nfeeds = "https://a.example/f"\n',
            "sources.toml:3: source 'a', field 'feeds': must be a list",
        ),
        ('title = "x"\n', "sources.toml:1: unknown top-level key 'title'"),
        ("", "sources.toml:1: no [[source]] tables"),
    ],
)
def test_malformed_files(text, expected):
    with pytest.raises(SourcesError) as raised:
        parse_sources(text)
    assert expected in str(raised.value)


def test_a_missing_file_is_named():
    with pytest.raises(SourcesError, match=r"nowhere\.toml: cannot read the sources file"):
        load_sources(DATA / "nowhere.toml")


def test_only_names_known_sources():
    sources = load_sources(DATA / "example.toml")
    assert [s.name for s in select_sources(sources, only=["coastal-wire"])] == ["coastal-wire"]
    with pytest.raises(SourcesError, match="no source named 'nope'"):
        select_sources(sources, only=["nope"])


def test_shards_split_sources_stably_and_completely():
    names = [f"publisher-{n}" for n in range(200)]
    text = "".join(
        f'[[source]]\nname = "{name}"\nfeeds = ["https://{name}.example/feed"]\n' for name in names
    )
    sources = parse_sources(text)
    shards = [{s.name for s in select_sources(sources, shard=(i, 4))} for i in range(4)]
    assert set().union(*shards) == set(names)
    assert sum(len(shard) for shard in shards) == len(names)
    assert all(30 <= len(shard) <= 70 for shard in shards)
    # The shard of a name depends on nothing but the name and the shard count.
    assert shard_of("publisher-7", 4) == shard_of("publisher-7", 4)
    assert {s.name for s in select_sources(sources[::-1], shard=(1, 4))} == shards[1]


@pytest.mark.parametrize("text", ["1", "4/4", "-1/2", "a/b", "1/0"])
def test_bad_shards(text):
    with pytest.raises(SourcesError, match="is not i/N"):
        parse_shard(text)


def test_good_shard():
    assert parse_shard(" 2/5 ") == (2, 5)


def test_the_documented_sources_files_are_valid():
    readme = (DATA.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Sources file", 1)[1].split("\n## ", 1)[0]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    for sources in (
        parse_sources(example, "README.md"),
        load_sources(DATA.parent.parent / "deploy" / "sources.example.toml"),
    ):
        assert [s.name for s in sources] == ["harbour-gazette", "coastal-wire"]
