"""LazyLock and LazyEvent behave like anyio's Lock and Event: order, handover, cancellation."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

import anyio
import pytest

from waproto._lazy import AnyLock, LazyEvent, LazyLock

pytestmark = pytest.mark.anyio

# Every lock test runs on anyio's Lock too: both must give the same outcome.
LOCKS = pytest.mark.parametrize(
    "make_lock", [LazyLock, partial(anyio.Lock, fast_acquire=True)], ids=["lazy", "anyio"]
)


@LOCKS
async def test_lock_serialises_holders_in_arrival_order(make_lock: Callable[[], AnyLock]) -> None:
    lock = make_lock()
    order: list[str] = []

    async def hold(name: str) -> None:
        async with lock:
            order.append(f"{name} in")
            await anyio.sleep(0)
            await anyio.sleep(0)
            order.append(f"{name} out")

    async with anyio.create_task_group() as tg:
        for name in ("a", "b", "c"):
            tg.start_soon(hold, name)
            await anyio.sleep(0)
    assert order == ["a in", "a out", "b in", "b out", "c in", "c out"]
    assert not lock.locked()


async def _enter(lock: AnyLock, name: str, entered: list[str], scope: anyio.CancelScope) -> None:
    with scope:
        async with lock:
            entered.append(name)


@LOCKS
@pytest.mark.parametrize(
    ("cancel_before_release", "expected"),
    [(True, ["second"]), (False, ["first", "second"])],
    ids=["cancelled-while-queued", "cancelled-after-handover"],
)
async def test_cancelling_a_waiter(
    make_lock: Callable[[], AnyLock], cancel_before_release: bool, expected: list[str]
) -> None:
    """Cancelled while queued, a waiter leaves the queue; once handed the lock, it enters."""
    lock = make_lock()
    entered: list[str] = []
    first = anyio.CancelScope()
    await lock.acquire()
    async with anyio.create_task_group() as tg:
        tg.start_soon(_enter, lock, "first", entered, first)
        tg.start_soon(_enter, lock, "second", entered, anyio.CancelScope())
        await anyio.sleep(0)
        if cancel_before_release:
            first.cancel()
            await anyio.sleep(0)
        lock.release()
        first.cancel()
    assert entered == expected
    assert not lock.locked()


@LOCKS
async def test_waiter_cancelled_after_handover_passes_the_lock_on(make_lock: Callable[[], AnyLock]) -> None:
    lock = make_lock()
    entered: list[str] = []

    async def enter(name: str) -> None:
        async with lock:
            entered.append(name)

    await lock.acquire()
    first = asyncio.ensure_future(enter("first"))
    second = asyncio.ensure_future(enter("second"))
    await anyio.sleep(0)
    lock.release()  # hands the lock to "first" ...
    first.cancel()  # ... which is cancelled before it resumes
    await asyncio.gather(first, second, return_exceptions=True)
    assert entered == ["second"]
    assert not lock.locked()


async def test_event_wakes_waiters_and_stays_set() -> None:
    event = LazyEvent()
    woken: list[int] = []

    async def wait(i: int) -> None:
        await event.wait()
        woken.append(i)

    async with anyio.create_task_group() as tg:
        tg.start_soon(wait, 1)
        tg.start_soon(wait, 2)
        await anyio.sleep(0)
        assert not event.is_set() and woken == []
        event.set()
    assert sorted(woken) == [1, 2]
    assert event.is_set()
    with anyio.fail_after(1):
        await event.wait()


async def test_event_wait_that_times_out_leaves_nothing_behind() -> None:
    event = LazyEvent()
    for _ in range(3):
        with anyio.move_on_after(0.01):
            await event.wait()
    assert not event.is_set()
    assert event._waiters is None  # a session waits with a timeout for hours: no pile of futures
    async with anyio.create_task_group() as tg:
        tg.start_soon(event.wait)
        await anyio.wait_all_tasks_blocked()
        event.set()
    assert event.is_set()
