"""SIGTERM and SIGINT to a process running a SessionManager: it exits by itself, nothing lost.

The child runs three sessions on one SQLite file, queues messages on each and is stopped
by a real signal right away. It must exit with status 0 (bounded by the test's deadline,
not timed; ``benchmarks/shutdown.py`` measures the time) after reporting every session
stopped and the store closed. While it is down the peer writes to each session. Restarted,
the child resumes the sessions and their queues: the peer receives every queued message
and each session receives what was sent to it while it was down.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import anyio
import pytest
from anyio.abc import Process

from tests.integration.client.conftest import EventLog, client_config, pair_by_qr
from tests.integration.manager.conftest import manager_config
from tests.integration.processes import ENV, Lines
from waproto import Client, Message, SessionManager
from waproto.store import MemoryStore, SQLiteStore
from waproto.testing import FakeServer, provision_store_device

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

#: The child: a manager running the named sessions; prints JSON lines (queued, message, ready, closed).
CHILD = """
import json, sys
import anyio
from waproto import ClientConfig, ManagerConfig, Message, SessionManager
from waproto.errors import InvalidState
from waproto.store import SQLiteStore

def say(event: str, **fields: object) -> None:
    print(json.dumps({"event": event, **fields}), flush=True)

async def main() -> None:
    url, root, db, to, count, *sessions = sys.argv[1:]
    client = ClientConfig(url=url, trust_root=root, connect_timeout=10, query_timeout=10)
    async with SQLiteStore.open(db) as store:
        manager = SessionManager(store, ManagerConfig(client=client))

        @manager.on(Message)
        def received(event: Message) -> None:
            say("message", session=event.session_id, id=event.info.id, text=event.text)

        async def body(running: SessionManager) -> None:
            for name in sessions:
                await running.start(name)
            for name in sessions:
                for i in range(int(count)):
                    queued = await running.send_text(name, to, f"{name} {i}")
                    say("queued", id=queued.message_id)
            say("ready")
            await running.run_forever()

        stopped_by = await manager.run_until_signal(body)
        states = {name: stats.state for name, stats in manager.sessions().items()}
    try:
        await store.list_devices()
        closed = False
    except InvalidState:
        closed = True
    say("closed", signal=stopped_by, states=states, store_closed=closed)

anyio.run(main)
"""

BOTS = {"bot1": "15559300001", "bot2": "15559300003", "bot3": "15559300004"}
PEER = "15559300002"


async def _stop(child: Process, lines: Lines, signum: signal.Signals) -> None:
    """Signal the child; it reports every session stopped and the store closed, then exits 0."""
    child.send_signal(signum)
    closed = await lines.until("closed")
    assert closed["signal"] == signum
    assert closed["store_closed"] is True
    assert set(closed["states"]) == set(BOTS)
    assert all(state in {"closed", "stopped"} for state in closed["states"].values()), closed
    assert await child.wait() == 0


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_manager_process_stops_on_a_signal_and_loses_nothing(
    signum: signal.Signals, tmp_path: Path
) -> None:
    async with FakeServer() as server:
        db = tmp_path / "manager.db"
        async with SQLiteStore.open(db) as store:
            for name, phone in BOTS.items():
                server.create_account(phone)
                await provision_store_device(server, store, name, phone)
        server.create_account(PEER)
        peer = Client(MemoryStore(), config=client_config(server))
        await pair_by_qr(server, peer, PEER)
        try:
            inbox = EventLog(peer, Message)
            argv = [sys.executable, "-c", CHILD, server.ws_url, server.root_public_key.hex(), str(db)]
            argv.append(f"{PEER}@s.whatsapp.net")
            with anyio.fail_after(90):
                async with await anyio.open_process([*argv, "20", *BOTS], env=ENV) as child:
                    lines = Lines(child)
                    queued = []
                    while (event := await lines.next())["event"] != "ready":
                        if event["event"] == "queued":
                            queued.append(event["id"])
                    await _stop(child, lines, signum)
                assert len(set(queued)) == 20 * len(BOTS)
                # Written while the process is down: delivered after the restart.
                away = {
                    (await peer.send_text(f"{phone}@s.whatsapp.net", "while down")).id
                    for phone in BOTS.values()
                }
                # Restarted without new work: the resumed sessions send what was still queued.
                async with await anyio.open_process([*argv, "0", *BOTS], env=ENV) as child:
                    lines = Lines(child)
                    arrived = set()
                    while not away <= arrived:
                        event = await lines.next()
                        if event["event"] == "message":
                            arrived.add(event["id"])
                    while not set(queued) <= {m.info.id for m in inbox.events}:
                        await anyio.sleep(0.05)
                    await _stop(child, lines, signum)
            assert sorted({m.info.id for m in inbox.events}) == sorted(queued)
        finally:
            await peer.aclose()


class CountingStore(MemoryStore):
    """Counts the listeners a manager has registered and not yet removed; removing one does
    I/O (a checkpoint), as PostgreSQL's ``UNLISTEN`` does."""

    def __init__(self) -> None:
        super().__init__()
        self.listening = 0

    async def listen(self, callback: Callable[[str, str], None]) -> Callable[[], Awaitable[None]]:
        stop = await super().listen(callback)
        self.listening += 1

        async def counted() -> None:
            await anyio.sleep(0)
            await stop()
            self.listening -= 1

        return counted


async def test_a_cancelled_shutdown_still_stops_listening(server: FakeServer) -> None:
    """A signal cancels the task that closes the manager: its store listener is still removed
    (on PostgreSQL a listener holds a pooled connection, and closing the pool waits for it)."""
    store = CountingStore()
    with anyio.CancelScope() as scope:
        async with SessionManager(store, manager_config(server), host_id="host-a"):
            assert store.listening == 1
            scope.cancel()
            await anyio.sleep_forever()
    assert store.listening == 0
