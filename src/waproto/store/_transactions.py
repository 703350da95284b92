"""Transaction bookkeeping shared by the stores: who may run a transaction when.

Two kinds of top-level transaction exist. ``device.transaction()`` (and a plain
write through a device view) is *device-scoped*: it waits only for other
transactions of the same device, so the devices of one database run their
transactions side by side. ``database.transaction()`` is *database-wide*: it waits
until no transaction runs and keeps every other one out until it ends. A backend
that cannot run transactions side by side (``_parallel_devices = False``) treats
every transaction as database-wide.

A device-scoped transaction may write other devices too (the writes still commit
atomically with its own), but it only serialises with its own device.

The transaction a task is in travels in a :class:`~contextvars.ContextVar`: code
running in that task, and tasks it spawns inside the block, join it. A write
outside any block is its own small device-scoped transaction. Nested blocks become
savepoints, so an exception caught by the outer block undoes only the inner
block's writes. Reads outside a transaction never wait: the backends show them
committed state only.
"""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

import anyio

from waproto.errors import InvalidState
from waproto.store._leases import QUEUED, RELEASED, Lease

__all__ = [
    "BufferedDatabase",
    "Check",
    "DeviceView",
    "Opening",
    "Transaction",
    "TransactionalDatabase",
    "Write",
]

_ids = itertools.count(1)

#: One buffered statement and its parameter rows (backends that buffer writes use it).
Write = tuple[str, list[Sequence[Any]]]
#: A query that must return a row at commit (a fencing check), and its parameters.
Check = tuple[str, Sequence[Any]]


class Transaction:
    """The state of one open top-level transaction.

    ``writes`` and ``marks`` serve backends that buffer writes until commit: the
    statements in order, and the buffer length at each open savepoint.
    """

    __slots__ = ("active", "devices", "marks", "savepoints", "writes")

    def __init__(self) -> None:
        self.active = True
        self.savepoints: list[str] = []
        self.writes: list[Write] = []
        self.marks: dict[str, int] = {}
        #: Devices written, for the fencing checks at commit.
        self.devices: set[str] = set()


class _Gate:
    """Shared (device-scoped) and exclusive (database-wide) admission; exclusive goes first."""

    __slots__ = ("_changed", "_exclusive", "_shared", "_waiting")

    def __init__(self) -> None:
        self._shared = 0
        self._exclusive = False
        self._waiting = 0
        self._changed: anyio.Event | None = None

    async def _wait(self) -> None:
        if self._changed is None:
            self._changed = anyio.Event()
        await self._changed.wait()

    def _notify(self) -> None:
        if self._changed is not None:
            self._changed.set()
            self._changed = None

    async def enter_shared(self) -> None:
        while self._exclusive or self._waiting:
            await self._wait()
        self._shared += 1

    def leave_shared(self) -> None:
        self._shared -= 1
        if not self._shared:
            self._notify()

    async def enter_exclusive(self) -> None:
        self._waiting += 1
        try:
            while self._exclusive or self._shared:
                await self._wait()
        finally:
            self._waiting -= 1
            if not self._waiting:
                self._notify()
        self._exclusive = True

    def leave_exclusive(self) -> None:
        self._exclusive = False
        self._notify()


class _DeviceLocks:
    """One lock per device, alive only while a transaction holds or awaits it."""

    __slots__ = ("_locks",)

    def __init__(self) -> None:
        self._locks: dict[str, tuple[anyio.Lock, list[int]]] = {}

    async def acquire(self, device_id: str) -> None:
        entry = self._locks.get(device_id)
        if entry is None:
            entry = self._locks[device_id] = (anyio.Lock(), [0])
        lock, users = entry
        users[0] += 1
        try:
            await lock.acquire()
        except BaseException:
            self._drop(device_id, users)
            raise

    def release(self, device_id: str) -> None:
        lock, users = self._locks[device_id]
        lock.release()
        self._drop(device_id, users)

    def _drop(self, device_id: str, users: list[int]) -> None:
        users[0] -= 1
        if not users[0]:
            del self._locks[device_id]


class TransactionalDatabase(ABC):
    """Base of the stores: admission, the context variable and the begin/commit skeleton.

    Subclasses implement the ``_begin``, ``_commit``, ``_rollback``, ``_savepoint``,
    ``_release`` and ``_rollback_to`` hooks, each given the transaction.
    """

    #: Whether device-scoped transactions of different devices may run side by side.
    _parallel_devices = True

    def __init__(self) -> None:
        self._gate = _Gate()
        self._device_locks = _DeviceLocks()
        self._closed = False
        #: Fenced devices: (owner, epoch) their writes must still hold at commit.
        self._fences: dict[str, tuple[str, int]] = {}
        self._listeners: list[Callable[[str, str], None]] = []
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
        """Wait for the open transactions, then release the database; idempotent."""
        if self._closed:
            return
        if self._current() is not None:
            raise InvalidState("cannot close the store inside one of its transactions")
        await self._gate.enter_exclusive()
        try:
            if not self._closed:
                self._closed = True
                await self._close()
        finally:
            self._gate.leave_exclusive()

    def _check_open(self) -> None:
        if self._closed:
            raise InvalidState("the store is closed")

    def fence(self, lease: Lease) -> None:
        """From now on, writes to the lease's device commit only while the lease holds."""
        self._fences[lease.device_id] = (lease.owner, lease.epoch)

    def unfence(self, device_id: str) -> None:
        """Stop checking the device's lease."""
        self._fences.pop(device_id, None)

    async def notify_queue(self, device_id: str) -> None:
        """Wake this store's listeners (see :class:`~waproto.store.LeaseStore`)."""
        self._notify(QUEUED, device_id)

    async def notify_released(self, device_id: str) -> None:
        """Wake this store's listeners (see :class:`~waproto.store.LeaseStore`)."""
        self._notify(RELEASED, device_id)

    def _notify(self, kind: str, device_id: str) -> None:
        for callback in list(self._listeners):
            callback(kind, device_id)

    async def listen(self, callback: Callable[[str, str], None]) -> Callable[[], Awaitable[None]]:
        """Register a listener of this store object; returns the coroutine that removes it."""
        self._listeners.append(callback)

        async def stop() -> None:
            self._listeners.remove(callback)

        return stop

    def _fence_checks(self, tx: Transaction) -> list[tuple[str, str, int]]:
        """``(device, owner, epoch)`` of every fenced device the transaction wrote."""
        return [(d, *self._fences[d]) for d in sorted(tx.devices) if d in self._fences]

    def _current(self) -> Transaction | None:
        tx = self._tx_var.get()
        return tx if tx is not None and tx.active else None

    def transaction(self) -> AbstractAsyncContextManager[None]:
        """Group writes atomically; see :meth:`waproto.store.Database.transaction`."""
        return self._transaction(None)

    @asynccontextmanager
    async def _transaction(self, device_id: str | None) -> AsyncIterator[None]:
        """A transaction scoped to ``device_id``, or database-wide for None."""
        self._check_open()
        tx = self._current()
        if tx is not None:
            async with self._nested(tx):
                yield
            return
        async with self._admitted(device_id if self._parallel_devices else None):
            self._check_open()
            tx = Transaction()
            token = self._tx_var.set(tx)
            try:
                await self._begin(tx)
                try:
                    yield
                except BaseException:
                    with anyio.CancelScope(shield=True):
                        await self._rollback(tx)
                    raise
                with anyio.CancelScope(shield=True):
                    await self._commit(tx)
            finally:
                tx.active = False
                self._tx_var.reset(token)

    @asynccontextmanager
    async def _admitted(self, device_id: str | None) -> AsyncIterator[None]:
        if device_id is None:
            await self._gate.enter_exclusive()
            try:
                yield
            finally:
                self._gate.leave_exclusive()
            return
        await self._gate.enter_shared()
        try:
            await self._device_locks.acquire(device_id)
            try:
                yield
            finally:
                self._device_locks.release(device_id)
        finally:
            self._gate.leave_shared()

    @asynccontextmanager
    async def _nested(self, tx: Transaction) -> AsyncIterator[None]:
        name = f"waproto_sp{len(tx.savepoints) + 1}"
        tx.savepoints.append(name)
        await self._savepoint(tx, name)
        try:
            yield
        except BaseException:
            self._check_innermost(tx, name)
            with anyio.CancelScope(shield=True):
                await self._rollback_to(tx, name)
            raise
        else:
            self._check_innermost(tx, name)
            await self._release(tx, name)
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
    async def _writing(self, device_id: str | None = None) -> AsyncIterator[Transaction]:
        """Wrap one write: joins the caller's transaction as it is, else opens one for ``device_id``.

        A single statement is atomic on its own, so joining needs no savepoint.
        """
        tx = self._current()
        if tx is not None:
            self._check_open()
            if device_id is not None:
                tx.devices.add(device_id)
            yield tx
            return
        async with self._transaction(device_id):
            tx = self._current()
            assert tx is not None
            if device_id is not None:
                tx.devices.add(device_id)
            yield tx

    @abstractmethod
    async def _close(self) -> None:
        """Backend hook: release resources (called once, with every transaction kept out)."""

    @abstractmethod
    async def _begin(self, tx: Transaction) -> None:
        """Backend hook."""

    @abstractmethod
    async def _commit(self, tx: Transaction) -> None:
        """Backend hook: make the transaction durable before returning."""

    @abstractmethod
    async def _rollback(self, tx: Transaction) -> None:
        """Backend hook."""

    @abstractmethod
    async def _savepoint(self, tx: Transaction, name: str) -> None:
        """Backend hook."""

    @abstractmethod
    async def _release(self, tx: Transaction, name: str) -> None:
        """Backend hook."""

    @abstractmethod
    async def _rollback_to(self, tx: Transaction, name: str) -> None:
        """Backend hook."""


class BufferedDatabase(TransactionalDatabase):
    """A backend that keeps a transaction's writes in memory and sends them at commit.

    Savepoints are buffer lengths, so nesting costs no round trip. Subclasses send
    ``tx.writes`` in ``_commit``.
    """

    async def _begin(self, tx: Transaction) -> None:
        del tx.writes[:]

    async def _rollback(self, tx: Transaction) -> None:
        del tx.writes[:]

    async def _savepoint(self, tx: Transaction, name: str) -> None:
        tx.marks[name] = len(tx.writes)

    async def _release(self, tx: Transaction, name: str) -> None:
        del tx.marks[name]

    async def _rollback_to(self, tx: Transaction, name: str) -> None:
        del tx.writes[tx.marks.pop(name) :]


_DB = TypeVar("_DB", bound=TransactionalDatabase)


class Opening(Generic[_DB]):
    """What a store's ``open()`` returns: await it, or use it with ``async with``."""

    __slots__ = ("_factory", "_store")

    def __init__(self, factory: Callable[[], Awaitable[_DB]]) -> None:
        self._factory = factory
        self._store: _DB | None = None

    def __await__(self) -> Generator[Any, None, _DB]:
        return self._factory().__await__()

    async def __aenter__(self) -> _DB:
        self._store = await self._factory()
        return self._store

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._store is not None:
            await self._store.close()


class DeviceView(Generic[_DB]):
    """Base of the per-device views: two references, no state of its own."""

    __slots__ = ("_db", "device_id")

    def __init__(self, db: _DB, device_id: str) -> None:
        self._db = db
        self.device_id = device_id

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.device_id!r})"

    def transaction(self) -> AbstractAsyncContextManager[None]:
        """A transaction that serialises with this device's others (writes to any device commit together)."""
        return self._db._transaction(self.device_id)
