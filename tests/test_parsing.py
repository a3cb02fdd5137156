"""A page's one parse makes the tree trafilatura would make, and so the same record."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import pytest
from lxml.etree import tostring
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsarchive.extraction import page as page_module
from newsarchive.extraction.parsing import parse_html
from newsarchive.processing import process_page
from tests.utils import corpus_html, corpus_pages


def serialized(tree: HtmlElement | None) -> bytes | None:
    return None if tree is None else tostring(tree)


def test_trees_equal_trafilaturas_on_real_pages(corpus_dir: Path) -> None:
    compared = 0
    for path, url in corpus_pages(corpus_dir, every=3):
        html = corpus_html(path)
        tree = parse_html(html)
        assert serialized(tree) == serialized(load_html(html)), url
        if tree is not None:
            # No per-tag classes, in the tree and in the copies trafilatura makes of it.
            assert {type(element) for element in tree.iter("*")} == {HtmlElement}, url
            assert {type(element) for element in copy.copy(tree).iter("*")} == {HtmlElement}
            compared += 1
    assert compared >= 380


@pytest.mark.parametrize(
    "html",
    [
        # A string that declares its encoding: lxml refuses it, its UTF-8 bytes are parsed.
        '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>Déjà vu</p></body></html>',
        "<!DOCTYPE html>\n<html><body><p>Text</p></body></html>",
        # A self-closing <html/> would otherwise leave an empty document.
        '<html lang="en"/>\n<head><title>T</title></head><body><p>Text</p></body>',
        # Characters XML cannot hold.
        "<html><body><p>nul \x00 and vertical tab \x0b</p></body></html>",
        # Not HTML at all, nothing but a comment, a fragment.
        "a line of plain text, no markup",
        "<!-- only a comment -->",
        "<p>a fragment</p>",
        '<form action="/s"><input name="q"><select><option>a</select></form>',
    ],
)
def test_odd_input_parses_as_trafilatura_parses_it(html: str) -> None:
    assert serialized(parse_html(html)) == serialized(load_html(html))


def test_records_equal_those_from_trafilaturas_parse(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pages with forms, where lxml.html would have made elements of other classes.
    pages = [
        (html, url)
        for path, url in corpus_pages(corpus_dir, every=7)
        if "<form" in (html := corpus_html(path))
    ][:40]
    assert len(pages) == 40

    def analyses() -> list[object]:
        return [
            replace(analysis, item=replace(analysis.item, fetched_at=None))
            if (analysis := process_page(html, url)).item
            else analysis
            for html, url in pages
        ]

    ours = analyses()
    monkeypatch.setattr(page_module, "parse_html", load_html)
    assert ours == analyses()
    assert sum(1 for analysis in ours if analysis.item) >= 25
