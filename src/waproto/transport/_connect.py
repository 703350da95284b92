"""Opening a client websocket: TCP (happy eyeballs), TLS, the opening handshake, errors translated.

Separate from :mod:`._websocket` (the open connection) because only the
client side connects; the server accepts in :mod:`._server`.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Sequence

import anyio
from websockets.client import ClientProtocol
from websockets.datastructures import Headers
from websockets.exceptions import InvalidHandshake, InvalidStatus, InvalidURI
from websockets.frames import CloseCode
from websockets.http11 import Response
from websockets.typing import Origin
from websockets.uri import parse_uri

from waproto.errors import ConnectionClosed
from waproto.transport._tcp import ClientStream, connect_stream
from waproto.transport._tls import shared_ssl_context
from waproto.transport._websocket import (
    CONNECT_ERRORS,
    MAX_MESSAGE_SIZE,
    TIMEOUT_CODE,
    WebSocketConnection,
    read_handshake,
    wire_logger,
)

__all__ = ["connect_websocket", "translate_connect_error"]

logger = logging.getLogger("waproto.transport")

#: What an open client connection's handshake response keeps instead of its headers.
_NO_HEADERS = Headers()


def translate_connect_error(exc: BaseException) -> ConnectionClosed:
    """Map what a connect or opening handshake raised to ``ConnectionClosed``."""
    if isinstance(exc, TimeoutError):
        return ConnectionClosed("timeout", TIMEOUT_CODE)
    if isinstance(exc, InvalidStatus):
        status = exc.response.status_code
        return ConnectionClosed(f"http {status} {exc.response.reason_phrase}", status)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return ConnectionClosed(f"tls: certificate rejected: {exc.verify_message}")
    if isinstance(exc, ssl.SSLError):
        return ConnectionClosed(f"tls: {exc.reason or exc}")
    if isinstance(exc, InvalidHandshake):
        return ConnectionClosed(f"handshake: {exc}")
    if isinstance(exc, anyio.EndOfStream | anyio.BrokenResourceError):
        return ConnectionClosed("connection lost during handshake", CloseCode.ABNORMAL_CLOSURE)
    return ConnectionClosed(f"connect failed: {exc}")


async def connect_websocket(
    url: str,
    *,
    origin: str | None = None,
    headers: Sequence[tuple[str, str]] = (),
    ssl_context: ssl.SSLContext | None = None,
    connect_timeout: float,
    max_message_size: int = MAX_MESSAGE_SIZE,
) -> WebSocketConnection:
    """Open a websocket to a ``ws://`` or ``wss://`` URL.

    Args:
        url: where to connect, e.g. ``wss://web.whatsapp.com/ws/chat``.
        origin: the ``Origin`` header (WA Web sends ``https://web.whatsapp.com``).
        headers: extra request headers, in order.
        ssl_context: the client TLS context for ``wss://``; the process-wide
            :func:`shared_ssl_context` when omitted.
        connect_timeout: seconds for TCP connect, TLS and the opening handshake together.
        max_message_size: the largest incoming message accepted, in bytes.

    Raises:
        ConnectionClosed: the connection could not be opened (see the module table).
        ValueError: ``url`` is not a websocket URL.
    """
    try:
        uri = parse_uri(url)
    except InvalidURI as exc:
        raise ValueError(str(exc)) from None
    protocol = ClientProtocol(
        uri,
        origin=Origin(origin) if origin is not None else None,
        max_size=max_message_size,
        logger=wire_logger,
    )
    request = protocol.connect()
    for name, value in headers:
        request.headers[name] = value
    protocol.send_request(request)
    stream: ClientStream | None = None
    try:
        with anyio.fail_after(connect_timeout):
            context = (ssl_context or shared_ssl_context()) if uri.secure else None
            stream = await connect_stream(uri.host, uri.port, ssl_context=context)
            events = await read_handshake(stream, protocol)
            if protocol.handshake_exc is not None:
                raise protocol.handshake_exc
    except CONNECT_ERRORS as exc:
        if stream is not None:
            await anyio.aclose_forcefully(stream)
        error = translate_connect_error(exc)
        logger.debug("connect to %s failed: %s", url, error)
        raise error from exc
    for event in events:
        if isinstance(event, Response):
            # websockets' frame parser keeps the response alive for the connection's life.
            event.headers = _NO_HEADERS
    chosen = ((("Origin", origin),) if origin is not None else ()) + tuple(headers)
    connection = WebSocketConnection(
        stream, protocol, request_path=request.path, request_headers=chosen, client_stream=stream
    )
    await connection.absorb(events)
    return connection
