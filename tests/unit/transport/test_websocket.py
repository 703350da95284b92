"""WebSocketConnection, connect_websocket and serve_websocket over real loopback sockets."""

from __future__ import annotations

import socket
import ssl
from pathlib import Path

import anyio
import pytest

from tests.unit.transport.conftest import running_server
from waproto.errors import ConnectionClosed, InvalidState
from waproto.transport import (
    TIMEOUT_CODE,
    WebSocketConnection,
    connect_websocket,
    shared_ssl_context,
    ssl_context_from_ca_file,
)
from waproto.transport.testcerts import TestCA, make_test_ca

pytestmark = pytest.mark.anyio

TIMEOUT = 10.0


async def echo(connection: WebSocketConnection) -> None:
    while True:
        await connection.send(await connection.receive())


async def echo_roundtrip(url: str, payloads: list[bytes], context: ssl.SSLContext | None = None) -> None:
    client = await connect_websocket(url, ssl_context=context, connect_timeout=TIMEOUT)
    try:
        for payload in payloads:
            await client.send(payload)
            assert await client.receive() == payload
    finally:
        await client.aclose()
    assert client.closed
    assert client.close_code == 1000


@pytest.mark.parametrize("tls", [False, True], ids=["ws", "wss"])
async def test_echo_small_and_large(tls: bool, test_ca: TestCA) -> None:
    options = {"ssl_context": test_ca.server_context()} if tls else {}
    async with running_server(echo, **options) as server:
        assert server.url.startswith("wss://" if tls else "ws://")
        payloads = [b"hello", b"", bytes(range(256)) * 4096, b"\x00" * (1 << 20)]
        await echo_roundtrip(server.url, payloads, test_ca.client_context() if tls else None)


async def test_many_small_messages_pipelined() -> None:
    messages = [i.to_bytes(4, "big") * 8 for i in range(2000)]
    received: list[bytes] = []
    async with running_server(echo) as server:
        client = await connect_websocket(server.url, connect_timeout=TIMEOUT)

        async def read_all() -> None:
            while len(received) < len(messages):
                received.append(await client.receive())

        async with anyio.create_task_group() as group:
            group.start_soon(read_all)
            for message in messages:
                await client.send(message)
        await client.aclose()
    assert received == messages


async def test_origin_headers_and_addresses_reach_the_handler() -> None:
    seen: list[WebSocketConnection] = []

    async def record(connection: WebSocketConnection) -> None:
        seen.append(connection)
        await connection.send(b"ok")
        await connection.receive()

    async with running_server(record) as server:
        client = await connect_websocket(
            server.url + "?v=1",
            origin="https://web.whatsapp.com",
            headers=[("X-Test", "yes")],
            connect_timeout=TIMEOUT,
        )
        assert await client.receive() == b"ok"
        (peer,) = seen
        assert peer.request_header("origin") == "https://web.whatsapp.com"
        assert peer.request_header("X-TEST") == "yes"
        assert peer.request_header("missing") is None
        assert peer.request_path == "/ws/chat?v=1"
        assert client.request_header("Origin") == "https://web.whatsapp.com"
        assert peer.remote_address == client.local_address
        assert client.remote_address == ("127.0.0.1", server.port)
        assert "open" in repr(client)
        await client.aclose()


async def test_client_close_code_reaches_server() -> None:
    outcome: list[ConnectionClosed] = []

    async def wait_for_close(connection: WebSocketConnection) -> None:
        try:
            await connection.receive()
        except ConnectionClosed as exc:
            outcome.append(exc)

    async with running_server(wait_for_close) as server:
        client = await connect_websocket(server.url, connect_timeout=TIMEOUT)
        await client.aclose(4000, "bye")
        await client.aclose()  # idempotent
        assert client.close_code == 4000
        assert client.close_reason == "bye"
        with pytest.raises(ConnectionClosed):
            await client.send(b"late")
        with pytest.raises(ConnectionClosed):
            await client.receive()
        while not outcome:
            await anyio.sleep(0.01)
    assert outcome[0].code == 4000
    assert outcome[0].reason == "bye"


async def test_server_close_code_reaches_client_after_queued_messages() -> None:
    async def say_and_close(connection: WebSocketConnection) -> None:
        await connection.send(b"last words")
        await connection.aclose(4001, "later")

    async with running_server(say_and_close) as server:
        client = await connect_websocket(server.url, connect_timeout=TIMEOUT)
        assert await client.receive() == b"last words"
        with pytest.raises(ConnectionClosed) as caught:
            await client.receive()
    assert caught.value.code == 4001
    assert caught.value.reason == "later"
    assert client.closed
    assert client.close_code == 4001


@pytest.mark.parametrize(
    ("behaviour", "code"),
    [("return", 1000), ("raise", 1011), ("closed", 1000)],
)
async def test_handler_outcome_sets_close_code(behaviour: str, code: int) -> None:
    async def handler(connection: WebSocketConnection) -> None:
        if behaviour == "raise":
            raise RuntimeError("handler bug")
        if behaviour == "closed":
            raise ConnectionClosed("gone", 1006)

    async with running_server(handler) as server:
        client = await connect_websocket(server.url, connect_timeout=TIMEOUT)
        with pytest.raises(ConnectionClosed) as caught:
            await client.receive()
    assert caught.value.code == code


async def test_server_shutdown_sends_going_away() -> None:
    started = anyio.Event()

    async def idle(connection: WebSocketConnection) -> None:
        started.set()
        await anyio.sleep_forever()

    async with running_server(idle) as server:
        client = await connect_websocket(server.url, connect_timeout=TIMEOUT)
        await started.wait()
        assert server.active_connections == 1
        async with anyio.create_task_group() as group:
            group.start_soon(server.aclose)
            with pytest.raises(ConnectionClosed) as caught:
                await client.receive()
        assert server.active_connections == 0
    assert caught.value.code == 1001


async def test_server_abort_is_abnormal_closure() -> None:
    async def drop(connection: WebSocketConnection) -> None:
        await connection.abort()
        await connection.abort()  # idempotent

    async with running_server(drop) as server:
        client = await connect_websocket(server.url, connect_timeout=TIMEOUT)
        with pytest.raises(ConnectionClosed) as caught:
            await client.receive()
    assert caught.value.code == 1006


async def test_client_abort_is_abnormal_closure_for_server() -> None:
    outcome: list[ConnectionClosed] = []

    async def wait_for_close(connection: WebSocketConnection) -> None:
        try:
            await connection.receive()
        except ConnectionClosed as exc:
            outcome.append(exc)

    async with running_server(wait_for_close) as server:
        client = await connect_websocket(server.url, connect_timeout=TIMEOUT)
        await client.abort()
        assert client.close_code == 1006
        assert client.close_reason == "aborted"
        while not outcome:
            await anyio.sleep(0.01)
    assert outcome[0].code == 1006


async def test_aclose_while_another_task_receives() -> None:
    async with running_server(echo) as server:
        client = await connect_websocket(server.url, connect_timeout=TIMEOUT)
        caught: list[ConnectionClosed] = []

        async def reader() -> None:
            try:
                await client.receive()
            except ConnectionClosed as exc:
                caught.append(exc)

        async with anyio.create_task_group() as group:
            group.start_soon(reader)
            await anyio.sleep(0.05)
            with pytest.raises(InvalidState):
                await client.receive()
            await client.aclose(4002, "done")
    assert caught[0].code == 4002


async def test_invalid_arguments_are_value_errors() -> None:
    with pytest.raises(ValueError, match="scheme"):
        await connect_websocket("http://127.0.0.1/", connect_timeout=TIMEOUT)
    async with running_server(echo) as server:
        client = await connect_websocket(server.url, connect_timeout=TIMEOUT)
        with pytest.raises(ValueError, match="1006"):
            await client.aclose(1006)
        await client.aclose()


async def test_connect_refused_is_connection_closed() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))  # bound, not listening: connects are refused
        port = holder.getsockname()[1]
        with pytest.raises(ConnectionClosed) as caught:
            await connect_websocket(f"ws://127.0.0.1:{port}/ws/chat", connect_timeout=TIMEOUT)
    assert caught.value.code is None
    assert str(caught.value.reason).startswith("connect failed")


async def test_handshake_timeout_is_408() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # the kernel completes TCP; nobody ever answers the handshake
        port = silent.getsockname()[1]
        with pytest.raises(ConnectionClosed) as caught:
            await connect_websocket(f"ws://127.0.0.1:{port}/ws/chat", connect_timeout=0.2)
    assert caught.value.code == TIMEOUT_CODE
    assert caught.value.reason == "timeout"


async def test_wrong_path_is_http_404() -> None:
    async with running_server(echo) as server:
        with pytest.raises(ConnectionClosed) as caught:
            await connect_websocket(f"ws://127.0.0.1:{server.port}/other", connect_timeout=TIMEOUT)
    assert caught.value.code == 404
    assert str(caught.value.reason).startswith("http 404")


async def test_untrusted_certificate_is_refused(test_ca: TestCA) -> None:
    other_ca = make_test_ca()
    async with running_server(echo, ssl_context=test_ca.server_context()) as server:
        for context in (other_ca.client_context(), shared_ssl_context()):
            with pytest.raises(ConnectionClosed) as caught:
                await connect_websocket(server.url, ssl_context=context, connect_timeout=TIMEOUT)
            assert caught.value.code is None
            assert str(caught.value.reason).startswith("tls: certificate rejected")
        # The server keeps serving after failed handshakes.
        await echo_roundtrip(server.url, [b"still up"], test_ca.client_context())


async def test_plain_client_against_tls_server_fails_cleanly(test_ca: TestCA) -> None:
    async with running_server(echo, ssl_context=test_ca.server_context()) as server:
        with pytest.raises(ConnectionClosed) as caught:
            await connect_websocket(f"ws://127.0.0.1:{server.port}/ws/chat", connect_timeout=TIMEOUT)
    assert str(caught.value.reason).startswith(("handshake", "connection lost"))


async def test_hundred_concurrent_connections(test_ca: TestCA) -> None:
    count = 100
    all_in = anyio.Event()
    async with running_server(echo, ssl_context=test_ca.server_context()) as server:
        context = test_ca.client_context()
        clients: list[WebSocketConnection] = []

        async def one(index: int) -> None:
            client = await connect_websocket(server.url, ssl_context=context, connect_timeout=TIMEOUT)
            clients.append(client)
            if len(clients) == count:
                all_in.set()
            await all_in.wait()
            await client.send(index.to_bytes(2, "big"))
            assert await client.receive() == index.to_bytes(2, "big")

        async with anyio.create_task_group() as group:
            for index in range(count):
                group.start_soon(one, index)
        assert server.active_connections == count
        async with anyio.create_task_group() as group:
            for client in clients:
                group.start_soon(client.aclose)
        assert all(client.close_code == 1000 for client in clients)


async def test_ca_file_context_and_shared_context(tmp_path: Path, test_ca: TestCA) -> None:
    assert shared_ssl_context() is shared_ssl_context()
    path = test_ca.write_ca_pem(tmp_path / "ca.pem")
    async with running_server(echo, ssl_context=test_ca.server_context()) as server:
        await echo_roundtrip(server.url, [b"via file"], ssl_context_from_ca_file(path))


async def test_cancelled_send_drops_the_connection() -> None:
    async def never_read(connection: WebSocketConnection) -> None:
        await anyio.sleep_forever()

    async with running_server(never_read) as server:
        client = await connect_websocket(server.url, connect_timeout=TIMEOUT)
        chunk = b"\x01" * (1 << 20)
        with anyio.move_on_after(2):
            for _ in range(512):  # far more than loopback socket buffers hold
                await client.send(chunk)
        assert client.closed
        assert client.close_code == 1006
        assert client.close_reason == "cancelled while sending"
        with pytest.raises(ConnectionClosed):
            await client.send(b"more")
