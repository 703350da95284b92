"""An idle managed session runs in one task: the manager's runner serves its client itself."""

from __future__ import annotations

import pytest

from tests.integration.manager.conftest import manager_config
from tests.integration.tasks import tasks_under, until_idle
from waproto.manager import SessionManager
from waproto.store import MemoryStore
from waproto.testing import FakeServer, provision_store_device

pytestmark = pytest.mark.anyio


async def test_each_idle_managed_session_runs_in_one_task(server: FakeServer) -> None:
    store = MemoryStore()
    ids = ["a", "b", "c"]
    for index, session_id in enumerate(ids):
        await provision_store_device(server, store, session_id, f"155507100{index}")
    async with SessionManager(store, manager_config(server)) as manager:
        for session_id in ids:
            await manager.start(session_id, timeout=10)
        await until_idle("Supervisor._run", len(ids))
        assert tasks_under("Client.serve") == ([], [])
        await manager.stop("b")
        await until_idle("Supervisor._run", len(ids) - 1)
    assert tasks_under("Supervisor._run") == ([], [])
