"""Does the database level off? Many messages through one device pair with a short retention.

Two companions (A and B, each with its phone on the in-process ``FakeServer``) share one
SQLite file. A sends ``--messages`` texts to B (``--concurrency`` sends in flight); every
send keeps a sent-message row on A (for retry receipts) and every receipt a processed id on
B. Both clients run their own pruning (``RetentionPolicy(prune_interval=...)``) with
``--retention`` seconds for both kinds of rows; ``--retention 0`` keeps everything (the
control). Every ``--sample-every`` messages the file sizes and row counts are recorded.

    python benchmarks/retention.py [--messages 100000] [--retention 20] [--prune-interval 2]

Prints one JSON object: the samples and, for the second half of the run, how much the
database file grew. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import platform
import sqlite3
import tempfile
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import _path  # noqa: F401  (must come before anything importing signal)
import anyio

import waproto
from benchmarks._common import machine
from waproto import Client, ClientConfig, Message
from waproto.retention import RetentionPolicy
from waproto.store import SQLiteStore
from waproto.testing import FakeServer, provision_store_device


def _sizes(path: Path) -> dict[str, int]:
    """File sizes and the rows that retention bounds, read through a second connection."""
    wal = path.with_name(path.name + "-wal")
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        sent = conn.execute("SELECT count(*) FROM sent_messages").fetchone()[0]
        processed = conn.execute("SELECT count(*) FROM processed_messages").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    return {
        "db_bytes": path.stat().st_size,
        "wal_bytes": wal.stat().st_size if wal.exists() else 0,
        "pages": pages,
        "free_pages": free,
        "sent_rows": sent,
        "processed_rows": processed,
    }


async def run(args: argparse.Namespace) -> dict[str, Any]:
    keep = args.retention if args.retention > 0 else None
    retention = RetentionPolicy(sent_messages=keep, processed_ids=keep, prune_interval=args.prune_interval)
    samples: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="waproto-retention-") as tmp:
        path = Path(tmp) / "retention.db"
        async with FakeServer() as server, SQLiteStore.open(path, synchronous=args.synchronous) as store:
            await provision_store_device(server, store, "a", "15550001")
            await provision_store_device(server, store, "b", "15550002")
            config = ClientConfig(
                url=server.ws_url, trust_root=server.root_public_key, retention=retention, query_timeout=60.0
            )
            received = 0
            async with (
                Client(store, device="a", config=config) as alice,
                Client(store, device="b", config=config) as bob,
            ):

                def on_message(_: Message) -> None:
                    nonlocal received
                    received += 1

                bob.add_handler(Message, on_message)
                to = bob.own_jid.to_non_ad()
                started = time.perf_counter()
                sent = 0

                async def sender(count: int) -> None:
                    nonlocal sent
                    for _ in range(count):
                        await alice.send_text(to, f"message {sent}")
                        sent += 1

                async def sampler() -> None:
                    mark = 0
                    while mark < args.messages:
                        mark = min(mark + args.sample_every, args.messages)
                        while received < mark:
                            await anyio.sleep(0.05)
                        sample = await anyio.to_thread.run_sync(_sizes, path)
                        sample.update(messages=mark, seconds=round(time.perf_counter() - started, 2))
                        samples.append(sample)

                share, extra = divmod(args.messages, args.concurrency)
                async with anyio.create_task_group() as group:
                    group.start_soon(sampler)
                    for k in range(args.concurrency):
                        group.start_soon(sender, share + (1 if k < extra else 0))
                seconds = time.perf_counter() - started
    half = samples[len(samples) // 2]
    last = samples[-1]
    return {
        "benchmark": "retention",
        "runtime": f"CPython {platform.python_version()}, waproto {waproto.__version__}",
        "machine": machine(),
        "messages": args.messages,
        "retention_s": keep,
        "prune_interval_s": args.prune_interval,
        "synchronous": args.synchronous,
        "seconds": round(seconds, 1),
        "msgs_per_s": round(args.messages / seconds, 1),
        "db_bytes_at_half": half["db_bytes"],
        "db_bytes_at_end": last["db_bytes"],
        "growth_second_half": round(last["db_bytes"] / half["db_bytes"], 3),
        "samples": samples,
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--retention", type=float, default=20.0, help="seconds kept; 0 keeps everything")
    parser.add_argument("--prune-interval", type=float, default=2.0, help="seconds between prunes")
    parser.add_argument("--sample-every", type=int, default=5_000)
    parser.add_argument("--concurrency", type=int, default=16, help="sends in flight")
    parser.add_argument("--synchronous", choices=("FULL", "NORMAL"), default="FULL")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    print(json.dumps(anyio.run(run, parse_args(argv)), indent=2))


if __name__ == "__main__":
    main()
