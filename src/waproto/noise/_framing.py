"""WhatsApp's socket framing: a 3-byte big-endian length before every frame.

The client's first bytes on the socket are the connection header: an optional
edge-routing block (``ED 00 01`` + 3-byte length + routing info), then the
4-byte intro ``WA 06 <dict version>``, which is also the Noise prologue. Frames
may be split across websocket messages or packed several to one, so decoding
is a sans-I/O buffer that yields whole frames as they complete.
"""

from __future__ import annotations

from waproto.errors import DecodeError, LimitExceeded

__all__ = [
    "EDGE_ROUTING_MAGIC",
    "INTRO_MAGIC",
    "MAX_FRAME_SIZE",
    "MAX_ROUTING_INFO_SIZE",
    "FrameDecoder",
    "FrameEncoder",
    "edge_routing_prefix",
    "encode_frame",
    "noise_prologue",
    "usable_routing_info",
]

#: "WA" and the protocol major version 6; the dictionary version byte follows.
INTRO_MAGIC = b"WA\x06"
#: "ED", 0, 1: marks the edge-routing block that may precede the intro.
EDGE_ROUTING_MAGIC = b"ED\x00\x01"
#: The largest payload a 3-byte length can describe (whatsmeow refuses 1 << 24 and up).
MAX_FRAME_SIZE = (1 << 24) - 1
#: Routing info is a short opaque blob from the server; anything near this is hostile.
MAX_ROUTING_INFO_SIZE = 4096

_LENGTH_SIZE = 3


def noise_prologue(dict_version: int) -> bytes:
    """The intro header ``WA 06 <dict_version>``, which is also the Noise prologue."""
    if not 0 <= dict_version <= 255:
        raise ValueError(f"dict version must fit in a byte, got {dict_version}")
    return INTRO_MAGIC + bytes((dict_version,))


def usable_routing_info(routing_info: bytes | None) -> bool:
    """Whether saved routing info can be sent before the intro (non-empty, within the limit)."""
    return routing_info is not None and 0 < len(routing_info) <= MAX_ROUTING_INFO_SIZE


def edge_routing_prefix(routing_info: bytes) -> bytes:
    """The ``ED 00 01`` block carrying the routing info saved from a previous login."""
    if len(routing_info) > MAX_ROUTING_INFO_SIZE:
        raise LimitExceeded(f"routing info of {len(routing_info)} bytes is over {MAX_ROUTING_INFO_SIZE}")
    return EDGE_ROUTING_MAGIC + len(routing_info).to_bytes(_LENGTH_SIZE, "big") + routing_info


def encode_frame(payload: bytes) -> bytes:
    """Prefix ``payload`` with its 3-byte big-endian length."""
    if len(payload) > MAX_FRAME_SIZE:
        raise LimitExceeded(f"frame of {len(payload)} bytes is over the {MAX_FRAME_SIZE}-byte limit")
    return len(payload).to_bytes(_LENGTH_SIZE, "big") + payload


class FrameEncoder:
    """Frames outgoing payloads, putting the connection header before the first one only.

    Args:
        intro: the client's ``WA 06 <dict>`` intro (:func:`noise_prologue`);
            the server passes nothing.
        routing_info: edge-routing bytes saved from a previous login; sent in
            an ``ED`` block ahead of the intro.
    """

    __slots__ = ("_header",)

    def __init__(self, intro: bytes = b"", *, routing_info: bytes | None = None) -> None:
        self._header = intro if routing_info is None else edge_routing_prefix(routing_info) + intro

    def encode(self, payload: bytes) -> bytes:
        """The bytes to write for one frame."""
        frame = encode_frame(payload)
        if self._header:
            frame = self._header + frame
            self._header = b""
        return frame


class FrameDecoder:
    """Reassembles frames from a byte stream cut at arbitrary points.

    Args:
        max_frame: the largest payload accepted; a longer declared length
            raises :class:`LimitExceeded` before any of it is buffered.
        expect_intro: parse the client's connection header first (server side).
            Its parts are then exposed as :attr:`prologue`, :attr:`dict_version`
            and :attr:`routing_info`.

    Once it has raised, the decoder stays failed: the stream is out of sync.
    """

    __slots__ = ("_buffer", "_error", "_expect_intro", "_max_frame", "prologue", "routing_info")

    def __init__(self, *, max_frame: int = MAX_FRAME_SIZE, expect_intro: bool = False) -> None:
        if not 0 < max_frame <= MAX_FRAME_SIZE:
            raise ValueError(f"max_frame must be in 1..{MAX_FRAME_SIZE}, got {max_frame}")
        self._max_frame = max_frame
        self._expect_intro = expect_intro
        self._buffer = bytearray()
        self._error: DecodeError | None = None
        self.prologue: bytes | None = None
        self.routing_info: bytes | None = None

    @property
    def dict_version(self) -> int | None:
        """The dictionary version from the client's intro, once it has been read."""
        return None if self.prologue is None else self.prologue[-1]

    @property
    def buffered(self) -> int:
        """Bytes received but not yet returned as a frame."""
        return len(self._buffer)

    def receive_data(self, data: bytes) -> list[bytes]:
        """Feed bytes from the socket and return the frames they completed, in order.

        Raises:
            DecodeError: the connection header is malformed.
            LimitExceeded: a frame or the routing info is over its limit.
        """
        if self._error is not None:
            raise self._error
        buffer = self._buffer
        buffer.extend(data)
        frames: list[bytes] = []
        try:
            pos = 0
            if self._expect_intro:
                pos = self._read_intro()
            if not self._expect_intro:
                pos = self._read_frames(pos, frames)
        except DecodeError as exc:
            self._error = exc
            buffer.clear()
            raise
        del buffer[:pos]
        return frames

    def _read_intro(self) -> int:
        """Parse the connection header if it is complete; returns the bytes it used."""
        buffer = self._buffer
        pos = 0
        routing_info = None
        if buffer[:1] == EDGE_ROUTING_MAGIC[:1]:
            pos = len(EDGE_ROUTING_MAGIC)
            if not EDGE_ROUTING_MAGIC.startswith(buffer[:pos]):
                raise DecodeError("malformed edge-routing header", offset=0)
            if len(buffer) < pos + _LENGTH_SIZE:
                return 0
            length = int.from_bytes(buffer[pos : pos + _LENGTH_SIZE], "big")
            if length > MAX_ROUTING_INFO_SIZE:
                raise LimitExceeded(f"routing info of {length} bytes is over {MAX_ROUTING_INFO_SIZE}")
            pos += _LENGTH_SIZE
            if len(buffer) < pos + length:
                return 0
            routing_info = bytes(buffer[pos : pos + length])
            pos += length
        intro = bytes(buffer[pos : pos + len(INTRO_MAGIC) + 1])
        if not INTRO_MAGIC.startswith(intro[: len(INTRO_MAGIC)]):
            raise DecodeError(f"connection does not start with the WA intro: {intro.hex()}", offset=pos)
        if len(intro) <= len(INTRO_MAGIC):
            return 0
        self.routing_info = routing_info
        self.prologue = intro
        self._expect_intro = False
        return pos + len(intro)

    def _read_frames(self, pos: int, frames: list[bytes]) -> int:
        buffer = self._buffer
        end = len(buffer)
        while end - pos >= _LENGTH_SIZE:
            length = int.from_bytes(buffer[pos : pos + _LENGTH_SIZE], "big")
            if length > self._max_frame:
                raise LimitExceeded(
                    f"frame of {length} bytes is over the {self._max_frame}-byte limit", offset=pos
                )
            start = pos + _LENGTH_SIZE
            if end - start < length:
                break
            frames.append(bytes(buffer[start : start + length]))
            pos = start + length
        return pos
