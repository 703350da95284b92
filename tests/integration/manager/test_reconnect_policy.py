"""Each close reason leads to its policy, measured by the server's connection log."""

from __future__ import annotations

import anyio
import pytest

from tests.integration.manager.conftest import ConnectionLog, manager_config
from waproto.connection import DisconnectReason
from waproto.events import Disconnected, LoggedOut
from waproto.manager import SessionManager, SessionState, SessionStateChanged
from waproto.manager._timers import TimerHeap, TimerKind
from waproto.store import MemoryStore
from waproto.testing import FakeServer, Fault, FaultKind, provision_store_device

pytestmark = pytest.mark.anyio

PHONE = "15550001"
JID = f"{PHONE}:1@s.whatsapp.net"


async def _wait_logins(connlog: ConnectionLog, count: int, timeout: float = 10.0) -> None:
    with anyio.fail_after(timeout):
        while connlog.count(PHONE) < count:
            await anyio.sleep(0.01)


async def _open_session(server: FakeServer, **overrides: object) -> tuple[SessionManager, MemoryStore]:
    store = MemoryStore()
    await provision_store_device(server, store, "s", PHONE)
    manager = SessionManager(store, manager_config(server, **overrides))
    return manager, store


@pytest.mark.parametrize(
    ("fault", "delay_name", "delay"),
    [
        (Fault(FaultKind.DROP), "timeout_delay", 0.3),
        (Fault(FaultKind.STREAM_ERROR, code=440), "conflict_delay", 0.4),
        (Fault(FaultKind.STREAM_ERROR, code=500), "default_delay", 0.2),
        (Fault(FaultKind.STREAM_END), "default_delay", 0.2),
    ],
    ids=["408-drop", "440-conflict", "500", "428-stream-end"],
)
async def test_transient_closes_reconnect_after_their_delay(
    server: FakeServer, connlog: ConnectionLog, fault: Fault, delay_name: str, delay: float
) -> None:
    manager, _ = await _open_session(server, reconnect={delay_name: delay})
    async with manager:
        await manager.start("s", timeout=10)
        assert server.fault(fault, JID) == 1
        await _wait_logins(connlog, 2)
        await manager.wait_state("s", [SessionState.OPEN], timeout=10)
        (gap,) = connlog.gaps(PHONE)
        assert gap >= delay
        assert connlog.overlaps == 0
        assert sum(manager.stats().reconnects_by_reason.values()) == 1


async def test_515_restarts_at_once_inside_the_same_session(
    server: FakeServer, connlog: ConnectionLog
) -> None:
    manager, _ = await _open_session(server, reconnect={"default_delay": 5.0, "timeout_delay": 5.0})
    async with manager:
        await manager.start("s", timeout=10)
        server.kick(JID, 515)
        await _wait_logins(connlog, 2, timeout=4.0)
        await manager.wait_state("s", [SessionState.OPEN], timeout=4)
        assert connlog.overlaps == 0


async def test_401_logs_out_for_good_and_keeps_credentials(
    server: FakeServer, connlog: ConnectionLog
) -> None:
    manager, store = await _open_session(server)
    changes: list[SessionStateChanged] = []
    closes: list[Disconnected] = []
    logouts: list[LoggedOut] = []
    async with manager:
        manager.add_handler(SessionStateChanged, changes.append)
        manager.add_handler(Disconnected, closes.append)
        manager.add_handler(LoggedOut, logouts.append)
        await manager.start("s", timeout=10)
        server.kick(JID, 401)
        await manager.wait_state("s", [SessionState.LOGGED_OUT], timeout=5)
        await anyio.sleep(0.3)
        assert connlog.count(PHONE) == 1
        # The typed close reaches the manager's handlers as the connection reported it.
        (closed,) = closes
        assert closed.close.device_removed and closed.reason is DisconnectReason.LOGGED_OUT
        assert len(logouts) == 1 and not logouts[0].on_connect
        assert await store.device("s").get_credentials() is not None
        assert changes[-1].new == "logged_out" and changes[-1].session_id == "s"
        with pytest.raises(Exception, match="logged out"):
            await manager.start("s")
    async with SessionManager(store, manager_config(server)) as again:
        assert again.state("s") is SessionState.LOGGED_OUT
        await again.remove("s")
        assert "s" not in await store.list_devices()


@pytest.mark.parametrize("code", [403, 405])
async def test_403_and_405_stop_with_a_reason(server: FakeServer, connlog: ConnectionLog, code: int) -> None:
    manager, _ = await _open_session(server)
    async with manager:
        await manager.start("s", timeout=10)
        server.kick(JID, code)
        await manager.wait_state("s", [SessionState.FAILED], timeout=5)
        await anyio.sleep(0.3)
        assert connlog.count(PHONE) == 1
        assert manager.sessions()["s"].reason.startswith(str(code))


async def test_440_storm_stops_in_replaced_after_max_conflict_retries(
    server: FakeServer, connlog: ConnectionLog
) -> None:
    manager, _ = await _open_session(server, reconnect={"conflict_delay": 0.05, "max_conflict_retries": 2})
    async with manager:
        await manager.start("s", timeout=10)

        async def storm() -> None:
            # Another device keeps taking over: every login of ours is replaced at once.
            seen = 0
            while True:
                if connlog.count(PHONE) > seen and manager.state("s") is SessionState.OPEN:
                    seen = connlog.count(PHONE)
                    server.kick(JID, 440)
                await anyio.sleep(0.005)

        async with anyio.create_task_group() as group:
            group.start_soon(storm)
            await manager.wait_state("s", [SessionState.REPLACED], timeout=10)
            await anyio.sleep(0.3)
            group.cancel_scope.cancel()
        assert connlog.count(PHONE) - 1 == 2
        assert manager.stats().reconnects_by_reason == {"440": 2}


async def test_backoff_grows_per_failure_and_resets_after_login(
    server: FakeServer, connlog: ConnectionLog
) -> None:
    drawn: list[tuple[float, float]] = []

    def uniform(a: float, b: float) -> float:
        drawn.append((a, b))
        return b

    store = MemoryStore()
    await provision_store_device(server, store, "s", PHONE)
    config = manager_config(server, reconnect={"default_delay": 0.05, "factor": 2.0, "jitter": True})
    async with SessionManager(store, config, uniform=uniform) as manager:
        await manager.start("s", timeout=10)
        for n in range(2, 4):
            server.kick(JID, 500)
            await _wait_logins(connlog, n)
            await manager.wait_state("s", [SessionState.OPEN], timeout=5)
        # Each login reset the failure count, so every delay started from the base.
        assert drawn == [] and manager.sessions()["s"].failures == 0
        assert manager.sessions()["s"].reconnects == 2


async def test_min_restart_interval_throttles_recreation(
    server: FakeServer, connlog: ConnectionLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The restart is scheduled on the manager's timer heap: check the due time it asks for
    # against the client's creation time (both the manager's own clock), not elapsed time.
    scheduled: list[tuple[float, TimerKind]] = []
    original = TimerHeap.schedule

    def record(
        self: TimerHeap, when: float, kind: TimerKind, session_id: str = "", generation: int = 0
    ) -> None:
        scheduled.append((when, kind))
        original(self, when, kind, session_id, generation)

    monkeypatch.setattr(TimerHeap, "schedule", record)
    manager, _ = await _open_session(server, min_restart_interval=0.5, reconnect={"timeout_delay": 0.0})
    async with manager:
        await manager.start("s", timeout=10)
        created = manager._sessions["s"].created_at
        assert created is not None
        server.fault(Fault(FaultKind.DROP), JID)
        await _wait_logins(connlog, 2)
        starts = [when for when, kind in scheduled if kind is TimerKind.START]
        assert starts and starts[0] >= created + 0.5
