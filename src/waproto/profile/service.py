"""Calls as a service: ``<call><offer>`` becomes an ``IncomingCall`` event.

The router acks every ``<call>`` (as WA Web does); the other call signals
(terminate, relay, transport) are not modelled: this client cannot take calls.
"""

from __future__ import annotations

from typing import ClassVar

from waproto.binary import Node
from waproto.events import IncomingCall
from waproto.profile.stanzas import parse_call
from waproto.session import Session, StanzaRoute

__all__ = ["CallService"]


class CallService:
    """Emits ``IncomingCall`` for each call offer."""

    __slots__ = ("_session",)

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (StanzaRoute.of("call", "_on_call"),)

    def __init__(self, session: Session) -> None:
        self._session = session
        session.router.register(self)

    async def _on_call(self, node: Node) -> None:
        offer = parse_call(node)
        if offer is None:
            return
        await self._session.emit(
            IncomingCall(
                call_id=offer.call_id,
                caller=offer.caller,
                creator=offer.creator,
                timestamp=offer.timestamp,
                video=offer.video,
                group=offer.group_jid,
            )
        )
