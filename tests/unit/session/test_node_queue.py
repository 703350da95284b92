from __future__ import annotations

from typing import Any, cast

import anyio
import pytest

from waproto.config import ClientConfig
from waproto.connection import Connection, ReadyState
from waproto.handlers import HandlerRegistry
from waproto.session.live import LiveSession, NodeQueue
from waproto.store import MemoryStore

pytestmark = pytest.mark.anyio


async def test_fifo_and_backpressure() -> None:
    queue = NodeQueue(2)
    items: list[Any] = [("c", i) for i in range(5)]
    put_done: list[int] = []

    async def producer() -> None:
        for i, item in enumerate(items):
            await queue.put(item)
            put_done.append(i)

    received: list[Any] = []
    async with anyio.create_task_group() as group:
        group.start_soon(producer)
        await anyio.wait_all_tasks_blocked()
        assert put_done == [0, 1]  # full: the third put waits
        while len(received) < len(items):
            item = queue.take()
            if item is None:
                await anyio.wait_all_tasks_blocked()
            else:
                received.append(item)
    assert received == items
    assert put_done == [0, 1, 2, 3, 4]


async def test_take_from_an_empty_queue_is_none() -> None:
    queue = NodeQueue(4)
    assert queue.take() is None
    await queue.put(cast(Any, ("c", None)))
    assert queue.take() == ("c", None)
    assert queue.take() is None


class _OpenConnection:
    ready_state = ReadyState.OPEN


async def test_the_handler_task_runs_only_while_items_are_queued() -> None:
    session = LiveSession(MemoryStore().device("d"), ClientConfig(), HandlerRegistry())
    connection = cast(Connection, _OpenConnection())
    ran: list[str] = []

    def job(name: str, then: str | None = None) -> Any:
        async def run() -> None:
            ran.append(name)
            if then is not None:
                await session.enqueue(connection, job(then))

        return run

    async with anyio.create_task_group() as group:
        session.task_group = group
        idle = len(anyio.get_running_tasks())
        await session.enqueue(connection, job("a", then="c"))
        await session.enqueue(connection, job("b"))
        await anyio.wait_all_tasks_blocked()
        assert ran == ["a", "b", "c"]  # in order, one at a time, also what a job queued
        assert len(anyio.get_running_tasks()) == idle  # the handler task ended with the queue
        await session.enqueue(connection, job("d"))
        await anyio.wait_all_tasks_blocked()
        assert ran == ["a", "b", "c", "d"]
