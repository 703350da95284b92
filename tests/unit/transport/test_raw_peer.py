"""Our client against a raw websockets ServerProtocol peer that records what it receives.

The peer sends what our own server never would (pings, text, fragments,
oversized messages) and shows the frames our client answered with.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio
import pytest
from anyio.abc import SocketStream
from websockets.frames import Frame, Opcode
from websockets.http11 import Request
from websockets.server import ServerProtocol

from waproto.errors import ConnectionClosed
from waproto.transport import WebSocketConnection, connect_websocket

pytestmark = pytest.mark.anyio

Script = Callable[[ServerProtocol], None]


class RecordingPeer:
    """Accepts one websocket, runs a script of sends, and records every frame it gets."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.frames: list[Frame] = []
        self.done = anyio.Event()

    async def serve(self, stream: SocketStream) -> None:
        protocol = ServerProtocol(max_size=None)
        try:
            while True:
                data = await stream.receive()
                protocol.receive_data(data)
                for event in protocol.events_received():
                    if isinstance(event, Request):
                        protocol.send_response(protocol.accept(event))
                        self.script(protocol)
                    elif isinstance(event, Frame):
                        self.frames.append(event)
                for chunk in protocol.data_to_send():
                    if chunk:
                        await stream.send(chunk)
        except (anyio.EndOfStream, anyio.BrokenResourceError, OSError):
            pass
        finally:
            await stream.aclose()
            self.done.set()


@asynccontextmanager
async def raw_peer(script: Script) -> AsyncIterator[tuple[RecordingPeer, WebSocketConnection]]:
    peer = RecordingPeer(script)
    with anyio.fail_after(10):
        async with await anyio.create_tcp_listener(local_host="127.0.0.1") as listener:
            port = listener.extra(anyio.abc.SocketAttribute.local_port)
            async with anyio.create_task_group() as group:
                group.start_soon(listener.serve, peer.serve)
                client = await connect_websocket(
                    f"ws://127.0.0.1:{port}/ws/chat", connect_timeout=10, max_message_size=1024
                )
                yield peer, client
                await client.aclose()
                await peer.done.wait()
                group.cancel_scope.cancel()


async def test_ping_is_answered_while_receiving() -> None:
    def script(protocol: ServerProtocol) -> None:
        protocol.send_ping(b"are you there")
        protocol.send_binary(b"after ping")

    async with raw_peer(script) as (peer, client):
        assert await client.receive() == b"after ping"
    assert peer.frames[0].opcode is Opcode.PONG
    assert peer.frames[0].data == b"are you there"


async def test_fragmented_message_is_reassembled() -> None:
    def script(protocol: ServerProtocol) -> None:
        protocol.send_binary(b"one ", fin=False)
        protocol.send_continuation(b"two ", fin=False)
        protocol.send_continuation(b"three", fin=True)
        protocol.send_binary(b"next")

    async with raw_peer(script) as (_, client):
        assert await client.receive() == b"one two three"
        assert await client.receive() == b"next"


@pytest.mark.parametrize(
    ("script", "code"),
    [
        (lambda protocol: protocol.send_text(b"hi"), 1003),
        (lambda protocol: protocol.send_binary(b"x" * 2048), 1009),
    ],
    ids=["text", "too-big"],
)
async def test_unwanted_messages_fail_the_connection(script: Script, code: int) -> None:
    async with raw_peer(script) as (peer, client):
        with pytest.raises(ConnectionClosed) as caught:
            await client.receive()
        await peer.done.wait()
    assert caught.value.code == code
    assert client.close_code == code
    assert peer.frames[-1].opcode is Opcode.CLOSE


async def test_close_frame_without_code() -> None:
    def script(protocol: ServerProtocol) -> None:
        protocol.send_close()

    async with raw_peer(script) as (_, client):
        with pytest.raises(ConnectionClosed) as caught:
            await client.receive()
    assert caught.value.code == 1005
    assert caught.value.reason == "closed by peer"
