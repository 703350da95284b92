"""Two hosts (two managers, each with its own store connection) share one database.

Each device is run by at most one host: the other stands by, takes over when the
lease is given up or expires, and a host that cannot renew closes the device's
connection before its lease runs out and does not take it back; any host may queue
messages, which the leaseholder sends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import pytest

from tests.integration.manager.conftest import ConnectionLog, manager_config
from tests.unit.store.conftest import POSTGRES_DSN, drop_schema
from waproto import Client, Message
from waproto.errors import InvalidState, StoreError
from waproto.manager import QueuedMessageSent, RemoteSession, SessionManager, SessionState
from waproto.manager._session import QUEUE_NAMESPACE
from waproto.store import Lease, MemoryStore, PostgresStore, SQLiteStore
from waproto.testing import FakeServer, provision_store_device

pytestmark = pytest.mark.anyio

TTL = 2.5

Stores = tuple[SQLiteStore | PostgresStore, SQLiteStore | PostgresStore]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(params=["sqlite", "postgres"])
async def two_hosts(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Stores]:
    """Two store objects (two hosts' connections) on one database."""
    if request.param == "sqlite":
        path = tmp_path / "shared.db"
        async with SQLiteStore.open(path) as a, SQLiteStore.open(path) as b:
            yield a, b
        return
    if not POSTGRES_DSN:
        pytest.skip("WAPROTO_TEST_POSTGRES_DSN is not set (source .ci/postgres.sh to start a server)")
    schema = f"waproto_test_leases_{id(request)}"
    async with PostgresStore.open(POSTGRES_DSN, schema=schema) as a, PostgresStore.open(
        POSTGRES_DSN, schema=schema
    ) as b:
        yield a, b
    await drop_schema(schema)


class _Unreachable(Exception):
    pass


async def _wait_state(manager: SessionManager, session_id: str, state: SessionState) -> None:
    with anyio.fail_after(30):
        while manager.state(session_id) is not state:
            await anyio.sleep(0.01)


@asynccontextmanager
async def _alice_on_host_a(
    server: FakeServer, stores: Stores
) -> AsyncIterator[tuple[SessionManager, SessionManager]]:
    """Managers of host A and host B; alice runs on A, B's start of it stands by."""
    store_a, store_b = stores
    await provision_store_device(server, store_a, "alice", "15550001")
    config = manager_config(server, lease_ttl=TTL)
    async with SessionManager(store_a, config, host_id="host-a") as a, SessionManager(
        store_b, config, host_id="host-b"
    ) as b:
        assert isinstance(await a.start("alice", timeout=10), Client)
        remote = await b.start("alice", timeout=10)
        assert remote == RemoteSession("alice", "host-a", remote._send)
        assert b.state("alice") is SessionState.BACKOFF  # standing by
        yield a, b


async def test_a_device_runs_on_one_host_and_moves_when_it_stops(
    server: FakeServer, connlog: ConnectionLog, two_hosts: Stores
) -> None:
    async with _alice_on_host_a(server, two_hosts) as (a, b):
        await anyio.sleep(TTL)  # renewals keep it on host A
        assert a.state("alice") is SessionState.OPEN and connlog.count("15550001") == 1
        await a.stop("alice")
        await _wait_state(b, "alice", SessionState.OPEN)
        assert connlog.overlaps == 0


async def test_a_host_that_cannot_renew_closes_first_and_stays_off(
    server: FakeServer, connlog: ConnectionLog, two_hosts: Stores, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_a, store_b = two_hosts
    async with _alice_on_host_a(server, two_hosts) as (a, b):
        held = await store_a.get_lease("alice")
        assert held is not None and held.owner == "host-a"

        async def unreachable(leases: Sequence[Lease], ttl: float) -> list[Lease]:
            raise StoreError("store unreachable")

        monkeypatch.setattr(store_a, "renew_leases", unreachable)
        await _wait_state(a, "alice", SessionState.BACKOFF)  # closed by host A itself...
        closed_at = anyio.current_time()
        lease = await store_b.get_lease("alice")
        assert lease is not None and lease.owner == "host-a"  # ...while its lease still held
        await _wait_state(b, "alice", SessionState.OPEN)
        assert anyio.current_time() - closed_at < 3 * TTL
        # Host A never got the device back, and its stale writes are refused.
        taken = await store_b.get_lease("alice")
        assert taken is not None and taken.owner == "host-b" and taken.epoch > held.epoch
        await anyio.sleep(TTL)
        assert a.state("alice") is SessionState.BACKOFF and b.state("alice") is SessionState.OPEN
        # Its client is closed, so host A's store no longer fences the device: it may
        # queue messages for host B to send (the store tests show fenced writes refused).
        await store_a.device("alice").put("ns", "k", b"queued from host a")
        assert connlog.overlaps == 0


async def test_host_id_needs_a_lease_store() -> None:
    class NoLeases:
        pass

    with pytest.raises(InvalidState):
        SessionManager(NoLeases(), host_id="h")  # type: ignore[arg-type]
    SessionManager(MemoryStore(), host_id="h")


async def test_any_host_queues_and_the_leaseholder_sends(server: FakeServer, two_hosts: Stores) -> None:
    store_a, _ = two_hosts
    await provision_store_device(server, store_a, "bob", "15550002")
    async with _alice_on_host_a(server, two_hosts) as (a, b):
        sent: list[str] = []
        a.on(QueuedMessageSent)(lambda event: sent.append(event.message_id))
        await a.start("bob", timeout=10)
        queued = [await b.send_text("alice", "15550002@s.whatsapp.net", f"from host b {i}") for i in range(3)]
        assert [q.position for q in queued] == [0, 0, 0]
        with anyio.fail_after(20):
            while len(sent) < 3:
                await anyio.sleep(0.01)
        assert sorted(sent) == sorted(q.message_id for q in queued)
        assert await store_a.device("alice").items(QUEUE_NAMESPACE) == {}


async def test_start_from_any_host_runs_the_session_where_it_is_leased(
    server: FakeServer, connlog: ConnectionLog, two_hosts: Stores
) -> None:
    store_a, store_b = two_hosts
    await provision_store_device(server, store_a, "bob", "15550002")
    async with _alice_on_host_a(server, two_hosts) as (a, b):
        assert await b.start("alice") == RemoteSession("alice", "host-a", b._enqueue)  # still standing by
        # Nobody holds bob's lease: the host that starts it runs it; the other gets a handle.
        assert isinstance(await b.start("bob", timeout=10), Client)
        on_a = await a.start("bob", timeout=10)
        assert isinstance(on_a, RemoteSession) and on_a.host == "host-b"
        received: list[tuple[str | None, str]] = []
        b.on(Message)(lambda event: received.append((event.session_id, event.text or "")))
        sent: list[str] = []
        a.on(QueuedMessageSent)(lambda event: sent.append(event.message_id))
        # Sent through the handle on host B, by host A (alice's leaseholder), to bob on host B.
        remote_alice = await b.start("alice")
        assert isinstance(remote_alice, RemoteSession)
        queued = await remote_alice.send_text("15550002@s.whatsapp.net", "via host b")
        with anyio.fail_after(20):
            while ("bob", "via host b") not in received:
                await anyio.sleep(0.01)
        assert sent == [queued.message_id]
        # Host A gives alice up (stop, or shutting down): host B, standing by, takes her over.
        await a.stop("alice")
        await _wait_state(b, "alice", SessionState.OPEN)
        assert isinstance(await b.start("alice"), Client)
        lease = await store_b.get_lease("alice")
        assert lease is not None and lease.owner == "host-b"
        assert connlog.overlaps == 0


async def test_hosts_that_hear_each_other_take_a_given_up_lease_at_once(
    server: FakeServer, connlog: ConnectionLog, two_hosts: Stores
) -> None:
    store_a, store_b = two_hosts
    if not isinstance(store_a, PostgresStore):
        pytest.skip("only PostgreSQL tells other hosts (NOTIFY); the others wait for the lease to expire")
    await provision_store_device(server, store_a, "alice", "15550001")
    # A lease that outlives the test: only the notification can move alice in time.
    config = manager_config(server, lease_ttl=600.0)
    async with SessionManager(store_a, config, host_id="host-a") as a, SessionManager(
        store_b, config, host_id="host-b"
    ) as b:
        await a.start("alice", timeout=10)
        assert isinstance(await b.start("alice", timeout=10), RemoteSession)
        await a.stop("alice")
        await _wait_state(b, "alice", SessionState.OPEN)
        assert connlog.overlaps == 0
