"""Reconnect delays: exponential growth with full jitter, capped.

Full jitter (a uniform draw between 0 and the exponential delay) spreads the
reconnects of many sessions that dropped together, so they do not hammer the
server in waves. The random source is injected for tests.
"""

from __future__ import annotations

import random as _random
from collections.abc import Callable

__all__ = ["backoff_delay"]


def backoff_delay(
    attempt: int,
    *,
    base: float,
    factor: float = 1.5,
    cap: float = 300.0,
    jitter: bool = True,
    uniform: Callable[[float, float], float] = _random.uniform,
) -> float:
    """Seconds to wait before reconnect attempt ``attempt`` (0 for the first).

    Args:
        attempt: consecutive failures so far.
        base: delay of the first attempt (the close reason's own delay).
        factor: growth per consecutive failure.
        cap: the delay never exceeds this.
        jitter: draw uniformly between ``base`` and the exponential delay (full jitter
            above the reason's minimum), so the reason's delay is always honoured.
        uniform: random source, ``uniform(a, b)``.
    """
    ceiling = min(cap, base * factor ** max(0, attempt))
    if not jitter or ceiling <= base:
        return ceiling
    return uniform(base, ceiling)
