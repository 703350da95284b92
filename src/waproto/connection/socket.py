"""The I/O shell of one connection: a websocket pumped through :class:`ConnectionCore`.

One reader task per connection does everything time-related: it waits for the
next websocket message with a deadline taken from the core (keepalive ping or
dead-connection check), so no timer task exists per connection. The deadline
ends the wait with an exception from the TCP stream, not a cancellation. Sends are
serialised by a lock because Noise counters must match the order of frames.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

import anyio

from waproto._lazy import LazyLock
from waproto.binary import Node
from waproto.connection.core import Closed, ConnectionCore, LoggedIn, NodeReceived, check_iq_error
from waproto.connection.reasons import CloseInfo, DisconnectReason
from waproto.connection.state import ReadyState
from waproto.errors import ConnectionClosed, QueryTimeout
from waproto.transport import DeadlineReached, WebSocketConnection

__all__ = ["Connection", "NodeHandler"]

logger = logging.getLogger("waproto.connection")

#: Called by the reader for each node that is not the answer to a pending query.
#: It runs inline in the reader, so it must not wait for another node (no query()):
#: start a task for that instead.
NodeHandler = Callable[[Node], Awaitable[None]]

#: WebSocket close code for an abnormal closure (no close frame: the TCP connection dropped).
_ABNORMAL_CLOSURE = 1006


class _Waiter:
    __slots__ = ("event", "result")

    def __init__(self) -> None:
        self.event = anyio.Event()
        self.result: Node | CloseInfo | None = None


class Connection:
    """A handshaken websocket to the chat server.

    Args:
        websocket: the open websocket.
        core: the protocol core; :meth:`ConnectionCore.connect` not yet called.
        on_node: handler for inbound nodes (see :data:`NodeHandler`).
        on_login: called with the ``<success>`` node when the server accepts the login.
    """

    __slots__ = ("_core", "_on_login", "_on_node", "_send_lock", "_waiters", "_ws")

    def __init__(
        self,
        websocket: WebSocketConnection,
        core: ConnectionCore,
        *,
        on_node: NodeHandler,
        on_login: Callable[[Node], Awaitable[None]] | None = None,
    ) -> None:
        self._ws = websocket
        self._core = core
        self._on_node = on_node
        self._on_login = on_login
        self._send_lock = LazyLock()
        self._waiters: dict[str, _Waiter] = {}

    @property
    def ready_state(self) -> ReadyState:
        """CONNECTING until the server accepts the login, then OPEN, CLOSING, CLOSED."""
        return self._core.state

    @property
    def close_info(self) -> CloseInfo | None:
        """Why the connection closed, once it has."""
        return self._core.close_info

    def next_id(self) -> str:
        """A fresh iq/message id unique on this connection."""
        return self._core.ids.next()

    async def run(self) -> CloseInfo:
        """Start the handshake and pump the socket until the connection closes.

        Returns:
            Why the connection closed. Pending queries fail with ConnectionClosed.
        """
        try:
            self._core.connect()
            await self._flush()
            while self._core.state is not ReadyState.CLOSED:
                await self._step()
        except ConnectionClosed as exc:
            self._core.fail(self._close_from_transport(exc))
        finally:
            info = self._core.close_info or CloseInfo.local(DisconnectReason.CONNECTION_CLOSED, "closed")
            self._fail_waiters(info)
            with anyio.CancelScope(shield=True):
                await self._ws.aclose()
        return info

    async def send_node(self, node: Node) -> None:
        """Encrypt and send one node."""
        async with self._send_lock:
            if self._core.state is ReadyState.CLOSED:
                raise ConnectionClosed(self._core.close_info, self._close_code())
            self._core.send_node(node)
            await self._flush_locked()

    async def query(self, node: Node, *, timeout: float) -> Node:
        """Send an iq and wait for its answer.

        An id is assigned when the node has none. ``type=error`` answers raise
        :class:`IQError`; no answer in ``timeout`` seconds raises :class:`QueryTimeout`.
        """
        if "id" not in node.attrs:
            node.attrs["id"] = self.next_id()
        return check_iq_error(await self._request(node.attrs["id"], node, timeout))

    async def send_and_wait_ack(self, node: Node, *, timeout: float) -> Node:
        """Send a message stanza and wait for the server's ``<ack class=message>``."""
        return await self._request(f"ack:{node.attrs['id']}", node, timeout)

    async def close(self, info: CloseInfo | None = None) -> None:
        """Close deliberately; the reader returns ``info`` (default: closed by us)."""
        self._core.begin_closing()
        self._core.fail(info or CloseInfo.local(DisconnectReason.CONNECTION_CLOSED, "closed by client"))
        self._fail_waiters(self._core.close_info)
        with anyio.CancelScope(shield=True):
            await self._ws.aclose()

    async def _request(self, key: str, node: Node, timeout: float) -> Node:
        waiter = _Waiter()
        self._waiters[key] = waiter
        try:
            await self.send_node(node)
            with anyio.move_on_after(timeout):
                await waiter.event.wait()
        finally:
            self._waiters.pop(key, None)
        result = waiter.result
        if isinstance(result, Node):
            return result
        if isinstance(result, CloseInfo):
            raise ConnectionClosed(result, result.code)
        raise QueryTimeout(f"no answer to {node.tag} {key} in {timeout:g} s")

    async def _step(self) -> None:
        deadline = self._core.next_deadline()
        data: bytes | None = None
        if deadline is not None:
            with contextlib.suppress(DeadlineReached):
                data = await self._ws.receive(deadline=deadline)
        now = anyio.current_time()
        async with self._send_lock:
            if data is not None:
                self._core.receive_data(data, now, unix_time=time.time())
            if deadline is not None and now >= deadline:
                # Also when data came: a steady stream must not hold back the ping.
                self._core.handle_timeout(now)
            events = self._core.events_received()
            await self._flush_locked()
        for event in events:
            if isinstance(event, NodeReceived):
                await self._dispatch(event.node)
            elif isinstance(event, LoggedIn) and self._on_login is not None:
                await self._on_login(event.node)
            elif isinstance(event, Closed):
                logger.info("connection closed: %s", event.info)

    async def _dispatch(self, node: Node) -> None:
        key = None
        if node.tag == "iq" and node.attr("type") in ("result", "error"):
            key = node.attr("id")
        elif node.tag == "ack" and node.attr("class") == "message":
            key = f"ack:{node.attr('id')}"
        waiter = self._waiters.get(key) if key else None
        if waiter is not None:
            waiter.result = node
            waiter.event.set()
            return
        await self._on_node(node)

    async def _flush(self) -> None:
        async with self._send_lock:
            await self._flush_locked()

    async def _flush_locked(self) -> None:
        for message in self._core.data_to_send():
            await self._ws.send(message)

    def _fail_waiters(self, info: CloseInfo | None) -> None:
        for waiter in self._waiters.values():
            waiter.result = info
            waiter.event.set()

    def _close_code(self) -> int | None:
        info = self._core.close_info
        return info.code if info is not None else None

    def _close_from_transport(self, exc: ConnectionClosed) -> CloseInfo:
        if exc.code == _ABNORMAL_CLOSURE or exc.code is None:
            return CloseInfo.local(DisconnectReason.TIMED_OUT, f"connection lost: {exc.reason}")
        return CloseInfo.local(DisconnectReason.CONNECTION_CLOSED, f"websocket closed: {exc.code}")
