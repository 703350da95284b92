"""A full store never strands messages: StoreFailure, no ack, a reconnect, all delivered once space is back.

The receiving device's SQLite file is capped (``max_size_bytes``, SQLite's
``max_page_count``) and filled with a ballast row until writes fail, as a full disk
would. Messages sent meanwhile cannot be committed; once the ballast is deleted they
all arrive, without anyone restarting anything.
"""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest

from tests.integration.client.conftest import EventLog, client_config, pair_by_qr
from waproto import Client, Message, StoreFailure
from waproto.errors import StoreError
from waproto.store import MemoryStore, SQLiteStore
from waproto.testing import FakeServer, provision_store_device

pytestmark = pytest.mark.anyio

BALLAST = "test-ballast"


async def _fill(store: SQLiteStore) -> int:
    """Write ballast rows, smaller and smaller, until the capped file has no page left."""
    device = store.device("bob")
    count = 0
    for size in (16384, 2048, 256, 32):
        while True:
            try:
                await device.put(BALLAST, f"{count:06d}", bytes(size))
            except StoreError:
                break
            count += 1
    return count


async def test_a_full_store_emits_store_failure_and_recovers_once_space_is_back(
    server: FakeServer, tmp_path: Path
) -> None:
    server.create_account("15550901")
    alice = Client(MemoryStore(), config=client_config(server))
    await pair_by_qr(server, alice, "15550901")
    async with SQLiteStore.open(tmp_path / "bob.db", max_size_bytes=1 << 20) as store:
        await provision_store_device(server, store, "bob", "15550902")
        bob = Client(store, device="bob", config=client_config(server))
        log = EventLog(bob, Message, StoreFailure)
        try:
            async with bob:
                assert await _fill(store) > 0
                # Pages still half empty take small rows; a commit fails once one needs a new page.
                texts: list[str] = []
                with anyio.fail_after(60):
                    while not log.of(StoreFailure):
                        texts.append(f"while full {len(texts)}")
                        await alice.send_text(bob.own_jid.to_non_ad(), texts[-1])
                        await anyio.sleep(0.05)
                failure = log.of(StoreFailure)[0]
                print(f"sent={len(texts)} store_failures={len(log.of(StoreFailure))}")
                assert "full" in failure.error
                assert failure.message_id not in {m.info.id for m in log.of(Message)}
                # Space comes back: the ballast goes, and nothing else is done.
                for key in await store.device("bob").items(BALLAST):
                    await store.device("bob").delete(BALLAST, key)
                received = await log.wait_for(Message, len(texts), timeout=30)
                assert sorted(m.text for m in received) == sorted(texts)
                await anyio.sleep(0.2)
                assert len(log.of(Message)) == len(texts)
        finally:
            await alice.aclose()
