"""Retention: a lone client prunes its old sent messages and processed ids; a manager prunes all sessions."""

from __future__ import annotations

import dataclasses

import anyio
import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from tests.integration.manager.conftest import manager_config
from waproto import Message, SessionManager
from waproto.proto import wa_e2e_pb2
from waproto.retention import Pruned, RetentionPolicy
from waproto.store import DeviceStore, MemoryStore
from waproto.testing import FakeServer, provision_store_device

pytestmark = pytest.mark.anyio

#: Rows older than a quarter second go, checked every 50 ms.
SHORT = RetentionPolicy(sent_messages=0.25, processed_ids=0.25, prune_interval=0.05)


async def _until_gone(store: DeviceStore, message_id: str, chat: str, sender: str, *, sent: bool) -> None:
    with anyio.fail_after(10):
        while True:
            if sent and await store.get_sent_message(message_id) is None:
                return
            if not sent and not await store.is_processed(chat, sender, message_id):
                return
            await anyio.sleep(0.02)


async def test_a_lone_client_prunes_sent_messages_and_processed_ids(paired: PairedClient) -> None:
    alice = await paired("15550601", retention=SHORT)
    bob = await paired("15550602", retention=SHORT)
    log = EventLog(bob, Message)
    result = await alice.send_text(bob.own_jid.to_non_ad(), "kept for a moment")
    (got,) = await log.wait_for(Message)
    info = got.info
    # (test_default_retention_keeps_recent_rows shows both rows are written.)
    await _until_gone(alice.store, result.id, "", "", sent=True)
    await _until_gone(bob.store, info.id, str(info.chat), str(info.sender), sent=False)


async def test_default_retention_keeps_recent_rows(paired: PairedClient) -> None:
    alice = await paired("15550603")
    bob = await paired("15550604")
    log = EventLog(bob, Message)
    result = await alice.send_text(bob.own_jid.to_non_ad(), "kept for a week")
    (got,) = await log.wait_for(Message)
    assert (await alice.prune(), await bob.prune()) == (Pruned(0, 0), Pruned(0, 0))
    assert await alice.store.get_sent_message(result.id) is not None
    assert await bob.store.is_processed(str(got.info.chat), str(got.info.sender), got.info.id)


async def test_the_manager_prunes_every_session_on_its_cleanup_timer(server: FakeServer) -> None:
    store = MemoryStore()
    await provision_store_device(server, store, "a", "15550605")
    await provision_store_device(server, store, "b", "15550606")
    config = manager_config(server, idle_cleanup_interval=0.05)
    config = dataclasses.replace(config, client=dataclasses.replace(config.client, retention=SHORT))
    async with SessionManager(store, config) as manager:
        received: list[Message] = []
        manager.add_handler(Message, received.append)
        await manager.start("a", timeout=10)
        await manager.start("b", timeout=10)
        client = manager.get("a")
        assert client is not None and client.config.retention.prune_interval is None
        result = await manager.send_immediate(
            "a", "15550606@s.whatsapp.net", wa_e2e_pb2.Message(conversation="pruned by the manager")
        )
        with anyio.fail_after(10):
            while not received:
                await anyio.sleep(0.01)
        info = received[0].info
        await _until_gone(store.device("a"), result.id, "", "", sent=True)
        await _until_gone(store.device("b"), info.id, str(info.chat), str(info.sender), sent=False)
