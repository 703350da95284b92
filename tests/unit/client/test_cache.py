from __future__ import annotations

import pytest

from waproto.cache import TTLCache


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_hits_misses_expiry_and_eviction() -> None:
    clock = Clock()
    cache: TTLCache[str, int] = TTLCache(2, 10.0, clock=clock)
    assert cache.get("a") is None
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)  # evicts b, the least recently used
    assert cache.get("b") is None
    assert cache.get("c") == 3
    clock.now = 10.0
    assert cache.get("a") is None  # expired
    stats = cache.stats()
    assert (stats.hits, stats.misses, stats.evictions, stats.size) == (2, 3, 1, 1)
    assert stats.hit_rate == pytest.approx(2 / 5)


def test_trim_and_invalidate() -> None:
    clock = Clock()
    cache: TTLCache[int, int] = TTLCache(100, 5.0, clock=clock)
    for i in range(10):
        cache.put(i, i)
    cache.invalidate(0)
    assert len(cache) == 9
    assert cache.trim(0.5) == 4
    clock.now = 6.0
    assert cache.trim(0.0) == 5
    assert len(cache) == 0


def test_rejects_non_positive_size() -> None:
    with pytest.raises(ValueError):
        TTLCache(0, 1.0)
