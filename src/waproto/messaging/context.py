"""What the message path needs from the client that runs it, as a small Protocol.

The messaging layer sits below the client; instead of importing it, it asks
for this interface, which :class:`waproto.Client` implements.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import anyio

from waproto.binary import Node
from waproto.config import ClientConfig
from waproto.events import Event
from waproto.jid import JID
from waproto.signal import protocol_address
from waproto.store import Credentials, DeviceStore

__all__ = ["MessagingContext", "signal_address"]


def signal_address(jid: JID) -> str:
    """libsignal's address of a device JID (``name.device``), under which its session is stored."""
    return protocol_address(jid.signal_address_name, jid.device)


class MessagingContext(Protocol):
    """The connection, store and identity of one logged-in device."""

    @property
    def config(self) -> ClientConfig: ...

    @property
    def store(self) -> DeviceStore: ...

    @property
    def credentials(self) -> Credentials: ...

    @property
    def own_jid(self) -> JID:
        """Our device JID (``user:device@s.whatsapp.net``)."""
        ...

    @property
    def own_lid(self) -> JID | None:
        """Our LID device JID, once pair-success or ``<success>`` carried it."""
        ...

    @property
    def crypto_lock(self) -> anyio.Lock:
        """Held while session or sender-key records are read, advanced and committed."""
        ...

    def next_id(self) -> str: ...

    async def send_node(self, node: Node) -> None: ...

    async def query(self, node: Node) -> Node: ...

    async def send_and_wait_ack(self, node: Node) -> Node: ...

    async def emit(self, event: Event) -> None: ...

    async def retry_keys(self) -> Node:
        """A ``<keys>`` node (identity, a fresh prekey, signed prekey, device identity) for retry receipts."""
        ...

    def spawn(self, coro_fn: Callable[..., Awaitable[Any]], *args: Any) -> None:
        """Run ``coro_fn(*args)`` in the client's task group (work that must not delay the next node)."""
        ...
