"""One SQLite connection driven by one thread, with group commit.

Every call the event loop makes is one job on the thread and is self-contained: it
never leaves a transaction open on the connection, so a read always sees committed
state and no task waits for another task's round trips. A transaction's writes
reach the thread once, at commit (:class:`waproto.store._transactions.BufferedDatabase`).

**Group commit.** Commits queue up while the thread is busy (typically syncing the
previous batch); the thread then runs every queued transaction in one SQLite
transaction, each inside its own savepoint (a failing one is rolled back alone),
and issues one ``COMMIT`` (one WAL sync) for all. Each caller is answered only after
that ``COMMIT`` returned, so nothing is acknowledged before it is durable.

**Reads that must see the transaction's own writes** replay the buffered writes
and roll them back in the same job; nothing uncommitted outlives the job.
"""

from __future__ import annotations

import asyncio
import atexit
import queue
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

from waproto.errors import LeaseLost, StoreError
from waproto.store._transactions import Check, Write

__all__ = ["SQLiteEngine", "translated"]

_T = TypeVar("_T")
_Row = tuple[Any, ...]

#: Seconds the exit hook waits for the thread to finish its queued jobs and close.
_EXIT_WAIT = 5.0


@contextmanager
def translated(what: str) -> Iterator[None]:
    """Turn SQLite and OS failures into :class:`StoreError`, the only place that does."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(f"{what}: {exc}") from exc
    except OSError as exc:
        raise StoreError(f"{what}: {exc.strerror or exc}") from exc


def _apply(conn: sqlite3.Connection, writes: Sequence[Write]) -> None:
    for sql, rows in writes:
        conn.executemany(sql, rows)


class _Commit:
    __slots__ = ("checks", "error", "future", "writes")

    def __init__(self, writes: list[Write], checks: Sequence[Check], future: asyncio.Future[None]) -> None:
        self.writes = writes
        self.checks = checks
        self.future = future
        self.error: BaseException | None = None


class SQLiteEngine:
    """The connection, its thread, and the group-commit queue.

    Not tied to an event loop: each job answers the loop that submitted it, so a store
    made outside any loop, or used by one ``anyio.run`` after another, works in each.
    The connection opens on the thread with the first job (``opener`` makes it); the
    thread is a daemon, so a store nobody closed never holds the process at exit, and
    an exit hook closes its connection cleanly then.
    """

    __slots__ = ("_commit_queued", "_commits", "_conn", "_jobs", "_opener", "_thread")

    def __init__(self, opener: Callable[[], sqlite3.Connection]) -> None:
        self._opener = opener
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._commits: deque[_Commit] = deque()
        self._commit_queued = False
        self._conn: sqlite3.Connection | None = None
        self._thread: threading.Thread | None = None

    def _put(self, job: Callable[[], None]) -> None:
        """Queue a job, starting the thread first if it is not running."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="waproto-sqlite", daemon=True)
            self._thread.start()
            atexit.register(self._close_at_exit)
        self._jobs.put(job)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            job()

    def _connection(self) -> sqlite3.Connection:
        """The open connection, opened now if this is the first job (on the thread)."""
        if self._conn is None:
            self._conn = self._opener()
        return self._conn

    async def _submit(self, fn: Callable[[Any], _T], *, need_conn: bool = True) -> _T:
        loop = asyncio.get_running_loop()  # the job answers this loop, whichever it is
        future: asyncio.Future[_T] = loop.create_future()

        def job() -> None:
            try:
                result = fn(self._connection() if need_conn else None)
            except BaseException as exc:  # handed to the awaiting task
                _answer(loop, _settle, future, None, exc)
            else:
                _answer(loop, _settle, future, result, None)

        self._put(job)
        return await future

    async def open(self) -> None:
        """Open the connection now rather than with the first job (to report open errors early)."""
        await self._submit(lambda conn: None)

    async def call(self, fn: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``fn(connection)`` on the thread; ``fn`` must not leave a transaction open."""
        return await self._submit(fn)

    async def fetch(self, sql: str, params: Sequence[Any], pending: Sequence[Write] = ()) -> list[_Row]:
        """Rows of one query, seeing ``pending`` writes (applied and rolled back in the same job)."""

        def read(conn: sqlite3.Connection) -> list[_Row]:
            if not pending:
                return conn.execute(sql, params).fetchall()
            conn.execute("BEGIN")
            try:
                _apply(conn, pending)
                return conn.execute(sql, params).fetchall()
            finally:
                conn.execute("ROLLBACK")

        return await self._submit(read)

    async def count(self, write: Write, pending: Sequence[Write]) -> int:
        """Rows ``write`` would change after ``pending``; changes nothing."""

        def dry_run(conn: sqlite3.Connection) -> int:
            conn.execute("BEGIN")
            try:
                _apply(conn, pending)
                return conn.executemany(*write).rowcount
            finally:
                conn.execute("ROLLBACK")

        return await self._submit(dry_run)

    async def commit(self, writes: list[Write], checks: Sequence[Check] = ()) -> None:
        """Make ``writes`` durable as one transaction, sharing the sync with concurrent commits.

        Raises :class:`LeaseLost` (applying nothing) when a check query returns no row.
        """
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._commits.append(_Commit(writes, checks, future))
        if not self._commit_queued:
            self._commit_queued = True
            self._put(self._commit_batch)
        await future

    async def execute_committed(self, sql: str, params: Sequence[Any]) -> list[_Row]:
        """One statement in a write transaction of its own; its rows once committed."""

        def run(conn: sqlite3.Connection) -> list[_Row]:
            conn.execute("BEGIN IMMEDIATE")
            try:
                rows = conn.execute(sql, params).fetchall()
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return rows

        return await self._submit(run)

    def _commit_batch(self) -> None:
        # Cleared before draining: a commit appended after the drain queues a new batch.
        self._commit_queued = False
        batch: list[_Commit] = []
        while self._commits:
            batch.append(self._commits.popleft())
        if not batch:
            return
        try:
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                for item in batch:
                    self._apply_one(conn, item)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except BaseException as exc:
            for item in batch:
                item.error = item.error or exc
        loops: dict[asyncio.AbstractEventLoop, list[_Commit]] = {}
        for item in batch:
            loops.setdefault(item.future.get_loop(), []).append(item)
        for loop, items in loops.items():
            _answer(loop, _settle_batch, items)

    @staticmethod
    def _apply_one(conn: sqlite3.Connection, item: _Commit) -> None:
        """Apply one transaction of the batch in a savepoint; a failure undoes it alone."""
        conn.execute("SAVEPOINT waproto_group")
        try:
            for sql, params in item.checks:
                if conn.execute(sql, params).fetchone() is None:
                    raise LeaseLost(f"lease lost: {tuple(params)}")
            _apply(conn, item.writes)
        except (sqlite3.Error, LeaseLost) as exc:
            item.error = exc
            if not conn.in_transaction:  # SQLite rolled back everything (full disk, I/O error)
                raise
            conn.execute("ROLLBACK TO waproto_group")
        conn.execute("RELEASE waproto_group")

    def _close_conn(self, _: object = None) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def _stop(self) -> threading.Thread | None:
        """Queue the thread's end (after the jobs already queued); the next job starts a new one."""
        thread, self._thread = self._thread, None
        if thread is not None:
            atexit.unregister(self._close_at_exit)
            self._jobs.put(None)
        return thread

    async def close(self) -> None:
        """Close the connection (if it was ever opened) and end the thread."""
        if self._thread is None:
            return
        try:
            await self._submit(self._close_conn, need_conn=False)
        finally:
            if (thread := self._stop()) is not None:
                thread.join(1.0)  # past its last job: joining takes microseconds

    def _close_at_exit(self) -> None:
        """At interpreter exit, close a connection its store left open (WAL checkpointed, files tidy)."""
        self._put(self._close_conn)
        if (thread := self._stop()) is not None:
            thread.join(_EXIT_WAIT)


def _answer(loop: asyncio.AbstractEventLoop, callback: Callable[..., None], *args: Any) -> None:
    """Run ``callback`` on ``loop``; a loop that has closed meanwhile has nobody left to answer."""
    with suppress(RuntimeError):  # "Event loop is closed"
        loop.call_soon_threadsafe(callback, *args)


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.cancelled():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


def _settle_batch(batch: list[_Commit]) -> None:
    for item in batch:
        _settle(item.future, None, item.error)
