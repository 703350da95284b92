from __future__ import annotations

from typing import Any

import anyio
import pytest

from waproto.session.live import NodeQueue

pytestmark = pytest.mark.anyio


async def test_fifo_and_backpressure() -> None:
    queue = NodeQueue(2)
    items: list[Any] = [("c", i) for i in range(5)]
    put_done: list[int] = []

    async def producer() -> None:
        for i, item in enumerate(items):
            await queue.put(item)
            put_done.append(i)

    async with anyio.create_task_group() as group:
        group.start_soon(producer)
        await anyio.wait_all_tasks_blocked()
        assert put_done == [0, 1]  # full: the third put waits
        received = [await queue.get() for _ in items]
    assert received == items
    assert put_done == [0, 1, 2, 3, 4]


async def test_get_waits_for_an_item() -> None:
    queue = NodeQueue(4)
    got: list[Any] = []

    async def consumer() -> None:
        got.append(await queue.get())

    async with anyio.create_task_group() as group:
        group.start_soon(consumer)
        await anyio.wait_all_tasks_blocked()
        assert got == []
        await queue.put(("c", None))
    assert got == [("c", None)]
