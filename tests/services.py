"""Fixtures for the real PostgreSQL and Redis servers the distributed tests talk to.

Both are looked for on 127.0.0.1 (``NEWSARCHIVE_TEST_POSTGRES`` and
``NEWSARCHIVE_TEST_REDIS`` name others). Without a server the tests that need it
are skipped with the reason; with ``NEWSARCHIVE_REQUIRE_SERVICES=1`` (as in CI)
they fail instead, so a missing service can never pass unnoticed.
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

POSTGRES_SERVER = os.environ.get(
    "NEWSARCHIVE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS_SERVER = os.environ.get("NEWSARCHIVE_TEST_REDIS", "redis://127.0.0.1:6379/0")


def services_required() -> bool:
    return os.environ.get("NEWSARCHIVE_REQUIRE_SERVICES", "") not in {"", "0"}


def unavailable(reason: str) -> None:
    """Skip the test, or fail it when the services are required."""
    if services_required():
        pytest.fail(f"{reason} (required: NEWSARCHIVE_REQUIRE_SERVICES is set)", pytrace=False)
    pytest.skip(reason)


def database_uri(server: str, name: str) -> str:
    """``server`` with its database replaced by ``name``."""
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The URI of a reachable PostgreSQL server's maintenance database."""
    try:
        import psycopg  # noqa: PLC0415
    except ImportError:
        unavailable("psycopg is not installed (pip install -e '.[postgres]')")
    try:
        with psycopg.connect(POSTGRES_SERVER, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        unavailable(f"no PostgreSQL server at {POSTGRES_SERVER}: {exc}".strip())
    return POSTGRES_SERVER


@contextmanager
def new_postgres_database(server: str) -> Iterator[str]:
    """A new, empty database on ``server`` (its URI), dropped on exit."""
    import psycopg  # noqa: PLC0415

    name = f"newsarchive_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_uri(server, name)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_uri(postgres_server: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    with new_postgres_database(postgres_server) as uri:
        yield uri


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The URL of a reachable Redis server; keys made under the test's prefix are removed.

    Tests name their keys with ``redis_prefix`` (``newsarchive-test-<random>:``).
    """
    try:
        import redis  # noqa: PLC0415
    except ImportError:
        unavailable("redis is not installed (pip install -e '.[redis]')")
    client = redis.Redis.from_url(REDIS_SERVER, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        unavailable(f"no Redis server at {REDIS_SERVER}: {exc}")
    yield REDIS_SERVER
    client.close()


@pytest.fixture
def redis_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix unique to the test; every key under it is deleted afterwards."""
    import redis  # noqa: PLC0415

    prefix = f"newsarchive-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()
