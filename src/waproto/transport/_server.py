"""A websocket server on anyio, for the local test server and benchmarks.

Each accepted socket gets one task: TLS (optional), the opening handshake, then
the caller's handler with a :class:`WebSocketConnection`. Nothing else is kept
per connection, so thousands of idle connections stay cheap.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Awaitable, Callable

import anyio
from anyio.abc import ByteStream, SocketAttribute, SocketListener, SocketStream, TaskGroup, TaskStatus
from anyio.streams.tls import TLSStream
from websockets.frames import CloseCode
from websockets.http11 import Request
from websockets.server import ServerProtocol

from waproto.errors import ConnectionClosed
from waproto.transport._websocket import (
    MAX_MESSAGE_SIZE,
    TRANSPORT_ERRORS,
    WebSocketConnection,
    extra,
    read_handshake,
    wire_logger,
)

__all__ = ["HANDSHAKE_TIMEOUT", "WebSocketHandler", "WebSocketServer", "serve_websocket"]

logger = logging.getLogger("waproto.transport.server")

#: Seconds a client gets for TLS and the opening handshake before it is dropped.
HANDSHAKE_TIMEOUT = 10.0
#: Seconds the accept loop pauses after an accept error (e.g. out of file descriptors).
_ACCEPT_RETRY_DELAY = 0.1

WebSocketHandler = Callable[[WebSocketConnection], Awaitable[None]]


class WebSocketServer:
    """A listening websocket server; made by :func:`serve_websocket`.

    ``aclose()`` (or leaving ``async with server``) stops accepting, cancels
    every handler and closes its connection with 1001 (going away).

    Attributes:
        host: the address listened on.
        port: the port listened on (the real one when 0 was asked for).
        path: the only request path accepted; others get HTTP 404.
    """

    __slots__ = (
        "_active",
        "_done",
        "_handler",
        "_handshake_timeout",
        "_listeners",
        "_max_message_size",
        "_scope",
        "_ssl_context",
        "host",
        "path",
        "port",
    )

    def __init__(
        self,
        handler: WebSocketHandler,
        listeners: list[SocketListener],
        *,
        path: str,
        ssl_context: ssl.SSLContext | None,
        max_message_size: int,
        handshake_timeout: float,
    ) -> None:
        self._handler = handler
        self._listeners = listeners
        self._ssl_context = ssl_context
        self._max_message_size = max_message_size
        self._handshake_timeout = handshake_timeout
        self._scope: anyio.CancelScope | None = None
        self._done = anyio.Event()
        self._active = 0
        address = listeners[0].extra(SocketAttribute.local_address)  # noqa: S610 (anyio, not Django)
        self.host = str(address[0])
        self.port = int(address[1])
        self.path = path

    @property
    def url(self) -> str:
        """The URL clients connect to (``ws://`` or ``wss://``)."""
        scheme = "wss" if self._ssl_context is not None else "ws"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}{self.path}"

    @property
    def active_connections(self) -> int:
        """How many handlers are running now."""
        return self._active

    async def __aenter__(self) -> WebSocketServer:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop listening and end every connection; returns when all handlers are done."""
        if self._scope is not None:
            self._scope.cancel()
            await self._done.wait()

    async def run(self, *, task_status: TaskStatus[None] = anyio.TASK_STATUS_IGNORED) -> None:
        """Accept connections until :meth:`aclose`; reports started once listening."""
        try:
            with anyio.CancelScope() as self._scope:
                task_status.started()
                async with anyio.create_task_group() as group:
                    for listener in self._listeners:
                        group.start_soon(self._accept_loop, listener, group)
        finally:
            with anyio.CancelScope(shield=True):
                for listener in self._listeners:
                    await listener.aclose()
            self._done.set()

    async def _accept_loop(self, listener: SocketListener, group: TaskGroup) -> None:
        while True:
            try:
                stream = await listener.accept()
            except OSError as exc:
                # Typically EMFILE under load: keep serving the connections we have.
                logger.warning("accept failed: %r", exc)
                await anyio.sleep(_ACCEPT_RETRY_DELAY)
                continue
            group.start_soon(self._serve, stream)

    async def _serve(self, stream: SocketStream) -> None:
        connection = await self._open(stream)
        if connection is None:
            return
        self._active += 1
        code: int = CloseCode.INTERNAL_ERROR
        try:
            await self._handler(connection)
            code = CloseCode.NORMAL_CLOSURE
        except ConnectionClosed:
            code = CloseCode.NORMAL_CLOSURE
        except anyio.get_cancelled_exc_class():
            code = CloseCode.GOING_AWAY
            raise
        except Exception:
            logger.exception("websocket handler failed")
        finally:
            self._active -= 1
            await connection.aclose(code)

    async def _open(self, raw: SocketStream) -> WebSocketConnection | None:
        """Run TLS and the opening handshake; ``None`` when the client was turned away."""
        protocol = ServerProtocol(max_size=self._max_message_size, logger=wire_logger)
        stream: ByteStream = raw
        request: Request | None = None
        try:
            with anyio.fail_after(self._handshake_timeout):
                if self._ssl_context is not None:
                    stream = await TLSStream.wrap(
                        raw, server_side=True, ssl_context=self._ssl_context, standard_compatible=False
                    )
                events = await read_handshake(stream, protocol)
                request = next((event for event in events if isinstance(event, Request)), None)
                if request is not None:
                    if request.path.split("?", 1)[0] == self.path:
                        response = protocol.accept(request)
                    else:
                        response = protocol.reject(404, "Not Found\n")
                    protocol.send_response(response)
                    for chunk in protocol.data_to_send():
                        if chunk:
                            await stream.send(chunk)
                    if response.status_code != 101:
                        request = None
        except TRANSPORT_ERRORS as exc:  # TimeoutError is an OSError
            logger.debug(
                "opening handshake from %s failed: %r", extra(raw, SocketAttribute.remote_address), exc
            )
            request = None
        if request is None:
            await anyio.aclose_forcefully(stream)
            return None
        connection = WebSocketConnection(
            stream,
            protocol,
            request_path=request.path,
            request_headers=tuple(request.headers.raw_items()),
        )
        await connection.absorb(protocol.events_received())
        return connection


async def serve_websocket(
    handler: WebSocketHandler,
    *,
    task_group: TaskGroup,
    host: str = "127.0.0.1",
    port: int = 0,
    path: str = "/ws/chat",
    ssl_context: ssl.SSLContext | None = None,
    max_message_size: int = MAX_MESSAGE_SIZE,
    handshake_timeout: float = HANDSHAKE_TIMEOUT,
) -> WebSocketServer:
    """Listen for websocket clients and run ``handler`` for each, in ``task_group``.

    The handler gets an open connection and owns it until it returns; the
    connection is then closed (1000, or 1011 if the handler raised). Only
    ``path`` is served; other paths get HTTP 404.

    Args:
        handler: the coroutine run per connection.
        task_group: where the server's tasks run; it outlives the server.
        host: the address to listen on.
        port: the port; 0 picks a free one (see ``WebSocketServer.port``).
        path: the request path served.
        ssl_context: a server TLS context for ``wss://``; plain ``ws://`` when ``None``.
        max_message_size: the largest incoming message accepted, in bytes.
        handshake_timeout: seconds for TLS plus the opening handshake.

    Raises:
        OSError: the address cannot be listened on.
    """
    multi = await anyio.create_tcp_listener(local_host=host, local_port=port)
    server = WebSocketServer(
        handler,
        [listener for listener in multi.listeners if isinstance(listener, SocketListener)],
        path=path,
        ssl_context=ssl_context,
        max_message_size=max_message_size,
        handshake_timeout=handshake_timeout,
    )
    await task_group.start(server.run)
    return server
