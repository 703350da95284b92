"""The PN<->LID knowledge of one device: the store behind a small two-way cache.

Learning a new pair and moving the PN's Signal sessions and identities to the LID
address commit in one store transaction (whatsmeow ``MigratePNToLID``, Baileys
``migrateSession``), under the crypto lock, so no ratchet step can interleave
with the move and a crash leaves either the PN state or the LID state, never both
halves. From then on every session of that account is read and written under the
LID address (:meth:`LIDMap.signal_jids`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence

from waproto._lazy import AnyLock
from waproto.cache import CacheStats, TTLCache
from waproto.jid import JID, LID_SERVER, USER_SERVER
from waproto.lid._pairs import Pair
from waproto.store import DeviceStore

__all__ = ["LIDMap"]

_log = logging.getLogger("waproto.lid")

#: Pairs cached per direction, and for how long (Baileys keeps its LRU for 3 days).
CACHE_SIZE = 4096
CACHE_TTL = 3 * 24 * 3600.0
#: Cached for a user whose other address the store does not know (looked up once, not per use).
_UNKNOWN = ""


class LIDMap:
    """Lookups both ways (batched, cached) and :meth:`learn`, which migrates sessions."""

    __slots__ = ("_lid_by_pn", "_lock", "_pn_by_lid", "_store")

    def __init__(self, store: DeviceStore, crypto_lock: AnyLock, *, cache_size: int = CACHE_SIZE) -> None:
        self._store = store
        self._lock = crypto_lock
        self._lid_by_pn: TTLCache[str, str] = TTLCache(cache_size, CACHE_TTL)
        self._pn_by_lid: TTLCache[str, str] = TTLCache(cache_size, CACHE_TTL)

    def stats(self) -> CacheStats:
        """The PN->LID cache's counters (the hot direction: every send and decrypt asks it)."""
        return self._lid_by_pn.stats()

    def _remember(self, lid: str, pn: str) -> None:
        self._lid_by_pn.put(pn, lid)
        self._pn_by_lid.put(lid, pn)

    async def learn(self, pairs: Iterable[Pair], *, locked: bool = False) -> int:
        """Store new pairs and move each new PN's sessions to its LID; returns how many were new.

        ``locked``: the caller already holds the crypto lock (and may be inside a transaction).
        """
        wanted = {pn: lid for lid, pn in pairs if lid and pn}
        unknown = {pn: lid for pn, lid in wanted.items() if self._lid_by_pn.get(pn) != lid}
        if not unknown:
            return 0
        stored = await self._store.get_lids_for_pns(list(unknown))
        fresh = [(lid, pn) for pn, lid in unknown.items() if stored.get(pn) != lid]
        for pn, lid in unknown.items():
            if stored.get(pn) == lid:
                self._remember(lid, pn)
        if not fresh:
            return 0
        if locked:
            await self._commit(fresh)
        else:
            async with self._lock:
                await self._commit(fresh)
        for lid, pn in fresh:
            self._remember(lid, pn)
        return len(fresh)

    async def _commit(self, fresh: list[Pair]) -> None:
        store = self._store
        async with store.transaction():
            await store.put_lid_mappings(fresh)
            for lid, pn in fresh:
                pn_name = JID(pn, USER_SERVER).signal_address_name
                moved = await store.move_signal_user(pn_name, JID(lid, LID_SERVER).signal_address_name)
                if moved:
                    _log.info("moved %d session(s) of a PN to its LID", moved)

    async def lids_for(self, pn_users: Sequence[str]) -> dict[str, str]:
        """The known LID user of each PN user (cache first, then one store query)."""
        return await self._lookup(pn_users, self._lid_by_pn, self._store.get_lids_for_pns, keys_are_pns=True)

    async def pns_for(self, lid_users: Sequence[str]) -> dict[str, str]:
        """The known PN user of each LID user (cache first, then one store query)."""
        return await self._lookup(
            lid_users, self._pn_by_lid, self._store.get_pns_for_lids, keys_are_pns=False
        )

    async def _lookup(
        self,
        keys: Sequence[str],
        cache: TTLCache[str, str],
        fetch: Callable[[Sequence[str]], Awaitable[dict[str, str]]],
        *,
        keys_are_pns: bool,
    ) -> dict[str, str]:
        found: dict[str, str] = {}
        missing = []
        for key in dict.fromkeys(keys):
            value = cache.get(key)
            if value is None:
                missing.append(key)
            elif value != _UNKNOWN:
                found[key] = value
        if missing:
            fetched = await fetch(missing)
            for key in missing:
                value = fetched.get(key)
                if value is None:
                    # Remembered as absent: every mapping of this device is written through
                    # learn(), whose _remember() replaces the entry, so it cannot go stale.
                    cache.put(key, _UNKNOWN)
                else:
                    self._remember(*((value, key) if keys_are_pns else (key, value)))
                    found[key] = value
        return found

    async def alt_of(self, jid: JID) -> JID | None:
        """The other address of a user or device JID (same device), when known."""
        if jid.server == USER_SERVER:
            lid = (await self.lids_for([jid.user])).get(jid.user)
            return None if lid is None else JID(lid, LID_SERVER, jid.device)
        if jid.server == LID_SERVER:
            pn = (await self.pns_for([jid.user])).get(jid.user)
            return None if pn is None else JID(pn, USER_SERVER, jid.device)
        return None

    async def chat_forms(self, chat: JID) -> tuple[JID, ...]:
        """A chat's addresses, the one its state is kept under first.

        A user's chat runs at its LID once we know it (our sends go there and its answers
        come from there), so per-chat state is written under the LID; the phone number
        follows, where state written before the mapping was known stays readable.
        Groups and other chats have one form.
        """
        chat = chat.to_non_ad()
        alt = await self.alt_of(chat)
        if alt is None:
            return (chat,)
        return (alt, chat) if alt.server == LID_SERVER else (chat, alt)

    async def chat_record(self, namespace: str, chat: JID, suffix: str = "") -> tuple[str, bytes | None]:
        """A per-chat key-value record: the key to write it under, and its value under any form.

        Keys are ``<chat><suffix>``. A read-modify-write through this moves a record kept
        under the phone number to the LID key.
        """
        keys = [f"{form}{suffix}" for form in await self.chat_forms(chat)]
        for key in keys:
            raw = await self._store.get(namespace, key)
            if raw is not None:
                return keys[0], raw
        return keys[0], None

    async def signal_jids(self, devices: Sequence[JID]) -> dict[JID, JID]:
        """The JID whose Signal address holds each device's session: its LID device when known."""
        pns = [d.user for d in devices if d.server == USER_SERVER]
        lids = await self.lids_for(pns) if pns else {}
        return {
            d: JID(lids[d.user], LID_SERVER, d.device) if d.server == USER_SERVER and d.user in lids else d
            for d in devices
        }
