"""Inbound stanzas, and protocol messages inside decrypted messages, to the handlers features register.

A feature's service registers what it handles when it is built, instead of an
if/elif in a dispatcher::

    router.add("notification", self._on_group_change, type="w:gp2")
    router.add("iq", self._on_pair_device, child="pair-device")
    router.add_protocol_message(ProtocolType.HISTORY_SYNC_NOTIFICATION, self._on_history)

A route matches a node by tag, by attribute values and, optionally, by the
presence of a child; every matching route runs, in registration order, so two
features may watch one notification type. What the protocol wants acknowledged
(:data:`ACKED_TAGS`) is acked once, before the handlers run, as WA Web does;
``<message>`` is not, because its ack must wait for the store commit. A node no
route matches is logged once per kind at DEBUG and still acked when its tag
wants an ack (whatsmeow acks unknown notifications the same way): nothing is
silently left for the server to redeliver forever.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from waproto.binary import Node
from waproto.errors import DecodeError, WAError
from waproto.events import MessageInfo
from waproto.messaging.wire import build_ack
from waproto.proto import wa_e2e_pb2

__all__ = ["ACKED_TAGS", "ProtocolMessageHandler", "StanzaHandler", "StanzaRouter"]

logger = logging.getLogger("waproto.session")

#: A handler for one inbound node; it runs in the session's handler task.
StanzaHandler = Callable[[Node], Awaitable[None]]
#: A handler for a ``protocolMessage`` of one type, with the message's sender and chat.
ProtocolMessageHandler = Callable[[MessageInfo, wa_e2e_pb2.Message.ProtocolMessage], Awaitable[None]]

#: Tags whose stanzas the server wants an ``<ack>`` for whether or not we understood them
#: (WA Web, Baileys and whatsmeow ack every notification, receipt and call).
ACKED_TAGS = frozenset({"notification", "receipt", "call"})

#: Distinct unhandled kinds remembered per session for "log once" (bounded: a hostile
#: server inventing types must not grow it).
MAX_LOGGED_KINDS = 64

#: A route: attribute constraints, required child tag (or None), handler.
_Route = tuple[tuple[tuple[str, str], ...], str | None, StanzaHandler]


class StanzaRouter:
    """Routes the inbound nodes of one session to the handlers its services registered.

    Args:
        send_node: sends a node on the session's current connection (for acks).
    """

    __slots__ = ("_logged", "_protocol", "_routes", "_send_node")

    def __init__(self, send_node: Callable[[Node], Awaitable[None]]) -> None:
        self._send_node = send_node
        self._routes: dict[str, list[_Route]] = {}
        self._protocol: dict[int, list[ProtocolMessageHandler]] = {}
        self._logged: set[str] | None = None

    def add(self, tag: str, handler: StanzaHandler, *, child: str | None = None, **attrs: str) -> None:
        """Call ``handler`` for ``<tag>`` nodes whose attributes equal ``attrs`` (and that have ``child``)."""
        self._routes.setdefault(tag, []).append((tuple(attrs.items()), child, handler))

    def add_protocol_message(self, kind: int, handler: ProtocolMessageHandler) -> None:
        """Call ``handler`` for each decrypted ``protocolMessage`` of type ``kind`` (a ``Type`` value)."""
        self._protocol.setdefault(kind, []).append(handler)

    async def dispatch(self, node: Node) -> None:
        """Ack the node where the protocol wants it, then run every matching handler.

        A handler that fails on bad input (:class:`DecodeError`, :class:`WAError`) is
        logged; the others still run and the session goes on.
        """
        if node.tag in ACKED_TAGS:
            try:
                await self._send_node(build_ack(node))
            except (DecodeError, WAError) as exc:
                logger.warning("< failed to ack %s: %s", node.tag, exc)
                return
        handled = False
        for attrs, child, handler in self._routes.get(node.tag, ()):
            if any(node.attrs.get(name) != value for name, value in attrs):
                continue
            if child is not None and node.get_child(child) is None:
                continue
            handled = True
            try:
                await handler(node)
            except (DecodeError, WAError) as exc:
                logger.warning("< failed to handle %s: %s", node.tag, exc)
        if not handled:
            self._log_unhandled(_kind_of(node))

    def handles_protocol_message(self, message: wa_e2e_pb2.Message) -> bool:
        """Whether ``message`` is a protocol message some feature registered for."""
        return message.HasField("protocolMessage") and message.protocolMessage.type in self._protocol

    async def dispatch_protocol_message(self, info: MessageInfo, message: wa_e2e_pb2.Message) -> None:
        """Run the handlers registered for ``message.protocolMessage``'s type."""
        protocol = message.protocolMessage
        for handler in self._protocol.get(protocol.type, ()):
            try:
                await handler(info, protocol)
            except (DecodeError, WAError) as exc:
                logger.warning("< failed to handle protocol message %d: %s", protocol.type, exc)

    def _log_unhandled(self, kind: str) -> None:
        logged = self._logged
        if logged is None:
            logged = self._logged = set()
        if kind in logged or len(logged) >= MAX_LOGGED_KINDS:
            return
        logged.add(kind)
        logger.debug("< unhandled %s (logged once)", kind)


def _kind_of(node: Node) -> str:
    """A short description of what a node is: tag, type or namespace, first child."""
    parts = [node.tag]
    for name in ("type", "xmlns"):
        value = node.attr(name)
        if value:
            parts.append(f"{name}={value}")
    children = node.get_children()
    if children:
        parts.append(f"<{children[0].tag}>")
    return " ".join(parts)
