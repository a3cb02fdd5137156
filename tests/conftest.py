"""Shared fixtures: the real-page corpus beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The real-page corpus (``../shared/corpus``); tests that need it skip without it."""
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"real-page corpus not found at {CORPUS_DIR}")
    return CORPUS_DIR


# PostgreSQL and Redis fixtures (postgres_uri, redis_url, redis_prefix).
pytest_plugins = ["tests.services"]
