"""An SQLite store is not tied to an event loop: made outside one, used by one run after another.

What ``client.run()`` with ``Client(SQLiteStore("bot.db"))`` at module level needs: the store
opens on first use in whichever loop runs, each answer goes to the loop that asked, and a
store nobody closed neither holds the process at exit nor leaves its connection open.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

import anyio
import pytest

from waproto.errors import InvalidState, StoreError
from waproto.store import SQLiteStore


def _store_threads() -> int:
    return sum(1 for thread in threading.enumerate() if thread.name == "waproto-sqlite")


def _run(body: Callable[[], Awaitable[None]]) -> None:
    """One ``anyio.run`` of ``body``: a new event loop each time."""
    anyio.run(body, backend="asyncio")


async def _write_and_read(store: SQLiteStore, round_: int) -> None:
    """A device's commits, some queued together (one group commit), then reads of them."""
    device = store.device("a")
    async with anyio.create_task_group() as group:
        for i in range(5):
            group.start_soon(device.put_session, f"{round_}.{i}", bytes([round_, i]))
    stored = [await device.get_session(f"{round_}.{i}") for i in range(5)]
    assert stored == [bytes([round_, i]) for i in range(5)]


def test_a_store_made_outside_any_loop_serves_one_run_after_another(tmp_path: Path) -> None:
    before = _store_threads()
    store = SQLiteStore(tmp_path / "store.db")
    assert not (tmp_path / "store.db").exists()  # nothing opened yet
    assert _store_threads() == before

    async def first() -> None:
        await store.create_device("a")
        await _write_and_read(store, 1)

    async def second() -> None:
        await _write_and_read(store, 2)
        assert await store.device("a").get_session("1.4") == bytes([1, 4])  # the first run's

    async def third() -> None:
        assert await store.list_devices() == ["a"]
        await store.close()

    _run(first)
    _run(second)
    _run(third)
    assert _store_threads() == before
    assert not (tmp_path / "store.db-wal").exists()  # closed: checkpointed

    async def after() -> None:
        with pytest.raises(InvalidState):
            await store.list_devices()

    _run(after)


def test_a_store_opened_in_one_loop_is_used_and_closed_in_the_next(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    opened: list[SQLiteStore] = []

    async def open_it() -> None:
        store = await SQLiteStore.open(path)
        await store.create_device("a")
        opened.append(store)

    async def use_and_close() -> None:
        async with opened[0] as store:
            await _write_and_read(store, 1)

    async def reopen() -> None:
        async with SQLiteStore.open(path) as store:
            assert await store.device("a").get_session("1.0") == bytes([1, 0])

    _run(open_it)
    _run(use_and_close)
    _run(reopen)


def test_an_answer_for_a_loop_that_has_ended_is_dropped(tmp_path: Path) -> None:
    """A job still running when its loop ends: its answer has nowhere to go, the thread lives on."""
    store = SQLiteStore(tmp_path / "store.db")
    entered, release = threading.Event(), threading.Event()

    def blocker(conn: sqlite3.Connection) -> None:
        entered.set()
        release.wait(30)

    async def abandon() -> None:
        async with anyio.create_task_group() as group:
            group.start_soon(store._engine.call, blocker)
            await anyio.to_thread.run_sync(entered.wait, 30)
            group.cancel_scope.cancel()

    async def use() -> None:
        with anyio.fail_after(30):
            assert await store.list_devices() == []
            await store.close()

    _run(abandon)  # its loop is closed now
    release.set()
    _run(use)


def test_a_lazy_open_reports_its_error_at_first_use(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "missing" / "store.db")

    async def use() -> None:
        for _ in range(2):  # each use tries again, and fails the same way
            with pytest.raises(StoreError, match="cannot open"):
                await store.list_devices()
        await store.close()

    _run(use)


def test_a_bad_synchronous_is_refused_when_made() -> None:
    with pytest.raises(ValueError, match="synchronous"):
        SQLiteStore("x.db", synchronous="OFF")  # type: ignore[arg-type]


#: A script that writes through a store it never closes, then ends.
UNCLOSED = """
import sys
import anyio
from waproto.store import SQLiteStore

store = SQLiteStore(sys.argv[1])

async def main() -> None:
    device = await store.create_device("a")
    await device.put_session("x", b"1")

anyio.run(main)
print("done", flush=True)
"""


def test_a_store_nobody_closed_lets_the_process_exit_and_closes_its_file(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    done = subprocess.run(
        [sys.executable, "-c", UNCLOSED, str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout) == (0, "done\n"), done.stderr
    assert not (tmp_path / "store.db-wal").exists()  # the exit hook closed the connection

    async def read() -> None:
        async with SQLiteStore.open(path) as store:
            assert await store.device("a").get_session("x") == b"1"

    _run(read)
