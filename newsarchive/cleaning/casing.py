"""Restore the capitalisation an auto-linker destroyed in the words it wrapped."""

from __future__ import annotations

import re
from collections import Counter

from newsarchive.cleaning.artifacts import ANCHOR_MARK, WHOLE_ANCHOR_MARK

_MARKS = ANCHOR_MARK + WHOLE_ANCHOR_MARK
_MARKED_WORD = re.compile(f"(?P<mark>[{_MARKS}])" + r"(?P<word>[^\W\d_]+)?")
_WORD = re.compile(r"[^\W\d_]+")
# A word that opens a sentence: at the line start or after ". ", "? " and the like.
_SENTENCE_START = re.compile(r"(?:^|[.!?…][\"'”’»)\]]*\s+)[\"'“‘«(\[]*([^\W\d_]+)")
_MIN_PROSE_WORDS = 8
_ABBREVIATION = re.compile(
    r"(?:\b(?:[^\W\d_]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|"
    r"No|Nos|vs|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$",
    re.IGNORECASE,
)
_INSIDE_TOKEN = re.compile(r"[/:@_\-]|\.\w")
_OPENERS = "\"'“‘«([ \t"
_CLOSERS = "\"'”’»)]"


def restore_case(text: str, *, reference: str | None = None) -> tuple[str, int]:
    """Fix the case of marked words and remove the marks; returns the text and the fixes.

    A lower-case word at a sentence start is capitalised (abbreviations such as "U.S."
    do not end a sentence); elsewhere it takes the form
    the rest of the text uses most for it mid-sentence ("syria" → "Syria") when the text
    never writes it in lower case outside artifacts. Only marked words change.
    ``reference`` is the text whose usage counts (the article body, for its title).
    """
    if ANCHOR_MARK not in text and WHOLE_ANCHOR_MARK not in text:
        return text, 0
    marked = {
        match.group("word").casefold()
        for match in _MARKED_WORD.finditer(text)
        if match.group("mark") == ANCHOR_MARK and match.group("word")
    }
    forms = _mid_sentence_forms(_MARKED_WORD.sub("", reference or text), marked)
    restored = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal restored
        word = match.group("word")
        if not word or not word.islower():
            return word or ""
        if _INSIDE_TOKEN.match(text, match.end()):
            return word  # "http://…", "black-friday", "amzn.to": not a word of prose
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()].replace(ANCHOR_MARK, "")
        before = before.replace(WHOLE_ANCHOR_MARK, "")
        if before and not before[-1].isspace() and before[-1] not in _OPENERS:
            return word  # part of a longer token: a URL, a hyphenated slug
        if match.group("mark") == WHOLE_ANCHOR_MARK:
            return word  # the linker wrote the matched text there, case included
        if _starts_sentence(before) and (before.strip() or _previous_line_ended(text, line_start)):
            restored += 1
            return word[0].upper() + word[1:]
        counts = forms.get(word.casefold())
        if counts and match.group("mark") == ANCHOR_MARK:
            form, count = counts.most_common(1)[0]
            if form != word and count > 0 and counts.get(word, 0) <= 0:
                restored += 1
                return form
        return word

    return _MARKED_WORD.sub(fix, text), restored


def _starts_sentence(before: str) -> bool:
    stripped = before.rstrip(_OPENERS)
    if not stripped:
        return True
    if stripped == before.rstrip("\"'“‘«(["):
        return False  # no space between the previous text and the word
    if stripped.endswith(tuple(_CLOSERS)):
        return False  # '“Meth. We’re on it.” campaign': a quotation inside a sentence
    if stripped.endswith(".") and _ABBREVIATION.search(stripped):
        return False  # "the U.S. border", "Gov. Noem"
    return stripped.endswith((".", "!", "?", "…"))


def _previous_line_ended(text: str, line_start: int) -> bool:
    """A paragraph starts a sentence unless the line before broke off mid-sentence."""
    previous = text[: max(line_start - 1, 0)].rstrip(_MARKS + " ")
    return not previous or previous.endswith((".", "!", "?", "…", *_CLOSERS))


def _mid_sentence_forms(text: str, words: set[str]) -> dict[str, Counter[str]]:
    """How the text spells ``words`` (case-folded) mid-sentence, in lines of prose."""
    forms: dict[str, Counter[str]] = {}
    if not words:
        return forms
    pattern = re.compile(
        r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, sorted(words))) + r")(?![^\W\d_])",
        re.IGNORECASE,
    )
    for line in text.split("\n"):
        found = pattern.findall(line)
        if not found or len(_WORD.findall(line)) < _MIN_PROSE_WORDS:
            continue  # headings and captions capitalise words for style
        for word in found:
            forms.setdefault(word.casefold(), Counter())[word] += 1
        for match in _SENTENCE_START.finditer(line):
            word = match.group(1)
            if word.casefold() in forms:
                forms[word.casefold()][word] -= 1
    return forms
