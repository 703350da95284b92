"""What only the SQLite store has: files, pragmas, migrations, full disks, read-only files."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import anyio
import pytest

from waproto.errors import StoreError
from waproto.store import MIGRATIONS, SCHEMA_VERSION, SQLDeviceStore, SQLiteStore

pytestmark = pytest.mark.anyio


def _schema_version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT version FROM schema_version").fetchone()[0])


async def test_files_are_private_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    async with SQLiteStore.open(path) as store:
        device = await store.create_device("a")
        await device.put_session("x", b"1")
        files = [p for p in tmp_path.iterdir() if p.name.startswith("store.db")]
        assert {p.name for p in files} >= {"store.db", "store.db-wal", "store.db-shm"}
        for p in files:
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert _schema_version(path) == SCHEMA_VERSION


async def test_existing_file_mode_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    path.touch(mode=0o640)
    os.chmod(path, 0o640)
    async with SQLiteStore.open(path):
        pass
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


async def test_state_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    async with SQLiteStore.open(path) as store:
        device = await store.create_device("a")
        await device.put_session("x", b"1")
        await device.put_prekeys([(1, b"k")])
    store = await SQLiteStore.open(path)
    try:
        device = store.device("a")
        assert await device.get_session("x") == b"1"
        assert await device.count_prekeys(uploaded=False) == 1
    finally:
        await store.close()


async def test_closing_commits_deferred_deletes_and_a_failed_commit_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    async with SQLiteStore.open(path) as store:
        device = await store.create_device("a")
        await device.put("inbox", "k1", b"v")
        await device.put("inbox", "k2", b"v")
    async with SQLiteStore.open(path, max_size_bytes=1) as store:
        device = store.device("a")
        await device.delete_later("inbox", "k1")
        assert await device.items("inbox") == {"k1": b"v", "k2": b"v"}  # pending, not yet committed
        with pytest.raises(StoreError, match="full"):
            await device.put_session("big.0", os.urandom(200_000))
        await device.delete_later("inbox", "k2")
    async with SQLiteStore.open(path) as store:  # closing the full store flushed the deletes
        assert await store.device("a").items("inbox") == {}


async def test_one_thread_serves_many_devices(tmp_path: Path) -> None:
    # Compare thread sets, not counts: a thread of an earlier test may end meanwhile.
    before = set(threading.enumerate())
    async with SQLiteStore.open(tmp_path / "store.db") as store:
        devices = [await store.create_device(f"d{i}") for i in range(200)]
        async with store.transaction():
            for i, device in enumerate(devices):
                await device.put_session("peer.0", i.to_bytes(2, "big"))
        assert len(set(threading.enumerate()) - before) == 1
        assert await devices[150].get_session("peer.0") == (150).to_bytes(2, "big")
        assert len(await store.list_devices()) == 200


async def test_deleting_a_device_cascades(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    async with SQLiteStore.open(path) as store:
        for name in ("a", "b"):
            device = await store.create_device(name)
            await device.put_session("x", b"1")
            await device.put("ns", "k", b"v")
            await device.mark_processed("c", "s", "m", at=1.0)
        await store.delete_device("a")
    with closing(sqlite3.connect(path)) as conn:
        for table in ("sessions", "kv", "processed_messages"):
            owners = {row[0] for row in conn.execute(f"SELECT device_id FROM {table}")}
            assert owners == {"b"}, table


async def test_an_older_database_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    async with SQLiteStore.open(path, migrations=MIGRATIONS[:1]) as store:
        device = await store.create_device("a")
        await device.put_session("x", b"kept")
    assert _schema_version(path) == 1
    with closing(sqlite3.connect(path)) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "kv" not in tables

    async with SQLiteStore.open(path) as store:
        device = store.device("a")
        assert await device.get_session("x") == b"kept"
        await device.put("ns", "k", b"v")
        await device.mark_processed("c", "s", "m", at=1.0)
        assert await device.items("ns") == {"k": b"v"}
    assert _schema_version(path) == SCHEMA_VERSION


async def test_sent_messages_move_out_of_the_key_value_table(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    async with SQLiteStore.open(path, migrations=MIGRATIONS[:4]) as store:
        device = await store.create_device("a")
        await device.put("sent-messages", "m1", b'{"to": "1@s.whatsapp.net", "message": ""}')
    async with SQLiteStore.open(path) as store:
        device = store.device("a")
        assert await device.items("sent-messages") == {}
        assert await device.get_sent_message("m1") == b'{"to": "1@s.whatsapp.net", "message": ""}'
        # Moved rows have no send time: they count as oldest, so the first prune removes them.
        assert await device.prune_sent_messages(1.0) == 1


async def test_a_failing_migration_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    async with SQLiteStore.open(path) as store:
        await store.create_device("a")
    broken = (*MIGRATIONS, "CREATE TABLE extra (x INTEGER);\nTHIS IS NOT SQL;\n")
    with pytest.raises(StoreError):
        await SQLiteStore.open(path, migrations=broken)
    assert _schema_version(path) == SCHEMA_VERSION
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'extra'").fetchone() is None


async def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    async with SQLiteStore.open(path):
        pass
    with pytest.raises(StoreError, match="newer"):
        await SQLiteStore.open(path, migrations=MIGRATIONS[:1])


async def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(b"definitely not sqlite" * 100)
    with pytest.raises(StoreError):
        await SQLiteStore.open(path)


async def test_a_missing_directory_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        await SQLiteStore.open(tmp_path / "missing" / "store.db")


async def test_bad_synchronous_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="synchronous"):
        SQLiteStore.open(tmp_path / "store.db", synchronous="OFF")  # type: ignore[arg-type]


async def _committed_state(path: Path) -> None:
    async with SQLiteStore.open(path) as store:
        device = await store.create_device("a")
        async with store.transaction():
            for i in range(20):
                await device.put_session(f"peer{i}.0", bytes([i]) * 200)
            await device.mark_processed("c", "s", "m0", at=1.0)


async def _assert_committed_state(store: SQLiteStore) -> None:
    device = store.device("a")
    sessions = await device.get_sessions([f"peer{i}.0" for i in range(25)])
    assert sessions == {f"peer{i}.0": bytes([i]) * 200 for i in range(20)}
    assert await device.is_processed("c", "s", "m0")
    assert not await device.is_processed("c", "s", "m1")


async def test_a_full_disk_raises_store_error_and_keeps_the_last_commit(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    await _committed_state(path)
    # max_page_count is clamped to the current size: the file is now "full".
    async with SQLiteStore.open(path, max_size_bytes=1) as store:
        device = store.device("a")
        with pytest.raises(StoreError, match="full"):
            async with store.transaction():
                await device.put_session("peer0.0", b"changed")
                await device.mark_processed("c", "s", "m1", at=2.0)
                await device.put_sessions({f"big{i}.0": os.urandom(50_000) for i in range(4)})
        await _assert_committed_state(store)
        with pytest.raises(StoreError, match="full"):
            await device.put_session("big.0", os.urandom(200_000))
        await _assert_committed_state(store)
    async with SQLiteStore.open(path) as store:
        await _assert_committed_state(store)
        await store.device("a").put_session("big.0", os.urandom(200_000))
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_a_read_only_file_raises_store_error_and_keeps_the_last_commit(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    await _committed_state(path)
    os.chmod(path, 0o400)
    async with SQLiteStore.open(path, read_only=True) as store:
        await _assert_committed_state(store)
        device = store.device("a")
        with pytest.raises(StoreError, match="readonly"):
            await device.put_session("peer0.0", b"changed")
        with pytest.raises(StoreError):
            async with store.transaction():
                await device.mark_processed("c", "s", "m1", at=2.0)
        with pytest.raises(StoreError):
            await store.create_device("b")
        await _assert_committed_state(store)
        assert await store.list_devices() == ["a"]
    os.chmod(path, 0o600)
    async with SQLiteStore.open(path) as store:
        await _assert_committed_state(store)


async def test_read_only_open_needs_an_existing_current_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        await SQLiteStore.open(tmp_path / "absent.db", read_only=True)
    path = tmp_path / "old.db"
    async with SQLiteStore.open(path, migrations=MIGRATIONS[:1]):
        pass
    with pytest.raises(StoreError, match="read-only"):
        await SQLiteStore.open(path, read_only=True)


async def test_commits_queued_together_share_one_sqlite_transaction_but_fail_alone(tmp_path: Path) -> None:
    async with SQLiteStore.open(tmp_path / "store.db") as store:
        devices = [await store.create_device(f"d{i}") for i in range(3)]
        ghost = store.device("ghost")  # no device row: its write breaks a foreign key
        release = threading.Event()
        busy = anyio.Event()

        def block(conn: sqlite3.Connection) -> None:
            busy_set()
            release.wait(10)

        busy_set = _threadsafe_setter(busy)
        results: dict[str, BaseException | None] = {}

        async def commit(name: str, device: SQLDeviceStore) -> None:
            try:
                async with device.transaction():
                    await device.put_session("peer.0", name.encode())
                results[name] = None
            except StoreError as exc:
                results[name] = exc

        async with anyio.create_task_group() as tg:
            tg.start_soon(store._engine.call, block)
            await busy.wait()
            # The thread is busy: these commits queue up and run as one batch after it.
            for i, device in enumerate(devices):
                tg.start_soon(commit, f"d{i}", device)
            tg.start_soon(commit, "ghost", ghost)
            while len(store._engine._commits) < 4:
                await anyio.sleep(0.001)
            release.set()
        assert isinstance(results.pop("ghost"), StoreError)
        assert results == {"d0": None, "d1": None, "d2": None}
        for i, device in enumerate(devices):
            assert await device.get_session("peer.0") == f"d{i}".encode()
        assert await ghost.get_session("peer.0") is None


def _threadsafe_setter(event: anyio.Event) -> Callable[[], None]:
    loop = asyncio.get_running_loop()
    return lambda: loop.call_soon_threadsafe(event.set)
