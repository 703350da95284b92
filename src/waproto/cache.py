"""A bounded cache with a time-to-live that counts its hits and misses.

Every cache in waproto is one of these, so none can grow without bound and
``stats()`` can report each one's size and hit rate. Time is passed in by a
clock function (monotonic seconds), so tests control expiry.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["CacheStats", "TTLCache"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class CacheStats:
    """A snapshot of one cache's counters."""

    size: int
    max_size: int
    hits: int
    misses: int
    evictions: int

    @property
    def hit_rate(self) -> float:
        """Hits over lookups, 0.0 before the first lookup."""
        lookups = self.hits + self.misses
        return self.hits / lookups if lookups else 0.0


class TTLCache(Generic[K, V]):
    """Least-recently-used entries beyond ``max_size`` are evicted; entries older than ``ttl`` expire.

    Args:
        max_size: entries kept at most.
        ttl: seconds an entry stays valid.
        clock: monotonic time source in seconds.
    """

    __slots__ = ("_clock", "_data", "_evictions", "_hits", "_misses", "max_size", "ttl")

    def __init__(self, max_size: int, ttl: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        if max_size <= 0:
            raise ValueError("max_size must be positive")
        self.max_size = max_size
        self.ttl = ttl
        self._clock = clock
        # Made on the first put and dropped when cleared: most of a session's caches stay empty.
        self._data: OrderedDict[K, tuple[float, V]] | None = None
        self._hits = 0
        self._misses = 0
        self._evictions = 0

    def get(self, key: K) -> V | None:
        """The live value for ``key``, or None (counted as a miss)."""
        data = self._data
        entry = data.get(key) if data is not None else None
        if data is not None and entry is not None:
            expires, value = entry
            if expires > self._clock():
                data.move_to_end(key)
                self._hits += 1
                return value
            del data[key]
        self._misses += 1
        return None

    def put(self, key: K, value: V) -> None:
        """Store ``value``, evicting the least recently used entry when full."""
        data = self._data
        if data is None:
            data = self._data = OrderedDict()
        data[key] = (self._clock() + self.ttl, value)
        data.move_to_end(key)
        while len(data) > self.max_size:
            data.popitem(last=False)
            self._evictions += 1

    def invalidate(self, key: K) -> None:
        """Forget ``key`` if present."""
        if self._data is not None:
            self._data.pop(key, None)

    def clear(self) -> None:
        """Forget everything (counters are kept)."""
        self._data = None

    def trim(self, fraction: float) -> int:
        """Drop expired entries, then the oldest ``fraction`` of the rest; returns how many went."""
        data = self._data
        if data is None:
            return 0
        now = self._clock()
        before = len(data)
        for key in [k for k, (expires, _) in data.items() if expires <= now]:
            del data[key]
        for _ in range(int(len(data) * fraction)):
            data.popitem(last=False)
        return before - len(data)

    def __len__(self) -> int:
        return len(self._data) if self._data is not None else 0

    def stats(self) -> CacheStats:
        """Current size and counters."""
        return CacheStats(len(self), self.max_size, self._hits, self._misses, self._evictions)
