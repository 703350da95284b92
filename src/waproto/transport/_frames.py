"""RFC 6455 framing for a client connection in push mode, after the opening handshake.

``websockets``' sans-I/O ``Protocol`` keeps about 1.4 KiB per connection (its
attribute dict, a stream reader, a parser generator, the handshake's URI, key
and id) and runs a chain of generators for every frame. After the opening
handshake a client needs much less: parse the server's unmasked frames, mask
its own, answer pings, echo a close. :class:`ClientFrames` does that with the
calls :class:`~waproto.transport._websocket.WebSocketConnection` makes on a
``Protocol`` and the same outcomes (close frames sent, codes and reasons
recorded) for anything a server can send; close payloads are still parsed and
built by ``websockets``' ``Close``. The handshake itself, and the server
side, stay with ``websockets``.
"""

from __future__ import annotations

import os
import struct
import threading

from websockets.exceptions import InvalidState, PayloadTooBig, ProtocolError
from websockets.frames import Close, CloseCode, Frame, Opcode
from websockets.protocol import Protocol, State
from websockets.speedups import apply_mask

__all__ = ["ClientFrames"]

_OPCODES = {int(opcode): opcode for opcode in Opcode}
#: Random bytes drawn at once for frame masks: one getrandom() call per 1,024 frames, not per frame.
MASK_POOL_SIZE = 4096
_DATA = (Opcode.CONT, Opcode.TEXT, Opcode.BINARY)
_CONTROL_MAX = 125


class ClientFrames:
    """One client connection's frames after the handshake; made by :meth:`taking_over`."""

    __slots__ = (
        "_current",
        "_discarding",
        "_eof",
        "_events",
        "_max_size",
        "_needed",
        "_pending",
        "_writes",
        "close_rcvd",
        "close_sent",
        "parser_exc",
        "state",
    )

    def __init__(self, max_size: int | None) -> None:
        self.state = State.OPEN
        self.close_rcvd: Close | None = None
        self.close_sent: Close | None = None
        self.parser_exc: Exception | None = None
        self._max_size = max_size
        self._current: int | None = None  # size so far of a fragmented message
        self._pending: bytearray | None = None  # the start of a frame not complete yet
        self._needed = 0  # bytes ``_pending`` must hold before parsing is worth trying
        self._events: list[Frame] = []
        self._writes: list[bytes] = []
        self._discarding = False
        self._eof = False

    @classmethod
    def taking_over(cls, protocol: Protocol) -> ClientFrames | None:
        """Continue where an open ``Protocol`` is (its size limit, a message in progress), or None.

        Only between two frames: inside one, part of it is already inside the
        ``Protocol``'s parser. Its parser generator then waits in the stream
        reader's ``at_eof`` (which it only does with nothing buffered).
        """
        waiting: object = protocol.parser
        while (inner := getattr(waiting, "gi_yieldfrom", None)) is not None:
            waiting = inner
        code = getattr(waiting, "gi_code", None)
        if protocol.state is not State.OPEN or code is None or code.co_name != "at_eof":
            return None
        frames = cls(protocol.max_message_size)
        frames._current = protocol.current_size
        return frames

    # What WebSocketConnection calls on a websockets Protocol.

    def receive_data(self, data: bytes) -> None:
        """Parse ``data``; read :meth:`events_received` and :meth:`data_to_send` next."""
        if self._discarding:
            return
        if self._pending is not None:
            self._pending += data
            if len(self._pending) < self._needed:
                return
            data, self._pending = bytes(self._pending), None
        try:
            used = self._parse(data)
        except ProtocolError as exc:
            self._failed(CloseCode.PROTOCOL_ERROR, str(exc), exc)
        except UnicodeDecodeError as exc:
            self._failed(CloseCode.INVALID_DATA, f"{exc.reason} at position {exc.start}", exc)
        except PayloadTooBig as exc:
            exc.set_current_size(self._current)
            self._failed(CloseCode.MESSAGE_TOO_BIG, str(exc), exc)
        else:
            if used < len(data) and not self._discarding:
                self._pending = bytearray(data[used:])

    def receive_eof(self) -> None:
        """The stream ended: without a closing handshake that is an abnormal closure."""
        if self._eof:
            return
        self._eof = True
        if not self._discarding:
            error = EOFError(self._cut_short())
            self._failed(CloseCode.ABNORMAL_CLOSURE, str(error), error)
        self.state = State.CLOSED

    def events_received(self) -> list[Frame]:
        """Data frames since the last call (control frames are answered here)."""
        events, self._events = self._events, []
        return events

    def data_to_send(self) -> list[bytes]:
        """Frames to write, in order."""
        writes, self._writes = self._writes, []
        return writes

    def send_binary(self, data: bytes) -> None:
        """Queue one binary message as a single frame."""
        if self.state is not State.OPEN:
            raise InvalidState(f"connection is {self.state.name.lower()}")
        self._send(Opcode.BINARY, data)

    def send_close(self, code: int, reason: str = "") -> None:
        """Start the closing handshake."""
        if self.state is not State.OPEN:
            raise InvalidState(f"connection is {self.state.name.lower()}")
        close = Close(code, reason)
        self._send(Opcode.CLOSE, close.serialize())
        self.close_sent = close
        self.state = State.CLOSING

    def fail(self, code: int, reason: str = "") -> None:
        """Fail the connection (RFC 6455 7.1.7): a close frame unless the network broke; ignore the rest."""
        if self.state is State.OPEN and code != CloseCode.ABNORMAL_CLOSURE:
            self.send_close(code, reason)
        self._discarding = True

    # Internals

    def _parse(self, data: bytes) -> int:
        """Handle every complete frame in ``data``; return how many bytes they took."""
        offset, size = 0, len(data)
        while not self._discarding:
            if size - offset < 2:
                self._needed = 2
                return offset
            head1, head2 = data[offset], data[offset + 1]
            opcode = _OPCODES.get(head1 & 0x0F)
            if opcode is None:
                raise ProtocolError("invalid opcode")
            if head2 & 0x80:
                raise ProtocolError("incorrect masking")
            start, length = offset + 2, head2 & 0x7F
            if length >= 126:
                width = 2 if length == 126 else 8
                if size - start < width:
                    self._needed = 2 + width
                    return offset
                length = int.from_bytes(data[start : start + width], "big")
                start += width
            limit = self._max_size
            if limit is not None and self._current is not None:
                limit -= self._current
            if limit is not None and length > limit:
                raise PayloadTooBig(length, limit)
            if size - start < length:
                self._needed = start - offset + length
                return offset
            payload = data[start : start + length]
            offset = start + length
            if head1 & 0x70:
                raise ProtocolError("reserved bits must be 0")
            fin = bool(head1 & 0x80)
            if opcode not in _DATA:
                if length > _CONTROL_MAX:
                    raise ProtocolError("control frame too long")
                if not fin:
                    raise ProtocolError("fragmented control frame")
            self._frame(opcode, payload, fin)
        return size

    def _frame(self, opcode: Opcode, payload: bytes, fin: bool) -> None:
        if opcode is Opcode.TEXT or opcode is Opcode.BINARY:
            if self._current is not None:
                raise ProtocolError("expected a continuation frame")
            if not fin:
                self._current = len(payload)
        elif opcode is Opcode.CONT:
            if self._current is None:
                raise ProtocolError("unexpected continuation frame")
            self._current = None if fin else self._current + len(payload)
        elif opcode is Opcode.PING:
            self._send(Opcode.PONG, payload)
            return
        elif opcode is Opcode.CLOSE:
            self.close_rcvd = Close.parse(payload)
            if self._current is not None:
                raise ProtocolError("incomplete fragmented message")
            if self.state is State.OPEN:
                # Echo the payload as received (an empty one stands for 1005, which may not be sent).
                self._send(Opcode.CLOSE, payload)
                self.close_sent = self.close_rcvd
                self.state = State.CLOSING
            self._discarding = True
            return
        else:
            return  # an unsolicited pong needs no answer
        self._events.append(Frame(opcode, payload, fin))

    def _failed(self, code: int, reason: str, error: Exception) -> None:
        self.fail(code, reason)
        self.parser_exc = error
        self._pending = None

    def _send(self, opcode: Opcode, payload: bytes) -> None:
        """Queue one final, masked frame (RFC 6455 5.3: a client masks every frame)."""
        length = len(payload)
        if length < 126:
            header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
        elif length < 1 << 16:
            header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
        mask = _masks.take()
        self._writes.append(header + mask + apply_mask(payload, mask))

    def _cut_short(self) -> str:
        """Why the stream ended early, in the words of ``websockets``' reader."""
        pending = self._pending
        if not pending:
            return "unexpected end of stream"
        have = len(pending)
        if have < 2:
            return f"stream ends after {have} bytes, expected 2 bytes"
        length = pending[1] & 0x7F
        width = 0 if length < 126 else 2 if length == 126 else 8
        if have < 2 + width:
            return f"stream ends after {have - 2} bytes, expected {width} bytes"
        if width:
            length = int.from_bytes(pending[2 : 2 + width], "big")
        return f"stream ends after {have - 2 - width} bytes, expected {length} bytes"


class _MaskPool(threading.local):
    """Frame masks cut from a per-thread block of ``os.urandom`` bytes (still unpredictable, RFC 6455 5.3)."""

    def __init__(self) -> None:
        self.pool = b""
        self.offset = 0

    def take(self) -> bytes:
        if self.offset >= len(self.pool):
            self.pool, self.offset = os.urandom(MASK_POOL_SIZE), 0
        mask = self.pool[self.offset : self.offset + 4]
        self.offset += 4
        return mask


_masks = _MaskPool()
