"""A client TCP byte stream on an asyncio protocol, with a receive deadline.

anyio's ``SocketStream`` builds two asyncio Events (each with an empty
deque) per connection and turns reading on and off around every receive (two
``epoll_ctl`` calls per message); waiting with a timeout needs a cancel scope,
and a timeout is delivered as a cancellation that unwinds through the TLS
stream. Thousands of idle sessions, each woken by its keepalive, pay that on
every ping. This stream keeps reading on (the kernel buffer and a bounded
queue of chunks hold what the caller has not taken yet), waits on one bare
future made only while the buffer is empty, and ends a wait that passes
:attr:`TCPStream.deadline` with :class:`DeadlineReached`: a plain exception,
no cancellation. It reads through one buffer shared per thread, copying out
only what arrived (asyncio's default reads into a fresh 256 KiB ``bytes``).

It is an anyio ``ByteStream``, so ``anyio.streams.tls.TLSStream`` (TLS over
``ssl.MemoryBIO``) wraps it as it wraps anyio's own socket streams.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Mapping
from typing import Any

import anyio
from anyio.abc import ByteStream, SocketAttribute

__all__ = ["DeadlineReached", "TCPStream", "connect_tcp"]

#: Bytes queued unread after which the stream stops reading the socket (TCP backpressure).
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


class TCPStream(ByteStream, asyncio.BufferedProtocol):
    """One TCP connection. Made by :func:`connect_tcp`.

    Attributes:
        deadline: event-loop time (``anyio.current_time()``) after which a
            waiting :meth:`receive` raises :class:`DeadlineReached`; ``None`` waits forever.
    """

    def __init__(self) -> None:
        self.deadline: float | None = None
        self._transport: asyncio.Transport | None = None
        self._chunks: list[bytes] = []
        self._queued = 0
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
        self._chunks.append(bytes(_read_buffer()[:nbytes]))
        self._queued += nbytes
        if self._queued >= PAUSE_AT and not self._paused and self._transport is not None:
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
        """The next bytes received (at most ``max_bytes``).

        Raises:
            DeadlineReached: nothing arrived before :attr:`deadline`.
            anyio.EndOfStream: the peer closed its side.
            anyio.BrokenResourceError: the connection was lost.
            anyio.ClosedResourceError: this stream was closed.
        """
        while not self._chunks:
            if self._closed:
                raise anyio.ClosedResourceError
            if self._eof:
                raise anyio.EndOfStream
            if self._lost:
                raise anyio.BrokenResourceError
            await self._wait()
        chunk = self._chunks[0]
        if len(chunk) > max_bytes:
            self._chunks[0] = chunk[max_bytes:]
            chunk = chunk[:max_bytes]
        else:
            del self._chunks[0]
        self._queued -= len(chunk)
        if self._paused and not self._chunks and self._transport is not None:
            self._paused = False
            self._transport.resume_reading()
        return chunk

    async def send(self, item: bytes) -> None:
        """Write ``item``, then let other tasks run; waits while the kernel and asyncio buffers are full."""
        await anyio.lowlevel.checkpoint_if_cancelled()
        transport = self._transport
        if self._closed or transport is None:
            raise anyio.ClosedResourceError
        if self._lost or transport.is_closing():
            raise anyio.BrokenResourceError
        transport.write(item)
        while self._drain is not None and not self._lost:
            await asyncio.shield(self._drain)
        if self._lost:
            raise anyio.BrokenResourceError
        await anyio.lowlevel.cancel_shielded_checkpoint()

    async def send_eof(self) -> None:
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

    async def _wait(self) -> None:
        loop = asyncio.get_running_loop()
        waiter = self._waiter = loop.create_future()
        timer = loop.call_at(self.deadline, self._expire, waiter) if self.deadline is not None else None
        try:
            await waiter
        finally:
            self._waiter = None
            if timer is not None:
                timer.cancel()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    @staticmethod
    def _expire(waiter: asyncio.Future[None]) -> None:
        if not waiter.done():
            waiter.set_exception(DeadlineReached())


async def connect_tcp(host: str, port: int) -> TCPStream:
    """Connect to ``host:port`` (both address families, happy eyeballs).

    Raises:
        OSError: the name did not resolve or no address accepted the connection.
    """
    loop = asyncio.get_running_loop()
    _, stream = await loop.create_connection(TCPStream, host, port, happy_eyeballs_delay=HAPPY_EYEBALLS_DELAY)
    return stream
