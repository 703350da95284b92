"""LID addressing as a service: stores the PN<->LID pairs that receipts, notifications and our
own devices' ``LID_MIGRATION_MAPPING_SYNC`` messages carry.

Registered before messaging, so a pair in a receipt is stored (and the PN's sessions
moved) before a retry receipt in it is answered. Messages, usync answers and group
metadata are read by the messaging service, history by the history service and app
state by the app-state service; all feed the same :class:`LIDMap`.
"""

from __future__ import annotations

import logging
from typing import ClassVar

from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.events import MessageInfo
from waproto.lid._map import LIDMap
from waproto.lid._pairs import (
    pairs_from_device_notification,
    pairs_from_group_notification,
    pairs_from_migration_sync,
    pairs_from_stanza,
)
from waproto.proto.wa_e2e_pb2 import Message
from waproto.session import ProtocolRoute, Session, StanzaRoute

__all__ = ["LIDService"]

_log = logging.getLogger("waproto.lid")


class LIDService:
    """Feeds one session's :class:`LIDMap` (reference 1.8).

    Args:
        session: the session it runs in; the service registers its handlers there.
    """

    __slots__ = ("_session", "map")

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (
        StanzaRoute.of("receipt", "_on_receipt"),
        StanzaRoute.of("notification", "_on_devices", type="devices"),
        StanzaRoute.of("notification", "_on_group_change", type="w:gp2"),
    )
    protocol_routes: ClassVar[tuple[ProtocolRoute, ...]] = (
        (Message.ProtocolMessage.LID_MIGRATION_MAPPING_SYNC, "_on_migration_sync"),
    )

    def __init__(self, session: Session) -> None:
        self._session = session
        self.map = LIDMap(session.store, session.crypto_lock)
        session.router.register(self)

    async def learn_own(self) -> None:
        """Store our own pair once pair-success or ``<success>`` told our LID.

        Sessions with our other devices then move to our LID, as Baileys does at login.
        """
        session = self._session
        own_lid = session.own_lid
        if own_lid is not None:
            await self.map.learn([(own_lid.user, session.own_jid.user)])

    async def _on_receipt(self, node: Node) -> None:
        await self.map.learn(pairs_from_stanza(node))

    async def _on_devices(self, node: Node) -> None:
        await self.map.learn(pairs_from_device_notification(node))

    async def _on_group_change(self, node: Node) -> None:
        await self.map.learn(pairs_from_group_notification(node))

    async def _on_migration_sync(self, info: MessageInfo, protocol: Message.ProtocolMessage) -> None:
        """Our phone's PN->LID list (self-only, as Baileys 7 process-message and whatsmeow
        ``handleProtocolMessage`` accept it): store the pairs and move the sessions."""
        if not info.is_from_me:
            _log.warning("< LID migration mappings from %s ignored (only our devices send them)", info.sender)
            return
        try:
            pairs = pairs_from_migration_sync(protocol.lidMigrationMappingSyncMessage.encodedMappingPayload)
        except DecodeError as exc:
            _log.warning("< bad LID migration mapping payload: %s", exc)
            return
        learned = await self.map.learn(pairs)
        _log.info("< LID migration mappings: %d pair(s), %d new", len(pairs), learned)
