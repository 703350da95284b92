"""An idle logged-in client runs in one task: the serve task reads its connection itself.

Handler tasks exist only while there is work (nodes queued, post-login work, a prune);
a lone client's hourly prune waits on the shared loop schedule, not in a task.
"""

from __future__ import annotations

import anyio
import pytest

from tests.integration.client.conftest import client_config
from tests.integration.tasks import tasks_under, until_idle
from waproto import Client
from waproto.connection import ReadyState
from waproto.store import MemoryStore
from waproto.testing import FakeServer
from waproto.testing.provision import provision_store_device

pytestmark = pytest.mark.anyio

SERVE = "Client.serve"


async def _provisioned(server: FakeServer, phone: str) -> MemoryStore:
    store = MemoryStore()
    server.create_account(phone)
    await provision_store_device(server, store, "default", phone)
    return store


async def test_an_idle_logged_in_client_runs_in_one_task(server: FakeServer) -> None:
    async with Client(await _provisioned(server, "15550701"), config=client_config(server)) as client:
        await client.wait_connected()
        await until_idle(SERVE, 1)
    assert tasks_under(SERVE) == ([], [])


async def test_a_client_served_in_a_task_group_runs_in_that_one_task(server: FakeServer) -> None:
    client = Client(await _provisioned(server, "15550702"), config=client_config(server))
    async with anyio.create_task_group() as group:
        await group.start(client.serve)
        assert client.ready_state is ReadyState.OPEN
        await until_idle(SERVE, 1)
        await client.aclose()
    assert tasks_under(SERVE) == ([], [])
