"""Process memory, the memory budget's levels, and the stats snapshot of a manager."""

from __future__ import annotations

import enum
import os
import resource
import sys
import tracemalloc
from dataclasses import dataclass

from waproto.cache import CacheStats

__all__ = ["BudgetLevel", "ManagerStats", "SessionStats", "budget_level", "heap_bytes", "rss_bytes"]


def rss_bytes() -> int:
    """Resident set size of this process now (``/proc/self/statm``), else its peak (``getrusage``)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # Linux reports KiB, macOS bytes.
        return peak if sys.platform == "darwin" else peak * 1024


def heap_bytes() -> int | None:
    """Bytes allocated by Python objects, when ``tracemalloc`` is tracing; else None."""
    if not tracemalloc.is_tracing():
        return None
    return tracemalloc.get_traced_memory()[0]


class BudgetLevel(enum.IntEnum):
    """How far over the memory budget the process is, and what that calls for."""

    OK = 0
    TRIM = 70
    """70 %: trim caches (drop expired entries and the older half)."""
    WARN = 80
    """80 %: log a warning."""
    CRITICAL = 90
    """90 %: empty the caches and run ``gc.collect()``."""
    EXCEEDED = 120
    """120 %: emit ``MemoryBudgetExceeded`` so the host can restart the process."""


def budget_level(rss: int, budget_bytes: int) -> BudgetLevel:
    """The highest level ``rss`` reaches against ``budget_bytes``."""
    percent = 100 * rss / budget_bytes
    for level in sorted(BudgetLevel, reverse=True):
        if level is not BudgetLevel.OK and percent >= level:
            return level
    return BudgetLevel.OK


@dataclass(frozen=True, slots=True)
class SessionStats:
    """One session as ``manager.sessions()`` and ``stats()`` see it."""

    session_id: str
    state: str
    """A :class:`~waproto.manager.SessionState` value."""
    reason: str
    """Why it is in that state (the last close, or empty)."""
    queue_length: int
    reconnects: int
    """Clients created after the first one."""
    failures: int
    """Consecutive failed attempts (0 after a login)."""


@dataclass(frozen=True, slots=True)
class ManagerStats:
    """A snapshot of a manager and its process."""

    rss_bytes: int
    heap_bytes: int | None
    """Python heap from ``tracemalloc`` when it is tracing, else None."""
    memory_budget_bytes: int | None
    sessions_by_state: dict[str, int]
    queue_lengths: dict[str, int]
    """Session id -> queued outbound messages (sessions with an empty queue are left out)."""
    reconnects_by_reason: dict[str, int]
    """Close code (``"408"``, ``"440"``...) or ``"age"`` -> reconnects scheduled after it."""
    caches: dict[str, CacheStats]
    """Cache kind (``contacts``, ``groups``, ``devices``, ``phones``) -> totals over all sessions."""
    messages_in: int
    messages_out: int
    messages_failed: int
    """Queued messages given up after their retries or refused by the server."""

    def cache_hit_rate(self, kind: str) -> float:
        """The hit rate of one cache kind over all sessions."""
        return self.caches[kind].hit_rate
