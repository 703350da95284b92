"""SIGKILL in the middle of a burst of ratchet-advancing transactions.

A child process (``ratchet_burst``) commits Signal round trips between two devices
of one database, one transaction per step, until it is killed. After each kill
the database must open cleanly, hold exactly the records of some committed step
no older than the last step the child reported, and decrypt onwards.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import anyio
import pytest

from tests.unit.store import ratchet_burst as rb
from waproto.store import SQLiteStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ROOT = Path(__file__).resolve().parents[3]
ROUNDS = 3
STEPS_PER_ROUND = 15


async def _setup(path: Path) -> tuple[bytes, bytes]:
    alice, bob = rb.initial_records()
    async with SQLiteStore.open(path) as store, store.transaction():
        await (await store.create_device("alice")).put_session(rb.BOB_ADDRESS, alice)
        await (await store.create_device("bob")).put_session(rb.ALICE_ADDRESS, bob)
        await store.device("alice").put("burst", "step", b"0")
    return alice, bob


def _run_until_killed(path: Path, at_least: int) -> int:
    """Start the child, kill it with SIGKILL once it reported ``at_least`` commits; return the last one."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.unit.store.ratchet_burst", str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    reported = 0
    try:
        while reported < at_least:
            line = child.stdout.readline()
            if not line:
                assert child.stderr is not None
                pytest.fail(f"child ended early: {child.stderr.read()[-2000:]}")
            reported = int(line)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        if child.stderr is not None:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    return reported


async def _check(path: Path, reported: int, replay: dict[int, tuple[bytes, bytes]]) -> int:
    async with SQLiteStore.open(path) as store:
        alice, bob = store.device("alice"), store.device("bob")
        step = int(await alice.get("burst", "step") or b"-1")
        assert step >= reported, "a commit the child saw succeed was lost"
        last = max(replay)
        a, b = replay[last]
        for i in range(last + 1, step + 1):
            a, b = rb.advance(a, b, i)
        replay[step] = (a, b)
        # Exactly the committed records of one step, both devices at the same step.
        assert await alice.get_session(rb.BOB_ADDRESS) == a
        assert await bob.get_session(rb.ALICE_ADDRESS) == b
        assert await bob.is_processed(rb.CHAT, rb.ALICE_ADDRESS, f"m{step}")
        assert not await bob.is_processed(rb.CHAT, rb.ALICE_ADDRESS, f"m{step + 1}")
        # Decrypting continues from the recovered state.
        await rb.commit_step(store, step + 1)
        replay[step + 1] = rb.advance(a, b, step + 1)
        return step + 1


def test_sigkill_mid_burst_leaves_a_consistent_database(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    replay = {0: anyio.run(_setup, path)}
    step = 0
    for _ in range(ROUNDS):
        reported = _run_until_killed(path, step + STEPS_PER_ROUND)
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        step = anyio.run(_check, path, reported, replay)
        assert step > reported
