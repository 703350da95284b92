"""A lock and an event that allocate their waiter queue only when someone waits.

anyio's ``Lock`` and ``Event`` (on asyncio) each build an empty ``deque`` at
construction, about 0.6 KiB, even when nobody ever waits on them. Per session
that is several KiB for primitives that are almost never contended: a send lock
that is free whenever a ping goes out, a "stopped" event nobody awaits. These
two keep a flag; the lock creates an ``anyio.Event`` per actual waiter, the
event one bare future per waiter (an idle session's serve task waits on its
"stopped" event for the session's whole life: a future is ~0.1 KiB, an
``anyio.Event`` with its asyncio ``Event`` and deque ~0.9 KiB).
"""

from __future__ import annotations

import asyncio
from collections import deque
from types import TracebackType

import anyio
from anyio.lowlevel import checkpoint, checkpoint_if_cancelled

__all__ = ["AnyLock", "LazyEvent", "LazyLock"]


class LazyLock:
    """A non-reentrant, first-come-first-served lock, like ``anyio.Lock(fast_acquire=True)``.

    Acquiring a free lock checks for cancellation but does not yield: a send
    lock is taken several times per keepalive ping, and each yield is a trip
    through the event loop. A waiter cancelled after being handed the lock passes it on.
    """

    __slots__ = ("_locked", "_waiters")

    def __init__(self) -> None:
        self._locked = False
        self._waiters: deque[anyio.Event] | None = None

    def locked(self) -> bool:
        """Whether some task holds the lock."""
        return self._locked

    async def acquire(self) -> None:
        """Wait for the lock and take it."""
        if not self._locked:
            await checkpoint_if_cancelled()
            if not self._locked:
                self._locked = True
                return
        await self._wait()

    async def _wait(self) -> None:
        waiters = self._waiters
        if waiters is None:
            waiters = self._waiters = deque()
        turn = anyio.Event()
        waiters.append(turn)
        try:
            await turn.wait()
        except BaseException:
            if turn.is_set():
                self.release()  # handed over while being cancelled: pass it on
            else:
                waiters.remove(turn)
            raise

    def release(self) -> None:
        """Hand the lock to the longest waiter, or free it."""
        waiters = self._waiters
        if waiters:
            waiters.popleft().set()
            if not waiters:
                self._waiters = None
        else:
            self._locked = False

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


class LazyEvent:
    """A one-shot flag tasks can wait for, like ``anyio.Event()``."""

    __slots__ = ("_set", "_waiters")

    def __init__(self) -> None:
        self._set = False
        self._waiters: list[asyncio.Future[None]] | None = None

    def set(self) -> None:
        """Set the flag and wake every waiter."""
        self._set = True
        waiters, self._waiters = self._waiters, None
        for waiter in waiters or ():
            if not waiter.done():
                waiter.set_result(None)

    def is_set(self) -> bool:
        """Whether :meth:`set` was called."""
        return self._set

    async def wait(self) -> None:
        """Return once the flag is set (at once, after a checkpoint, if it already is)."""
        if self._set:
            await checkpoint()
            return
        waiter = asyncio.get_running_loop().create_future()
        if self._waiters is None:
            self._waiters = []
        self._waiters.append(waiter)
        try:
            await waiter
        finally:
            # Cancelled (or timed out) before the flag was set: forget this waiter.
            if self._waiters is not None and waiter in self._waiters:
                self._waiters.remove(waiter)
                if not self._waiters:
                    self._waiters = None


#: What code that only enters a lock accepts: ours or anyio's.
AnyLock = LazyLock | anyio.Lock
