"""The sans-I/O core of one connection: bytes in, nodes and close reasons out.

It runs the Noise handshake as initiator, sends the ClientPayload, then turns
frames into nodes and nodes into frames. It owns the liveness rule (nothing
received for ``keepalive_interval + keepalive_grace`` seconds means the
connection is dead: 408) and decides when a keepalive ping is due. It never
reads the clock or touches a socket: the shell passes ``now`` and pumps data.

The caller's loop::

    core.connect(now)
    send(core.data_to_send())
    while True:
        core.receive_data(await ws.receive(), now())   # or core.handle_timeout(now())
        for event in core.events_received(): ...
        send(core.data_to_send())
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass

from waproto.binary import Node, decode_node, encode_node
from waproto.connection.reasons import (
    CloseInfo,
    DisconnectReason,
    close_from_failure,
    close_from_stream_error,
)
from waproto.connection.state import ReadyState, check_transition
from waproto.crypto import KeyPair
from waproto.errors import (
    CertificateError,
    InvalidState,
    IQError,
    WAError,
)
from waproto.jid import USER_SERVER
from waproto.noise import (
    FrameDecoder,
    FrameEncoder,
    NoiseInitiator,
    NoiseTransport,
    noise_prologue,
)

__all__ = [
    "Closed",
    "ConnectionCore",
    "ConnectionEvent",
    "LoggedIn",
    "NodeReceived",
    "QueryIds",
    "check_iq_error",
]

#: The coarsest timer tick: pings and the liveness check may run up to this much late.
_MAX_TIMER_TICK = 1.0

logger = logging.getLogger("waproto.connection")


class ConnectionEvent:
    """Base of the events the core emits."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class NodeReceived(ConnectionEvent):
    """A node arrived after login (or a pairing iq during registration)."""

    node: Node


@dataclass(frozen=True, slots=True)
class LoggedIn(ConnectionEvent):
    """The server accepted the ClientPayload with ``<success>``; the connection is OPEN."""

    node: Node


@dataclass(frozen=True, slots=True)
class Closed(ConnectionEvent):
    """The connection is over; ``info`` says why. No more events follow."""

    info: CloseInfo


def check_iq_error(node: Node) -> Node:
    """Return an iq result, or raise :class:`IQError` for ``type=error`` with its code and text."""
    if node.attr("type") == "error":
        error = node.get_child("error")
        code = (error.attr_int("code") if error is not None else None) or 500
        raise IQError(code, (error.attr("text") or "") if error is not None else "")
    return node


class QueryIds:
    """Message and iq ids in WA Web's shape: ``"<a>.<b>-<counter>"`` unique per connection."""

    __slots__ = ("_counter", "_prefix")

    def __init__(self, prefix: str | None = None) -> None:
        self._prefix = prefix or f"{secrets.randbelow(65536)}.{secrets.randbelow(65536)}-"
        self._counter = 0

    def next(self) -> str:
        """A fresh id."""
        self._counter += 1
        return f"{self._prefix}{self._counter}"


class ConnectionCore:
    """One connection's protocol state.

    Args:
        noise_key: our long-term Noise static key pair.
        client_payload: the serialized ClientPayload (login or registration).
        trusted_root: the certificate root; the server's chain must verify against it.
        dict_version: token dictionary announced in the intro header.
        keepalive_interval: seconds between pings.
        keepalive_grace: extra silence tolerated before the connection counts as dead.
        now: the current time (any monotonic clock, in seconds).
        ephemeral: pinned handshake ephemeral key (tests only).
        routing_info: edge routing bytes from a previous ``<ib>``, sent before the intro.
    """

    __slots__ = (
        "_closed_info",
        "_decoder",
        "_dict_version",
        "_encoder",
        "_events",
        "_handshake",
        "_keepalive_grace",
        "_keepalive_interval",
        "_last_received",
        "_next_ping",
        "_outgoing",
        "_payload",
        "_ping_id",
        "_state",
        "_transport",
        "ids",
    )

    def __init__(
        self,
        *,
        noise_key: KeyPair,
        client_payload: bytes,
        trusted_root: bytes,
        dict_version: int,
        keepalive_interval: float,
        keepalive_grace: float,
        now: float,
        ephemeral: KeyPair | None = None,
        routing_info: bytes | None = None,
    ) -> None:
        prologue = noise_prologue(dict_version)
        self._handshake: NoiseInitiator | None = NoiseInitiator(
            noise_key, prologue=prologue, trusted_root=trusted_root, ephemeral=ephemeral
        )
        self._encoder = FrameEncoder(prologue, routing_info=routing_info)
        self._decoder = FrameDecoder()
        self._transport: NoiseTransport | None = None
        self._payload: bytes | None = client_payload
        self._dict_version = dict_version
        self._keepalive_interval = keepalive_interval
        self._keepalive_grace = keepalive_grace
        self._last_received = now
        self._next_ping = now + keepalive_interval
        self._ping_id: str | None = None
        self._state = ReadyState.CONNECTING
        self._events: list[ConnectionEvent] = []
        self._outgoing: list[bytes] = []
        self._closed_info: CloseInfo | None = None
        self.ids = QueryIds()

    @property
    def state(self) -> ReadyState:
        """Where the connection is: CONNECTING until ``<success>``, then OPEN."""
        return self._state

    @property
    def close_info(self) -> CloseInfo | None:
        """Why the connection closed, once it has."""
        return self._closed_info

    def connect(self) -> None:
        """Queue the intro header and ClientHello; call :meth:`data_to_send` next."""
        if self._handshake is None:
            raise InvalidState("handshake already started")
        self._outgoing.append(self._encoder.encode(self._handshake.client_hello()))

    def receive_data(self, data: bytes, now: float, *, unix_time: float | None = None) -> None:
        """Feed one websocket message from the server; then read events and data to send.

        Args:
            data: the websocket message.
            now: the monotonic clock, for keepalive.
            unix_time: wall-clock seconds, for the certificate validity window
                (defaults to ``now`` for callers whose clock is the wall clock).
        """
        if self._state is ReadyState.CLOSED:
            return
        self._last_received = now
        try:
            frames = self._decoder.receive_data(data)
            for frame in frames:
                self._receive_frame(frame, now if unix_time is None else unix_time)
                if self._closed_info is not None:
                    return
        except WAError as exc:
            # DecodeError, CryptoError, HandshakeError and anything else the bytes provoked:
            # the connection ends with a reason, nothing is raised to the reader.
            detail = f"{type(exc).__name__}: {exc}"
            logger.warning("< bad data from server, closing: %s", detail)
            # A refused certificate is permanent: the next connect meets the same chain.
            refused = isinstance(exc, CertificateError)
            self._close(CloseInfo.local(DisconnectReason.BAD_SESSION, detail, certificate_invalid=refused))

    def receive_eof(self) -> None:
        """The socket ended without a stream error: WhatsApp-speak for 428."""
        self._close(CloseInfo.local(DisconnectReason.CONNECTION_CLOSED, "connection closed by server"))

    def send_node(self, node: Node) -> None:
        """Encode, encrypt and frame ``node``; call :meth:`data_to_send` next."""
        if self._transport is None or self._state is ReadyState.CLOSED:
            raise InvalidState(f"can't send a node in state {self._state.name}")
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("> %s %s", node.tag, node.attrs)
        payload = encode_node(node, dict_version=self._dict_version)
        self._outgoing.append(self._encoder.encode(self._transport.encrypt(payload)))

    def fail(self, info: CloseInfo) -> None:
        """Close for a reason found outside the core (socket error, caller's decision)."""
        self._close(info)

    def begin_closing(self) -> None:
        """Mark a deliberate close in progress (the shell then closes the socket)."""
        if self._state in (ReadyState.CONNECTING, ReadyState.OPEN):
            self._state = check_transition(self._state, ReadyState.CLOSING)

    @property
    def timer_tick(self) -> float:
        """How finely :meth:`handle_timeout` needs timing: a tenth of the keepalive interval, at most 1 s."""
        return min(_MAX_TIMER_TICK, self._keepalive_interval / 10)

    def next_deadline(self) -> float | None:
        """When :meth:`handle_timeout` must run next, or None when closed."""
        if self._state is ReadyState.CLOSED:
            return None
        dead_at = self._last_received + self._keepalive_interval + self._keepalive_grace
        if self._state is not ReadyState.OPEN:
            return dead_at
        return min(dead_at, self._next_ping)

    def handle_timeout(self, now: float) -> None:
        """Apply the liveness rule and send a ping when one is due."""
        if self._state is ReadyState.CLOSED:
            return
        if now >= self._last_received + self._keepalive_interval + self._keepalive_grace:
            self._close(CloseInfo.local(DisconnectReason.TIMED_OUT, "connection lost: keepalive timeout"))
            return
        if self._state is ReadyState.OPEN and now >= self._next_ping:
            self._next_ping = now + self._keepalive_interval
            self._ping_id = self.ids.next()
            self.send_node(
                Node(
                    "iq",
                    {"id": self._ping_id, "to": USER_SERVER, "type": "get", "xmlns": "w:p"},
                    [Node("ping")],
                )
            )

    def events_received(self) -> list[ConnectionEvent]:
        """Events since the last call (swapped out, so each is returned once); read-only."""
        events = self._events
        if events:  # most calls find none: no new list for them (a keepalive answer makes no event)
            self._events = []
        return events

    def data_to_send(self) -> list[bytes]:
        """Websocket messages to send, in order (swapped out); read-only."""
        data = self._outgoing
        if data:
            self._outgoing = []
        return data

    def _receive_frame(self, frame: bytes, unix_time: float) -> None:
        if self._handshake is not None:
            self._finish_handshake(frame, unix_time)
            return
        assert self._transport is not None
        node = decode_node(self._transport.decrypt(frame), dict_version=self._dict_version)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("< %s %s", node.tag, node.attrs)
        ping = self._ping_id
        if (
            ping is not None
            and node.tag == "iq"
            and node.attr("id") == ping
            and node.attr("type") == "result"
        ):
            # The answer to our own keepalive ping: arriving was all it had to do.
            self._ping_id = None
            return
        handler = _SPECIAL_NODES.get(node.tag)
        if handler is not None:
            handler(self, node)
        else:
            self._events.append(NodeReceived(node))

    def _finish_handshake(self, frame: bytes, unix_time: float) -> None:
        handshake = self._handshake
        assert handshake is not None and self._payload is not None
        handshake.read_server_hello(frame, now=unix_time)
        self._outgoing.append(self._encoder.encode(handshake.client_finish(self._payload)))
        self._transport = handshake.transport()
        self._handshake = None
        self._payload = None

    def _on_success(self, node: Node) -> None:
        if self._state is not ReadyState.CONNECTING:
            # A hostile or confused server repeating the login answer: nothing to do.
            logger.warning("< unexpected <success> in state %s, ignored", self._state.name)
            return
        self._state = check_transition(self._state, ReadyState.OPEN)
        self._next_ping = self._last_received + self._keepalive_interval
        self._events.append(LoggedIn(node))

    def _on_failure(self, node: Node) -> None:
        self._close(close_from_failure(node))

    def _on_stream_error(self, node: Node) -> None:
        self._close(close_from_stream_error(node))

    def _on_stream_end(self, node: Node) -> None:
        self._close(CloseInfo.local(DisconnectReason.CONNECTION_CLOSED, "stream ended by server"))

    def _close(self, info: CloseInfo) -> None:
        if self._state is ReadyState.CLOSED:
            return
        self._state = ReadyState.CLOSED
        self._closed_info = info
        self._events.append(Closed(info))


_SPECIAL_NODES = {
    "success": ConnectionCore._on_success,
    "failure": ConnectionCore._on_failure,
    "stream:error": ConnectionCore._on_stream_error,
    "xmlstreamend": ConnectionCore._on_stream_end,
}
