"""The labelled cleaning corpus: link-artifact cases built from real pages, negative cases."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsarchive.cleaning import clean_article, normalise_text, repair_html

GENERATOR_PATH = Path(__file__).resolve().parent / "cleaning_cases" / "generator.py"


def _load_generator():
    spec = importlib.util.spec_from_file_location("cleaning_cases_generator", GENERATOR_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generator = _load_generator()
NEGATIVE_CASES = generator.negative_cases()


@pytest.fixture(scope="session")
def artifact_cases(corpus_dir: Path, pytestconfig: pytest.Config):
    """Every artifact case of the corpus, built once per session on two processes.

    Extracted fields are cached in pytest's cache directory, keyed by a hash of the exact
    HTML and the trafilatura version, so a warm run skips the extraction of unchanged pages.
    """
    cache_file = pytestconfig.cache.mkdir("newsarchive-cleaning") / "extractions.json"
    return generator.generate_cases(corpus_dir, workers=2, cache_file=cache_file)


def test_negative_corpus_is_large_enough():
    assert len(NEGATIVE_CASES) >= 100


@pytest.mark.parametrize(("case_id", "text"), NEGATIVE_CASES, ids=[c for c, _ in NEGATIVE_CASES])
def test_legitimate_text_is_not_damaged(case_id, text):
    title = text.split("\n", 1)[0]
    result = clean_article(text, title)
    assert result.text == text
    assert result.title == title
    assert result.removed["link_artifacts"] == 0
    assert result.removed["case_restored"] == 0


def test_artifact_corpus_covers_every_variant(artifact_cases):
    assert len(artifact_cases) >= 200
    variants = {case.variant for case in artifact_cases}
    assert variants == set(generator.VARIANTS)
    # The cases hold real residue: plain extraction leaks markup in almost all of them.
    leaking = [
        case
        for case in artifact_cases
        if generator.residue_count(case.broken_text, case.expected_text)
        + generator.residue_count(case.broken_title, case.expected_title)
    ]
    assert len(leaking) >= 0.9 * len(artifact_cases)


def test_repair_restores_the_markup_before_extraction(artifact_cases):
    """repair_html gives back the page a correct linker would have made.

    The few pages where it differs (a linker anchor left inside a valid attribute value,
    markup inside JSON-LD) must still extract to the same text.
    """
    different = []
    for case in artifact_cases:
        repaired, repairs = repair_html(case.broken_html)
        if case.variant == "escaped":
            assert repaired is case.broken_html
            continue
        assert repairs > 0, case.case_id
        if repaired != case.linked_html:
            different.append(case)
    assert len(different) <= 0.05 * len(artifact_cases)
    for case in different:
        repaired, _ = repair_html(case.broken_html)
        assert generator.extract_fields(repaired, case.url) == generator.extract_fields(
            case.linked_html, case.url
        ), case.case_id


def test_escaped_anchors_are_scrubbed_from_text(artifact_cases):
    """Escaped anchors are text, not markup: repair leaves them and the scrubber removes them."""
    for case in artifact_cases:
        if case.variant != "escaped":
            continue
        result = clean_article(case.broken_text, case.broken_title)
        expected, _ = normalise_text(case.expected_text)
        assert generator.residue_count(result.text, expected) == 0, case.case_id
        assert generator.wrong_lines(result.text, expected) == 0, case.case_id


# The text-only path (no HTML at hand, e.g. records already archived) cannot always know
# where a broken attribute began; these floors record what it achieves on the corpus.
TEXT_ONLY_MAX_RESIDUE = 8


def test_text_scrubber_removes_residue_without_the_html(artifact_cases):
    residue = 0
    for case in artifact_cases:
        result = clean_article(case.broken_text, case.broken_title)
        expected_text, _ = normalise_text(case.expected_text)
        expected_title, _ = normalise_text(case.expected_title)
        residue += generator.residue_count(result.text, expected_text)
        residue += generator.residue_count(result.title or "", expected_title)
    assert residue <= TEXT_ONLY_MAX_RESIDUE


def test_clean_pages_are_not_damaged(artifact_cases):
    pages = {case.url: case for case in artifact_cases}.values()
    for case in pages:
        expected, _ = normalise_text(case.expected_text)
        result = clean_article(case.expected_text, case.expected_title)
        assert result.text == expected, case.case_id
        assert result.removed["link_artifacts"] == 0, case.case_id
        assert repair_html(case.clean_html)[1] == 0, case.case_id


def test_cleaned_corpus_is_a_fixed_point(artifact_cases):
    for case in artifact_cases[::3]:
        once = clean_article(case.broken_text, case.broken_title)
        twice = clean_article(once.text, once.title)
        assert (twice.text, twice.title) == (once.text, once.title), case.case_id
