"""Peers' identity keys: trusted on first use, a change replaces the session and is reported.

Like whatsmeow and Baileys, a changed identity key does not block messaging (the
user has no way to verify keys out of band here); it is noticed instead:

- a ``pkmsg`` or a fetched key bundle whose identity differs from the stored one
  replaces the stored identity and starts a fresh session instead of building on
  the old one (whatsmeow's ``clearUntrustedIdentity``), and an ``IdentityChanged``
  event with ``implicit=True`` follows once the transaction committed;
- the server's ``<notification type="encrypt"><identity/>`` (a contact re-registered)
  drops the identity and session of the contact's primary device, so the next
  message starts a new one, and emits ``IdentityChanged`` with ``implicit=False``;
  ``on_reregistered`` then runs for the contact (the client issues its privacy token again).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import ClassVar

from waproto.binary import Node
from waproto.events import IdentityChanged
from waproto.jid import JID, LID_SERVER, USER_SERVER
from waproto.lid import LIDMap
from waproto.messaging.context import signal_address
from waproto.session import Session, StanzaRoute
from waproto.store import IdentityStore

__all__ = ["IdentityService", "trust_identity"]

logger = logging.getLogger("waproto.messaging")


async def trust_identity(store: IdentityStore, address: str, key: bytes) -> bool:
    """Store ``key`` for ``address`` (trust on first use); True when it replaced a different key.

    Call it inside the transaction that builds the session, so the key and the session
    commit together; on True the caller starts the session afresh.
    """
    # One read: the store's is_trusted_identity is this same read plus the comparison.
    stored = await store.get_identity(address)
    if stored == key:
        return False
    await store.put_identity(address, key)
    if stored is None:
        return False
    logger.info("identity key of %s changed; its session is replaced", address)
    return True


class IdentityService:
    """Handles the server's notice that a contact's identity key changed."""

    __slots__ = ("_lids", "_on_reregistered", "_session")

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (
        StanzaRoute.of("notification", "_on_identity_change", type="encrypt", child="identity"),
    )

    def __init__(
        self,
        session: Session,
        lids: LIDMap,
        on_reregistered: Callable[[JID], Awaitable[None]] | None = None,
    ) -> None:
        self._session = session
        self._lids = lids
        self._on_reregistered = on_reregistered
        session.router.register(self)

    async def _on_identity_change(self, node: Node) -> None:
        sender = node.attr_jid("from")
        if sender is None or sender.server not in (USER_SERVER, LID_SERVER):
            return
        session = self._session
        primary = sender.to_non_ad()
        # Under the LID address once the mapping is known (waproto.lid).
        address = signal_address((await self._lids.signal_jids([primary]))[primary])
        async with session.crypto_lock, session.store.transaction():
            await session.store.delete_identity(address)
            await session.store.delete_session(address)
        await session.emit(IdentityChanged(jid=primary, implicit=False, timestamp=node.attr_int("t", 0) or 0))
        if self._on_reregistered is not None:
            await self._on_reregistered(primary)
