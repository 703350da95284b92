"""Inbound stanzas, and protocol messages inside decrypted messages, to the services that handle them.

A feature's service declares what it handles as data on its class and
registers itself with the session's router when it is built::

    class GroupService:
        stanza_routes = (StanzaRoute.of("notification", "_on_change", type="w:gp2"),)
        protocol_routes = ((ProtocolType.REVOKE, "_on_revoke"),)

        def __init__(self, session: Session) -> None:
            self._session = session
            session.router.register(self)

A route matches a node by tag, by attribute values and, optionally, by the
presence of a child; every matching route runs, in registration order, so two
features may watch one notification type. What the protocol wants acknowledged
(:data:`ACKED_TAGS`) is acked once, before the handlers run, as WA Web does;
``<message>`` is not, because its ack must wait for the store commit. A node no
route matches is logged once per kind at DEBUG and still acked when its tag
wants an ack (whatsmeow acks unknown notifications the same way).

The tables are compiled once per combination of service classes and shared by
every session that registers the same services: a session pays for a tuple of
its service objects, not for a copy of the table.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from waproto.binary import Node
from waproto.errors import DecodeError, WAError
from waproto.events import MessageInfo
from waproto.messaging.actions import unwrap
from waproto.messaging.wire import build_ack
from waproto.proto import wa_e2e_pb2

__all__ = ["ACKED_TAGS", "ContentRoute", "ProtocolRoute", "StanzaRoute", "StanzaRouter"]

logger = logging.getLogger("waproto.session")

#: Tags whose stanzas the server wants an ``<ack>`` for whether or not we understood them
#: (WA Web, Baileys and whatsmeow ack every notification, receipt and call).
ACKED_TAGS = frozenset({"notification", "receipt", "call"})

#: Distinct unhandled kinds remembered per session for "log once" (bounded: a hostile
#: server inventing types must not grow it).
MAX_LOGGED_KINDS = 64

#: Compiled tables kept (one per combination of service classes; a process has a few).
MAX_TABLES = 32

#: A protocol-message route: ``(ProtocolMessage.Type value, name of the handling method)``.
#: The method is awaited as ``method(info: MessageInfo, protocol: ProtocolMessage)``.
ProtocolRoute = tuple[int, str]

#: A content route: ``(name of a Message field, name of the handling method)``, for content a
#: feature takes over from the plain ``Message`` event (a reaction, a poll vote, a poll whose
#: secret must be kept). The field is looked for inside the ephemeral/view-once wrappers; the
#: method is awaited as ``method(info: MessageInfo, message: Message)`` with the message as
#: received, and emits whatever event it stands for.
ContentRoute = tuple[str, str]


@dataclass(frozen=True, slots=True)
class StanzaRoute:
    """One stanza a service handles: tag, attribute values, optional child, and the method's name.

    The method is awaited as ``method(node)`` in the session's handler task.
    """

    tag: str
    method: str
    attrs: tuple[tuple[str, str], ...] = ()
    child: str | None = None

    @classmethod
    def of(cls, tag: str, method: str, *, child: str | None = None, **attrs: str) -> StanzaRoute:
        """``StanzaRoute.of("iq", "_on_ping", xmlns="urn:xmpp:ping", type="get")``."""
        return cls(tag, method, tuple(attrs.items()), child)

    def matches(self, node: Node) -> bool:
        """Whether ``node`` has this route's attribute values (and child)."""
        if any(node.attrs.get(name) != value for name, value in self.attrs):
            return False
        return self.child is None or node.get_child(self.child) is not None


#: A compiled stanza route: the route, which registered service, the method's function.
_Compiled = tuple[StanzaRoute, int, Callable[..., Awaitable[None]]]


@dataclass(frozen=True, slots=True)
class _Table:
    stanzas: dict[str, tuple[_Compiled, ...]]
    protocol: dict[int, tuple[tuple[int, Callable[..., Awaitable[None]]], ...]]
    content: dict[str, tuple[tuple[int, Callable[..., Awaitable[None]]], ...]]


@functools.lru_cache(maxsize=MAX_TABLES)
def _compile(classes: tuple[type, ...]) -> _Table:
    """The routing table of services of these classes, registered in this order."""
    stanzas: dict[str, list[_Compiled]] = {}
    protocol: dict[int, list[tuple[int, Callable[..., Awaitable[None]]]]] = {}
    content: dict[str, list[tuple[int, Callable[..., Awaitable[None]]]]] = {}
    for index, cls in enumerate(classes):
        for route in getattr(cls, "stanza_routes", ()):
            stanzas.setdefault(route.tag, []).append((route, index, _method(cls, route.method)))
        for kind, name in getattr(cls, "protocol_routes", ()):
            protocol.setdefault(kind, []).append((index, _method(cls, name)))
        for field, name in getattr(cls, "content_routes", ()):
            content.setdefault(field, []).append((index, _method(cls, name)))
    return _Table(
        {tag: tuple(routes) for tag, routes in stanzas.items()},
        {kind: tuple(handlers) for kind, handlers in protocol.items()},
        {field: tuple(handlers) for field, handlers in content.items()},
    )


def _method(cls: type, name: str) -> Callable[..., Awaitable[None]]:
    function = getattr(cls, name, None)
    if not callable(function):
        raise TypeError(f"{cls.__name__} routes to {name!r}, which it does not define")
    return function  # type: ignore[no-any-return]


class StanzaRouter:
    """Routes the inbound nodes of one session to the services registered with it.

    Args:
        send_node: sends a node on the session's current connection (for acks).
    """

    __slots__ = ("_logged", "_send_node", "_services", "_table")

    def __init__(self, send_node: Callable[[Node], Awaitable[None]]) -> None:
        self._send_node = send_node
        self._services: tuple[Any, ...] = ()
        self._table = _compile(())
        self._logged: set[str] | None = None

    def register(self, service: object) -> None:
        """Route to ``service`` what its class declares in ``stanza_routes`` and ``protocol_routes``.

        Raises:
            TypeError: a route names a method the class does not define.
        """
        services = (*self._services, service)
        self._table = _compile(tuple(type(s) for s in services))
        self._services = services

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
        for route, index, method in self._table.stanzas.get(node.tag, ()):
            if not route.matches(node):
                continue
            handled = True
            try:
                await method(self._services[index], node)
            except (DecodeError, WAError) as exc:
                logger.warning("< failed to handle %s: %s", node.tag, exc)
        if not handled:
            self._log_unhandled(_kind_of(node))

    async def dispatch_message(self, info: MessageInfo, message: wa_e2e_pb2.Message) -> bool:
        """Hand a decrypted message to the services that route it; False when none does.

        Wrappers are looked through once. A protocol message goes to the handlers of its
        type; otherwise each routed content field it carries (a reaction, a poll vote) goes
        to that field's handlers, with the message as received. A message nobody routes
        is the caller's to emit as a plain ``Message``.
        """
        content, _ = unwrap(message)
        if content.HasField("protocolMessage"):
            protocol = content.protocolMessage
            handlers = self._table.protocol.get(protocol.type)
            if handlers:
                for index, method in handlers:
                    try:
                        await method(self._services[index], info, protocol)
                    except (DecodeError, WAError) as exc:
                        logger.warning("< failed to handle protocol message %d: %s", protocol.type, exc)
                return True
        table = self._table.content
        routed = [(field, handlers) for field, handlers in table.items() if content.HasField(field)]
        for field, handlers in routed:
            for index, content_method in handlers:
                try:
                    await content_method(self._services[index], info, message)
                except (DecodeError, WAError) as exc:
                    logger.warning("< failed to handle %s: %s", field, exc)
        return bool(routed)

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
