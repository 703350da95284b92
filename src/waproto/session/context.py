"""What a feature service sees of the session it runs in: a narrow Protocol, never the ``Client``.

Services (messaging, pairing, prekeys, and every feature after them) take a
:class:`Session` and register their handlers with its :attr:`Session.router`.
They never import the client package, so the client stays the user API and the
plumbing stays here. :class:`~waproto.session.live.LiveSession` implements it;
a test can implement it with a recording fake.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from waproto._lazy import AnyLock
from waproto.binary import Node
from waproto.config import ClientConfig
from waproto.connection import CloseInfo
from waproto.events import Event
from waproto.jid import JID
from waproto.session.router import StanzaRouter
from waproto.store import Credentials, DeviceStore

__all__ = ["Session"]


class Session(Protocol):
    """One device's connection, store, identity, tasks and events, as services use them."""

    @property
    def config(self) -> ClientConfig:
        """The client's settings."""
        ...

    @property
    def store(self) -> DeviceStore:
        """This device's store."""
        ...

    @property
    def credentials(self) -> Credentials:
        """This device's keys and identity (current; replaced by :meth:`save_credentials`)."""
        ...

    @property
    def own_jid(self) -> JID:
        """Our device JID (``user:device@s.whatsapp.net``); raises ``InvalidState`` before pairing."""
        ...

    @property
    def own_lid(self) -> JID | None:
        """Our LID device JID, once the server told us."""
        ...

    @property
    def crypto_lock(self) -> AnyLock:
        """Held while session or sender-key records are read, advanced and committed."""
        ...

    @property
    def router(self) -> StanzaRouter:
        """Where services register their stanza and protocol-message handlers."""
        ...

    def now(self) -> float:
        """Wall time in seconds (for timestamps on the wire); deadlines use ``anyio.current_time()``."""
        ...

    def next_id(self) -> str:
        """A fresh stanza id on the current connection."""
        ...

    async def send_node(self, node: Node) -> None:
        """Send one node on the current connection."""
        ...

    async def query(self, node: Node) -> Node:
        """Send an iq and wait for its answer (``query_timeout``); errors raise ``IQError``."""
        ...

    async def send_and_wait_ack(self, node: Node) -> Node:
        """Send a message stanza and wait for the server's ack (``query_timeout``)."""
        ...

    async def emit(self, event: Event) -> None:
        """Run the application's handlers for ``event``."""
        ...

    def spawn(self, coro_fn: Callable[..., Awaitable[Any]], *args: Any) -> None:
        """Run ``coro_fn(*args)`` in the session's task group (work that must not delay the next node)."""
        ...

    async def save_credentials(self, credentials: Credentials) -> None:
        """Store new credentials and use them from now on."""
        ...

    async def close_connection(self, info: CloseInfo) -> None:
        """End the current connection with ``info``; the client's reconnect logic takes it from there."""
        ...
