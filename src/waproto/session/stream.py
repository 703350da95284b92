"""The stream's own housekeeping as a service: answering server pings and ``<ib>`` stanzas.

``<ib>`` carries edge routing info (kept in the credentials and sent back at the
next connect, so we reach the same edge) and ``<dirty>`` marks, which WA Web
clears with an ``urn:xmpp:whatsapp:dirty`` iq.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import ClassVar

from waproto.binary import Node
from waproto.jid import USER_SERVER
from waproto.noise import usable_routing_info
from waproto.session.context import Session
from waproto.session.router import StanzaRoute

__all__ = ["StreamService"]

logger = logging.getLogger("waproto.session")

#: Namespace of the iq that clears a ``<dirty>`` mark.
DIRTY_XMLNS = "urn:xmpp:whatsapp:dirty"


class StreamService:
    """Keeps the stream healthy: pongs, routing info, dirty marks."""

    __slots__ = ("_session",)

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (
        StanzaRoute.of("iq", "_on_ping", xmlns="urn:xmpp:ping", type="get"),
        StanzaRoute.of("ib", "_on_edge_routing", child="edge_routing"),
        StanzaRoute.of("ib", "_on_dirty", child="dirty"),
    )

    def __init__(self, session: Session) -> None:
        self._session = session
        session.router.register(self)

    async def _on_ping(self, node: Node) -> None:
        await self._session.send_node(
            Node("iq", {"to": USER_SERVER, "type": "result", "id": node.require_attr("id")})
        )

    async def _on_edge_routing(self, node: Node) -> None:
        session = self._session
        routing = node.require_child("edge_routing").get_child("routing_info")
        if routing is not None:
            info = routing.content_bytes()
            if not usable_routing_info(info):
                # Saved, it would be sent before every later intro and fail each connect.
                logger.warning("< edge routing info of %d bytes is unusable, not saved", len(info))
                return
            if info != session.credentials.routing_info:
                await session.save_credentials(dataclasses.replace(session.credentials, routing_info=info))

    async def _on_dirty(self, node: Node) -> None:
        session = self._session
        dirty = node.require_child("dirty")
        clean = Node("clean", {"type": dirty.attr("type") or "", "timestamp": dirty.attr("timestamp") or "0"})
        await session.send_node(
            Node(
                "iq",
                {
                    "to": USER_SERVER,
                    "type": "set",
                    "xmlns": DIRTY_XMLNS,
                    "id": session.next_id(),
                },
                [clean],
            )
        )
