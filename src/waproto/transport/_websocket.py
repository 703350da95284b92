"""One websocket: the ``websockets`` sans-I/O protocol pumped over one anyio byte stream.

A connection is an anyio stream plus a ``websockets`` protocol object and a
few small attributes. A client connects over
:class:`~waproto.transport._tcp.ClientStream` (TCP, TLS over ``MemoryBIO``),
whose receive deadline lets :meth:`WebSocketConnection.receive` wait with a
timeout without a cancel scope; the server accepts over anyio's socket
streams and ``TLSStream``. There is no task of
its own: ``receive()`` reads, feeds the protocol and answers control frames
(pong, the close echo) inline, so a session costs the one task that calls
``receive()``. asyncio's SSL transport, which ``websockets.asyncio`` uses, is
avoided on purpose: it keeps a 256 KiB read buffer per connection, about ten
times what TLS over a ``MemoryBIO`` costs.

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
import ssl
import struct
from collections.abc import Sequence
from typing import TypeVar

import anyio
from anyio import TypedAttributeProvider
from anyio.abc import ByteStream, SocketAttribute
from websockets.client import ClientProtocol
from websockets.datastructures import Headers
from websockets.exceptions import InvalidHandshake, InvalidStatus, InvalidURI
from websockets.exceptions import ProtocolError as WebSocketProtocolError
from websockets.frames import Close, CloseCode, Frame, Opcode
from websockets.http11 import Response
from websockets.protocol import Event, Protocol, State
from websockets.typing import Origin
from websockets.uri import parse_uri

from waproto._lazy import LazyLock
from waproto.errors import ConnectionClosed, InvalidState
from waproto.transport._tcp import ClientStream, DeadlineReached, connect_stream
from waproto.transport._tls import shared_ssl_context

__all__ = [
    "CLOSE_TIMEOUT",
    "MAX_MESSAGE_SIZE",
    "READ_SIZE",
    "TIMEOUT_CODE",
    "WebSocketConnection",
    "connect_websocket",
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
#: What an open client connection's handshake response keeps instead of its headers.
_NO_HEADERS = Headers()
T = TypeVar("T")


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
        self._protocol: Protocol | None = protocol
        self._send_lock = LazyLock()
        self._pending: list[bytes] = []
        self._fragments: list[bytes] | None = None
        self._receiving = False
        self._local_close = False
        self._close_code: int | None = None
        self._close_reason = ""
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

    async def receive(self, *, deadline: float | None = None) -> bytes:
        """Return the next binary message, reading from the network as needed.

        Pings are answered and a peer's close frame is echoed before this returns
        or raises. Messages that arrived before a close frame are still returned.

        Args:
            deadline: ``anyio.current_time()`` after which waiting stops with
                :class:`DeadlineReached`; the connection stays usable.

        Raises:
            ConnectionClosed: the connection closed; ``code`` holds the close code.
            DeadlineReached: no message was complete by ``deadline``.
            InvalidState: another task is already in ``receive()``.
        """
        if self._pending:
            return self._pending.pop(0)
        if self._receiving:
            raise InvalidState("can't receive(): another task is already receiving")
        tcp = self._tcp
        if deadline is not None and tcp is None:
            # A stream without a deadline of its own: a cancel scope does it.
            with anyio.move_on_after(deadline - anyio.current_time()):
                return await self.receive()
            raise DeadlineReached
        self._receiving = True
        if tcp is not None:
            tcp.deadline = deadline
        try:
            while not self._pending:
                if self._protocol is None or self._local_close:
                    raise self._closed_error()
                await self._pump()
            return self._pending.pop(0)
        finally:
            self._receiving = False
            if tcp is not None:
                tcp.deadline = None

    async def aclose(self, code: int = CloseCode.NORMAL_CLOSURE, reason: str = "") -> None:
        """Close with a close frame carrying ``code`` and ``reason``; idempotent.

        Waits up to :data:`CLOSE_TIMEOUT` seconds for the peer's answering close
        frame (unless another task is receiving, which will see it), then drops
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
                if not self._receiving:
                    self._receiving = True
                    try:
                        while self._protocol is not None:
                            await self._pump()
                    finally:
                        self._receiving = False
            except TRANSPORT_ERRORS as exc:
                logger.debug("closing handshake cut short: %r", exc)
        await self._finish()

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

    async def _settle(self, events: list[Event]) -> None:
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
        if (
            protocol.state is State.CLOSED
            or protocol.close_rcvd is not None
            or (protocol.state is State.CLOSING and not self._local_close)
        ):
            await self._finish()

    def _queue_messages(self, protocol: Protocol, events: list[Event]) -> None:
        """Queue the binary messages among ``events``, joining fragments; refuse text."""
        for event in events:
            if not isinstance(event, Frame):
                continue
            if event.opcode is Opcode.BINARY:
                if event.fin:
                    self._pending.append(bytes(event.data))
                else:
                    self._fragments = [bytes(event.data)]
            elif event.opcode is Opcode.CONT and self._fragments is not None:
                self._fragments.append(bytes(event.data))
                if event.fin:
                    self._pending.append(b"".join(self._fragments))
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
        stream, protocol = self._stream, self._protocol
        if stream is None or protocol is None:
            return
        self._close_code, self._close_reason = _outcome(protocol, self._local_close, failure)
        self._stream = self._protocol = None
        self._fragments = None
        logger.debug("websocket closed: %s %s", self._close_code, self._close_reason)
        with contextlib.suppress(*TRANSPORT_ERRORS):
            await anyio.aclose_forcefully(stream)

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


def _outcome(protocol: Protocol, local_close: bool, failure: str | None) -> tuple[int, str]:
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
