"""History sync from the FakeServer's phone to a waproto client over real sockets and the media host."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.integration.client.conftest import EventLog, client_config, on_send, pair_by_qr
from waproto import Client
from waproto.binary import Node
from waproto.history import HistorySyncBatch
from waproto.store import MemoryStore
from waproto.testing import FakeServer, FakeServerConfig

pytestmark = pytest.mark.anyio

PHONE = "15557770001"
CHATS = [f"1555777{i:04d}@s.whatsapp.net" for i in range(2, 5)]


@pytest.fixture
async def server() -> AsyncIterator[FakeServer]:
    async with FakeServer(FakeServerConfig(control=False)) as fake:
        fake.create_account(PHONE)
        yield fake


async def test_history_arrives_in_batches_and_push_names_are_stored(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("waproto.testing.phone.HISTORY_CHUNK_MESSAGES", 700)
    monkeypatch.setattr("waproto.history.service.BATCH_MESSAGES", 250)
    phone = server.phone(PHONE)
    for n in range(1200):
        chat = CHATS[n % 3]
        phone.add_message(chat, f"message {n}", from_me=n % 4 == 0, timestamp=1_690_000_000 + n)
    for i, chat in enumerate(CHATS):
        phone.set_push_name(chat, f"Person {i}")
    client = Client(MemoryStore(), config=client_config(server))
    log = EventLog(client, HistorySyncBatch)
    receipts: list[Node] = []
    on_send(monkeypatch, client, lambda node: receipts.append(node) if node.tag == "receipt" else None)
    await pair_by_qr(server, client, PHONE)
    try:
        # Two message blobs (700 + 500) and the push names: three final batches.
        with_final = lambda: [e for e in log.of(HistorySyncBatch) if e.final]  # noqa: E731
        while len(with_final()) < 3:
            await log.wait_for(HistorySyncBatch, len(log.of(HistorySyncBatch)) + 1, timeout=20)
        batches = log.of(HistorySyncBatch)
        texts = [m.message.message.conversation for b in batches for c in b.conversations for m in c.messages]
        assert sorted(texts, key=lambda t: int(t.split()[1])) == [f"message {n}" for n in range(1200)]
        assert max(sum(len(c.messages) for c in b.conversations) for b in batches) <= 250
        assert [b.sync_type for b in with_final()] == ["INITIAL_BOOTSTRAP", "RECENT", "PUSH_NAME"]
        assert with_final()[-1].progress == 100
        contacts = await client.contacts()
        assert {contacts[c].push_name for c in CHATS} == {"Person 0", "Person 1", "Person 2"}
        hist_sync = [r for r in receipts if r.attrs.get("type") == "hist_sync"]
        assert len(hist_sync) == 3 and all(r.attrs["to"] == f"{PHONE}@s.whatsapp.net" for r in hist_sync)
    finally:
        await client.aclose()


async def test_on_demand_history_for_one_chat(server: FakeServer) -> None:
    phone = server.phone(PHONE)
    seeded = [phone.add_message(CHATS[0], f"old {n}", timestamp=1_690_000_000 + n) for n in range(100)]
    client = Client(MemoryStore(), config=client_config(server))
    log = EventLog(client, HistorySyncBatch)
    await pair_by_qr(server, client, PHONE)
    try:
        await log.wait_for(HistorySyncBatch)
        oldest = seeded[60]
        request_id = await client.request_history(
            CHATS[0],
            oldest.message_id,
            oldest_from_me=oldest.from_me,
            oldest_timestamp=oldest.timestamp,
            count=20,
        )
        while not [b for b in log.of(HistorySyncBatch) if b.request_id == request_id and b.final]:
            await log.wait_for(HistorySyncBatch, len(log.of(HistorySyncBatch)) + 1, timeout=20)
        (answer,) = [b for b in log.of(HistorySyncBatch) if b.request_id == request_id]
        assert answer.sync_type == "ON_DEMAND"
        texts = [m.message.message.conversation for c in answer.conversations for m in c.messages]
        assert texts == [f"old {n}" for n in range(40, 60)]
    finally:
        await client.aclose()
