"""Fixtures of the store tests: every contract test runs on memory, SQLite and PostgreSQL.

PostgreSQL tests need a server: set ``WAPROTO_TEST_POSTGRES_DSN`` (``.ci/postgres.sh``
starts a private one and exports it, as CI does); without it they skip. Each test
gets its own PostgreSQL schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from waproto.store import MemoryStore, PostgresStore, SQLiteStore

AnyStore = MemoryStore | SQLiteStore | PostgresStore

POSTGRES_DSN = os.environ.get("WAPROTO_TEST_POSTGRES_DSN")
NO_POSTGRES = "WAPROTO_TEST_POSTGRES_DSN is not set (source .ci/postgres.sh to start a server)"


@pytest.fixture
def anyio_backend() -> str:
    # The SQLite engine answers through asyncio futures; asyncpg is asyncio-only.
    return "asyncio"


async def drop_schema(schema: str) -> None:
    """Remove a test's PostgreSQL schema and everything in it."""
    import asyncpg

    conn = await asyncpg.connect(POSTGRES_DSN)
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        await conn.close()


@pytest.fixture
async def pg_schema() -> AsyncIterator[str]:
    """A fresh PostgreSQL schema name for one test (skips without a server)."""
    if not POSTGRES_DSN:
        pytest.skip(NO_POSTGRES)
    schema = f"waproto_test_{uuid.uuid4().hex[:12]}"
    yield schema
    await drop_schema(schema)


async def open_store(kind: str, tmp_path: Path, schema: str | None = None) -> AnyStore:
    """A fresh store of ``kind`` (``memory``, ``sqlite`` or ``postgres``)."""
    if kind == "memory":
        return MemoryStore()
    if kind == "sqlite":
        return await SQLiteStore.open(tmp_path / "store.db")
    if not POSTGRES_DSN:
        pytest.skip(NO_POSTGRES)
    assert schema is not None
    return await PostgresStore.open(POSTGRES_DSN, schema=schema)


@pytest.fixture(params=["memory", "sqlite", "postgres"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AnyStore]:
    schema = f"waproto_test_{uuid.uuid4().hex[:12]}"
    store = await open_store(request.param, tmp_path, schema)
    yield store
    await store.close()
    if request.param == "postgres":
        await drop_schema(schema)
