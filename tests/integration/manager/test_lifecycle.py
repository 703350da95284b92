"""Lifecycle and ready-state validation of SessionManager against FakeServer."""

from __future__ import annotations

import contextlib

import anyio
import pytest

from tests.integration.manager.conftest import ConnectionLog, manager_config
from waproto import ConnectionClosed, Message
from waproto.manager import SessionManager, SessionState
from waproto.store import MemoryStore
from waproto.testing import FakeServer, Fault, FaultKind, provision_store_device

pytestmark = pytest.mark.anyio


async def test_start_logs_in_and_returns_the_open_client(server: FakeServer, connlog: ConnectionLog) -> None:
    store = MemoryStore()
    await provision_store_device(server, store, "alice", "15550001")
    async with SessionManager(store, manager_config(server)) as manager:
        client = await manager.start("alice", timeout=10)
        assert manager.state("alice") is SessionState.OPEN
        assert await manager.start("alice") is client
        assert connlog.count("15550001") == 1


async def test_fifty_concurrent_starts_make_one_connection(
    server: FakeServer, connlog: ConnectionLog
) -> None:
    store = MemoryStore()
    await provision_store_device(server, store, "alice", "15550001")
    async with SessionManager(store, manager_config(server)) as manager:
        clients: list[object] = []

        async def start() -> None:
            clients.append(await manager.start("alice", timeout=10))

        async with anyio.create_task_group() as group:
            for _ in range(50):
                group.start_soon(start)
        assert len(clients) == 50 and len({id(c) for c in clients}) == 1
        assert connlog.count("15550001") == 1 and connlog.overlaps == 0


async def test_starts_during_reconnects_never_duplicate(server: FakeServer, connlog: ConnectionLog) -> None:
    store = MemoryStore()
    await provision_store_device(server, store, "alice", "15550001")
    config = manager_config(server, reconnect={"timeout_delay": 0.02, "default_delay": 0.02})
    async with SessionManager(store, config) as manager:
        await manager.start("alice", timeout=10)
        stop = anyio.Event()

        async def hammer() -> None:
            while not stop.is_set():
                # An attempt the hammer waited for may be dropped: keep asking.
                with contextlib.suppress(ConnectionClosed):
                    await manager.start("alice", timeout=10)
                await anyio.sleep(0)

        async with anyio.create_task_group() as group:
            for _ in range(50):
                group.start_soon(hammer)
            for n in range(2, 12):
                with anyio.fail_after(10):
                    while manager.state("alice") is not SessionState.OPEN:
                        await anyio.sleep(0.005)
                server.fault(Fault(FaultKind.DROP), "15550001:1@s.whatsapp.net")
                with anyio.fail_after(10):
                    while connlog.count("15550001") < n:
                        await anyio.sleep(0.005)
            stop.set()
        assert connlog.count("15550001") == 11
        assert connlog.overlaps == 0


async def test_stop_persists_and_a_new_manager_resumes_running_sessions(
    server: FakeServer, connlog: ConnectionLog
) -> None:
    store = MemoryStore()
    await provision_store_device(server, store, "a", "15550001")
    await provision_store_device(server, store, "b", "15550002")
    async with SessionManager(store, manager_config(server)) as manager:
        await manager.start("a", timeout=10)
        await manager.start("b", timeout=10)
        await manager.stop("b")
        assert manager.state("b") is SessionState.STOPPED
        assert manager.get("b") is None
        assert connlog.open_now() == 1
    assert connlog.open_now() == 0
    async with SessionManager(store, manager_config(server)) as again:
        await again.wait_state("a", [SessionState.OPEN], timeout=10)
        assert again.state("b") is SessionState.STOPPED
        assert set(again.sessions()) == {"a", "b"}
        assert connlog.count("15550001") == 2 and connlog.count("15550002") == 1


async def test_restart_and_maximum_session_age(server: FakeServer, connlog: ConnectionLog) -> None:
    store = MemoryStore()
    await provision_store_device(server, store, "a", "15550001")
    config = manager_config(server, max_session_age=0.3, watchdog_interval=0.05)
    async with SessionManager(store, config) as manager:
        first = await manager.start("a", timeout=10)
        second = await manager.restart("a", timeout=10)
        assert second is not first
        with anyio.fail_after(10):
            while connlog.count("15550001") < 4:
                await anyio.sleep(0.01)
        await manager.wait_state("a", [SessionState.OPEN], timeout=10)
        assert manager.stats().reconnects_by_reason.get("age", 0) >= 2
        assert connlog.overlaps == 0


async def test_events_carry_the_session_id(server: FakeServer) -> None:
    store = MemoryStore()
    await provision_store_device(server, store, "a", "15550001")
    await provision_store_device(server, store, "b", "15550002")
    async with SessionManager(store, manager_config(server)) as manager:
        received: list[Message] = []
        got = anyio.Event()

        @manager.on(Message)
        def on_message(event: Message) -> None:
            received.append(event)
            got.set()

        await manager.start("a", timeout=10)
        await manager.start("b", timeout=10)
        queued = await manager.send_text("a", "15550002@s.whatsapp.net", "hello b")
        with anyio.fail_after(10):
            await got.wait()
        (event,) = received
        assert event.session_id == "b" and event.text == "hello b" and event.info.id == queued.message_id
        stats = manager.stats()
        assert stats.messages_in == 1 and stats.messages_out == 1


async def test_unpaired_session_returns_while_pairing(server: FakeServer) -> None:
    from waproto import QRCode

    server.create_account("15550009")
    store = MemoryStore()
    async with SessionManager(store, manager_config(server)) as manager:
        codes: list[QRCode] = []
        manager.add_handler(QRCode, codes.append)
        client = await manager.start("new", timeout=10)
        assert not client.is_paired and manager.state("new") is SessionState.CONNECTING
        with anyio.fail_after(10):
            while not codes:
                await anyio.sleep(0.01)
        assert codes[0].session_id == "new"
        server.scan_qr("15550009", codes[0].code)
        await manager.wait_state("new", [SessionState.OPEN], timeout=10)
        assert manager.get("new") is client and client.is_paired
