"""The I/O shell of one connection: a websocket pumped through :class:`ConnectionCore`.

No task reads. The websocket pushes each message from the event loop's read
callback straight into the core; one loop timer per connection fires at the
core's next deadline (keepalive ping or dead-connection check), rounded up to
a whole tick so that many connections' timers fall due together, and sends the
ping from the callback. A keepalive answer is consumed by the core and wakes
no task at all. Only events that need async work (a node for the handler, the
login, the close, an answer a query waits for behind them) wake the task in
:meth:`Connection.run`, which hands them on in arrival order; while it is
behind by :data:`PAUSE_EVENTS` events the socket is not read.

Sends need no lock: a node is encrypted and its frame written in one
synchronous step (asyncio's ``Transport.write`` does not wait), so Noise
counters and frames on the wire are always in the same order. A sender
waits only when the transport is over its high-water mark.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Awaitable, Callable

import anyio
from anyio.lowlevel import cancel_shielded_checkpoint, checkpoint_if_cancelled

from waproto.binary import Node
from waproto.connection.core import (
    Closed,
    ConnectionCore,
    ConnectionEvent,
    LoggedIn,
    NodeReceived,
    check_iq_error,
)
from waproto.connection.reasons import CloseInfo, DisconnectReason
from waproto.connection.state import ReadyState
from waproto.errors import ConnectionClosed, QueryTimeout
from waproto.transport import WebSocketConnection

__all__ = ["PAUSE_EVENTS", "Connection", "NodeHandler"]

logger = logging.getLogger("waproto.connection")

#: Called in :meth:`Connection.run`'s task for each node that is not the answer to a
#: pending query. Answers that arrive meanwhile wait behind it, so it must not wait
#: for another node (no query()): start a task for that instead.
NodeHandler = Callable[[Node], Awaitable[None]]

#: Events waiting for :meth:`Connection.run` at which the socket stops being read.
PAUSE_EVENTS = 256

#: WebSocket close code for an abnormal closure (no close frame: the TCP connection dropped).
_ABNORMAL_CLOSURE = 1006

_Answer = Node | CloseInfo | None


class Connection:
    """A handshaken websocket to the chat server; made inside the event loop that runs it.

    Args:
        websocket: the open websocket (a client connection: it pushes what it receives).
        core: the protocol core; :meth:`ConnectionCore.connect` not yet called.
        on_node: handler for inbound nodes (see :data:`NodeHandler`).
        on_login: called with the ``<success>`` node when the server accepts the login.
    """

    __slots__ = (
        "_busy",
        "_core",
        "_events",
        "_loop",
        "_on_login",
        "_on_node",
        "_paused",
        "_timer",
        "_waiters",
        "_wake",
        "_ws",
    )

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
        # Kept: asyncio.get_running_loop() costs a getpid() system call on every use.
        self._loop = asyncio.get_running_loop()
        self._waiters: dict[str, asyncio.Future[_Answer]] = {}
        self._events: list[ConnectionEvent] = []
        self._wake: asyncio.Future[None] | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._busy = False
        self._paused = False

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
        """Start the handshake, then hand on events until the connection closes.

        Returns:
            Why the connection closed. Pending queries fail with ConnectionClosed.
            Cancelled, it closes the socket before the cancellation goes on.
        """
        try:
            self._core.connect()
            self._write()
            self._ws.start_pushing(self._message_received, self._websocket_closed)
            self._arm_timer()
            # Inline, not a helper coroutine: its frame would be kept for the connection's life.
            events = self._events
            while True:
                while events:
                    event = events.pop(0)
                    if self._paused and len(events) < PAUSE_EVENTS // 2:
                        self._paused = False
                        self._ws.resume_reading()
                    self._busy = True
                    try:
                        await self._handle(event)
                    finally:
                        self._busy = False
                if self._core.state is ReadyState.CLOSED:
                    break
                wake = self._wake = self._loop.create_future()
                try:
                    await wake
                finally:
                    self._wake = None
        except ConnectionClosed as exc:
            self._core.fail(self._close_from_transport(exc))
        finally:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            info = self._core.close_info or CloseInfo.local(DisconnectReason.CONNECTION_CLOSED, "closed")
            self._fail_waiters(info)
            with anyio.CancelScope(shield=True):
                await self._ws.aclose()
        return info

    async def send_node(self, node: Node) -> None:
        """Encrypt and send one node, then let other tasks run."""
        await checkpoint_if_cancelled()
        if self._core.state is ReadyState.CLOSED:
            raise ConnectionClosed(self._core.close_info, self._close_code())
        self._core.send_node(node)
        if self._write():
            await self._ws.drain()
        await cancel_shielded_checkpoint()

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
        """Close deliberately; :meth:`run` returns ``info`` (default: closed by us)."""
        self._core.begin_closing()
        self._core.fail(info or CloseInfo.local(DisconnectReason.CONNECTION_CLOSED, "closed by client"))
        self._fail_waiters(self._core.close_info)
        self._take_events()
        with anyio.CancelScope(shield=True):
            await self._ws.aclose()

    async def _request(self, key: str, node: Node, timeout: float) -> Node:
        waiter: asyncio.Future[_Answer] = self._loop.create_future()
        self._waiters[key] = waiter
        try:
            await self.send_node(node)
            with anyio.move_on_after(timeout):
                await waiter
        finally:
            self._waiters.pop(key, None)
        result = waiter.result() if waiter.done() and not waiter.cancelled() else None
        if isinstance(result, Node):
            return result
        if isinstance(result, CloseInfo):
            raise ConnectionClosed(result, result.code)
        raise QueryTimeout(f"no answer to {node.tag} {key} in {timeout:g} s")

    # Callbacks from the event loop: no awaiting here.

    def _message_received(self, data: bytes) -> None:
        self._core.receive_data(data, self._loop.time(), unix_time=time.time())
        self._after_core()

    def _websocket_closed(self, exc: ConnectionClosed) -> None:
        self._core.fail(self._close_from_transport(exc))
        self._after_core()

    def _on_timer(self) -> None:
        self._timer = None
        self._core.handle_timeout(self._loop.time())
        self._after_core()

    def _after_core(self) -> None:
        """Send what the core produced, take its events, re-arm the timer."""
        try:
            self._write()
        except ConnectionClosed as exc:
            self._core.fail(self._close_from_transport(exc))
        self._take_events()
        self._arm_timer()

    def _take_events(self) -> None:
        events = self._core.events_received()
        if not events:
            return
        for event in events:
            # An answer goes straight to its waiter unless events before it still wait.
            behind = self._busy or self._events
            if isinstance(event, NodeReceived) and not behind and self._answer(event.node):
                continue
            self._events.append(event)
        if not self._events:
            return
        if len(self._events) >= PAUSE_EVENTS and not self._paused:
            self._paused = True
            self._ws.pause_reading()
        wake = self._wake
        if wake is not None and not wake.done():
            wake.set_result(None)

    def _arm_timer(self) -> None:
        """Have the timer fire by the core's next deadline, rounded up to a whole tick.

        A later deadline is seen when the timer fires. The rounding lets the
        timers of many connections fall due in the same loop pass, so one
        wake-up sends many pings and their answers arrive together: at N = 1000
        idle sessions it took the process's idle CPU from 2.2 to 0.73 CPU-ms per
        session per minute (``benchmarks/sessions.py``), for pings at most a
        tick late.
        """
        deadline = self._core.next_deadline()
        when = None
        if deadline is not None:
            tick = self._core.timer_tick
            when = math.ceil(deadline / tick) * tick
        timer = self._timer
        if timer is not None:
            if when is not None and timer.when() <= when:
                return
            timer.cancel()
            self._timer = None
        if when is not None:
            self._timer = self._loop.call_at(when, self._on_timer)

    def _write(self) -> bool:
        """Write what the core has to send, in order; whether the transport asks writers to drain."""
        drain = False
        for message in self._core.data_to_send():
            drain = self._ws.send_now(message)
        return drain

    # In run()'s task: events that need async work, in arrival order.

    async def _handle(self, event: ConnectionEvent) -> None:
        if isinstance(event, NodeReceived):
            if not self._answer(event.node):
                await self._on_node(event.node)
        elif isinstance(event, LoggedIn) and self._on_login is not None:
            await self._on_login(event.node)
        elif isinstance(event, Closed):
            logger.info("connection closed: %s", event.info)

    def _answer(self, node: Node) -> bool:
        """Hand ``node`` to the query waiting for it; False when none is."""
        key = None
        if node.tag == "iq" and node.attr("type") in ("result", "error"):
            key = node.attr("id")
        elif node.tag == "ack" and node.attr("class") == "message":
            key = f"ack:{node.attr('id')}"
        waiter = self._waiters.get(key) if key else None
        if waiter is None:
            return False
        if not waiter.done():
            waiter.set_result(node)
        return True

    def _fail_waiters(self, info: CloseInfo | None) -> None:
        for waiter in self._waiters.values():
            if not waiter.done():
                waiter.set_result(info)

    def _close_code(self) -> int | None:
        info = self._core.close_info
        return info.code if info is not None else None

    def _close_from_transport(self, exc: ConnectionClosed) -> CloseInfo:
        if exc.code == _ABNORMAL_CLOSURE or exc.code is None:
            return CloseInfo.local(DisconnectReason.TIMED_OUT, f"connection lost: {exc.reason}")
        return CloseInfo.local(DisconnectReason.CONNECTION_CLOSED, f"websocket closed: {exc.code}")
