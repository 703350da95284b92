"""Fixtures of the store tests: every contract test runs on both stores."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from waproto.store import MemoryStore, SQLiteStore

AnyStore = MemoryStore | SQLiteStore


@pytest.fixture
def anyio_backend() -> str:
    # The SQLite engine answers through asyncio futures.
    return "asyncio"


@pytest.fixture(params=["memory", "sqlite"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AnyStore]:
    store: AnyStore
    if request.param == "memory":
        store = MemoryStore()
    else:
        store = await SQLiteStore.open(tmp_path / "store.db")
    yield store
    await store.close()
