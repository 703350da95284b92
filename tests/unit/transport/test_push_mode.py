"""ClientStream's push mode and TLS memory BIOs, driven in memory against a server ``SSLObject``;
then a pushing WebSocketConnection against the real server.

The event loop's side (``buffer_updated``, ``eof_received``, ``connection_lost``)
is called directly, the way asyncio calls it, so what reaches the sink and
what the BIOs hold can be checked exactly.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from typing import Any

import anyio
import pytest

from tests.unit.transport.conftest import running_server
from waproto.errors import ConnectionClosed, InvalidState
from waproto.transport import WebSocketConnection, connect_websocket
from waproto.transport._frames import ClientFrames
from waproto.transport._tcp import CIPHERTEXT_CHUNK, PLAINTEXT_CHUNK, READ_BUFFER_SIZE, ClientStream
from waproto.transport.testcerts import TestCA

pytestmark = pytest.mark.anyio


class FakeTransport(asyncio.Transport):
    """Records what the stream writes."""

    def __init__(self) -> None:
        super().__init__()
        self.written: list[bytes] = []
        self.closing = False

    def write(self, data: Any) -> None:
        self.written.append(bytes(data))

    def take(self) -> bytes:
        data, self.written = b"".join(self.written), []
        return data

    def is_closing(self) -> bool:
        return self.closing

    def close(self) -> None:
        self.closing = True

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


class Sink:
    """Collects what the stream pushes, and how much ciphertext its incoming BIO held at each delivery."""

    def __init__(self, stream: ClientStream) -> None:
        self.stream = stream
        self.data: list[bytes] = []
        self.bio_pending: list[int] = []
        self.ended: list[Exception] = []

    def stream_data(self, data: bytes) -> None:
        self.data.append(data)
        incoming = self.stream._incoming
        self.bio_pending.append(incoming.pending if incoming is not None else 0)

    def stream_ended(self, error: Exception) -> None:
        self.ended.append(error)


def receive(stream: ClientStream, data: bytes) -> None:
    """Hand ``data`` to the stream as the event loop would: at most one read buffer per call."""
    for start in range(0, len(data), READ_BUFFER_SIZE):
        piece = data[start : start + READ_BUFFER_SIZE]
        stream.get_buffer(len(piece))[: len(piece)] = piece
        stream.buffer_updated(len(piece))


class Peer:
    """The server's TLS end, in memory."""

    def __init__(self, test_ca: TestCA) -> None:
        self.incoming, self.outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        self.tls = test_ca.server_context().wrap_bio(self.incoming, self.outgoing, server_side=True)

    def records(self, messages: list[bytes]) -> bytes:
        for message in messages:
            self.tls.write(message)
        return self.outgoing.read()

    def read_records(self, ciphertext: bytes) -> list[bytes]:
        """Plaintext per TLS record (an SSLObject read returns at most one record)."""
        self.incoming.write(ciphertext)
        plain = []
        while True:
            try:
                plain.append(self.tls.read(1 << 20))
            except ssl.SSLWantReadError:
                return plain


async def connected(test_ca: TestCA) -> tuple[ClientStream, FakeTransport, Peer]:
    """A stream past its TLS handshake with ``Peer``."""
    stream, transport, peer = ClientStream(), FakeTransport(), Peer(test_ca)
    stream.connection_made(transport)
    with anyio.fail_after(5):
        async with anyio.create_task_group() as group:
            group.start_soon(stream.start_tls, test_ca.client_context(), "localhost")
            while stream._tls is None:
                await anyio.sleep(0)
                peer.incoming.write(transport.take())
                with contextlib.suppress(ssl.SSLWantReadError):
                    peer.tls.do_handshake()
                if peer.outgoing.pending:
                    receive(stream, peer.outgoing.read())
    return stream, transport, peer


async def test_push_mode_feeds_tls_in_bounded_pieces(test_ca: TestCA) -> None:
    stream, _, peer = await connected(test_ca)
    sink = Sink(stream)
    stream.push_to(sink)
    messages = [bytes([index]) * 3000 for index in range(60)]
    receive(stream, peer.records(messages))  # ~180 KiB: several full read buffers
    assert b"".join(sink.data) == b"".join(messages)
    # Without the cap a 64 KiB read sits in the BIO (which then never shrinks below it).
    assert max(sink.bio_pending) <= CIPHERTEXT_CHUNK
    assert sink.ended == []


async def test_writes_become_records_of_at_most_one_chunk(test_ca: TestCA) -> None:
    stream, transport, peer = await connected(test_ca)
    stream.push_to(Sink(stream))
    small, large = b"ping", bytes(range(256)) * 40
    stream.write(small)
    stream.write(large)
    records = peer.read_records(transport.take())
    assert b"".join(records) == small + large
    assert max(len(record) for record in records) <= PLAINTEXT_CHUNK
    assert stream._outgoing is not None and stream._outgoing.pending == 0


async def test_bytes_received_before_push_mode_are_pushed_first(test_ca: TestCA) -> None:
    stream, _, peer = await connected(test_ca)
    receive(stream, peer.records([b"early"]))
    sink = Sink(stream)
    stream.push_to(sink)
    receive(stream, peer.records([b"late"]))
    assert sink.data == [b"early", b"late"]


async def test_clean_end_is_reported_once(test_ca: TestCA) -> None:
    stream, _, _ = await connected(test_ca)
    sink = Sink(stream)
    stream.push_to(sink)
    # No close_notify first: the websocket's closing handshake is what marks a clean end.
    assert stream.eof_received() is False
    stream.connection_lost(None)
    assert len(sink.ended) == 1 and isinstance(sink.ended[0], anyio.EndOfStream)


async def test_lost_connection_is_reported_once(test_ca: TestCA) -> None:
    stream, _, _ = await connected(test_ca)
    sink = Sink(stream)
    stream.push_to(sink)
    stream.connection_lost(ConnectionResetError())
    stream.connection_lost(None)
    assert len(sink.ended) == 1 and isinstance(sink.ended[0], anyio.BrokenResourceError)
    with pytest.raises(anyio.BrokenResourceError):
        stream.write(b"late")


async def test_garbage_from_the_peer_ends_with_the_tls_error(test_ca: TestCA) -> None:
    stream, _, _ = await connected(test_ca)
    sink = Sink(stream)
    stream.push_to(sink)
    receive(stream, b"\x17\x03\x03\x00\x10" + b"\x00" * 16)  # an application record that fails to decrypt
    assert len(sink.ended) == 1 and isinstance(sink.ended[0], ssl.SSLError)
    receive(stream, b"more")
    assert sink.data == [] and len(sink.ended) == 1


@pytest.mark.parametrize("tls", [False, True], ids=["ws", "wss"])
async def test_a_pushing_client_against_the_real_server(tls: bool, test_ca: TestCA) -> None:
    async def handler(connection: WebSocketConnection) -> None:
        for _ in range(3):
            await connection.send(await connection.receive())
        await connection.aclose(4000, "enough")

    options = {"ssl_context": test_ca.server_context()} if tls else {}
    async with running_server(handler, **options) as server:
        client = await connect_websocket(
            server.url, ssl_context=test_ca.client_context() if tls else None, connect_timeout=5
        )
        received: list[bytes] = []
        closed: list[ConnectionClosed] = []
        client.start_pushing(received.append, closed.append)
        assert isinstance(client._protocol, ClientFrames)  # websockets' Protocol let go after the handshake
        with pytest.raises(InvalidState):
            await client.receive()
        payloads = [b"small", bytes(range(256)) * 300, b""]
        for payload in payloads:
            assert client.send_now(payload) is False
        with anyio.fail_after(5):
            while not closed:
                await anyio.sleep(0.01)
        assert received == payloads
        assert [(error.code, error.reason) for error in closed] == [(4000, "enough")]
        assert client.closed and client.close_code == 4000
        await client.aclose()



@pytest.mark.parametrize("tls", [False, True], ids=["ws", "wss"])
async def test_a_pushing_client_closes_only_after_the_server_answered(tls: bool, test_ca: TestCA) -> None:
    gate = anyio.Event()
    seen: list[tuple[int | None, str]] = []

    async def handler(connection: WebSocketConnection) -> None:
        await gate.wait()  # the server reads (and so answers a close) only once the gate opens
        try:
            await connection.receive()
        except ConnectionClosed as exc:
            seen.append((exc.code, exc.reason))

    options = {"ssl_context": test_ca.server_context()} if tls else {}
    async with running_server(handler, **options) as server:
        client = await connect_websocket(
            server.url, ssl_context=test_ca.client_context() if tls else None, connect_timeout=5
        )
        closed: list[ConnectionClosed] = []
        client.start_pushing(lambda message: None, closed.append)
        returned = anyio.Event()

        async def close() -> None:
            await client.aclose(4001, "bye")
            returned.set()

        async with anyio.create_task_group() as group:
            group.start_soon(close)
            await anyio.wait_all_tasks_blocked()
            assert not returned.is_set() and not closed  # still waiting for the answer
            gate.set()
            with anyio.fail_after(5):
                await returned.wait()
        assert seen == [(4001, "bye")]
        assert client.close_code == 4001 and len(closed) == 1
