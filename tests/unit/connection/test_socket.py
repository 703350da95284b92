"""Connection (the I/O shell) over a websocket stand-in that pushes, against the in-memory Noise server.

The stand-in has the push-mode surface of ``WebSocketConnection``: the test
plays the event loop's read callback by calling ``on_message`` itself.
"""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio
import pytest

from waproto.binary import Node
from waproto.connection import CloseInfo, Connection, ConnectionCore, DisconnectReason, ReadyState
from waproto.connection.socket import PAUSE_EVENTS
from waproto.crypto import generate_keypair
from waproto.errors import ConnectionClosed

from .test_core import PAYLOAD, Server

pytestmark = pytest.mark.anyio

WAIT = 5.0


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class PushingWebSocket:
    """What Connection uses of a client WebSocketConnection in push mode."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.on_message: Callable[[bytes], None] | None = None
        self.on_closed: Callable[[ConnectionClosed], None] | None = None
        self.must_drain = False
        self.drained = anyio.Event()
        self.paused = False
        self.closed = False

    def start_pushing(
        self, on_message: Callable[[bytes], None], on_closed: Callable[[ConnectionClosed], None]
    ) -> None:
        self.on_message, self.on_closed = on_message, on_closed

    def send_now(self, data: bytes) -> bool:
        if self.closed:
            raise ConnectionClosed("closed", 1000)
        self.sent.append(data)
        return self.must_drain

    def take(self) -> list[bytes]:
        sent, self.sent = self.sent, []
        return sent

    async def drain(self) -> None:
        await self.drained.wait()

    def pause_reading(self) -> None:
        self.paused = True

    def resume_reading(self) -> None:
        self.paused = False

    async def aclose(self) -> None:
        self.closed = True

    def push(self, message: bytes) -> None:
        assert self.on_message is not None
        self.on_message(message)


class Peer:
    """A running Connection, its websocket stand-in and the server end."""

    def __init__(self, connection: Connection, ws: PushingWebSocket, server: Server) -> None:
        self.connection = connection
        self.ws = ws
        self.server = server
        self.result: CloseInfo | None = None

    def send(self, node: Node) -> None:
        self.ws.push(self.server.node(node))

    def received(self) -> list[Node]:
        self.server.receive(self.ws.take())
        received, self.server.received = self.server.received, []
        return received

    async def settled(self) -> None:
        """Wait until run() waits for work again (it has handed on everything queued)."""
        while self.connection._wake is None or self.connection._events:
            await anyio.sleep(0)


async def wait_for(condition: Callable[[], object]) -> None:
    while not condition():
        await anyio.sleep(0.005)


@asynccontextmanager
async def logged_in(
    on_node: Callable[[Node], object] | None = None, *, keepalive: float = 60.0
) -> AsyncIterator[Peer]:
    async def handle(node: Node) -> None:
        if on_node is not None:
            result = on_node(node)
            if result is not None:
                await result  # type: ignore[misc]

    root = generate_keypair()
    server = Server(root, now=time.time())
    core = ConnectionCore(
        noise_key=generate_keypair(),
        client_payload=PAYLOAD,
        trusted_root=root.public,
        dict_version=3,
        keepalive_interval=keepalive,
        keepalive_grace=60.0,
        now=anyio.current_time(),
    )
    ws = PushingWebSocket()
    peer = Peer(Connection(ws, core, on_node=handle), ws, server)  # type: ignore[arg-type]

    async def run() -> None:
        peer.result = await peer.connection.run()

    with anyio.fail_after(WAIT):
        async with anyio.create_task_group() as group:
            group.start_soon(run)
            await wait_for(lambda: ws.on_message is not None)
            for reply in server.receive(ws.take()):
                ws.push(reply)
            server.receive(ws.take())
            peer.send(Node("success", {"t": str(int(time.time()))}))
            assert peer.connection.ready_state is ReadyState.OPEN
            await peer.settled()
            yield peer
            group.cancel_scope.cancel()


async def test_keepalive_ping_and_pong_wake_no_task() -> None:
    nodes: list[Node] = []
    async with logged_in(nodes.append, keepalive=0.02) as peer:
        waiting = peer.connection._wake
        for _ in range(2):
            await wait_for(lambda: peer.ws.sent)  # sent from the timer callback
            (ping,) = peer.received()
            assert ping.tag == "iq" and ping.attrs["xmlns"] == "w:p"
            peer.send(Node("iq", {"id": ping.attrs["id"], "type": "result", "from": "s.whatsapp.net"}))
        # run() still waits on the same future: nothing woke it, nothing reached the handler.
        assert peer.connection._wake is waiting and waiting is not None and not waiting.done()
        assert nodes == []


async def test_the_keepalive_timer_falls_due_on_a_whole_tick() -> None:
    async with logged_in(keepalive=30.0) as first, logged_in(keepalive=0.5) as second:
        for peer, tick in ((first, 1.0), (second, 0.05)):
            core, timer = peer.connection._core, peer.connection._timer
            deadline = core.next_deadline()
            assert core.timer_tick == tick
            assert timer is not None and deadline is not None
            assert timer.when() == math.ceil(deadline / tick) * tick
            assert deadline <= timer.when() < deadline + tick


async def test_nodes_reach_the_handler_in_order() -> None:
    nodes: list[Node] = []
    async with logged_in(nodes.append) as peer:
        for index in range(3):
            peer.send(Node("notification", {"id": str(index)}))
        await peer.settled()
        assert [node.attrs["id"] for node in nodes] == ["0", "1", "2"]


async def test_an_answer_waits_behind_nodes_that_arrived_before_it() -> None:
    gate = anyio.Event()
    handled: list[str] = []

    async def slow(node: Node) -> None:
        await gate.wait()
        handled.append(node.attrs["id"])

    answers: list[Node] = []
    async with logged_in(slow) as peer:
        async with anyio.create_task_group() as group:

            async def ask() -> None:
                answers.append(await peer.connection.query(Node("iq", {"type": "get"}), timeout=WAIT))
                assert handled == ["before"]

            group.start_soon(ask)
            await wait_for(lambda: peer.ws.sent)
            (question,) = peer.received()
            peer.send(Node("notification", {"id": "before"}))
            peer.send(Node("iq", {"id": question.attrs["id"], "type": "result"}))
            for _ in range(10):
                await anyio.sleep(0)
            assert answers == []
            gate.set()
        assert answers[0].attrs["id"] == question.attrs["id"]


async def test_an_answer_with_nothing_before_it_goes_straight_to_the_query() -> None:
    nodes: list[Node] = []
    async with logged_in(nodes.append) as peer:
        async with anyio.create_task_group() as group:
            answers: list[Node] = []

            async def ask() -> None:
                answers.append(await peer.connection.query(Node("iq", {"type": "get"}), timeout=WAIT))

            group.start_soon(ask)
            await wait_for(lambda: peer.ws.sent)
            (question,) = peer.received()
            waiting = peer.connection._wake
            peer.send(Node("iq", {"id": question.attrs["id"], "type": "result"}))
        assert answers[0].attrs["id"] == question.attrs["id"]
        assert peer.connection._wake is waiting and nodes == []


async def test_reading_pauses_while_the_handler_is_behind() -> None:
    gate = anyio.Event()
    handled: list[Node] = []

    async def slow(node: Node) -> None:
        await gate.wait()
        handled.append(node)

    async with logged_in(slow) as peer:
        for index in range(PAUSE_EVENTS + 1):
            peer.send(Node("notification", {"id": str(index)}))
        assert peer.ws.paused
        gate.set()
        await peer.settled()
        assert not peer.ws.paused and len(handled) == PAUSE_EVENTS + 1


async def test_a_send_over_the_high_water_mark_waits_for_drain() -> None:
    async with logged_in() as peer:
        peer.ws.must_drain = True
        done = anyio.Event()

        async def send() -> None:
            await peer.connection.send_node(Node("presence", {"type": "available"}))
            done.set()

        async with anyio.create_task_group() as group:
            group.start_soon(send)
            await wait_for(lambda: peer.ws.sent)
            assert not done.is_set()  # written at once, then waiting for the transport
            peer.ws.drained.set()
        assert [node.tag for node in peer.received()] == ["presence"]


async def test_websocket_closed_ends_run_and_fails_queries() -> None:
    async with logged_in() as peer:
        async with anyio.create_task_group() as group:
            failures: list[ConnectionClosed] = []

            async def ask() -> None:
                with pytest.raises(ConnectionClosed) as caught:
                    await peer.connection.query(Node("iq", {"type": "get"}), timeout=WAIT)
                failures.append(caught.value)

            group.start_soon(ask)
            await wait_for(lambda: peer.ws.sent)
            assert peer.ws.on_closed is not None
            peer.ws.on_closed(ConnectionClosed("connection lost: reset", 1006))
        await wait_for(lambda: peer.result is not None)
        assert peer.result is not None and peer.result.reason is DisconnectReason.TIMED_OUT
        assert peer.result.detail == "connection lost: connection lost: reset"
        assert len(failures) == 1 and peer.ws.closed


async def test_cancelling_run_closes_the_websocket() -> None:
    async with logged_in() as peer:
        pass
    assert peer.ws.closed
