"""Turn byline strings into a clean list of person names."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

# "A and B", "A, B", "A & B", "A; B", "A | B" and the same words in the languages
# of the corpus; "/" separates a name from an agency code ("Jane Doe/AP").
_SPLIT = re.compile(
    r"\s*(?:[,;&|/\n]|\s[-–—]\s|\s(?:and|und|et|y|e|en|och|og|i|и)\s)\s*", re.IGNORECASE
)
# Byline lead-ins: "By", "Von", "Par", "Por", "Door", "Av", "Af", "Text:", "Written by".
# ("De" and "Di" are left out: they begin surnames as often as bylines.)
_LEAD_IN = re.compile(
    r"^(?:(?:written|posted|published|reported|words|text|story|photos?|interview)\s+(?:by|von)\b"
    r"|(?:words|text|texte?|photos?|fotos?|interview|autor(?:in)?|author|auteure?"
    r"|redakteur(?:in)?)\s*:"
    r"|(?:beitrag|artikel|ein\s+beitrag|zum\s+profil)\s+von\b"
    r"|(?:interview|text|auteure?|autor(?:in)?)\s+(?=\w+\s+\w)"
    r"|(?:by|von|vom|par|por|door|av|af)\b\s*:?)\s*",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HANDLE = re.compile(r"(?<!\w)@\w+")
# "tagesschau.de", "Example.com": a domain standing in for a byline.
_DOMAIN = re.compile(r"^\S+\.[a-z]{2,6}$", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff]")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Trailing roles and dates that bylines glue to names: "Jane Doe, Staff Writer", "| 12.05.2024".
_TRAILING_NOISE = re.compile(
    r"\s*(?:\d[\d.:/ -]*(?:uhr|am|pm)?|\bupdated\b.*|\bpublished\b.*)$", re.IGNORECASE
)

# Words that mark a byline part as an organisation, desk or role, not a person.
# Generic newsroom vocabulary in the corpus languages, and the world's wire agencies.
_NOT_A_PERSON_WORDS = frozenset(
    """
    staff editor editors editorial desk newsdesk newsroom team redaktion redaktionen
    online news nachrichten agency agencies agentur press presse wire wires service
    services media group gmbh inc ltd llc ag company corp corporation foundation
    stiftung verlag magazine magazin zeitung journal newspaper times post daily weekly
    correspondent correspondents contributor contributors writer writers reporter
    reporters bureau admin administrator webmaster webteam guest sponsored partner
    content studio studios name posted follow datum date human share shares comments
    kommentare profile profil text anonymous unknown e.v ev stand vor phd md mba msc dr prof
    reuters afp dpa ap apa kna epd sid ddp upi efe ansa tass xinhua kyodo yonhap pti
    ians aap bloomberg associated
    """.split()  # noqa: SIM905  (a word list reads better as text)
)
# German compounds name institutions by their last part ("Hanns-Seidel-Stiftung").
_ORGANISATION_ENDINGS = ("stiftung", "verband", "verein", "institut", "agentur", "redaktion")
_MAX_NAME_WORDS = 5
_MAX_NAME_LENGTH = 60


def clean_authors(values: Iterable[str], organisations: Iterable[str] = ()) -> list[str]:
    """Person names from raw byline values, split, cleaned and deduplicated.

    ``organisations`` are names known to belong to the publisher (site name,
    JSON-LD publisher) and are never kept as people.
    """
    excluded = {_key(name) for name in organisations if name}
    names: dict[str, str] = {}
    for value in values:
        if not isinstance(value, str):
            continue
        for part in split_byline(value):
            name = clean_name(part)
            if name and _key(name) not in excluded and is_person_name(name):
                names.setdefault(_key(name), capitalise_name(name))
    return list(names.values())


def split_byline(value: str) -> list[str]:
    """Split a byline into its names ("A, B and C" → three parts)."""
    text = _INVISIBLE.sub("", html.unescape(value))
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _PARENTHESES.sub(" ", text)
    text = " ".join(text.split())
    text = _LEAD_IN.sub("", text)
    return [part for part in _SPLIT.split(text) if part and part.strip()]


def clean_name(part: str) -> str | None:
    """One name with lead-ins, handles and trailing noise removed."""
    text = _HANDLE.sub(" ", part)
    text = " ".join(text.split()).strip(" :-–—·•*\"'“”‘’")
    text = _LEAD_IN.sub("", text)
    text = _TRAILING_NOISE.sub("", text).strip(" :-–—,")
    text = text.rstrip(" (")
    # Keep the full stop of a final initial or suffix ("Gutierrez C.", "Bacon Jr."),
    # drop any other.
    if text.endswith(".") and not re.search(r"(?:^|\s)(?:\w|jr|sr)\.$", text, re.IGNORECASE):
        text = text.rstrip(".").rstrip()
    if not text or _DOMAIN.match(text):
        return None
    return text


def is_person_name(name: str) -> bool:
    """A short run of name-like words with no organisation or newsroom vocabulary."""
    if not 2 <= len(name) <= _MAX_NAME_LENGTH or any(char.isdigit() for char in name):
        return False
    words = name.split()
    if not words or len(words) > _MAX_NAME_WORDS:
        return False
    if not any(char.isalpha() for char in name):
        return False
    lowered = {word.strip(".,'’()").lower() for word in words}
    if lowered & _NOT_A_PERSON_WORDS or "e.v" in name.lower():
        return False
    if any(word.endswith(_ORGANISATION_ENDINGS) for word in lowered):
        return False
    # A lone upper-case token of up to five letters is an agency code ("AP", "KNA").
    return not (len(words) == 1 and name.isupper() and len(name) <= 5)


def capitalise_name(name: str) -> str:
    """Title-case names written all upper or all lower case; leave mixed case alone."""
    letters = [char for char in name if char.isalpha()]
    if not letters or not (name.isupper() or name.islower()):
        return name
    # Single lower-case words are usually usernames ("gnaddrig"): keep them as written.
    if name.islower() and " " not in name:
        return name
    words = []
    for word in name.split():
        lower = word.lower()
        if (
            lower in {"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "zu", "af"}
            and words
        ):
            words.append(lower)
        else:
            words.append("-".join(_capitalise_word(piece) for piece in word.split("-")))
    return " ".join(words)


def _capitalise_word(word: str) -> str:
    word = word.lower()
    for prefix in ("o'", "o’", "mc", "mac"):
        if word.startswith(prefix) and len(word) > len(prefix) + 2 and prefix != "mac":
            return prefix.capitalize() + word[len(prefix)].upper() + word[len(prefix) + 1 :]
    return word[:1].upper() + word[1:]


def _key(name: str) -> str:
    return " ".join(name.casefold().split())
