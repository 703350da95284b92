"""``transaction()`` semantics, identical on both stores (``db`` is parametrized)."""

from __future__ import annotations

import anyio
import pytest

from tests.unit.store.conftest import AnyStore
from waproto.errors import InvalidState, StoreError
from waproto.store import MemoryStore

pytestmark = pytest.mark.anyio


class Boom(Exception):
    pass


async def test_writes_of_several_devices_commit_together(db: AnyStore) -> None:
    a = await db.create_device("a")
    b = await db.create_device("b")
    async with db.transaction():
        await a.put_session("x", b"a1")
        await b.put_session("x", b"b1")
        await a.mark_processed("chat", "bob", "m1", at=1.0)
        assert await a.get_session("x") == b"a1"
        assert await b.get_sessions(["x"]) == {"x": b"b1"}
        assert await a.is_processed("chat", "bob", "m1")
    assert await a.get_session("x") == b"a1"
    assert await b.get_session("x") == b"b1"


async def test_an_exception_rolls_back_every_write(db: AnyStore) -> None:
    a = await db.create_device("a")
    b = await db.create_device("b")
    await a.put_session("x", b"old")
    with pytest.raises(Boom):
        async with a.transaction():
            await a.put_session("x", b"new")
            await b.put_session("y", b"new")
            await a.put_prekeys([(1, b"k")])
            await db.create_device("c")
            await db.delete_device("b")
            raise Boom
    assert await a.get_session("x") == b"old"
    assert await b.get_session("y") is None
    assert await a.count_prekeys() == 0
    assert await db.list_devices() == ["a", "b"]


async def test_nested_block_joins_and_its_failure_undoes_only_itself(db: AnyStore) -> None:
    a = await db.create_device("a")
    async with db.transaction():
        await a.put_session("outer", b"1")
        async with a.transaction():
            await a.put_session("inner-ok", b"2")
        with pytest.raises(Boom):
            async with db.transaction():
                await a.put_session("inner-bad", b"3")
                await a.put_session("outer", b"overwritten")
                raise Boom
        assert await a.get_session("inner-bad") is None
        assert await a.get_session("outer") == b"1"
    assert await a.get_sessions(["outer", "inner-ok", "inner-bad"]) == {"outer": b"1", "inner-ok": b"2"}


async def test_outer_failure_undoes_committed_nested_blocks(db: AnyStore) -> None:
    a = await db.create_device("a")
    with pytest.raises(Boom):
        async with db.transaction():
            async with db.transaction():
                await a.put_session("inner", b"1")
            raise Boom
    assert await a.get_session("inner") is None


async def test_other_tasks_never_read_uncommitted_writes(db: AnyStore) -> None:
    a = await db.create_device("a")
    await a.put_session("x", b"committed")
    written = anyio.Event()
    seen: list[bytes | None] = []

    async def writer() -> None:
        with pytest.raises(Boom):
            async with db.transaction():
                await a.put_session("x", b"uncommitted")
                written.set()
                for _ in range(20):
                    await anyio.sleep(0)
                raise Boom

    async def reader() -> None:
        await written.wait()
        seen.append(await a.get_session("x"))
        seen.append((await a.get_sessions(["x"])).get("x"))

    async with anyio.create_task_group() as tg:
        tg.start_soon(writer)
        tg.start_soon(reader)
    assert seen == [b"committed", b"committed"]


@pytest.mark.parametrize("scope", ["database", "device"])
async def test_concurrent_transactions_do_not_interleave(db: AnyStore, scope: str) -> None:
    a = await db.create_device("a")
    await a.put("counter", "n", b"0")
    holder = db if scope == "database" else a

    async def increment(times: int) -> None:
        for _ in range(times):
            async with holder.transaction():
                value = int(await a.get("counter", "n") or b"0")
                await anyio.sleep(0)
                await a.put("counter", "n", str(value + 1).encode())

    async with anyio.create_task_group() as tg:
        for _ in range(10):
            tg.start_soon(increment, 10)
    assert await a.get("counter", "n") == b"100"


async def test_plain_writes_wait_for_an_open_transaction(db: AnyStore) -> None:
    a = await db.create_device("a")
    started = anyio.Event()

    async def long_transaction() -> None:
        async with db.transaction():
            await a.put_session("tx", b"1")
            started.set()
            for _ in range(20):
                await anyio.sleep(0)

    async def plain_write() -> None:
        await started.wait()
        await a.put_session("plain", b"2")

    async with anyio.create_task_group() as tg:
        tg.start_soon(long_transaction)
        tg.start_soon(plain_write)
    assert await a.get_sessions(["tx", "plain"]) == {"tx": b"1", "plain": b"2"}


async def test_child_tasks_join_the_transaction(db: AnyStore) -> None:
    a = await db.create_device("a")

    async def put(address: str) -> None:
        await a.put_session(address, b"r")

    with pytest.raises(ExceptionGroup):
        async with db.transaction():
            async with anyio.create_task_group() as tg:
                for i in range(5):
                    tg.start_soon(put, f"peer{i}")
            assert len(await a.get_sessions([f"peer{i}" for i in range(5)])) == 5
            async with anyio.create_task_group() as tg:
                tg.start_soon(put, "late")
                raise Boom
    assert await a.get_sessions([f"peer{i}" for i in range(5)] + ["late"]) == {}


async def test_cancellation_rolls_back(db: AnyStore) -> None:
    a = await db.create_device("a")
    reached = anyio.Event()

    async with anyio.create_task_group() as tg:

        async def body() -> None:
            async with db.transaction():
                await a.put_session("x", b"1")
                reached.set()
                tg.cancel_scope.cancel()
                await anyio.sleep(1)

        tg.start_soon(body)
    assert reached.is_set()
    assert await a.get_session("x") is None
    await a.put_session("x", b"2")
    assert await a.get_session("x") == b"2"


async def test_a_failed_write_inside_a_transaction_rolls_it_back(db: AnyStore) -> None:
    a = await db.create_device("a")
    with pytest.raises(StoreError):
        async with db.transaction():
            await a.put_session("x", b"1")
            await db.device("ghost").put_session("x", b"2")
    assert await a.get_session("x") is None


async def test_close_inside_a_transaction_is_refused(db: AnyStore) -> None:
    async with db.transaction():
        with pytest.raises(InvalidState):
            await db.close()


async def test_devices_do_not_wait_for_each_others_transactions(db: AnyStore) -> None:
    if isinstance(db, MemoryStore):
        pytest.skip("the memory store runs one transaction at a time")
    a = await db.create_device("a")
    b = await db.create_device("b")
    b_done = anyio.Event()

    async def long_a() -> None:
        async with a.transaction():
            await a.put_session("x", b"a")
            with anyio.fail_after(10):
                await b_done.wait()

    async with anyio.create_task_group() as tg:
        tg.start_soon(long_a)
        async with b.transaction():
            await b.put_session("x", b"b")
        await b.put("ns", "k", b"plain")
        assert await a.get_session("x") is None  # a's transaction is still open
        b_done.set()
    assert await a.get_session("x") == b"a"
    assert await b.get_session("x") == b"b"


async def test_a_database_transaction_waits_for_device_transactions(db: AnyStore) -> None:
    a = await db.create_device("a")
    inside = anyio.Event()
    order: list[str] = []

    async def device_tx() -> None:
        async with a.transaction():
            inside.set()
            for _ in range(20):
                await anyio.sleep(0)
            await a.put_session("x", b"device")
            order.append("device")

    async with anyio.create_task_group() as tg:
        tg.start_soon(device_tx)
        await inside.wait()
        async with db.transaction():
            assert await a.get_session("x") == b"device"
            order.append("database")
    assert order == ["device", "database"]
