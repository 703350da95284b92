"""One client connection as the server sees it, without I/O.

The shell feeds websocket message payloads to :meth:`ServerSession.receive_data`
and sends what :meth:`ServerSession.data_to_send` returns; when
:attr:`ServerSession.close_mode` is set after that, it closes (or drops) the
socket. Everything protocol-level past the Noise handshake is the routing
core's business: the session only turns frames into nodes and back.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from waproto.binary import Node, decode_node, encode_node
from waproto.errors import WAError
from waproto.noise import FrameDecoder, NoiseResponder, NoiseTransport, encode_frame

if TYPE_CHECKING:
    from waproto.testing.core import ServerCore
    from waproto.testing.faults import SessionFaults
    from waproto.testing.pairing import PendingPairing

__all__ = ["CloseMode", "Phase", "ServerSession"]

_log = logging.getLogger("waproto.testing.session")


class Phase(enum.Enum):
    """Where a connection is in its life."""

    HELLO = "hello"
    """Waiting for the intro and the client hello."""
    FINISH = "finish"
    """Server hello sent; waiting for the client finish."""
    PAIRING = "pairing"
    """Registration: the client shows QR codes or runs the link-code exchange."""
    OPEN = "open"
    """Logged in as a known device."""
    CLOSED = "closed"
    """Ended; only already queued output remains to be sent."""


class CloseMode(enum.Enum):
    """How the shell ends the socket once the output is flushed."""

    CLOSE = "close"
    """A websocket close handshake."""
    ABORT = "abort"
    """Drop the TCP connection with no close frame."""


class ServerSession:
    """The server end of one websocket: handshake, frame crypto, node codec.

    Args:
        core: the shared routing core that handles nodes.
        conn_id: a number naming this connection in logs and the control API.
        now: the time the connection was accepted (Unix seconds).
    """

    __slots__ = (
        "_core",
        "_decoder",
        "_handshake",
        "_out",
        "_transport",
        "account",
        "close_mode",
        "conn_id",
        "device_id",
        "dict_version",
        "faults",
        "inflight",
        "opened_at",
        "pairing",
        "phase",
        "wake",
    )

    def __init__(self, core: ServerCore, conn_id: int, *, now: float) -> None:
        self._core = core
        self.conn_id = conn_id
        self.opened_at = now
        self.phase = Phase.HELLO
        self._decoder: FrameDecoder | None = FrameDecoder(expect_intro=True)
        self._handshake: NoiseResponder | None = None
        self._transport: NoiseTransport | None = None
        self._out: list[bytes] = []
        self.dict_version = 3
        self.close_mode: CloseMode | None = None
        self.account: str | None = None
        self.device_id = 0
        self.faults: SessionFaults | None = None
        self.inflight: dict[str, Node] | None = None
        self.pairing: PendingPairing | None = None
        #: Called when output was queued from outside this connection's own turn.
        self.wake: Callable[[ServerSession], None] | None = None

    def __repr__(self) -> str:
        who = f"{self.account}:{self.device_id}" if self.account else "anonymous"
        return f"<ServerSession #{self.conn_id} {who} {self.phase.value}>"

    @property
    def device_key(self) -> tuple[str, int] | None:
        """``(phone number, device id)`` once logged in."""
        return None if self.account is None else (self.account, self.device_id)

    def receive_data(self, data: bytes, *, now: float) -> None:
        """Feed one websocket message; then call :meth:`data_to_send`.

        A peer that breaks the protocol gets the connection closed; nothing raises.
        """
        if self.phase is Phase.CLOSED or self._decoder is None:
            return
        try:
            for frame in self._decoder.receive_data(data):
                if self.close_mode is not None:
                    return
                self._receive_frame(frame, now)
        except WAError as exc:
            _log.info("#%d: protocol error from client: %s", self.conn_id, exc)
            self.close(CloseMode.CLOSE)

    def receive_eof(self) -> None:
        """The socket ended; release the connection in the core."""
        if self.phase is not Phase.CLOSED:
            self.phase = Phase.CLOSED
            self.close_mode = CloseMode.CLOSE
            self._core.session_closed(self)

    def _receive_frame(self, frame: bytes, now: float) -> None:
        if self.phase is Phase.HELLO:
            assert self._decoder is not None and self._decoder.prologue is not None
            self.dict_version = self._decoder.prologue[-1]
            static, chain = self._core.noise_identity()
            self._handshake = NoiseResponder(static, chain, prologue=self._decoder.prologue)
            self._handshake.read_client_hello(frame)
            self._out.append(encode_frame(self._handshake.server_hello()))
            self.phase = Phase.FINISH
        elif self.phase is Phase.FINISH:
            assert self._handshake is not None
            client_static, payload = self._handshake.read_client_finish(frame)
            self._transport = self._handshake.transport()
            self._handshake = None
            self._core.client_finished(self, client_static, payload, now=now)
        else:
            assert self._transport is not None
            node = decode_node(self._transport.decrypt(frame), dict_version=self.dict_version)
            self._core.handle_node(self, node, now=now)

    def send_node(self, node: Node) -> None:
        """Queue a node for the client (dropped once the connection is closed)."""
        if self._transport is None or self.close_mode is not None:
            return
        payload = encode_node(node, dict_version=self.dict_version)
        self._out.append(encode_frame(self._transport.encrypt(payload)))
        if self.wake is not None:
            self.wake(self)

    def send_malformed_frame(self) -> None:
        """Queue a frame that will not decrypt on the client (a fault)."""
        self.send_raw_frame(b"\x00" * 40)

    def send_raw_frame(self, frame: bytes) -> None:
        """Queue ``frame`` as it is, unencrypted (hostile-input tests)."""
        self._out.append(encode_frame(frame))
        if self.wake is not None:
            self.wake(self)

    def send_payload(self, payload: bytes) -> None:
        """Encrypt and queue any bytes where an encoded node belongs (hostile-input tests)."""
        if self._transport is None or self.close_mode is not None:
            return
        self._out.append(encode_frame(self._transport.encrypt(payload)))
        if self.wake is not None:
            self.wake(self)

    def data_to_send(self) -> list[bytes]:
        """Websocket messages to send now, in order (swaps the buffer)."""
        out, self._out = self._out, []
        return out

    def close(self, mode: CloseMode = CloseMode.CLOSE) -> None:
        """End the connection after the queued output; idempotent."""
        if self.close_mode is None:
            self.close_mode = mode
        if self.phase is not Phase.CLOSED:
            self.phase = Phase.CLOSED
            self._decoder = None
            self._core.session_closed(self)
        if self.wake is not None:
            self.wake(self)
