"""One websocket: the ``websockets`` sans-I/O protocol pumped over one anyio byte stream.

A connection is an anyio stream plus a ``websockets`` protocol object and a
few small attributes. A client connects over
:class:`~waproto.transport._tcp.ClientStream` (TCP, TLS over ``MemoryBIO``);
the server accepts over anyio's socket streams and ``TLSStream``. There is no
task of its own: ``receive()`` reads, feeds the protocol and answers control
frames (pong, the close echo) inline, so a session costs at most the one task
that calls ``receive()``, and a client connection in push mode
(:meth:`WebSocketConnection.start_pushing`) none: the stream's read callback
does that work and hands each message on, with a small codec of our own
(``_frames``) in place of the ``websockets`` protocol object. asyncio's SSL
transport, which ``websockets.asyncio`` uses, is avoided on purpose: it keeps
a 256 KiB read buffer per connection, about ten times what TLS over a
``MemoryBIO`` costs.

Foreign exceptions (``OSError``, ``ssl.SSLError``, anyio's stream errors,
``websockets``' handshake errors) stop here and come out as
:class:`~waproto.errors.ConnectionClosed` with a text ``reason`` and a ``code``:

================================  =======================  ==================================
what happened                     ``code``                 ``reason``
================================  =======================  ==================================
peer sent a close frame           its close code           its close reason, or "closed by peer"
we closed (``aclose``)            the code we sent         the reason we sent, or "closed"
protocol error from the peer      1002 / 1003 / 1009 ...   what was wrong
transport lost, no close frame    1006                     "connection lost: ..." / "aborted"
connect or handshake timed out    408                      "timeout"
server answered HTTP, not 101     the HTTP status          "http <status> <phrase>"
TCP connect failed                None                     "connect failed: ..."
TLS failed (e.g. bad certificate) None                     "tls: ..."
invalid handshake response        None                     "handshake: ..."
================================  =======================  ==================================

408 for a timeout matches what WA Web clients (Baileys) report, so the
connection layer can map every ``code`` to its disconnect reason directly.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
from collections.abc import Callable, Sequence
from typing import TypeVar

import anyio
from anyio import TypedAttributeProvider
from anyio.abc import ByteStream, SocketAttribute
from websockets.exceptions import InvalidHandshake
from websockets.exceptions import ProtocolError as WebSocketProtocolError
from websockets.frames import Close, CloseCode, Frame, Opcode
from websockets.protocol import Event, Protocol, State

from waproto._lazy import LazyLock
from waproto.errors import ConnectionClosed, InvalidState
from waproto.transport._frames import ClientFrames
from waproto.transport._tcp import ClientStream

__all__ = [
    "CLOSE_TIMEOUT",
    "MAX_MESSAGE_SIZE",
    "READ_SIZE",
    "TIMEOUT_CODE",
    "WebSocketConnection",
]

logger = logging.getLogger("waproto.transport")
#: Logger handed to the ``websockets`` protocol objects (handshake and frame traces).
wire_logger = logging.getLogger("waproto.transport.wire")

#: Bytes asked of the stream per read: enough for typical frames, small enough
#: that an idle connection holds no large buffer.
READ_SIZE = 64 * 1024
#: Largest message accepted: a Noise frame carries a 3-byte length (< 16 MiB);
#: the slack covers the frame header and the connection intro.
MAX_MESSAGE_SIZE = (1 << 24) + 64 * 1024
#: Seconds ``aclose()`` spends on the closing handshake before dropping the stream.
CLOSE_TIMEOUT = 5.0
#: ``ConnectionClosed.code`` for a connect or handshake that ran out of time.
TIMEOUT_CODE = 408

# What a broken, reset or closed stream raises: OSError covers ssl.SSLError.
TRANSPORT_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    anyio.BrokenResourceError,
    anyio.ClosedResourceError,
    anyio.BusyResourceError,
    anyio.EndOfStream,
)

# A connect or opening handshake can also fail on a bad handshake (TimeoutError is an OSError).
CONNECT_ERRORS: tuple[type[Exception], ...] = (InvalidHandshake, *TRANSPORT_ERRORS)

_LINGER_RESET = struct.pack("ii", 1, 0)
T = TypeVar("T")
#: A websockets protocol, or after a client's handshake in push mode the leaner stand-in.
AnyProtocol = Protocol | ClientFrames


def extra(provider: TypedAttributeProvider, attribute: T) -> T | None:
    """Return an anyio typed attribute of ``provider``, or ``None`` when it has none."""
    return provider.extra(attribute, None)  # noqa: S610 (anyio's typed attributes, not Django's)


def _address(stream: ByteStream, attribute: object) -> tuple[str, int] | None:
    value = extra(stream, attribute)
    if isinstance(value, tuple) and len(value) >= 2:
        return (str(value[0]), int(value[1]))
    return None


class WebSocketConnection:
    """An open websocket carrying binary messages.

    Built by :func:`connect_websocket` or by the server; not constructed
    directly. One task may call :meth:`receive` at a time; :meth:`send` and
    :meth:`aclose` may be called from other tasks meanwhile.

    Attributes:
        local_address: our (host, port), when the stream is a socket.
        remote_address: the peer's (host, port), when the stream is a socket.
        request_path: the path of the opening request (with its query, if any).
        request_headers: the opening request's headers: on the server side all
            of them, as received; on the client side the ones its caller chose
            (``Origin`` and the extra headers), not the generated ones (key,
            version, host), which are of no use after the handshake.
    """

    __slots__ = (
        "_close_code",
        "_close_reason",
        "_fragments",
        "_local_close",
        "_on_closed",
        "_on_message",
        "_pending",
        "_protocol",
        "_receiving",
        "_send_lock",
        "_stream",
        "_tcp",
        "local_address",
        "remote_address",
        "request_headers",
        "request_path",
    )

    def __init__(
        self,
        stream: ByteStream,
        protocol: Protocol,
        *,
        request_path: str,
        request_headers: tuple[tuple[str, str], ...],
        client_stream: ClientStream | None = None,
    ) -> None:
        self._stream: ByteStream | None = stream
        self._tcp = client_stream
        self._protocol: AnyProtocol | None = protocol
        self._send_lock = LazyLock()
        self._pending: list[bytes] = []
        self._fragments: list[bytes] | None = None
        self._receiving = False
        self._local_close = False
        self._close_code: int | None = None
        self._close_reason = ""
        self._on_message: Callable[[bytes], None] | None = None
        self._on_closed: Callable[[ConnectionClosed], None] | None = None
        self.local_address = _address(stream, SocketAttribute.local_address)
        self.remote_address = _address(stream, SocketAttribute.remote_address)
        self.request_path = request_path
        self.request_headers = request_headers

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<WebSocketConnection {state} {self.local_address} -> {self.remote_address}>"

    @property
    def closed(self) -> bool:
        """Whether the connection is over (no more sends; receive drains what was queued)."""
        return self._close_code is not None

    @property
    def close_code(self) -> int | None:
        """The close code once closed (see the module table), else ``None``."""
        return self._close_code

    @property
    def close_reason(self) -> str:
        """The close reason once closed, else ``""``."""
        return self._close_reason

    def request_header(self, name: str) -> str | None:
        """Return the first opening-request header called ``name`` (any case), or ``None``."""
        wanted = name.lower()
        return next((value for key, value in self.request_headers if key.lower() == wanted), None)

    async def send(self, data: bytes) -> None:
        """Send ``data`` as one binary message.

        Waits while the peer is not reading (TCP backpressure). Cancelling a
        send that is already writing drops the connection (code 1006).

        Raises:
            ConnectionClosed: the connection is closed or closing, or broke while sending.
        """
        protocol = self._protocol
        if protocol is None or protocol.state is not State.OPEN or self._local_close:
            raise self._closed_error()
        protocol.send_binary(data)
        try:
            await self._flush()
        except TRANSPORT_ERRORS as exc:
            await self._finish(f"connection lost: {exc!r}")
            raise self._closed_error() from exc

    async def receive(self) -> bytes:
        """Return the next binary message, reading from the network as needed.

        Pings are answered and a peer's close frame is echoed before this returns
        or raises. Messages that arrived before a close frame are still returned.

        Raises:
            ConnectionClosed: the connection closed; ``code`` holds the close code.
            InvalidState: another task is already in ``receive()``, or the connection pushes.
        """
        if self._pending:
            return self._pending.pop(0)
        if self._receiving:
            raise InvalidState("can't receive(): another task is already receiving")
        self._receiving = True
        try:
            while not self._pending:
                if self._protocol is None or self._local_close:
                    raise self._closed_error()
                await self._pump()
            return self._pending.pop(0)
        finally:
            self._receiving = False

    # Push mode: a client connection delivers by callback, with no task receiving.

    def start_pushing(
        self, on_message: Callable[[bytes], None], on_closed: Callable[[ConnectionClosed], None]
    ) -> None:
        """Deliver every message to ``on_message`` as it arrives, inside the event loop's read callback.

        Messages already received go first. Control frames are answered inline
        as in :meth:`receive`. When the connection is over, ``on_closed`` gets
        (once) the :class:`ConnectionClosed` that :meth:`receive` would raise.
        Afterwards :meth:`receive` refuses, and :meth:`aclose` waits for the read
        callback to see the peer's answering close frame. Send with
        :meth:`send_now`, which keeps frames in call order without a lock.

        Raises:
            InvalidState: not a client connection, or a task is receiving.
        """
        tcp, protocol = self._tcp, self._protocol
        if tcp is None or self._receiving:
            raise InvalidState("push mode needs a client connection nobody is receiving on")
        self._receiving = True
        self._on_message, self._on_closed = on_message, on_closed
        pending, self._pending = self._pending, []
        for message in pending:
            on_message(message)
        if protocol is None:
            on_closed(self._closed_error())
            return
        if isinstance(protocol, Protocol):
            # Between two frames (always, unless the server sent before the client spoke): the lean codec.
            self._protocol = ClientFrames.taking_over(protocol) or protocol
        tcp.push_to(self)

    def send_now(self, data: bytes) -> bool:
        """Send ``data`` as one binary message at once (client connections); never waits.

        Returns:
            Whether the transport is over its high-water mark: the caller should
            :meth:`drain` before sending much more.

        Raises:
            ConnectionClosed: the connection is closed or closing, or broke while sending.
        """
        protocol, tcp = self._protocol, self._tcp
        if tcp is None:
            raise InvalidState("send_now() needs a client connection")
        if protocol is None or protocol.state is not State.OPEN or self._local_close:
            raise self._closed_error()
        protocol.send_binary(data)
        try:
            self._write_now(tcp, protocol)
        except TRANSPORT_ERRORS as exc:
            self._finish_now(f"connection lost: {exc!r}")
            raise self._closed_error() from exc
        return tcp.must_drain

    async def drain(self) -> None:
        """Wait until what :meth:`send_now` wrote is below the transport's high-water mark.

        Raises:
            ConnectionClosed: the connection broke meanwhile.
        """
        if self._tcp is None:
            return
        try:
            await self._tcp.drain()
        except TRANSPORT_ERRORS as exc:
            self._finish_now(f"connection lost: {exc!r}")
            raise self._closed_error() from exc

    def pause_reading(self) -> None:
        """Push mode: stop reading until :meth:`resume_reading` (the consumer is full)."""
        if self._tcp is not None:
            self._tcp.pause_reading()

    def resume_reading(self) -> None:
        """Push mode: read again after :meth:`pause_reading`."""
        if self._tcp is not None:
            self._tcp.resume_reading()

    def stream_data(self, data: bytes) -> None:
        """:class:`~waproto.transport._tcp.StreamSink`: plaintext from the stream in push mode."""
        protocol, tcp = self._protocol, self._tcp
        if protocol is None or tcp is None:
            return
        protocol.receive_data(data)
        self._queue_messages(protocol, protocol.events_received())
        try:
            self._write_now(tcp, protocol)
        except TRANSPORT_ERRORS as exc:
            self._finish_now(f"connection lost: {exc!r}")
            return
        if _over(protocol, self._local_close):
            self._finish_now()

    def stream_ended(self, error: Exception) -> None:
        """:class:`~waproto.transport._tcp.StreamSink`: the stream ended (cleanly or not) in push mode."""
        protocol = self._protocol
        if protocol is None:
            return
        if isinstance(error, anyio.EndOfStream):
            protocol.receive_eof()
            self.stream_data(b"")
        else:
            self._finish_now(f"connection lost: {error!r}")

    async def aclose(self, code: int = CloseCode.NORMAL_CLOSURE, reason: str = "") -> None:
        """Close with a close frame carrying ``code`` and ``reason``; idempotent.

        Waits up to :data:`CLOSE_TIMEOUT` seconds for the peer's answering close
        frame (unless another task is receiving, which will see it; in push mode
        the read callback sees it), then drops
        the stream. Runs to the end even when the caller is being cancelled.

        Raises:
            ValueError: ``code`` may not be sent in a close frame (RFC 6455 7.4).
        """
        protocol = self._protocol
        if protocol is None:
            return
        _check_code(code)
        self._local_close = True
        self._pending.clear()
        with anyio.move_on_after(CLOSE_TIMEOUT, shield=True):
            try:
                if protocol.state is State.OPEN:
                    protocol.send_close(code, reason)
                    await self._flush()
                if self._on_closed is not None:
                    await self._answered()
                elif not self._receiving:
                    self._receiving = True
                    try:
                        while self._protocol is not None:
                            await self._pump()
                    finally:
                        self._receiving = False
            except TRANSPORT_ERRORS as exc:
                logger.debug("closing handshake cut short: %r", exc)
        await self._finish()

    async def _answered(self) -> None:
        """Push mode: wait until the read callback has seen the peer answer our close frame.

        Without this a deliberate close dropped TCP right after sending its close
        frame, so whether the server had taken the session as closed when
        ``aclose()`` returned depended on scheduling.
        """
        done = anyio.Event()
        on_closed = self._on_closed

        def closed(error: ConnectionClosed) -> None:
            done.set()
            if on_closed is not None:
                on_closed(error)

        self._on_closed = closed
        await done.wait()

    async def abort(self) -> None:
        """Drop the TCP connection at once, without a close frame (a reset where possible).

        The peer sees an abnormal closure (1006). Meant for fault injection and
        for giving up on a stuck peer.
        """
        stream = self._stream
        if stream is None:
            return
        raw = extra(stream, SocketAttribute.raw_socket)
        if raw is not None:
            with contextlib.suppress(OSError):
                raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_RESET)
        self._local_close = True
        self._pending.clear()
        await self._finish("aborted")

    # Internals: the pump.

    async def absorb(self, events: list[Event]) -> None:
        """Handle frames that arrived together with the opening handshake.

        Called once by whoever completed the handshake, before the connection
        is handed out: those frames may already be a ping or a close.
        """
        await self._settle([event for event in events if isinstance(event, Frame)])

    async def _pump(self) -> None:
        """Read once, feed the protocol, then settle what it produced."""
        stream, protocol = self._stream, self._protocol
        if stream is None or protocol is None:
            return
        try:
            data = await stream.receive(READ_SIZE)
        except anyio.EndOfStream:
            protocol.receive_eof()
        except TRANSPORT_ERRORS as exc:
            await self._finish(f"connection lost: {exc!r}")
            return
        else:
            protocol.receive_data(data)
        await self._settle(protocol.events_received())

    async def _settle(self, events: Sequence[Event]) -> None:
        """Queue the messages among ``events``, send what the protocol answers, finish when done."""
        protocol = self._protocol
        if protocol is None:
            return
        self._queue_messages(protocol, events)
        try:
            await self._flush()
        except TRANSPORT_ERRORS as exc:
            await self._finish(f"connection lost: {exc!r}")
            return
        if _over(protocol, self._local_close):
            await self._finish()

    def _queue_messages(self, protocol: AnyProtocol, events: Sequence[Event]) -> None:
        """Queue (push mode: deliver) the binary messages among ``events``, joining fragments; refuse text."""
        deliver = self._on_message or self._pending.append
        for event in events:
            if not isinstance(event, Frame):
                continue
            if event.opcode is Opcode.BINARY:
                if event.fin:
                    deliver(bytes(event.data))
                else:
                    self._fragments = [bytes(event.data)]
            elif event.opcode is Opcode.CONT and self._fragments is not None:
                self._fragments.append(bytes(event.data))
                if event.fin:
                    deliver(b"".join(self._fragments))
                    self._fragments = None
            elif event.opcode is Opcode.TEXT:
                # The WhatsApp socket carries binary frames only.
                protocol.fail(CloseCode.UNSUPPORTED_DATA, "binary messages only")
                return

    async def _flush(self) -> None:
        """Write everything the protocol has queued, in order.

        The protocol's queue is taken under the lock, so concurrent callers
        cannot reorder frames. An empty chunk (half-close) is skipped: the
        stream is closed as a whole when the connection finishes. Cancelled
        mid-write, the connection is dropped: the frames taken (possibly other
        tasks' messages) are lost, and TLS may have sent half a record.
        """
        async with self._send_lock:
            stream, protocol = self._stream, self._protocol
            if stream is None or protocol is None:
                return
            try:
                for chunk in protocol.data_to_send():
                    if chunk:
                        await stream.send(chunk)
            except anyio.get_cancelled_exc_class():
                with anyio.CancelScope(shield=True):
                    await self._finish("cancelled while sending")
                raise

    async def _finish(self, failure: str | None = None) -> None:
        """Record the close code and reason, drop the stream and protocol; idempotent."""
        stream = self._end(failure)
        if stream is not None:
            with contextlib.suppress(*TRANSPORT_ERRORS):
                await anyio.aclose_forcefully(stream)

    def _finish_now(self, failure: str | None = None) -> None:
        """:meth:`_finish` for push mode, inside a callback: the stream is closed without waiting."""
        if self._end(failure) is not None and self._tcp is not None:
            self._tcp.close()

    def _end(self, failure: str | None) -> ByteStream | None:
        """Record the outcome, tell a push-mode consumer; the stream to close, or None if already over."""
        stream, protocol = self._stream, self._protocol
        if stream is None or protocol is None:
            return None
        self._close_code, self._close_reason = _outcome(protocol, self._local_close, failure)
        self._stream = self._protocol = None
        self._fragments = None
        logger.debug("websocket closed: %s %s", self._close_code, self._close_reason)
        on_closed, self._on_closed = self._on_closed, None
        if on_closed is not None:
            on_closed(self._closed_error())
        return stream

    @staticmethod
    def _write_now(tcp: ClientStream, protocol: AnyProtocol) -> None:
        for chunk in protocol.data_to_send():
            if chunk:
                tcp.write(chunk)

    def _closed_error(self) -> ConnectionClosed:
        if self._close_code is not None:
            return ConnectionClosed(self._close_reason, self._close_code)
        protocol = self._protocol
        sent = protocol.close_sent if protocol is not None else None
        return ConnectionClosed("closing", sent.code if sent is not None else None)


def _check_code(code: int) -> None:
    try:
        Close(code, "").check()
    except WebSocketProtocolError:
        raise ValueError(f"close code {code} may not be sent") from None


def _over(protocol: AnyProtocol, local_close: bool) -> bool:
    """Whether the closing handshake is done, or the peer started it (we answered)."""
    return (
        protocol.state is State.CLOSED
        or protocol.close_rcvd is not None
        or (protocol.state is State.CLOSING and not local_close)
    )


def _outcome(protocol: AnyProtocol, local_close: bool, failure: str | None) -> tuple[int, str]:
    """Return the (code, reason) a finished connection reports; see the module table."""
    received, sent = protocol.close_rcvd, protocol.close_sent
    if received is not None:
        return received.code, received.reason or "closed by peer"
    if sent is not None:
        return sent.code, sent.reason or ("closed" if local_close else "protocol error")
    if failure is not None:
        return CloseCode.ABNORMAL_CLOSURE, failure
    cause = protocol.parser_exc
    return CloseCode.ABNORMAL_CLOSURE, f"connection lost: {cause}" if cause else "connection lost"


async def read_handshake(stream: ByteStream, protocol: Protocol) -> list[Event]:
    """Feed the protocol until the opening handshake yields events or fails.

    Raises:
        anyio.EndOfStream, OSError, anyio.BrokenResourceError: the stream ended or broke.
    """
    while True:
        for chunk in protocol.data_to_send():
            if chunk:
                await stream.send(chunk)
        events = protocol.events_received()
        if events or protocol.handshake_exc is not None:
            return events
        try:
            data = await stream.receive(READ_SIZE)
        except anyio.EndOfStream:
            protocol.receive_eof()
        else:
            protocol.receive_data(data)
