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
        self._data: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._hits = 0
        self._misses = 0
        self._evictions = 0

    def get(self, key: K) -> V | None:
        """The live value for ``key``, or None (counted as a miss)."""
        entry = self._data.get(key)
        if entry is not None:
            expires, value = entry
            if expires > self._clock():
                self._data.move_to_end(key)
                self._hits += 1
                return value
            del self._data[key]
        self._misses += 1
        return None

    def put(self, key: K, value: V) -> None:
        """Store ``value``, evicting the least recently used entry when full."""
        self._data[key] = (self._clock() + self.ttl, value)
        self._data.move_to_end(key)
        while len(self._data) > self.max_size:
            self._data.popitem(last=False)
            self._evictions += 1

    def invalidate(self, key: K) -> None:
        """Forget ``key`` if present."""
        self._data.pop(key, None)

    def clear(self) -> None:
        """Forget everything (counters are kept)."""
        self._data.clear()

    def trim(self, fraction: float) -> int:
        """Drop expired entries, then the oldest ``fraction`` of the rest; returns how many went."""
        now = self._clock()
        before = len(self._data)
        for key in [k for k, (expires, _) in self._data.items() if expires <= now]:
            del self._data[key]
        for _ in range(int(len(self._data) * fraction)):
            self._data.popitem(last=False)
        return before - len(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def stats(self) -> CacheStats:
        """Current size and counters."""
        return CacheStats(len(self._data), self.max_size, self._hits, self._misses, self._evictions)
