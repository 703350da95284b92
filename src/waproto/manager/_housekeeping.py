"""What the manager's watchdog and idle cleanup do to all sessions, and how stats are summed."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable

from waproto.cache import CacheStats
from waproto.manager._session import CACHE_KINDS, ManagedSession
from waproto.manager.stats import BudgetLevel, SessionStats, budget_level

__all__ = ["apply_memory_budget", "cache_totals", "release_idle", "session_stats"]

logger = logging.getLogger("waproto.manager")


def cache_totals(sessions: Iterable[ManagedSession]) -> dict[str, CacheStats]:
    """Each cache kind summed over ``sessions``."""
    sessions = list(sessions)
    totals: dict[str, CacheStats] = {}
    for kind in CACHE_KINDS:
        parts = [s.caches()[kind].stats() for s in sessions]
        totals[kind] = CacheStats(
            sum(p.size for p in parts),
            sum(p.max_size for p in parts),
            sum(p.hits for p in parts),
            sum(p.misses for p in parts),
            sum(p.evictions for p in parts),
        )
    return totals


def session_stats(session: ManagedSession) -> SessionStats:
    """One session's public snapshot."""
    return SessionStats(
        session_id=session.id,
        state=session.state.value,
        reason=session.reason,
        queue_length=len(session.queue),
        reconnects=session.reconnects,
        failures=session.backoff.failures,
    )


def release_idle(sessions: Iterable[ManagedSession], now: float) -> None:
    """Forget idle rate-limit windows and expired cache entries; empty the caches of sessions not running."""
    for session in sessions:
        session.queue.limiter.prune(now)
        if session.client is None:
            session.clear_caches()
        else:
            session.trim_caches(0.0)


def apply_memory_budget(sessions: Iterable[ManagedSession], rss: int, budget: int) -> BudgetLevel:
    """Trim, warn and collect as ``rss`` against ``budget`` calls for; returns the level reached."""
    level = budget_level(rss, budget)
    percent = 100 * rss // budget
    if level >= BudgetLevel.TRIM:
        fraction = 1.0 if level >= BudgetLevel.CRITICAL else 0.5
        dropped = sum(s.trim_caches(fraction) for s in sessions)
        logger.info("memory at %d%% of budget: trimmed %d cache entries", percent, dropped)
    if level >= BudgetLevel.WARN:
        logger.warning("memory at %d%% of the %d MiB budget", percent, budget >> 20)
    if level >= BudgetLevel.CRITICAL:
        gc.collect()
    return level
