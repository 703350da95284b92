"""One logged-in socket: frames to nodes over Noise, queries, keepalive, ready state, close reasons.

``core`` is the sans-I/O protocol state; ``socket`` pumps a websocket through it.
"""

from __future__ import annotations

from waproto.connection.core import (
    Closed,
    ConnectionCore,
    ConnectionEvent,
    LoggedIn,
    NodeReceived,
    QueryIds,
    check_iq_error,
)
from waproto.connection.reasons import (
    CloseInfo,
    DisconnectReason,
    close_from_failure,
    close_from_stream_error,
)
from waproto.connection.socket import Connection, NodeHandler
from waproto.connection.state import ReadyState, check_transition

__all__ = [
    "CloseInfo",
    "Closed",
    "Connection",
    "ConnectionCore",
    "ConnectionEvent",
    "DisconnectReason",
    "LoggedIn",
    "NodeHandler",
    "NodeReceived",
    "QueryIds",
    "ReadyState",
    "check_iq_error",
    "check_transition",
    "close_from_failure",
    "close_from_stream_error",
]
