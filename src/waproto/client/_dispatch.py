"""Inbound nodes to handlers, by tag, through a table.

The reader task only queues nodes; one handler task per client takes them in
order. Handlers, and the application's event handlers they run, may therefore
query: the reader keeps reading the answers. Long work that must not hold up
the next node (prekey upload, answering a retry) is still spawned.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import anyio

from waproto.binary import Node
from waproto.connection import Connection, ReadyState
from waproto.errors import DecodeError, WAError
from waproto.events import ChatState, Presence, Receipt
from waproto.jid import GROUP_SERVER, JID, USER_SERVER
from waproto.messaging.wire import build_ack, jid_attr, parse_retry_keys

if TYPE_CHECKING:
    from waproto.client._client import Client

__all__ = ["NodeDispatcher"]

logger = logging.getLogger("waproto.client")

_RECEIPT_TYPES = {None: "delivery", "": "delivery"}

#: Nodes waiting for the handler task; when it is full the reader waits (backpressure).
NODE_QUEUE_SIZE = 2048

#: A queued node with the connection it came on; None asks for an inbox replay.
_Queued = tuple[Connection, Node | None]


class _NodeQueue:
    """A bounded FIFO between the reader and the handler task.

    Smaller than an anyio memory stream pair, and it waits outside any
    ``except`` block, so an idle session keeps no exception (and its frames) alive.
    One event, made only while someone waits, wakes both sides; each re-checks.
    """

    __slots__ = ("_items", "_max_size", "_waiter")

    def __init__(self, max_size: int) -> None:
        self._items: deque[_Queued] = deque()
        self._max_size = max_size
        self._waiter: anyio.Event | None = None

    async def put(self, item: _Queued) -> None:
        while len(self._items) >= self._max_size:
            await self._wait()
        self._items.append(item)
        self._wake()

    async def get(self) -> _Queued:
        while not self._items:
            await self._wait()
        item = self._items.popleft()
        self._wake()
        return item

    async def _wait(self) -> None:
        if self._waiter is None:
            self._waiter = anyio.Event()
        await self._waiter.wait()

    def _wake(self) -> None:
        if self._waiter is not None:
            self._waiter.set()
            self._waiter = None


class NodeDispatcher:
    """Routes each inbound node of one client to its handler."""

    __slots__ = ("_client", "_queue", "_table")

    def __init__(self, client: Client) -> None:
        self._client = client
        self._queue = _NodeQueue(NODE_QUEUE_SIZE)
        self._table: dict[str, Callable[[Node], Awaitable[None]]] = {
            "message": client.receiver.handle,
            "receipt": self._receipt,
            "notification": self._notification,
            "iq": self._iq,
            "ib": self._ib,
            "presence": self._presence,
            "chatstate": self._chatstate,
            "call": self._ack_only,
        }

    async def enqueue(self, connection: Connection, node: Node | None) -> None:
        """Queue a node from ``connection`` for the handler task (None: replay the inbox)."""
        await self._queue.put((connection, node))

    async def run(self) -> None:
        """The handler task: queued nodes one at a time, in arrival order.

        Nodes of a connection that has closed are dropped: the server delivers
        again what was not acked, and the inbox replay waits for the next login.
        """
        while True:
            connection, node = await self._queue.get()
            if connection.ready_state is ReadyState.CLOSED:
                continue
            if node is None:
                await self._client.receiver.replay_inbox()
            else:
                await self.dispatch(node)

    async def dispatch(self, node: Node) -> None:
        """Handle one node; a malformed one is logged and, where it has an id, nacked."""
        handler = self._table.get(node.tag)
        if handler is None:
            logger.debug("< unhandled %s", node.tag)
            return
        try:
            await handler(node)
        except (DecodeError, WAError) as exc:
            logger.warning("< failed to handle %s: %s", node.tag, exc)

    async def _ack_only(self, node: Node) -> None:
        await self._client.send_node(build_ack(node))

    async def _iq(self, node: Node) -> None:
        client = self._client
        if node.get_child("pair-device") is not None:
            await client.pairing.on_pair_device(node)
        elif node.get_child("pair-success") is not None:
            await client.pairing.on_pair_success(node)
        elif node.attr("xmlns") == "urn:xmpp:ping" and node.attr("type") == "get":
            await client.send_node(
                Node("iq", {"to": USER_SERVER, "type": "result", "id": node.require_attr("id")})
            )

    async def _notification(self, node: Node) -> None:
        client = self._client
        await client.send_node(build_ack(node))
        kind = node.attr("type")
        if kind == "encrypt" and node.get_child("count") is not None:
            count = node.require_child("count").attr_int("value", 0) or 0
            if count < client.config.min_prekeys_on_server:
                client.spawn(client.prekeys.upload, client.config.prekey_upload_count)
        elif kind == "link_code_companion_reg":
            client.spawn(client.pairing.on_link_code_notification, node)
        elif kind == "devices":
            sender = node.attr_jid("from")
            if sender is not None:
                client.sender.device_cache.invalidate(sender.to_non_ad())
        elif kind == "mediaretry":
            client.media_service.on_retry_notification(node)
        elif kind == "w:gp2":
            group = node.attr_jid("from")
            if group is not None:
                client.sender.group_cache.invalidate(group)

    async def _ib(self, node: Node) -> None:
        client = self._client
        edge = node.get_child("edge_routing")
        routing = edge.get_child("routing_info") if edge is not None else None
        if routing is not None:
            info = routing.content_bytes()
            if info != client.credentials.routing_info:
                await client.save_credentials(dataclasses.replace(client.credentials, routing_info=info))
        dirty = node.get_child("dirty")
        if dirty is not None:
            clean = Node(
                "clean", {"type": dirty.attr("type") or "", "timestamp": dirty.attr("timestamp") or "0"}
            )
            await client.send_node(
                Node(
                    "iq",
                    {
                        "to": USER_SERVER,
                        "type": "set",
                        "xmlns": "urn:xmpp:whatsapp:dirty",
                        "id": client.next_id(),
                    },
                    [clean],
                )
            )

    async def _receipt(self, node: Node) -> None:
        client = self._client
        await client.send_node(build_ack(node))
        kind = node.attr("type")
        sender = jid_attr(node, "from")
        participant = node.attr_jid("participant")
        device = participant if participant is not None and sender.server == GROUP_SERVER else sender
        if kind == "retry":
            client.spawn(self._answer_retry, node, device)
            return
        ids = [node.require_attr("id")]
        listing = node.get_child("list")
        if listing is not None:
            ids += [item.require_attr("id") for item in listing.get_children("item")]
        await client.emit(
            Receipt(
                message_ids=tuple(ids),
                chat=sender.to_non_ad() if sender.server != GROUP_SERVER else sender,
                sender=device,
                type=_RECEIPT_TYPES.get(kind, kind or "delivery"),
                timestamp=node.attr_int("t", 0) or 0,
            )
        )

    async def _answer_retry(self, node: Node, device: JID) -> None:
        client = self._client
        retry = node.require_child("retry")
        count = retry.attr_int("count", 1) or 1
        if count > client.config.max_retry_receipts:
            logger.info("< retry %d for %s exceeds the limit, ignored", count, node.attr("id"))
            return
        bundle = parse_retry_keys(node, device)
        resent = await client.sender.resend_to_device(
            retry.attr("id") or node.require_attr("id"), device, keys=bundle
        )
        if not resent:
            logger.info("< retry for unknown message %s", node.attr("id"))

    async def _presence(self, node: Node) -> None:
        sender = jid_attr(node, "from")
        last = node.attr("last")
        await self._client.emit(
            Presence(
                jid=sender,
                available=node.attr("type", "available") != "unavailable",
                last_seen=int(last) if last and last.isdigit() else None,
            )
        )

    async def _chatstate(self, node: Node) -> None:
        sender = jid_attr(node, "from")
        participant = node.attr_jid("participant")
        for child in node.get_children():
            if child.tag in ("composing", "paused"):
                await self._client.emit(
                    ChatState(
                        chat=sender,
                        sender=participant or sender,
                        state=child.tag,
                        media=child.attr("media") or "",
                    )
                )
