"""Random sequences of writes, some in failing or nested transactions, give the same
state on the memory store, the SQLite store and a plain dict model."""

from __future__ import annotations

import tempfile
from pathlib import Path

import anyio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.store.conftest import AnyStore
from waproto.store import MemoryStore, SQLiteStore

DEVICES = ("a", "b")
ADDRESSES = ("p.0", "p.1", "q.0")

_write = st.tuples(
    st.sampled_from(["put", "delete"]),
    st.sampled_from(DEVICES),
    st.sampled_from(ADDRESSES),
    st.binary(min_size=1, max_size=8),
)
# A block: its writes, whether it fails at the end, and an optional nested block.
_block = st.tuples(
    st.lists(_write, max_size=4),
    st.booleans(),
    st.none() | st.tuples(st.lists(_write, max_size=3), st.booleans()),
)

Model = dict[tuple[str, str], bytes]
Write = tuple[str, str, str, bytes]
Block = tuple[list[Write], bool, tuple[list[Write], bool] | None]


class Fail(Exception):
    pass


def _apply_model(model: Model, writes: list[Write]) -> None:
    for op, device, address, record in writes:
        if op == "put":
            model[(device, address)] = record
        else:
            model.pop((device, address), None)


def _model(blocks: list[Block]) -> Model:
    model: Model = {}
    for writes, fails, nested in blocks:
        draft = dict(model)
        _apply_model(draft, writes)
        if nested is not None and not nested[1]:
            _apply_model(draft, nested[0])
        if not fails:
            model = draft
    return model


async def _write_all(db: AnyStore, writes: list[Write]) -> None:
    for op, device, address, record in writes:
        view = db.device(device)
        if op == "put":
            await view.put_session(address, record)
        else:
            await view.delete_session(address)


async def _run(db: AnyStore, blocks: list[Block]) -> Model:
    for device in DEVICES:
        await db.create_device(device)
    for writes, fails, nested in blocks:
        try:
            async with db.transaction():
                await _write_all(db, writes)
                if nested is not None:
                    try:
                        async with db.transaction():
                            await _write_all(db, nested[0])
                            if nested[1]:
                                raise Fail
                    except Fail:
                        pass
                if fails:
                    raise Fail
        except Fail:
            pass
    state: Model = {}
    for device in DEVICES:
        for address, record in (await db.device(device).get_sessions(ADDRESSES)).items():
            state[(device, address)] = record
    await db.close()
    return state


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_block, max_size=6))
def test_stores_agree_with_the_model(blocks: list[Block]) -> None:
    expected = _model(blocks)
    assert anyio.run(_run, MemoryStore(), blocks) == expected
    with tempfile.TemporaryDirectory() as folder:

        async def on_sqlite() -> Model:
            return await _run(await SQLiteStore.open(Path(folder) / "s.db"), blocks)

        assert anyio.run(on_sqlite) == expected
