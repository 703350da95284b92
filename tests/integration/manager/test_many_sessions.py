"""100 sessions in one process survive 20 random connection drops each, losing and duplicating nothing."""

from __future__ import annotations

import random
import time
from collections import Counter

import anyio
import pytest

from tests.integration.manager.conftest import ConnectionLog, manager_config
from waproto import Message
from waproto.manager import QueuedMessageFailed, SessionManager, SessionState
from waproto.store import MemoryStore
from waproto.testing import FakeServer, Fault, FaultKind, provision_store_device

pytestmark = pytest.mark.anyio

SESSIONS = 100
DROPS = 20
MESSAGES_PER_ROUND = 10


def _phone(index: int) -> str:
    return f"1555200{index:04d}"


async def _until(predicate: object, timeout: float) -> None:
    with anyio.fail_after(timeout):
        while not predicate():  # type: ignore[operator]
            await anyio.sleep(0.005)


async def test_hundred_sessions_survive_twenty_drops_each(server: FakeServer, connlog: ConnectionLog) -> None:
    rng = random.Random(6)
    store = MemoryStore()
    ids = [f"s{i:03d}" for i in range(SESSIONS)]
    for index, session_id in enumerate(ids):
        await provision_store_device(server, store, session_id, _phone(index))
    config = manager_config(
        server,
        reconnect={"timeout_delay": 0.02, "jitter": True, "max_delay": 0.5},
        watchdog_interval=1.0,
    )
    began = time.perf_counter()
    async with SessionManager(store, config, uniform=rng.uniform) as manager:
        received: Counter[tuple[str, str]] = Counter()
        failed: list[QueuedMessageFailed] = []
        manager.add_handler(Message, lambda e: received.update([(e.session_id, e.info.id)]))
        manager.add_handler(QueuedMessageFailed, failed.append)
        async with anyio.create_task_group() as group:
            for session_id in ids:
                group.start_soon(manager.start, session_id)
        expected: list[tuple[str, str]] = []
        drops = Counter[str]()
        for _ in range(DROPS):
            for _ in range(MESSAGES_PER_ROUND):
                sender, target = rng.sample(range(SESSIONS), 2)
                queued = await manager.send_text(ids[sender], f"{_phone(target)}@s.whatsapp.net", "hi")
                expected.append((ids[target], queued.message_id))
            for index in rng.sample(range(SESSIONS), SESSIONS):
                session_id = ids[index]
                await manager.wait_state(session_id, [SessionState.OPEN], timeout=20)
                assert server.fault(Fault(FaultKind.DROP), f"{_phone(index)}:1@s.whatsapp.net") == 1
                drops[session_id] += 1
                await anyio.sleep(rng.uniform(0, 0.002))
        await _until(lambda: all(manager.state(s) is SessionState.OPEN for s in ids), 30)
        await _until(lambda: not manager.stats().queue_lengths, 30)
        await _until(lambda: sum(received.values()) >= len(expected), 30)
        await anyio.sleep(0.3)
        stats = manager.stats()
    elapsed = time.perf_counter() - began
    logins = sum(len(h) for h in connlog.logins.values())
    print(
        f"\n{SESSIONS} sessions x {DROPS} drops: {logins} logins, reconnects {stats.reconnects_by_reason}, "
        f"{len(expected)} messages, {elapsed:.1f} s"
    )
    assert set(drops.values()) == {DROPS}
    assert not failed
    assert received == Counter(expected)
    assert connlog.overlaps == 0
    assert logins == SESSIONS * (DROPS + 1)
    assert sum(stats.reconnects_by_reason.values()) == SESSIONS * DROPS
