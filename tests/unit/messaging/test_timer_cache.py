"""The disappearing timer a send asks for is read from the store once per chat, and changes show at once."""

from __future__ import annotations

import pytest

from waproto.config import ClientConfig
from waproto.handlers import HandlerRegistry
from waproto.jid import JID
from waproto.lid import LIDMap
from waproto.messaging.actions_service import DISAPPEARING, TIMER_CACHE_SIZE, MessageActionsService
from waproto.session import LiveSession
from waproto.store import DeviceStore, MemoryStore

pytestmark = pytest.mark.anyio

CHAT = JID.parse("15550001111@s.whatsapp.net")


class CountingStore:
    """A device store that counts reads of the timer namespace."""

    def __init__(self, store: DeviceStore) -> None:
        self._store = store
        self.timer_reads = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    async def get(self, namespace: str, key: str) -> bytes | None:
        self.timer_reads += namespace == DISAPPEARING
        return await self._store.get(namespace, key)


async def service() -> tuple[MessageActionsService, CountingStore]:
    store = CountingStore(await MemoryStore().create_device("d"))
    session = LiveSession(store, ClientConfig(), HandlerRegistry())  # type: ignore[arg-type]
    return MessageActionsService(session, LIDMap(session.store, session.crypto_lock)), store


async def test_the_store_is_read_once_per_chat() -> None:
    actions, store = await service()
    assert [await actions.disappearing_timer(CHAT) for _ in range(5)] == [0] * 5
    assert store.timer_reads == 1
    stats = actions.timer_cache.stats()
    assert (stats.hits, stats.misses, stats.size) == (4, 1, 1)


async def test_a_change_is_seen_by_the_next_send_and_stored() -> None:
    actions, store = await service()
    assert await actions.disappearing_timer(CHAT) == 0
    await actions.set_disappearing_timer(JID.parse("15550001111:3@s.whatsapp.net"), 86400)  # same chat
    assert await actions.disappearing_timer(CHAT) == 86400
    assert store.timer_reads == 1
    session = LiveSession(store, ClientConfig(), HandlerRegistry())  # type: ignore[arg-type]
    fresh = MessageActionsService(session, LIDMap(session.store, session.crypto_lock))
    assert await fresh.disappearing_timer(CHAT) == 86400  # it was stored, not only cached
    await actions.set_disappearing_timer(CHAT, 0)
    assert await actions.disappearing_timer(CHAT) == 0


async def test_the_cache_is_bounded() -> None:
    actions, _ = await service()
    for n in range(TIMER_CACHE_SIZE + 50):
        await actions.disappearing_timer(JID.parse(f"1555{n:07d}@s.whatsapp.net"))
    assert len(actions.timer_cache) == TIMER_CACHE_SIZE
    assert actions.timer_cache.stats().evictions == 50


async def test_a_timer_set_by_number_is_found_by_lid_once_the_mapping_is_known() -> None:
    store = CountingStore(await MemoryStore().create_device("d"))
    session = LiveSession(store, ClientConfig(), HandlerRegistry())  # type: ignore[arg-type]
    lids = LIDMap(session.store, session.crypto_lock)
    actions = MessageActionsService(session, lids)
    await actions.set_disappearing_timer(CHAT, 604800)  # no mapping yet: kept under the number
    await lids.learn([("9001", CHAT.user)])
    assert await actions.disappearing_timer(JID.parse("9001@lid")) == 604800
    await actions.set_disappearing_timer(JID.parse("9001@lid"), 86400)  # now kept under the LID
    assert await actions.disappearing_timer(CHAT) == 86400
    assert await store.get(DISAPPEARING, str(CHAT)) is None
