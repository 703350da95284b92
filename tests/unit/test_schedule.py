"""The shared loop schedule: due calls in time order, cancel, re-scheduling, nothing left behind."""

from __future__ import annotations

import asyncio

import anyio
import pytest

from waproto import _schedule
from waproto._schedule import call_at

pytestmark = pytest.mark.anyio


async def test_due_calls_run_in_time_order_and_cancelled_ones_never() -> None:
    ran: list[str] = []
    done = anyio.Event()
    now = anyio.current_time()
    call_at(now - 1, lambda: ran.append("second"))
    call_at(now - 2, lambda: ran.append("first"))
    call_at(now - 3, lambda: ran.append("cancelled")).cancel()
    call_at(now - 0.5, done.set)
    with anyio.fail_after(5):
        await done.wait()
    assert ran == ["first", "second"]


async def test_a_call_may_schedule_the_next_one() -> None:
    ran: list[int] = []
    done = anyio.Event()

    def tick() -> None:
        ran.append(len(ran))
        if len(ran) < 3:
            call_at(anyio.current_time() + 0.01, tick)
        else:
            done.set()

    call_at(anyio.current_time(), tick)
    with anyio.fail_after(5):
        await done.wait()
    assert ran == [0, 1, 2]


async def test_nothing_pending_leaves_no_timer_and_no_schedule() -> None:
    loop = asyncio.get_running_loop()
    later = call_at(anyio.current_time() + 3600, lambda: None)
    assert loop in _schedule._schedules
    later.cancel()
    later.cancel()  # idempotent
    assert loop not in _schedule._schedules
    done = anyio.Event()
    call_at(anyio.current_time(), done.set)
    with anyio.fail_after(5):
        await done.wait()
    assert loop not in _schedule._schedules
