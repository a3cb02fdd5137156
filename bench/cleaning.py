"""Measure the cleaning core on the labelled link-artifact corpus and the negative cases.

Run from the project root: ``python bench/cleaning.py [--limit N] [--no-cache]``. Cases
are rebuilt from ``../shared/corpus`` by ``tests/cleaning_cases/generator.py``; extracted
fields are cached in ``bench/data/`` (keyed by a hash of the exact HTML).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsarchive.cleaning import clean_article, normalise_text, repair_html  # noqa: E402

PATHS = {
    "plain": "plain trafilatura",
    "text": "clean_article (text only)",
    "html": "repair_html + clean_article",
}


def load_generator() -> ModuleType:
    """The case generator lives with the tests; load it by path."""
    path = ROOT / "tests" / "cleaning_cases" / "generator.py"
    spec = importlib.util.spec_from_file_location("cleaning_cases_generator", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def measure_artifacts(generator: ModuleType, cases: list) -> dict[str, object]:
    """Residue, wrong lines and exact matches of each path over the artifact cases."""
    rows = {name: {"residue": 0, "wrong": 0, "exact": 0, "titles": 0} for name in PATHS}
    figures = {
        "restored": 0,
        "suspects": 0,
        "identical": 0,
        "wrong_when_identical": 0,
        "repair_s": 0.0,
    }
    for case in cases:
        expected_text, _ = normalise_text(case.expected_text)
        expected_title, _ = normalise_text(case.expected_title)
        outputs = {"plain": (case.broken_text, case.broken_title)}
        result = clean_article(case.broken_text, case.broken_title)
        outputs["text"] = (result.text, result.title)
        figures["restored"] += result.removed["case_restored"]
        figures["suspects"] += result.removed["suspects"]

        tick = time.perf_counter()
        repaired, repairs = repair_html(case.broken_html)
        figures["repair_s"] += time.perf_counter() - tick
        identical = repaired == case.linked_html
        figures["identical"] += identical
        text, title = generator.extract_fields(repaired, case.url)
        result = clean_article(text, title, html_repairs=repairs)
        outputs["html"] = (result.text, result.title)

        if identical:
            # Lines that differ here come from the extractor reacting to the linker's
            # valid links (link density), not from anything left to clean.
            figures["wrong_when_identical"] += generator.wrong_lines(result.text, expected_text)
        for name, (text, title) in outputs.items():
            row = rows[name]
            row["residue"] += generator.residue_count(text, expected_text)
            row["residue"] += generator.residue_count(title or "", expected_title)
            row["wrong"] += generator.wrong_lines(text, expected_text)
            row["exact"] += text.strip() == expected_text
            row["titles"] += (title or "").strip() == expected_title
    return {"rows": rows, **figures}


def measure_damage(generator: ModuleType, cases: list) -> dict[str, int]:
    """Legitimate text changed: negative cases, and the clean pages of the corpus."""
    damage = {"negative": 0, "negatives": 0, "clean": 0, "pages": 0}
    for _, text in generator.negative_cases():
        title = text.split("\n", 1)[0]
        result = clean_article(text, title)
        damage["negatives"] += 1
        damage["negative"] += result.text != text or result.title != title
    for case in {case.url: case for case in cases}.values():
        expected, _ = normalise_text(case.expected_text)
        damage["pages"] += 1
        damage["clean"] += clean_article(case.expected_text, case.expected_title).text != expected
        damage["clean"] += repair_html(case.clean_html)[1] > 0
    return damage


def measure_speed(cases: list) -> dict[str, float]:
    """Milliseconds per call (best of three rounds; the machine may be shared)."""
    clean_inputs = [(case.expected_text, case.expected_title) for case in cases]
    broken_inputs = [(case.broken_text, case.broken_title) for case in cases]
    pages = [case.clean_html for case in {case.url: case for case in cases}.values()]
    speed = {}
    for name, function, inputs in (
        ("clean_article, clean article", clean_article, clean_inputs),
        ("clean_article, broken article", clean_article, broken_inputs),
        ("repair_html, clean page", repair_html, [(page,) for page in pages]),
    ):
        best = float("inf")
        for _ in range(3):
            tick = time.perf_counter()
            for arguments in inputs:
                function(*arguments)
            best = min(best, (time.perf_counter() - tick) / max(len(inputs), 1))
        speed[name] = 1000 * best
    return speed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="corpus pages to use")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--workers", type=int, default=2, help="processes extracting pages")
    parser.add_argument(
        "--no-cache", action="store_true", help="extract every page again (bench/data/ cache)"
    )
    args = parser.parse_args()
    generator = load_generator()

    started = time.perf_counter()
    cache_file = None if args.no_cache else ROOT / "bench" / "data" / "cleaning-extractions.json"
    cases = generator.generate_cases(
        args.corpus, limit=args.limit, workers=args.workers, cache_file=cache_file
    )
    total = len(cases)
    print(f"{total} artifact cases built in {time.perf_counter() - started:.1f} s")

    artifacts = measure_artifacts(generator, cases)
    damage = measure_damage(generator, cases)
    speed = measure_speed(cases)

    print(f"\n{'':30}{'residue':>8}{'wrong lines':>13}{'exact text':>12}{'exact title':>13}")
    for name, row in artifacts["rows"].items():
        print(
            f"{PATHS[name]:30}{row['residue']:>8}{row['wrong']:>13}"
            f"{row['exact']:>7}/{total:<4}{row['titles']:>8}/{total:<4}"
        )
    print(
        f"\nrepair_html gives the page a correct linker makes: {artifacts['identical']}/{total}"
        " (escaped cases keep their text markup for the scrubber); wrong lines of the"
        f" repair path on those pages: {artifacts['wrong_when_identical']}"
    )
    print(
        f"case restored (text only): {artifacts['restored']} words; "
        f"suspects counted: {artifacts['suspects']}"
    )
    print(
        f"legitimate text damaged: {damage['negative']}/{damage['negatives']} negative cases,"
        f" {damage['clean']}/{damage['pages']} clean corpus pages"
    )
    print(f"repair_html, broken page: {1000 * artifacts['repair_s'] / max(total, 1):.2f} ms")
    for name, milliseconds in speed.items():
        print(f"{name}: {milliseconds:.2f} ms")


if __name__ == "__main__":
    main()
