"""One event-loop timer for the rare periodic work of many sessions.

A lone client prunes its old rows once an hour. A task sleeping in a cancel
scope costs a session about 1.5 KiB for that, and even a loop ``TimerHandle``
per session is a per-session timer; here every due time of one event loop is an
entry in one heap under a single loop timer armed for the earliest entry. A
due callback runs inline in the loop (it must not block: it starts a task).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import weakref
from collections.abc import Callable

__all__ = ["Scheduled", "call_at"]


class Scheduled:
    """A pending call; :meth:`cancel` forgets its callback at once (the entry stays until due)."""

    __slots__ = ("_callback", "_schedule", "_seq", "when")

    def __init__(
        self, schedule: _LoopSchedule, when: float, seq: int, callback: Callable[[], object]
    ) -> None:
        self.when = when
        self._seq = seq
        self._schedule = schedule
        self._callback: Callable[[], object] | None = callback

    def __lt__(self, other: Scheduled) -> bool:
        return (self.when, self._seq) < (other.when, other._seq)

    def cancel(self) -> None:
        """Do not call it; idempotent, also after it ran."""
        if self._callback is not None:
            self._callback = None
            self._schedule.forget()


class _LoopSchedule:
    """The heap of one event loop. It keeps no reference to the loop, so a closed loop goes."""

    __slots__ = ("__weakref__", "_entries", "_handle", "_key", "_live", "_seq")

    def __init__(self, key: asyncio.AbstractEventLoop) -> None:
        self._entries: list[Scheduled] = []
        self._handle: asyncio.TimerHandle | None = None
        self._live = 0
        self._seq = itertools.count()
        # Only to drop this schedule from the registry once nothing is pending.
        self._key = weakref.ref(key)

    def add(self, when: float, callback: Callable[[], object]) -> Scheduled:
        entry = Scheduled(self, when, next(self._seq), callback)
        heapq.heappush(self._entries, entry)
        self._live += 1
        if self._entries[0] is entry:
            self._arm()
        return entry

    def forget(self) -> None:
        """One entry was cancelled."""
        self._live -= 1
        self._drop_if_idle()

    def _drop_if_idle(self) -> None:
        """With nothing pending, drop the timer, the cancelled entries and this schedule."""
        if self._live:
            return
        self._entries.clear()
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        loop = self._key()
        if loop is not None and _schedules.get(loop) is self:
            del _schedules[loop]

    def _arm(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
        self._handle = asyncio.get_running_loop().call_at(self._entries[0].when, self._fire)

    def _fire(self) -> None:
        self._handle = None
        now = asyncio.get_running_loop().time()
        entries = self._entries
        while entries and entries[0].when <= now:
            entry = heapq.heappop(entries)
            callback, entry._callback = entry._callback, None
            if callback is not None:
                self._live -= 1
                callback()
        self._drop_if_idle()
        if entries and self._handle is None:
            self._arm()


_schedules: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopSchedule] = weakref.WeakKeyDictionary()


def call_at(when: float, callback: Callable[[], object]) -> Scheduled:
    """Call ``callback()`` in the running loop at loop time ``when`` (``anyio.current_time()``)."""
    loop = asyncio.get_running_loop()
    schedule = _schedules.get(loop)
    if schedule is None:
        schedule = _schedules[loop] = _LoopSchedule(loop)
    return schedule.add(when, callback)
