"""Lifecycle and ready-state validation of SessionManager against FakeServer."""

from __future__ import annotations

import anyio
import pytest

from tests.integration.manager.conftest import ConnectionLog, manager_config
from waproto import Message
from waproto.manager import SessionManager, SessionState
from waproto.store import MemoryStore
from waproto.testing import FakeServer, provision_store_device

pytestmark = pytest.mark.anyio


async def test_start_logs_in_and_returns_the_open_client(server: FakeServer, connlog: ConnectionLog) -> None:
    store = MemoryStore()
    await provision_store_device(server, store, "alice", "15550001")
    async with SessionManager(store, manager_config(server)) as manager:
        client = await manager.start("alice", timeout=10)
        assert manager.state("alice") is SessionState.OPEN
        assert await manager.start("alice") is client
        assert connlog.count("15550001") == 1
