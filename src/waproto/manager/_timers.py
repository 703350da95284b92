"""The manager's one timer: a heap of due times consumed by a single task."""

from __future__ import annotations

import enum
import heapq
import itertools
import math
from collections.abc import Callable

import anyio

__all__ = ["TimerHeap", "TimerKind"]


class TimerKind(enum.Enum):
    """What a due entry asks for."""

    START = "start"
    """Start a session's next client (after a backoff or the throttle)."""
    DRAIN = "drain"
    """Resume a session's queue once the rate limits allow."""
    LEASE = "lease"
    """Renew this host's device leases; close sessions whose lease is overdue."""
    WATCHDOG = "watchdog"
    CLEANUP = "cleanup"


class TimerHeap:
    """Due times of every session in one heap, so no session owns a timer task.

    Args:
        fire: called for each due entry with ``(kind, session_id, generation, now)``.
    """

    __slots__ = ("_entries", "_fire", "_seq", "_wake")

    def __init__(self, fire: Callable[[TimerKind, str, int, float], None]) -> None:
        self._fire = fire
        self._entries: list[tuple[float, int, TimerKind, str, int]] = []
        self._seq = itertools.count()
        self._wake = anyio.Event()

    def schedule(self, when: float, kind: TimerKind, session_id: str = "", generation: int = 0) -> None:
        """Fire ``kind`` at monotonic time ``when``; ``generation`` lets the receiver drop stale entries."""
        entry = (when, next(self._seq), kind, session_id, generation)
        heapq.heappush(self._entries, entry)
        if self._entries[0] is entry:
            self._wake.set()

    def __len__(self) -> int:
        return len(self._entries)

    async def run(self) -> None:
        """Fire due entries, sleep until the next one (or a sooner one is scheduled); forever."""
        while True:
            now = anyio.current_time()
            while self._entries and self._entries[0][0] <= now:
                _, _, kind, session_id, generation = heapq.heappop(self._entries)
                self._fire(kind, session_id, generation, now)
            delay = self._entries[0][0] - now if self._entries else math.inf
            with anyio.move_on_after(delay):
                await self._wake.wait()
            self._wake = anyio.Event()
