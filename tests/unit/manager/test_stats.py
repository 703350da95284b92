"""Memory readings and the budget's levels."""

from __future__ import annotations

import tracemalloc

import pytest

from waproto.manager.stats import BudgetLevel, budget_level, heap_bytes, rss_bytes

MIB = 1 << 20


@pytest.mark.parametrize(
    ("used", "level"),
    [
        (0, BudgetLevel.OK),
        (69, BudgetLevel.OK),
        (70, BudgetLevel.TRIM),
        (85, BudgetLevel.WARN),
        (90, BudgetLevel.CRITICAL),
        (119, BudgetLevel.CRITICAL),
        (120, BudgetLevel.EXCEEDED),
        (500, BudgetLevel.EXCEEDED),
    ],
)
def test_budget_levels(used: int, level: BudgetLevel) -> None:
    assert budget_level(used * MIB, 100 * MIB) is level


def test_rss_is_read_and_heap_only_when_tracing() -> None:
    assert rss_bytes() > MIB
    assert heap_bytes() is None
    tracemalloc.start()
    try:
        kept = [bytes(1000) for _ in range(10)]
        assert (heap_bytes() or 0) >= 10_000 and kept
    finally:
        tracemalloc.stop()
