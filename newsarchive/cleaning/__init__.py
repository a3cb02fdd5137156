"""Text cleaning: the pure core that repairs markup and scrubs extracted articles."""

from newsarchive.cleaning.article import COUNTER_KINDS, CleanResult, clean_article
from newsarchive.cleaning.artifacts import ArtifactScrub, strip_link_artifacts
from newsarchive.cleaning.boilerplate import BoilerplateModel, text_hashes, unit_hash
from newsarchive.cleaning.casing import restore_case
from newsarchive.cleaning.repair import repair_html
from newsarchive.cleaning.truncation import Truncation, detect_truncation
from newsarchive.cleaning.unicode import normalise_text

__all__ = [
    "COUNTER_KINDS",
    "ArtifactScrub",
    "BoilerplateModel",
    "CleanResult",
    "Truncation",
    "clean_article",
    "detect_truncation",
    "normalise_text",
    "repair_html",
    "restore_case",
    "strip_link_artifacts",
    "text_hashes",
    "unit_hash",
]
