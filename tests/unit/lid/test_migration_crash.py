"""SIGKILL while PN sessions move to the LID: the database holds the old or the new state.

A child process (``migration_burst``) keeps learning mappings, each moving hundreds of
sessions and identities in one transaction, and is killed at arbitrary points. After
each kill every user is either wholly on its PN (no mapping) or wholly on its LID
(mapping stored), with every record intact; and the next run continues from there.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.unit.lid import migration_burst as mb

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ROOT = Path(__file__).resolve().parents[3]
ROUNDS = 4


def _run_until_killed(path: Path, at_least: int) -> int:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.unit.lid.migration_burst", str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    reported = 0
    try:
        while reported < at_least:
            line = child.stdout.readline()
            if not line:
                pytest.fail(f"child ended early: {child.stderr.read()[-2000:]}")
            reported = int(line)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stderr.close()
    return reported


def _check(path: Path, reported: int) -> int:
    """Every user is wholly PN-keyed or wholly LID-keyed; return how many were migrated."""
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        mapped = dict(conn.execute("SELECT pn, lid FROM lid_mappings"))
        sessions = dict(conn.execute("SELECT address, record FROM sessions"))
        identities = {row[0] for row in conn.execute("SELECT address FROM identities")}
    migrated = 0
    k = 1
    while True:
        pn_names = [f"{mb.pn(k)}.{d}" for d in range(mb.DEVICES)]
        lid_names = [f"{mb.lid(k)}_1.{d}" for d in range(mb.DEVICES)]
        on_pn = sum(name in sessions for name in pn_names)
        on_lid = sum(name in sessions for name in lid_names)
        if not on_pn and not on_lid:
            assert mb.pn(k) not in mapped
            break
        if mb.pn(k) in mapped:
            assert mapped[mb.pn(k)] == mb.lid(k)
            assert (on_pn, on_lid) == (0, mb.DEVICES), f"user {k} half-migrated"
            assert all(sessions[lid_names[d]] == mb.record(k, d) for d in range(mb.DEVICES))
            assert identities.issuperset(lid_names) and identities.isdisjoint(pn_names)
            migrated = k
        else:
            assert (on_pn, on_lid) == (mb.DEVICES, 0), f"user {k} half-migrated"
            assert identities.issuperset(pn_names)
        k += 1
    assert migrated >= reported, "a migration the child saw commit was lost"
    return migrated


def test_sigkill_mid_migration_leaves_old_or_new_state(tmp_path: Path) -> None:
    path = tmp_path / "lid.db"
    migrated = 0
    for _ in range(ROUNDS):
        reported = _run_until_killed(path, migrated + 2)
        migrated = _check(path, reported)
