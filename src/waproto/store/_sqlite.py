"""The SQLite store: one database file holds many devices, over one connection and one thread.

Choices, and why:

- **One connection and one thread per database** (:mod:`._sqlite_engine`), so a
  process with a thousand devices in one file still has one store thread.
- **Writes are buffered until commit; commits are grouped.** A transaction costs a
  round trip per read and one for its commit, whatever it writes; commits that
  queue while the thread syncs the previous batch share the next sync. Every job
  on the thread is self-contained, so reads see committed state and never wait for
  another task's transaction. Device-scoped transactions of different devices run
  side by side (:mod:`._transactions`).
- **WAL, ``synchronous=FULL`` by default.** WAL alone survives a killed process;
  FULL also syncs the log on every commit, so a ratchet step whose message was acked
  survives power loss. ``NORMAL`` is offered for bulk, replaceable data. Measured
  (ext4 on virtio, one session record and one processed mark per transaction):
  FULL ~0.55 ms per commit (~1,800/s), NORMAL ~0.34 ms (~3,000/s).
- **``secure_delete=ON``.** Freed pages are zeroed, so superseded ratchet states do
  not linger in the file (forward secrecy on disk; they may still sit in the WAL
  until the next checkpoint).
- **Files created with mode 0600** before SQLite opens them; SQLite gives its
  ``-wal`` and ``-shm`` files the main file's mode.
- **``sqlite3.Error`` and ``OSError`` become** :class:`~waproto.errors.StoreError`
  in :func:`._sqlite_engine.translated` and nowhere else.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import urllib.parse
from collections.abc import Sequence
from functools import partial
from typing import Any, Literal, TypedDict, Unpack

import anyio

from waproto.errors import StoreError
from waproto.store._migrations import MIGRATIONS
from waproto.store._sql import SQLDatabase, SQLDeviceStore
from waproto.store._sqlite_engine import SQLiteEngine, translated
from waproto.store._transactions import Check, Opening, Write

__all__ = ["SQLiteDeviceStore", "SQLiteStore", "Synchronous"]

_log = logging.getLogger("waproto.store")

#: ``PRAGMA synchronous`` levels that are safe with WAL.
Synchronous = Literal["FULL", "NORMAL"]

_Row = tuple[Any, ...]

#: The per-device view of a :class:`SQLiteStore` (the SQL is shared with PostgreSQL).
SQLiteDeviceStore = SQLDeviceStore


def _create_private_file(path: str) -> None:
    """Create the database file readable by its owner only; leave an existing file alone."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)


def _split_script(script: str) -> list[str]:
    # Our migration scripts end each statement with ";" at the end of a line.
    return [part.strip() for part in script.split(";\n") if part.strip()]


def _scalar(conn: sqlite3.Connection, sql: str) -> Any:
    row = conn.execute(sql).fetchone()
    return row[0] if row else None


class SQLiteOptions(TypedDict, total=False):
    """The keyword arguments of :class:`SQLiteStore` (for :meth:`SQLiteStore.open`)."""

    read_only: bool
    synchronous: Synchronous
    busy_timeout: float
    max_size_bytes: int | None
    migrations: Sequence[str]


class SQLiteStore(SQLDatabase):
    """Many devices in one SQLite file; see the module docstring for the trade-offs.

    ``SQLiteStore(path)`` does no I/O: the file opens (created and migrated as needed) with
    the first use, in whatever event loop runs then, so a store made at module level works
    with ``client.run()``, and one store may serve one ``anyio.run`` after another.
    ``await SQLiteStore.open(path)`` or ``async with SQLiteStore.open(path) as store`` opens
    it at once (errors show there) and, with ``async with``, closes it. Requires the asyncio
    backend.

    Args:
        path: the database file; created with mode 0600 if missing.
        read_only: open with SQLite's read-only mode; every write raises StoreError.
        synchronous: ``"FULL"`` (default; commits survive power loss) or ``"NORMAL"``.
        busy_timeout: seconds to wait for another process's lock before failing.
        max_size_bytes: cap on the file size; writes past it raise StoreError
            (SQLite never shrinks the cap below the current size).
        migrations: the schema scripts; tests pass a prefix to build old files.

    Raises:
        StoreError: (at ``open``, else at first use) the file cannot be opened, is not a
            database, needs a migration while read-only, or has a newer schema than ``migrations``.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        synchronous: Synchronous = "FULL",
        busy_timeout: float = 5.0,
        max_size_bytes: int | None = None,
        migrations: Sequence[str] = MIGRATIONS,
    ) -> None:
        if synchronous not in ("FULL", "NORMAL"):
            raise ValueError(f"synchronous must be FULL or NORMAL, not {synchronous!r}")
        super().__init__()
        self.path = os.fspath(path)
        self.read_only = read_only
        self._engine = SQLiteEngine(
            partial(self._connect, synchronous, busy_timeout, max_size_bytes, tuple(migrations))
        )

    @classmethod
    def open(cls, path: str | os.PathLike[str], **options: Unpack[SQLiteOptions]) -> Opening[SQLiteStore]:
        """Open the database at ``path`` now; ``options`` are the constructor's."""
        store = cls(path, **options)

        async def factory() -> SQLiteStore:
            try:
                await store._engine.open()
            except BaseException:
                with anyio.CancelScope(shield=True):
                    await store._engine.close()
                raise
            _log.debug("opened %s (%s)", store.path, options)
            return store

        return Opening(factory)

    def _connect(
        self, synchronous: Synchronous, busy_timeout: float, max_size: int | None, migrations: tuple[str, ...]
    ) -> sqlite3.Connection:
        """Open, configure and migrate the connection (the engine calls it on its thread)."""
        mode = "ro" if self.read_only else "rw"
        uri = f"file:{urllib.parse.quote(os.path.abspath(self.path))}?mode={mode}"
        with translated(f"cannot open {self.path}"):
            if not self.read_only:
                _create_private_file(self.path)
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            with translated(f"cannot set up {self.path}"):
                self._configure(conn, synchronous, busy_timeout, max_size)
                self._migrate(conn, migrations)
        except BaseException:
            conn.close()
            raise
        return conn

    def _configure(
        self, conn: sqlite3.Connection, synchronous: Synchronous, busy_timeout: float, max_size: int | None
    ) -> None:
        """Set the pragmas (runs on the store thread)."""
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA secure_delete = ON")
        if not self.read_only and str(_scalar(conn, "PRAGMA journal_mode = WAL")).lower() != "wal":
            raise StoreError(f"cannot switch {self.path} to WAL mode")
        conn.execute(f"PRAGMA synchronous = {synchronous}")
        if max_size is not None:
            page_size = _scalar(conn, "PRAGMA page_size") or 4096
            conn.execute(f"PRAGMA max_page_count = {max(1, max_size // int(page_size))}")

    @staticmethod
    def _schema_version(conn: sqlite3.Connection) -> int:
        exists = _scalar(conn, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
        if not exists:
            return 0
        return int(_scalar(conn, "SELECT version FROM schema_version") or 0)

    def _migrate(self, conn: sqlite3.Connection, migrations: tuple[str, ...]) -> None:
        """Run the pending migrations in one write transaction (other processes wait; store thread)."""
        target = len(migrations)
        if self.read_only:
            version = self._schema_version(conn)
            if version != target:
                raise StoreError(f"{self.path} is at schema {version}, needs {target}, and is read-only")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = self._schema_version(conn)
            if version > target:
                raise StoreError(f"{self.path} has schema {version}, newer than this waproto ({target})")
            if version == 0:
                conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
                conn.execute("DELETE FROM schema_version")
                conn.execute("INSERT INTO schema_version (version) VALUES (0)")
            for number in range(version, target):
                for statement in _split_script(migrations[number]):
                    conn.execute(statement)
                conn.execute("UPDATE schema_version SET version = ?", (number + 1,))
                _log.info("migrated %s to schema %d", self.path, number + 1)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    async def _close(self) -> None:
        with translated(f"closing {self.path}"):
            await self._engine.close()

    # Backend hooks of SQLDatabase.

    async def _run_fetch(self, sql: str, params: Sequence[Any], pending: Sequence[Write]) -> list[_Row]:
        with translated("read failed"):
            return await self._engine.fetch(sql, params, pending)

    async def _run_count(self, write: Write, pending: Sequence[Write]) -> int:
        with translated("write failed"):
            return await self._engine.count(write, pending)

    async def _commit_writes(self, writes: list[Write], checks: list[Check]) -> None:
        with translated("commit failed"):
            await self._engine.commit(writes, checks)

    async def _execute_committed(self, sql: str, params: Sequence[Any]) -> list[_Row]:
        with translated("write failed"):
            return await self._engine.execute_committed(sql, params)
