"""The websocket transport: ``websockets``' sans-I/O protocol over anyio streams.

On the client, TCP and TLS are a small stream of our own on an asyncio protocol
(``_tcp``) with one shared ``SSLContext``, which can push what it receives to
the websocket inside the read callback; the server uses anyio's streams.
Foreign exceptions are translated here, once,
into :class:`~waproto.errors.ConnectionClosed` (see ``_websocket`` for the table).
``waproto.transport.testcerts`` makes a throw-away CA for ``wss://`` on loopback.
"""

from __future__ import annotations

from waproto.transport._connect import connect_websocket
from waproto.transport._server import HANDSHAKE_TIMEOUT, WebSocketHandler, WebSocketServer, serve_websocket
from waproto.transport._tls import shared_ssl_context, ssl_context_from_ca_file
from waproto.transport._websocket import (
    CLOSE_TIMEOUT,
    MAX_MESSAGE_SIZE,
    READ_SIZE,
    TIMEOUT_CODE,
    WebSocketConnection,
)

__all__ = [
    "CLOSE_TIMEOUT",
    "HANDSHAKE_TIMEOUT",
    "MAX_MESSAGE_SIZE",
    "READ_SIZE",
    "TIMEOUT_CODE",
    "WebSocketConnection",
    "WebSocketHandler",
    "WebSocketServer",
    "connect_websocket",
    "serve_websocket",
    "shared_ssl_context",
    "ssl_context_from_ca_file",
]
