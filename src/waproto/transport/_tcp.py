"""The client's byte stream: TCP on an asyncio protocol, TLS over ``ssl.MemoryBIO``, a receive deadline.

Measured per idle session (tracemalloc, 300 sessions, ``benchmarks/sessions.py
--profile``), anyio's ``SocketStream`` under ``TLSStream`` cost: two asyncio
Events (each with an empty 760-byte deque) and a read queue deque per
connection; reading turned on and off around every receive (two ``epoll_ctl``
calls per message); and, because ``TLSStream`` awaits more data inside its
``except ssl.SSLWantReadError`` block, every idle connection kept that
exception alive with two tracebacks and their frames. Waiting with a timeout
needed a cancel scope, and each keepalive timeout arrived as a cancellation
unwinding through both streams.

This stream keeps reading on (the kernel buffer and a bounded amount of
unread data give backpressure), reads through one buffer shared per thread
straight into the TLS object's incoming ``MemoryBIO``, waits on one bare future
made only while nothing is readable (outside any ``except`` block), and ends
a wait that passes :attr:`ClientStream.deadline` with :class:`DeadlineReached`:
a plain exception, no cancellation. TLS is the standard library's
``SSLObject`` over two ``MemoryBIO``s, as in ``TLSStream``; the websocket
closing handshake marks a clean end, so a missing TLS close_notify is an
ordinary end of stream.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from collections.abc import Callable, Mapping
from typing import Any

import anyio
from anyio.abc import ByteStream, SocketAttribute

__all__ = ["ClientStream", "DeadlineReached", "connect_stream"]

#: Bytes received but not yet taken after which the stream stops reading the socket.
PAUSE_AT = 256 * 1024
#: Size of the per-thread read buffer: the most one socket read takes.
READ_BUFFER_SIZE = 64 * 1024
#: Seconds before a second address family is tried (RFC 8305 happy eyeballs, as anyio).
HAPPY_EYEBALLS_DELAY = 0.25

_buffers = threading.local()


def _read_buffer() -> memoryview:
    buffer: memoryview | None = getattr(_buffers, "buffer", None)
    if buffer is None:
        buffer = _buffers.buffer = memoryview(bytearray(READ_BUFFER_SIZE))
    return buffer


class DeadlineReached(Exception):
    """A receive waited past the stream's deadline; the stream is intact."""


class ClientStream(ByteStream, asyncio.BufferedProtocol):
    """One client connection, TCP or TLS over TCP. Made by :func:`connect_stream`.

    Attributes:
        deadline: event-loop time (``anyio.current_time()``) after which a
            waiting :meth:`receive` raises :class:`DeadlineReached`; ``None`` waits forever.
    """

    def __init__(self) -> None:
        self.deadline: float | None = None
        self._transport: asyncio.Transport | None = None
        self._tls: ssl.SSLObject | None = None
        self._incoming: ssl.MemoryBIO | None = None
        self._outgoing: ssl.MemoryBIO | None = None
        self._chunks: list[bytes] = []
        self._unread = 0
        self._waiter: asyncio.Future[None] | None = None
        self._drain: asyncio.Future[None] | None = None
        self._paused = False
        self._eof = False
        self._lost = False
        self._closed = False

    # asyncio.BufferedProtocol: called by the event loop.

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def get_buffer(self, sizehint: int) -> memoryview:
        return _read_buffer()

    def buffer_updated(self, nbytes: int) -> None:
        received = _read_buffer()[:nbytes]
        if self._incoming is not None:
            self._incoming.write(received)
            self._unread = self._incoming.pending
        else:
            self._chunks.append(bytes(received))
            self._unread += nbytes
        if self._unread >= PAUSE_AT and not self._paused and self._transport is not None:
            self._paused = True
            self._transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        self._eof = True
        self._wake()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._lost = True
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
            DeadlineReached: nothing arrived before :attr:`deadline`.
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
                self._unread = self._incoming.pending if self._incoming is not None else 0
                self._resume_if_drained()
                if not data:
                    raise anyio.EndOfStream
                return data
            # Outside the except block: an idle wait keeps no exception alive.
            self._flush_tls()
            await self._wait_readable()

    async def send(self, item: bytes) -> None:
        """Write ``item``, then let other tasks run; waits while the kernel and asyncio buffers are full."""
        await anyio.lowlevel.checkpoint_if_cancelled()
        transport = self._transport
        if self._closed or transport is None:
            raise anyio.ClosedResourceError
        if self._lost or transport.is_closing():
            raise anyio.BrokenResourceError
        if self._tls is not None and self._outgoing is not None:
            self._tls.write(item)
            item = self._outgoing.read()
        transport.write(item)
        while self._drain is not None and not self._lost:
            await asyncio.shield(self._drain)
        if self._lost:
            raise anyio.BrokenResourceError
        await anyio.lowlevel.cancel_shielded_checkpoint()

    async def send_eof(self) -> None:
        if self._tls is not None:
            raise NotImplementedError("no half-close over TLS")
        if self._transport is not None and not self._transport.is_closing():
            self._transport.write_eof()

    async def aclose(self) -> None:
        transport = self._transport
        self._closed = True
        self._wake()
        if transport is not None and not transport.is_closing():
            transport.close()
            await anyio.lowlevel.checkpoint()
            transport.abort()

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

    # Internals

    async def start_tls(self, context: ssl.SSLContext, hostname: str) -> None:
        """Run the TLS handshake (once, right after connecting).

        Afterwards :meth:`receive` and :meth:`send` carry plaintext.
        """
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = context.wrap_bio(incoming, outgoing, server_hostname=hostname)
        self._incoming, self._outgoing = incoming, outgoing
        for chunk in self._chunks:
            incoming.write(chunk)
        self._chunks.clear()
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
            await self._wait_readable()
        self._tls = tls

    async def _receive_plain(self, max_bytes: int) -> bytes:
        while not self._chunks:
            await self._wait_readable()
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
        loop = asyncio.get_running_loop()
        waiter = self._waiter = loop.create_future()
        timer = loop.call_at(self.deadline, self._expire, waiter) if self.deadline is not None else None
        try:
            await waiter
        finally:
            self._waiter = None
            if timer is not None:
                timer.cancel()

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

    @staticmethod
    def _expire(waiter: asyncio.Future[None]) -> None:
        if not waiter.done():
            waiter.set_exception(DeadlineReached())


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
