"""Delivery under SIGKILL of a real receiving process: nothing lost, every duplicate flagged.

A child process runs a bot (``receiving_child``) on a SQLite store; the test sends it
bursts of messages and kills it with SIGKILL at random moments, ``ROUNDS`` times, then lets
a last child receive the rest. Every message sent must appear in the handlers' log, and
every time a handler saw a message again it must have said ``redelivered=True``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
from collections import Counter
from pathlib import Path

import anyio
import pytest
from anyio.abc import Process

from tests.integration.client.conftest import client_config, pair_by_qr
from waproto import Client
from waproto.store import MemoryStore, SQLiteStore
from waproto.testing import FakeServer, provision_store_device

pytestmark = [
    pytest.mark.anyio,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

ROOT = Path(__file__).resolve().parents[3]
ROUNDS = 8
PER_ROUND = 15
BOB = "15550802"


async def _start_child(db: Path, server: FakeServer, log: Path) -> Process:
    command = [
        sys.executable, "-m", "tests.integration.client.receiving_child",
        str(db), "bob", server.ws_url, server.root_public_key.hex(), str(log),
    ]
    child = await anyio.open_process(command, cwd=ROOT, stderr=None)
    assert child.stdout is not None
    with anyio.fail_after(30):
        line = await child.stdout.receive()
    assert b"ready" in line, line
    return child


async def _kill(child: Process) -> None:
    os.kill(child.pid, signal.SIGKILL)
    with anyio.fail_after(10):
        await child.wait()
    await child.aclose()


def _read(log: Path) -> list[dict[str, object]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]


async def test_sigkill_rounds_lose_nothing_and_flag_every_duplicate(
    server: FakeServer, tmp_path: Path
) -> None:
    rng = random.Random(1234)
    db, log = tmp_path / "bob.db", tmp_path / "handled.jsonl"
    async with SQLiteStore.open(db) as store:
        await provision_store_device(server, store, "bob", BOB)
    server.create_account("15550801")
    alice = Client(MemoryStore(), config=client_config(server))
    await pair_by_qr(server, alice, "15550801")
    to = f"{BOB}@s.whatsapp.net"
    sent: list[str] = []
    try:
        for round_ in range(ROUNDS):
            child = await _start_child(db, server, log)

            async def burst(round_: int = round_) -> None:
                for n in range(PER_ROUND):
                    sent.append((await alice.send_text(to, f"r{round_} m{n}")).id)

            async with anyio.create_task_group() as group:
                group.start_soon(burst)
                await anyio.sleep(rng.uniform(0.05, 0.6))
                await _kill(child)
        child = await _start_child(db, server, log)
        try:
            with anyio.fail_after(60):
                while not set(sent) <= {str(e["id"]) for e in _read(log)}:
                    await anyio.sleep(0.05)
        finally:
            await _kill(child)
    finally:
        await alice.aclose()

    entries = _read(log)
    seen: Counter[str] = Counter()
    unflagged_duplicates = 0
    for entry in entries:
        seen[str(entry["id"])] += 1
        if seen[str(entry["id"])] > 1 and entry["redelivered"] is not True:
            unflagged_duplicates += 1
    lost = set(sent) - set(seen)
    duplicates = sum(count - 1 for count in seen.values())
    print(f"sent={len(sent)} lost={len(lost)} duplicates={duplicates} unflagged={unflagged_duplicates}")
    assert len(sent) == ROUNDS * PER_ROUND
    assert lost == set()
    assert unflagged_duplicates == 0
    assert set(seen) <= set(sent)
