"""The client's byte stream: TCP on an asyncio protocol, TLS over ``ssl.MemoryBIO``, push mode.

Measured per idle session (tracemalloc, 300 sessions, ``benchmarks/sessions.py
--profile``), anyio's ``SocketStream`` under ``TLSStream`` cost: two asyncio
Events (each with an empty 760-byte deque) and a read queue deque per
connection; reading turned on and off around every receive (two ``epoll_ctl``
calls per message); and, because ``TLSStream`` awaits more data inside its
``except ssl.SSLWantReadError`` block, every idle connection kept that
exception alive with two tracebacks and their frames.

This stream keeps reading on (the kernel buffer and a bounded amount of
unread data give backpressure), reads through one buffer shared per thread
straight into the TLS object's incoming ``MemoryBIO``, and waits on one bare
future made only while nothing is readable (outside any ``except`` block).
TLS is the standard library's
``SSLObject`` over two ``MemoryBIO``s, as in ``TLSStream``; the websocket
closing handshake marks a clean end, so a missing TLS close_notify is an
ordinary end of stream.

After the opening handshake a connection can switch to push mode
(:meth:`ClientStream.push_to`): bytes are decrypted inside the protocol
callback and handed to a :class:`StreamSink` there, so an idle connection has
no waiting task at all and a keepalive answer wakes nothing. Writes are
synchronous (:meth:`ClientStream.write`), so frames leave in the order they
were made without a lock; :meth:`ClientStream.drain` waits only when the
transport is over its high-water mark.

OpenSSL's memory BIOs never shrink: a ``MemoryBIO`` keeps about 1.33 times
the most it ever held at once (measured: 4 KiB written once keeps 5.4 KiB,
64 KiB keeps 87 KiB, per connection, for its whole life). So ciphertext goes
into the incoming BIO at most :data:`CIPHERTEXT_CHUNK` bytes at a time and
plaintext into TLS at most :data:`PLAINTEXT_CHUNK` bytes (one record each),
each drained before the next. At N = 1,000 idle sessions 256/512 instead of
1,024 for both kept 1.4 KiB less per session in glibc's heap (23.9 to 22.4);
a large stanza pays 22 bytes of record overhead per 512 (4 %).
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import anyio
from anyio.abc import ByteStream, SocketAttribute

__all__ = ["CIPHERTEXT_CHUNK", "PLAINTEXT_CHUNK", "ClientStream", "StreamSink", "connect_stream"]

#: Bytes received but not yet taken after which the stream stops reading the socket.
PAUSE_AT = 256 * 1024
#: Size of the per-thread read buffer: the most one socket read takes.
READ_BUFFER_SIZE = 64 * 1024
#: The most received ciphertext that goes into the incoming memory BIO at once (module docstring).
CIPHERTEXT_CHUNK = 256
#: The most plaintext one TLS record carries when we send (module docstring).
PLAINTEXT_CHUNK = 512
#: The most plaintext one TLS read returns: a TLS record carries at most 16 KiB.
TLS_READ_SIZE = 16 * 1024
#: Seconds before a second address family is tried (RFC 8305 happy eyeballs, as anyio).
HAPPY_EYEBALLS_DELAY = 0.25

_buffers = threading.local()


def _read_buffer() -> memoryview:
    buffer: memoryview | None = getattr(_buffers, "buffer", None)
    if buffer is None:
        buffer = _buffers.buffer = memoryview(bytearray(READ_BUFFER_SIZE))
    return buffer


class StreamSink(Protocol):
    """Where a stream in push mode delivers what it receives, inside the event loop's callback."""

    def stream_data(self, data: bytes) -> None:
        """Plaintext arrived."""

    def stream_ended(self, error: Exception) -> None:
        """The stream is over: ``anyio.EndOfStream`` for a clean end, else what broke it. Called once."""


class ClientStream(ByteStream, asyncio.BufferedProtocol):
    """One client connection, TCP or TLS over TCP. Made by :func:`connect_stream`."""

    def __init__(self) -> None:
        self._transport: asyncio.Transport | None = None
        self._tls: ssl.SSLObject | None = None
        self._incoming: ssl.MemoryBIO | None = None
        self._outgoing: ssl.MemoryBIO | None = None
        self._sink: StreamSink | None = None
        self._chunks: list[bytes] = []
        self._unread = 0
        self._waiter: asyncio.Future[None] | None = None
        self._drain: asyncio.Future[None] | None = None
        self._paused = False
        self._eof = False
        self._lost = False
        self._closed = False
        self._ended = False

    # asyncio.BufferedProtocol: called by the event loop.

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def get_buffer(self, sizehint: int) -> memoryview:
        return _read_buffer()

    def buffer_updated(self, nbytes: int) -> None:
        received = _read_buffer()[:nbytes]
        if self._sink is not None:
            self._push(received)
            return
        self._chunks.append(bytes(received))
        self._unread += nbytes
        if self._unread >= PAUSE_AT and not self._paused and self._transport is not None:
            self._paused = True
            self._transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        self._eof = True
        if self._sink is not None:
            self._push_eof()
        self._wake()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._lost = True
        if self._sink is not None:
            self._end(anyio.BrokenResourceError())
        self._wake()
        if self._drain is not None and not self._drain.done():
            self._drain.set_result(None)

    def pause_writing(self) -> None:
        self._drain = asyncio.get_running_loop().create_future()

    def resume_writing(self) -> None:
        drain, self._drain = self._drain, None
        if drain is not None and not drain.done():
            drain.set_result(None)

    # anyio.abc.ByteStream

    async def receive(self, max_bytes: int = 65536) -> bytes:
        """The next bytes received (plaintext under TLS), at most ``max_bytes``.

        Raises:
            anyio.EndOfStream: the peer closed its side.
            anyio.BrokenResourceError: the connection was lost.
            anyio.ClosedResourceError: this stream was closed.
            ssl.SSLError: the peer sent something TLS refuses.
        """
        tls = self._tls
        if tls is None:
            return await self._receive_plain(max_bytes)
        while True:
            data: bytes | None
            try:
                data = tls.read(max_bytes)
            except ssl.SSLWantReadError:
                data = None
            except (ssl.SSLZeroReturnError, ssl.SSLEOFError):
                raise anyio.EndOfStream from None
            if data is not None:
                if not data:
                    raise anyio.EndOfStream
                return data
            # Outside the except block: an idle wait keeps no exception alive.
            self._flush_tls()
            if not self._feed_tls():
                await self._wait_readable()

    async def send(self, item: bytes) -> None:
        """Write ``item``, then let other tasks run; waits while the kernel and asyncio buffers are full."""
        await anyio.lowlevel.checkpoint_if_cancelled()
        self.write(item)
        await self.drain()
        await anyio.lowlevel.cancel_shielded_checkpoint()

    async def send_eof(self) -> None:
        if self._tls is not None:
            raise NotImplementedError("no half-close over TLS")
        if self._transport is not None and not self._transport.is_closing():
            self._transport.write_eof()

    async def aclose(self) -> None:
        transport = self._transport
        open_ = transport is not None and not transport.is_closing()
        self.close()
        if open_ and transport is not None:
            await anyio.lowlevel.checkpoint()
            transport.abort()

    def close(self) -> None:
        """Close without waiting: the transport sends what it holds, then closes the socket."""
        transport = self._transport
        self._closed = True
        self._wake()
        if transport is not None and not transport.is_closing():
            transport.close()

    @property
    def extra_attributes(self) -> Mapping[Any, Callable[[], Any]]:
        transport = self._transport
        if transport is None:
            return {}
        # asyncio noted both addresses when the connection was made; they stay readable after it drops.
        raw: socket.socket = transport.get_extra_info("socket")
        return {
            SocketAttribute.family: lambda: raw.family,
            SocketAttribute.local_address: lambda: transport.get_extra_info("sockname"),
            SocketAttribute.remote_address: lambda: transport.get_extra_info("peername"),
            SocketAttribute.raw_socket: lambda: raw,
        }

    # Synchronous writes and push mode

    def write(self, item: bytes) -> None:
        """Write ``item`` at once (encrypted under TLS), after every earlier write; never waits.

        Raises:
            anyio.ClosedResourceError: this stream was closed.
            anyio.BrokenResourceError: the connection was lost.
        """
        transport = self._transport
        if self._closed or transport is None:
            raise anyio.ClosedResourceError
        if self._lost or transport.is_closing():
            raise anyio.BrokenResourceError
        if self._tls is not None and self._outgoing is not None:
            item = self._encrypt(self._tls, self._outgoing, item)
        transport.write(item)

    @property
    def must_drain(self) -> bool:
        """Whether the transport is over its high-water mark: a writer should :meth:`drain`."""
        return self._drain is not None

    async def drain(self) -> None:
        """Wait until the transport is below its high-water mark again.

        Raises:
            anyio.BrokenResourceError: the connection was lost.
        """
        while self._drain is not None and not self._lost:
            await asyncio.shield(self._drain)
        if self._lost:
            raise anyio.BrokenResourceError

    def push_to(self, sink: StreamSink) -> None:
        """From now on hand everything received to ``sink`` as it arrives; :meth:`receive` is then unused.

        Bytes already received are delivered at once, and an end already seen is reported.
        """
        self._sink = sink
        chunks, self._chunks, self._unread = self._chunks, [], 0
        for chunk in chunks:
            self._push(memoryview(chunk))
        if self._tls is not None:
            self._deliver_tls(self._tls)  # plaintext TLS decrypted ahead during the handshake
        if self._eof:
            self._push_eof()
        elif self._lost:
            self._end(anyio.BrokenResourceError())
        if self._paused and self._transport is not None:
            self._paused = False
            self._transport.resume_reading()

    def pause_reading(self) -> None:
        """Stop reading the socket (push mode: the sink is full); the kernel buffer then pushes back."""
        if self._transport is not None and not self._transport.is_closing():
            self._transport.pause_reading()

    def resume_reading(self) -> None:
        """Read the socket again after :meth:`pause_reading`."""
        if self._transport is not None and not self._transport.is_closing():
            self._transport.resume_reading()

    # Internals

    async def start_tls(self, context: ssl.SSLContext, hostname: str) -> None:
        """Run the TLS handshake (once, right after connecting).

        Afterwards :meth:`receive` and :meth:`send` carry plaintext.
        """
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = context.wrap_bio(incoming, outgoing, server_hostname=hostname)
        self._incoming, self._outgoing = incoming, outgoing
        while True:
            try:
                tls.do_handshake()
            except ssl.SSLWantReadError:
                done = False
            else:
                done = True
            if outgoing.pending and self._transport is not None:
                self._transport.write(outgoing.read())
            if done:
                break
            if not self._feed_tls():
                await self._wait_readable()
        self._tls = tls

    def _push(self, received: memoryview) -> None:
        """Push mode: hand ``received`` to the sink, through TLS in bounded pieces."""
        sink, tls, incoming = self._sink, self._tls, self._incoming
        if sink is None or self._ended:
            return
        if tls is None or incoming is None:
            sink.stream_data(bytes(received))
            return
        for start in range(0, len(received), CIPHERTEXT_CHUNK):
            incoming.write(received[start : start + CIPHERTEXT_CHUNK])
            if not self._deliver_tls(tls):
                return

    def _push_eof(self) -> None:
        if self._incoming is not None and self._tls is not None and not self._incoming.eof:
            self._incoming.write_eof()  # the TLS object then tells a clean end from a cut one
            self._deliver_tls(self._tls)
        self._end(anyio.EndOfStream())

    def _deliver_tls(self, tls: ssl.SSLObject) -> bool:
        """Hand the sink every plaintext record TLS can read now; False once the stream ended."""
        error: Exception | None = None
        incoming = self._incoming
        while self._sink is not None and not self._ended:
            try:
                data = tls.read(TLS_READ_SIZE)
            except ssl.SSLWantReadError:
                break
            except (ssl.SSLZeroReturnError, ssl.SSLEOFError):
                error = anyio.EndOfStream()
                break
            except ssl.SSLError as exc:
                error = exc
                break
            if not data:
                error = anyio.EndOfStream()
                break
            self._sink.stream_data(data)
            if incoming is not None and not incoming.pending and not tls.pending():
                break  # nothing left to read: spare the SSLWantReadError a further read would raise
        if error is not None:
            self._end(error)
            return False
        self._flush_tls()
        return not self._ended

    def _end(self, error: Exception) -> None:
        sink = self._sink
        if sink is not None and not self._ended:
            self._ended = True
            sink.stream_ended(error)

    @staticmethod
    def _encrypt(tls: ssl.SSLObject, outgoing: ssl.MemoryBIO, item: bytes) -> bytes:
        """TLS records for ``item``, made from pieces of at most :data:`PLAINTEXT_CHUNK` bytes."""
        if len(item) <= PLAINTEXT_CHUNK:
            tls.write(item)
            return outgoing.read()
        view = memoryview(item)
        records = []
        for start in range(0, len(item), PLAINTEXT_CHUNK):
            tls.write(view[start : start + PLAINTEXT_CHUNK])
            records.append(outgoing.read())
        return b"".join(records)

    def _feed_tls(self) -> bool:
        """Move at most :data:`CIPHERTEXT_CHUNK` received bytes into TLS; False when none are waiting."""
        if not self._chunks or self._incoming is None:
            return False
        self._incoming.write(self._take_chunk(CIPHERTEXT_CHUNK))
        return True

    async def _receive_plain(self, max_bytes: int) -> bytes:
        while not self._chunks:
            await self._wait_readable()
        return self._take_chunk(max_bytes)

    def _take_chunk(self, max_bytes: int) -> bytes:
        """The oldest received bytes, at most ``max_bytes``; reading resumes once enough were taken."""
        chunk = self._chunks[0]
        if len(chunk) > max_bytes:
            self._chunks[0] = chunk[max_bytes:]
            chunk = chunk[:max_bytes]
        else:
            del self._chunks[0]
        self._unread -= len(chunk)
        self._resume_if_drained()
        return chunk

    async def _wait_readable(self) -> None:
        """Wait until more bytes arrived; at the end of the stream let TLS see it, or raise."""
        if self._closed:
            raise anyio.ClosedResourceError
        if self._eof:
            if self._incoming is not None and not self._incoming.eof:
                self._incoming.write_eof()  # the TLS object then tells a clean end from a cut one
                return
            raise anyio.EndOfStream
        if self._lost:
            raise anyio.BrokenResourceError
        waiter = self._waiter = asyncio.get_running_loop().create_future()
        try:
            await waiter
        finally:
            self._waiter = None

    def _flush_tls(self) -> None:
        """Send what TLS produced while reading (e.g. a key update answer)."""
        outgoing, transport = self._outgoing, self._transport
        if outgoing is not None and outgoing.pending and transport is not None and not transport.is_closing():
            transport.write(outgoing.read())

    def _resume_if_drained(self) -> None:
        if self._paused and self._unread < PAUSE_AT // 2 and self._transport is not None:
            self._paused = False
            self._transport.resume_reading()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)


async def connect_stream(host: str, port: int, *, ssl_context: ssl.SSLContext | None = None) -> ClientStream:
    """Connect to ``host:port`` (both address families, happy eyeballs), with TLS when given a context.

    Raises:
        OSError: the name did not resolve, no address accepted the connection,
            or TLS failed (``ssl.SSLError``, e.g. a refused certificate).
        anyio.EndOfStream, anyio.BrokenResourceError: the connection ended during the TLS handshake.
    """
    loop = asyncio.get_running_loop()
    _, stream = await loop.create_connection(
        ClientStream, host, port, happy_eyeballs_delay=HAPPY_EYEBALLS_DELAY
    )
    if ssl_context is not None:
        try:
            await stream.start_tls(ssl_context, host)
        except BaseException:
            await anyio.aclose_forcefully(stream)
            raise
    return stream
