"""Transaction bookkeeping shared by the SQLite and memory stores.

One database has one write lock (an :class:`anyio.Lock`). A transaction holds it
from begin to commit, so two tasks never interleave writes into one transaction.
The transaction a task is in travels in a :class:`~contextvars.ContextVar`: code
running in that task, and tasks it spawns inside the block, join it; every other
task waits for the lock. A write outside any block is its own small transaction.
Nested blocks become savepoints, so an exception caught by the outer block undoes
only the inner block's writes.
"""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar
from types import TracebackType
from typing import Generic, Self, TypeVar

import anyio

from waproto.errors import InvalidState

__all__ = ["DeviceView", "Transaction", "TransactionalDatabase"]

_ids = itertools.count(1)


class Transaction:
    """The state of one open top-level transaction."""

    __slots__ = ("active", "savepoints")

    def __init__(self) -> None:
        self.active = True
        self.savepoints: list[str] = []


class TransactionalDatabase(ABC):
    """Base of the stores: the lock, the context variable and the begin/commit skeleton.

    Subclasses implement the ``_begin``, ``_commit``, ``_rollback``, ``_savepoint``,
    ``_release`` and ``_rollback_to`` hooks. ``_reads_take_lock`` says whether a read
    outside a transaction must wait for the lock: true for SQLite, where one shared
    connection would show another task's uncommitted writes.
    """

    _reads_take_lock = True

    def __init__(self) -> None:
        self._lock = anyio.Lock()
        self._closed = False
        self._tx_var: ContextVar[Transaction | None] = ContextVar(
            f"waproto.store.transaction.{next(_ids)}", default=None
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Wait for the open transaction, then release the database; idempotent."""
        if self._closed:
            return
        if self._current() is not None:
            raise InvalidState("cannot close the store inside one of its transactions")
        async with self._lock:
            if not self._closed:
                self._closed = True
                await self._close()

    def _check_open(self) -> None:
        if self._closed:
            raise InvalidState("the store is closed")

    def _current(self) -> Transaction | None:
        tx = self._tx_var.get()
        return tx if tx is not None and tx.active else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """Group writes atomically; see :meth:`waproto.store.Database.transaction`."""
        self._check_open()
        tx = self._current()
        if tx is not None:
            async with self._nested(tx):
                yield
            return
        async with self._lock:
            self._check_open()
            tx = Transaction()
            token = self._tx_var.set(tx)
            try:
                await self._begin()
                try:
                    yield
                except BaseException:
                    with anyio.CancelScope(shield=True):
                        await self._rollback()
                    raise
                with anyio.CancelScope(shield=True):
                    await self._commit()
            finally:
                tx.active = False
                self._tx_var.reset(token)

    @asynccontextmanager
    async def _nested(self, tx: Transaction) -> AsyncIterator[None]:
        name = f"waproto_sp{len(tx.savepoints) + 1}"
        tx.savepoints.append(name)
        await self._savepoint(name)
        try:
            yield
        except BaseException:
            self._check_innermost(tx, name)
            with anyio.CancelScope(shield=True):
                await self._rollback_to(name)
            raise
        else:
            self._check_innermost(tx, name)
            await self._release(name)
        finally:
            if name in tx.savepoints:
                tx.savepoints.remove(name)

    @staticmethod
    def _check_innermost(tx: Transaction, name: str) -> None:
        # Savepoints are a stack; two child tasks closing nested blocks out of
        # order would release each other's work.
        if tx.savepoints[-1] != name:
            raise InvalidState("nested transactions from concurrent tasks must close in order")

    @asynccontextmanager
    async def _writing(self) -> AsyncIterator[None]:
        """Wrap one write statement: joins the caller's transaction as it is, else opens one.

        A single statement is atomic on its own, so joining needs no savepoint
        (a savepoint per write doubled the statements of a message's transaction).
        """
        if self._current() is not None:
            self._check_open()
            yield
            return
        async with self.transaction():
            yield

    @asynccontextmanager
    async def _reading(self) -> AsyncIterator[None]:
        """Wrap a read: joins the caller's transaction, else waits when reads need the lock."""
        self._check_open()
        if not self._reads_take_lock or self._current() is not None:
            yield
            return
        async with self._lock:
            self._check_open()
            yield

    @abstractmethod
    async def _close(self) -> None:
        """Backend hook: release resources (called once, under the lock)."""

    @abstractmethod
    async def _begin(self) -> None:
        """Backend hook."""

    @abstractmethod
    async def _commit(self) -> None:
        """Backend hook."""

    @abstractmethod
    async def _rollback(self) -> None:
        """Backend hook."""

    @abstractmethod
    async def _savepoint(self, name: str) -> None:
        """Backend hook."""

    @abstractmethod
    async def _release(self, name: str) -> None:
        """Backend hook."""

    @abstractmethod
    async def _rollback_to(self, name: str) -> None:
        """Backend hook."""


_DB = TypeVar("_DB", bound=TransactionalDatabase)


class DeviceView(Generic[_DB]):
    """Base of the per-device views: two references, no state of its own."""

    __slots__ = ("_db", "device_id")

    def __init__(self, db: _DB, device_id: str) -> None:
        self._db = db
        self.device_id = device_id

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.device_id!r})"

    def transaction(self) -> AbstractAsyncContextManager[None]:
        """The database-wide transaction (writes of every device commit together)."""
        return self._db.transaction()
