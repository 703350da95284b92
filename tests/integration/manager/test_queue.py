"""The outbound queue: persistence, ids kept on resend, rate limits under a burst, bounds, caches, stats."""

from __future__ import annotations

import anyio
import pytest

from tests.integration.manager.conftest import manager_config
from waproto import Message, QueueFull
from waproto.manager import (
    Enqueued,
    MemoryBudgetExceeded,
    QueuedMessageFailed,
    QueuedMessageSent,
    SessionManager,
    SessionState,
)
from waproto.proto import wa_e2e_pb2
from waproto.store import MemoryStore
from waproto.testing import FakeServer, Fault, FaultKind, provision_store_device

pytestmark = pytest.mark.anyio

A, B = "15550001", "15550002"
B_JID = f"{B}@s.whatsapp.net"


async def _two_sessions(server: FakeServer) -> MemoryStore:
    store = MemoryStore()
    await provision_store_device(server, store, "a", A)
    await provision_store_device(server, store, "b", B)
    return store


class Inbox:
    def __init__(self, manager: SessionManager) -> None:
        self.ids: list[str] = []
        self.sent: list[QueuedMessageSent] = []
        self.failed: list[QueuedMessageFailed] = []
        manager.add_handler(Message, lambda e: self.ids.append(e.info.id))
        manager.add_handler(QueuedMessageSent, self.sent.append)
        manager.add_handler(QueuedMessageFailed, self.failed.append)

    async def wait(self, count: int, timeout: float = 15.0) -> None:
        with anyio.fail_after(timeout):
            while len(self.ids) < count:
                await anyio.sleep(0.01)


async def test_queued_messages_survive_a_restart_and_keep_their_ids(server: FakeServer) -> None:
    store = await _two_sessions(server)
    async with SessionManager(store, manager_config(server)) as manager:
        await manager.start("a", timeout=10)
        await manager.stop("a")
        queued = [await manager.send_text("a", B_JID, f"m{i}") for i in range(3)]
        assert [q.position for q in queued] == [1, 2, 3]
        assert manager.stats().queue_lengths == {"a": 3}
    async with SessionManager(store, manager_config(server)) as again:
        inbox = Inbox(again)
        assert again.sessions()["a"].queue_length == 3
        await again.start("b", timeout=10)
        await again.start("a", timeout=10)
        await inbox.wait(3)
        await anyio.sleep(0.2)
        assert inbox.ids == [q.message_id for q in queued]
        assert again.stats().queue_lengths == {}
        assert await store.device("a").items("waproto.manager.queue") == {}


async def test_a_message_resent_after_a_crash_keeps_its_id_and_arrives_once(server: FakeServer) -> None:
    store = await _two_sessions(server)
    async with SessionManager(store, manager_config(server)) as manager:
        inbox = Inbox(manager)
        await manager.start("b", timeout=10)
        await manager.start("a", timeout=10)
        # The server routes the message but holds its ack; the process dies before it arrives.
        server.fault(Fault(FaultKind.DELAY, delay=1.0), f"{A}:1@s.whatsapp.net")
        queued = await manager.send_text("a", B_JID, "exactly once")
        await inbox.wait(1)
        assert not inbox.sent
    async with SessionManager(store, manager_config(server)) as again:
        after = Inbox(again)
        await again.wait_state("a", [SessionState.OPEN], timeout=10)
        with anyio.fail_after(10):
            while not after.sent:
                await anyio.sleep(0.01)
        await anyio.sleep(0.3)
        assert after.sent[0].message_id == queued.message_id
        assert (inbox.ids + after.ids).count(queued.message_id) == 1
        assert not after.failed


async def test_rate_limits_hold_under_a_burst_of_500(server: FakeServer) -> None:
    store = MemoryStore()
    await provision_store_device(server, store, "a", A)
    recipients = [f"1555010{i:02d}" for i in range(10)]
    for phone in recipients:
        server.create_account(phone)
    window, per_recipient, per_session = 0.2, 10, 30
    config = manager_config(
        server,
        queue_size=500,
        rate_window=window,
        recipient_rate_limit=per_recipient,
        session_rate_limit=per_session,
    )
    async with SessionManager(store, config) as manager:
        inbox = Inbox(manager)
        await manager.start("a", timeout=10)
        # 200 to the first recipient, 300 spread over nine others.
        targets = [recipients[0]] * 200 + [recipients[1 + i % 9] for i in range(300)]
        batch = [(f"{p}@s.whatsapp.net", wa_e2e_pb2.Message(conversation="x")) for p in targets]
        results = await manager.send_batch("a", batch)
        assert all(isinstance(r, Enqueued) for r in results)
        with anyio.fail_after(30):
            while len(inbox.sent) < 500:
                await anyio.sleep(0.02)
    assert not inbox.failed

    def max_in_window(times: list[float]) -> int:
        times = sorted(times)
        best, low = 0, 0
        for high, t in enumerate(times):
            while times[low] <= t - window:
                low += 1
            best = max(best, high - low + 1)
        return best

    assert max_in_window([s.started_at for s in inbox.sent]) <= per_session
    for phone in recipients:
        to = f"{phone}@s.whatsapp.net"
        assert max_in_window([s.started_at for s in inbox.sent if s.to == to]) <= per_recipient
    first = [s.started_at for s in inbox.sent if s.to == f"{recipients[0]}@s.whatsapp.net"]
    assert max(first) - min(first) >= (200 / per_recipient - 1) * window * 0.99


async def test_a_full_queue_refuses_instead_of_dropping(server: FakeServer) -> None:
    store = await _two_sessions(server)
    async with SessionManager(store, manager_config(server, queue_size=3)) as manager:
        await manager.start("a", timeout=10)
        await manager.stop("a")
        message = wa_e2e_pb2.Message(conversation="x")
        results = await manager.send_batch("a", [(B_JID, message)] * 5)
        assert [type(r) for r in results] == [Enqueued] * 3 + [QueueFull] * 2
        with pytest.raises(QueueFull):
            await manager.send_message("a", B_JID, message)
        assert manager.sessions()["a"].queue_length == 3


async def test_send_immediate_bypasses_the_queue(server: FakeServer) -> None:
    store = await _two_sessions(server)
    async with SessionManager(store, manager_config(server)) as manager:
        inbox = Inbox(manager)
        await manager.start("b", timeout=10)
        await manager.start("a", timeout=10)
        result = await manager.send_immediate("a", B_JID, wa_e2e_pb2.Message(conversation="now"))
        await inbox.wait(1)
        assert inbox.ids == [result.id] and not inbox.sent
        await manager.stop("a")
        with pytest.raises(Exception, match="stopped"):
            await manager.send_immediate("a", B_JID, wa_e2e_pb2.Message(conversation="late"))


async def test_phone_lookup_cache_counts_hits_and_clears(server: FakeServer) -> None:
    store = await _two_sessions(server)
    async with SessionManager(store, manager_config(server)) as manager:
        await manager.start("a", timeout=10)
        first = await manager.is_on_whatsapp("a", [B]) | await manager.is_on_whatsapp("a", ["19990000"])
        second = await manager.is_on_whatsapp("a", [B, "19990000"])
        assert first == second and first[f"+{B}"] is not None and first["+19990000"] is None
        phones = manager.stats().caches["phones"]
        assert (phones.size, phones.hits, phones.misses) == (2, 2, 2)
        manager.clear_cache("a")
        assert manager.stats().caches["phones"].size == 0


async def test_device_list_cache_survives_a_reconnect(server: FakeServer) -> None:
    store = await _two_sessions(server)
    async with SessionManager(store, manager_config(server)) as manager:
        inbox = Inbox(manager)
        await manager.start("b", timeout=10)
        await manager.start("a", timeout=10)
        await manager.send_immediate("a", B_JID, wa_e2e_pb2.Message(conversation="before"))
        cached = manager.stats().caches["devices"]
        assert cached.size >= 1
        server.fault(Fault(FaultKind.DROP), f"{A}:1@s.whatsapp.net")
        await manager.wait_state(
            "a", {SessionState.BACKOFF, SessionState.CONNECTING, SessionState.CLOSED}, timeout=10
        )
        await manager.wait_state("a", {SessionState.OPEN}, timeout=10)
        await manager.send_immediate("a", B_JID, wa_e2e_pb2.Message(conversation="after"))
        await inbox.wait(2)
        after = manager.stats().caches["devices"]
        # The new client found the device lists of the old one: no second usync miss.
        assert after.size >= cached.size and after.misses == cached.misses and after.hits > cached.hits


async def test_memory_budget_trims_caches_and_emits_at_120_percent(server: FakeServer) -> None:
    store = await _two_sessions(server)
    rss = [50 << 20]
    config = manager_config(server, memory_budget_mb=100, watchdog_interval=0.05)
    async with SessionManager(store, config, memory=lambda: rss[0]) as manager:
        exceeded: list[MemoryBudgetExceeded] = []
        manager.add_handler(MemoryBudgetExceeded, exceeded.append)
        await manager.start("a", timeout=10)
        await manager.is_on_whatsapp("a", [B])
        await anyio.sleep(0.15)
        assert manager.stats().caches["phones"].size == 1 and not exceeded
        rss[0] = 125 << 20
        with anyio.fail_after(5):
            while not exceeded:
                await anyio.sleep(0.01)
        stats = manager.stats()
        assert stats.caches["phones"].size == 0
        assert exceeded[0].budget_bytes == 100 << 20 and stats.rss_bytes == 125 << 20
        assert stats.sessions_by_state == {SessionState.OPEN.value: 1}
