"""Inbound ``<presence>`` and ``<chatstate>`` stanzas to ``Presence`` and ``ChatState`` events."""

from __future__ import annotations

from typing import ClassVar

from waproto.binary import Node
from waproto.events import ChatState, Presence
from waproto.messaging.wire import jid_attr
from waproto.session import Session, StanzaRoute

__all__ = ["PresenceService"]

#: Chat-state children WA sends (``composing`` with ``media="audio"`` means recording).
CHAT_STATES = ("composing", "paused")


class PresenceService:
    """Turns contacts' presence and chat states into events."""

    __slots__ = ("_session",)

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (
        StanzaRoute.of("presence", "_on_presence"),
        StanzaRoute.of("chatstate", "_on_chatstate"),
    )

    def __init__(self, session: Session) -> None:
        self._session = session
        session.router.register(self)

    async def _on_presence(self, node: Node) -> None:
        sender = jid_attr(node, "from")
        last = node.attr("last")
        await self._session.emit(
            Presence(
                jid=sender,
                available=node.attr("type", "available") != "unavailable",
                last_seen=int(last) if last and last.isdigit() else None,
            )
        )

    async def _on_chatstate(self, node: Node) -> None:
        sender = jid_attr(node, "from")
        participant = node.attr_jid("participant")
        for child in node.get_children():
            if child.tag in CHAT_STATES:
                await self._session.emit(
                    ChatState(
                        chat=sender,
                        sender=participant or sender,
                        state=child.tag,
                        media=child.attr("media") or "",
                    )
                )
