"""The PostgreSQL store: many devices (and many hosts) in one database, through asyncpg.

Choices, and why:

- **The same SQL as SQLite** (:mod:`._sql`); ``?`` placeholders become ``$n`` here.
- **The same migrations as SQLite**, translated by :func:`postgres_script` (``BLOB`` →
  ``BYTEA``, ``INTEGER`` → ``BIGINT``, ``REAL`` → ``DOUBLE PRECISION``, ``TEXT`` compared
  bytewise like SQLite does), run under an advisory lock so hosts starting together
  migrate once.
- **Writes are buffered until commit**, then sent on one pooled connection in one
  transaction; PostgreSQL itself shares WAL flushes between concurrent commits.
  Reads outside a transaction (or before its first write) go to any pooled
  connection and see committed state.
- **Sessions idle inside a transaction for 5 s are ended by the server**
  (``idle_in_transaction_session_timeout``): a host paused in the middle of a commit
  must not keep the lease row locked, or no other host could take its devices over.
- **``schema``** puts the tables in their own PostgreSQL schema (created if missing),
  so several installations or test runs can share one database.
- **asyncpg and OS errors become** :class:`~waproto.errors.StoreError` in
  :func:`_translated` and nowhere else.

asyncpg is an optional dependency: ``pip install 'waproto[postgres]'``.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import anyio

from waproto.errors import LeaseLost, StoreError
from waproto.store._leases import QUEUED, RELEASED
from waproto.store._migrations import MIGRATIONS
from waproto.store._sql import SQLDatabase
from waproto.store._transactions import Check, Opening, Write

if TYPE_CHECKING:
    import asyncpg

__all__ = ["PostgresStore", "postgres_script"]

_log = logging.getLogger("waproto.store")

_Row = tuple[Any, ...]

#: PostgreSQL ends a session left inside a transaction this long (ms), releasing its locks.
_IDLE_IN_TRANSACTION_MS = 5000

#: ``pg_advisory_xact_lock`` key held while migrating ("waproto" in ASCII).
_MIGRATION_LOCK = 0x776170726F746F

_TYPES = (
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
    (re.compile(r"\)\s*WITHOUT ROWID\s*;"), ");"),
)


def postgres_script(script: str) -> str:
    """A SQLite migration script in PostgreSQL's types (see the module docstring)."""
    for pattern, replacement in _TYPES:
        script = pattern.sub(replacement, script)
    return script


@functools.lru_cache(maxsize=1024)
def _numbered(sql: str) -> str:
    """``?`` placeholders as ``$1, $2, ...`` (our statements have no ``?`` in literals)."""
    counter = iter(range(1, sql.count("?") + 1))
    return re.sub(r"\?", lambda _: f"${next(counter)}", sql)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


@contextmanager
def _translated(what: str) -> Iterator[None]:
    """Turn asyncpg and OS failures into :class:`StoreError`, the only place that does."""
    import asyncpg

    try:
        yield
    except (asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        raise StoreError(f"{what}: {exc}") from exc
    except OSError as exc:
        raise StoreError(f"{what}: {exc.strerror or exc}") from exc


async def _apply(conn: asyncpg.Connection, writes: Sequence[Write]) -> None:
    for sql, rows in writes:
        await conn.executemany(_numbered(sql), rows)


class PostgresStore(SQLDatabase):
    """Many devices in one PostgreSQL database; see the module docstring.

    Open it with ``store = await PostgresStore.open(dsn)`` (then ``await store.close()``)
    or ``async with PostgresStore.open(dsn) as store``. Requires the asyncio backend.
    """

    def __init__(self, pool: asyncpg.Pool, *, schema: str | None) -> None:
        super().__init__()
        self._pool = pool
        self.schema = schema

    @classmethod
    def open(
        cls,
        dsn: str,
        *,
        schema: str | None = None,
        max_connections: int = 10,
        migrations: Sequence[str] = MIGRATIONS,
    ) -> Opening[PostgresStore]:
        """Connect to ``dsn`` (a ``postgresql://`` URL), creating and migrating the tables as needed.

        Args:
            dsn: libpq-style connection URL; a Unix socket directory goes in ``?host=``.
            schema: keep the tables in this PostgreSQL schema (created if missing)
                instead of the connection's default ``search_path``.
            max_connections: size of the connection pool.
            migrations: the schema scripts (SQLite types; translated here).

        Raises:
            StoreError: the server cannot be reached, refuses the login, or has a
                newer schema than ``migrations``.
        """

        async def factory() -> PostgresStore:
            return await cls._connect(dsn, schema, max_connections, tuple(migrations))

        return Opening(factory)

    @classmethod
    async def _connect(
        cls, dsn: str, schema: str | None, max_connections: int, migrations: tuple[str, ...]
    ) -> PostgresStore:
        try:
            import asyncpg
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise StoreError("PostgresStore needs asyncpg: pip install 'waproto[postgres]'") from exc
        # A host paused (or cut off) inside a commit would otherwise hold its rows'
        # locks, the lease row's among them, until it resumes: no other host could take
        # its devices over. Our transactions never wait on the application mid-way.
        settings = {"idle_in_transaction_session_timeout": str(_IDLE_IN_TRANSACTION_MS)}
        if schema is not None:
            settings["search_path"] = _quote(schema)
        with _translated("cannot connect to PostgreSQL"):
            if schema is not None:
                conn = await asyncpg.connect(dsn)
                try:
                    await conn.execute(f"CREATE SCHEMA IF NOT EXISTS {_quote(schema)}")
                finally:
                    await conn.close()
            pool = await asyncpg.create_pool(
                dsn, min_size=1, max_size=max_connections, server_settings=settings
            )
        store = cls(pool, schema=schema)
        try:
            with _translated("cannot migrate the PostgreSQL schema"):
                await store._migrate(migrations)
        except BaseException:
            await pool.close()
            raise
        return store

    async def _migrate(self, migrations: tuple[str, ...]) -> None:
        target = len(migrations)
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
            await conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")
            version = await conn.fetchval("SELECT version FROM schema_version")
            if version is None:
                await conn.execute("INSERT INTO schema_version (version) VALUES (0)")
                version = 0
            if version > target:
                raise StoreError(f"the PostgreSQL schema is at {version}, newer than this waproto ({target})")
            for number in range(version, target):
                await conn.execute(postgres_script(migrations[number]))
                await conn.execute("UPDATE schema_version SET version = $1", number + 1)
                _log.info("migrated PostgreSQL schema %s to %d", self.schema or "(default)", number + 1)

    @property
    def _queue_channel(self) -> str:
        return f"waproto_queue_{self.schema or 'default'}"

    async def notify_queue(self, device_id: str) -> None:
        """Wake every host listening on this database (``NOTIFY``)."""
        await self._notify_hosts(QUEUED, device_id)

    async def notify_released(self, device_id: str) -> None:
        """Wake every host listening on this database (``NOTIFY``)."""
        await self._notify_hosts(RELEASED, device_id)

    async def _notify_hosts(self, kind: str, device_id: str) -> None:
        with _translated("notify failed"):
            await self._pool.execute("SELECT pg_notify($1, $2)", self._queue_channel, f"{kind} {device_id}")

    async def listen(self, callback: Callable[[str, str], None]) -> Callable[[], Awaitable[None]]:
        """``LISTEN`` on one pooled connection, held until the returned coroutine is awaited."""

        def on_notify(_conn: object, _pid: int, _channel: str, payload: str) -> None:
            kind, _, device_id = payload.partition(" ")
            callback(kind, device_id)

        with _translated("listen failed"):
            conn = await self._pool.acquire()
            await conn.add_listener(self._queue_channel, on_notify)

        async def stop() -> None:
            with _translated("unlisten failed"):
                try:
                    await conn.remove_listener(self._queue_channel, on_notify)
                finally:
                    await self._pool.release(conn)

        return stop

    async def _close(self) -> None:
        with _translated("closing the PostgreSQL pool"):
            await self._pool.close()

    # Backend hooks of SQLDatabase.

    async def _run_fetch(self, sql: str, params: Sequence[Any], pending: Sequence[Write]) -> list[_Row]:
        with _translated("read failed"):
            if not pending:
                return [tuple(row) for row in await self._pool.fetch(_numbered(sql), *params)]
            async with self._pool.acquire() as conn:
                tx = conn.transaction()
                await tx.start()
                try:
                    await _apply(conn, pending)
                    return [tuple(row) for row in await conn.fetch(_numbered(sql), *params)]
                finally:
                    with anyio.CancelScope(shield=True):  # never hand a connection back mid-transaction
                        await tx.rollback()

    async def _run_count(self, write: Write, pending: Sequence[Write]) -> int:
        sql, rows = write
        with _translated("write failed"):
            async with self._pool.acquire() as conn:
                tx = conn.transaction()
                await tx.start()
                try:
                    await _apply(conn, pending)
                    status = await conn.execute(_numbered(sql), *rows[0])
                finally:
                    with anyio.CancelScope(shield=True):  # never hand a connection back mid-transaction
                        await tx.rollback()
        # The command tag ends with the row count ("DELETE 3", "UPDATE 1", "INSERT 0 1").
        return int(status.rsplit(" ", 1)[-1])

    async def _commit_writes(self, writes: list[Write], checks: list[Check]) -> None:
        with _translated("commit failed"):
            async with self._pool.acquire() as conn, conn.transaction():
                for sql, params in checks:
                    # FOR SHARE: a takeover's UPDATE of the lease row waits for this commit.
                    if await conn.fetchrow(_numbered(sql) + " FOR SHARE", *params) is None:
                        raise LeaseLost(f"lease lost: {tuple(params)}")
                await _apply(conn, writes)

    async def _execute_committed(self, sql: str, params: Sequence[Any]) -> list[_Row]:
        with _translated("write failed"):
            return [tuple(row) for row in await self._pool.fetch(_numbered(sql), *params)]
