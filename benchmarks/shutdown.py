"""How long a SessionManager process takes to exit after SIGINT or SIGTERM.

The child is the one ``tests/integration/manager/test_signals.py`` runs: a manager with
``--sessions`` sessions on one SQLite file, each with ``--queued`` messages just queued, in
the in-process ``FakeServer``. Once it prints "ready" the signal is sent; the figures are the
seconds from the signal to the child's "closed" line (sessions closed, store closed) and to
the process's exit (interpreter teardown included), ``--rounds`` times per signal.

    python benchmarks/shutdown.py [--sessions 3] [--queued 20] [--rounds 5]

Prints one JSON object. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _path  # noqa: F401  (must come before anything importing signal)
import anyio

from benchmarks._common import machine
from tests.integration.manager.test_signals import CHILD
from tests.integration.processes import ENV, Lines
from waproto.store import SQLiteStore
from waproto.testing import FakeServer, provision_store_device


async def one_round(argv: list[str], signum: int) -> dict[str, float]:
    async with await anyio.open_process(argv, env=ENV) as child:
        lines = Lines(child)
        await lines.until("ready")
        start = time.monotonic()
        child.send_signal(signum)
        closed = await lines.until("closed")
        closed_s = time.monotonic() - start
        status = await child.wait()
        exited_s = time.monotonic() - start
    if status != 0 or not closed["store_closed"]:
        raise SystemExit(f"child ended with status {status}: {closed}")
    return {"closed_s": round(closed_s, 3), "exited_s": round(exited_s, 3)}


async def run(args: argparse.Namespace) -> dict[str, Any]:
    import signal  # here, after _path: benchmarks/signal.py would shadow it at the top

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "manager.db"
        async with FakeServer() as server:
            server.create_account("15559500000")
            sessions = [f"bot{i}" for i in range(args.sessions)]
            async with SQLiteStore.open(db) as store:
                for i, name in enumerate(sessions):
                    server.create_account(f"1555950{i + 1:04d}")
                    await provision_store_device(server, store, name, f"1555950{i + 1:04d}")
            argv = [sys.executable, "-c", CHILD, server.ws_url, server.root_public_key.hex(), str(db)]
            argv += ["15559500000@s.whatsapp.net", str(args.queued), *sessions]
            for signum in (signal.SIGINT, signal.SIGTERM):
                rounds = [await one_round(argv, signum) for _ in range(args.rounds)]
                results[signum.name] = {
                    "rounds": rounds,
                    "max_exited_s": max(r["exited_s"] for r in rounds),
                    "median_exited_s": statistics.median(r["exited_s"] for r in rounds),
                }
    return {"sessions": args.sessions, "queued_per_session": args.queued, **results, "machine": machine()}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--queued", type=int, default=20, help="messages queued per session first")
    parser.add_argument("--rounds", type=int, default=5, help="runs per signal")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    print(json.dumps(anyio.run(run, parse_args(argv)), indent=2))


if __name__ == "__main__":
    main()
