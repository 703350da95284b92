"""An idle logged-in client runs in one task: the serve task reads its connection itself.

Handler tasks exist only while there is work (nodes queued, post-login work, a prune);
a lone client's hourly prune waits on the shared loop schedule, not in a task.
"""

from __future__ import annotations

import anyio
import pytest
from anyio import TaskInfo

from tests.integration.client.conftest import client_config
from waproto import Client
from waproto.connection import ReadyState
from waproto.store import MemoryStore
from waproto.testing import FakeServer
from waproto.testing.provision import provision_store_device

pytestmark = pytest.mark.anyio


def _client_tasks() -> list[TaskInfo]:
    """The running serve tasks and every task they started, directly or not.

    (The test's own task also hosts the FakeServer's tasks, so the client's are found
    from its serve task down.)
    """
    tasks = anyio.get_running_tasks()
    found = [t for t in tasks if t.name is not None and t.name.endswith("Client.serve")]
    parents = {t.id for t in found}
    while parents:
        children = [t for t in tasks if t.parent_id in parents]
        found += children
        parents = {t.id for t in children}
    return found


async def _until_idle() -> TaskInfo:
    """The client's one task, once its post-login work has ended (it does by itself)."""
    with anyio.fail_after(10):
        while len(tasks := _client_tasks()) != 1:
            await anyio.sleep(0.01)
    return tasks[0]


async def test_an_idle_logged_in_client_runs_in_one_task(server: FakeServer) -> None:
    store = MemoryStore()
    server.create_account("15550701")
    await provision_store_device(server, store, "default", "15550701")
    async with Client(store, config=client_config(server)) as client:
        await client.wait_connected()
        task = await _until_idle()
        assert task.name is not None and task.name.endswith("Client.serve")
    assert _client_tasks() == []


async def test_a_client_served_in_a_task_group_runs_in_that_one_task(server: FakeServer) -> None:
    store = MemoryStore()
    server.create_account("15550702")
    await provision_store_device(server, store, "default", "15550702")
    client = Client(store, config=client_config(server))
    async with anyio.create_task_group() as group:
        await group.start(client.serve)
        assert client.ready_state is ReadyState.OPEN
        task = await _until_idle()
        assert task.name is not None and task.name.endswith("Client.serve")
        await client.aclose()
    assert _client_tasks() == []
