"""End-to-end encrypted messages per second between waproto sessions through FakeServer (``wss://``).

Two scenarios, the same as ``peers/baileys/sessions.mjs --throughput`` runs for Baileys:

- 1:1 ping-pong: ``--pairs`` pairs of sessions; in each, A sends a text, B answers on
  receipt, A sends the next on the answer, ``--rounds`` times. Every message is encrypted,
  routed to the peer's two devices (its phone and the companion) and the sender's phone,
  decrypted by the companion and acked. Reported as messages per second over all pairs.
- group fan-out: one sender and ``--group-size`` members (each member account has a phone
  and a companion, so 50 members are 100 devices); the sender sends ``--group-messages``
  texts one after another; the clock stops when every companion has decrypted every one.
  Reported as group messages per second and as deliveries per second.

    python benchmarks/throughput.py [--pairs 10] [--rounds 50] [--group-size 50] [--group-messages 20]
        [--store sqlite|memory|postgres] [--postgres-dsn postgresql://...]

Prints one JSON object. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

import _path  # noqa: F401  (must come before anything importing signal)
import anyio

import waproto
from benchmarks._common import ServerProcess, fake_server, provision_accounts, raise_fd_limit
from benchmarks.sessions import Fleet, config_for
from waproto.store import Database, MemoryStore, PostgresStore, SQLiteStore


async def ping_pong(fleet: Fleet, pairs: int, rounds: int) -> dict[str, Any]:
    """``pairs`` pairs, ``rounds`` round trips each, all pairs at once."""
    clients = fleet.clients

    async def pair(a: int, b: int) -> None:
        a_inbox, b_inbox = fleet.inbox(a), fleet.inbox(b)
        a_jid, b_jid = str(clients[a].own_jid.to_non_ad()), str(clients[b].own_jid.to_non_ad())

        async def answer() -> None:
            for _ in range(rounds):
                await b_inbox.receive()
                await clients[b].send_text(a_jid, "pong")

        async with anyio.create_task_group() as group:
            group.start_soon(answer)
            for _ in range(rounds):
                await clients[a].send_text(b_jid, "ping")
                await a_inbox.receive()

    started = time.perf_counter()
    with anyio.fail_after(600):
        async with anyio.create_task_group() as group:
            for k in range(pairs):
                group.start_soon(pair, 2 * k, 2 * k + 1)
    seconds = time.perf_counter() - started
    messages = 2 * rounds * pairs
    return {
        "pairs": pairs,
        "rounds": rounds,
        "messages": messages,
        "seconds": seconds,
        "msgs_per_s": messages / seconds,
    }


async def fan_out(fleet: Fleet, sender: int, members: list[int], count: int) -> dict[str, Any]:
    """``count`` texts from ``sender`` to a group of ``members``, one after another."""
    clients = fleet.clients
    info = await clients[sender].create_group("fan-out", [clients[m].own_jid.to_non_ad() for m in members])
    before = sum(fleet.received[m] for m in members)
    expected = count * len(members)
    started = time.perf_counter()
    for k in range(count):
        await clients[sender].send_text(info.jid, f"fan {k}")
    complete = True
    with anyio.move_on_after(300) as scope:
        while sum(fleet.received[m] for m in members) - before < expected:
            await anyio.sleep(0.01)
    complete = not scope.cancelled_caught
    seconds = time.perf_counter() - started
    got = sum(fleet.received[m] for m in members) - before
    return {
        "members": len(members),
        "messages": count,
        "deliveries_to_companions": got,
        "complete": complete,
        "seconds": seconds,
        "msgs_per_s": count / seconds,
        "deliveries_per_s": got / seconds,
    }


#: The PostgreSQL schema a run creates and drops (the database may hold other data).
POSTGRES_SCHEMA = f"waproto_bench_{os.getpid()}"


async def open_store(args: argparse.Namespace, tmp: Path) -> Database:
    """The store ``--store`` names: SQLite in ``tmp``, memory, or a fresh PostgreSQL schema."""
    if args.store == "memory":
        return MemoryStore()
    if args.store == "postgres":
        if not args.postgres_dsn:
            raise SystemExit("--store postgres needs --postgres-dsn (or WAPROTO_BENCH_POSTGRES_DSN)")
        return await PostgresStore.open(args.postgres_dsn, schema=POSTGRES_SCHEMA, max_connections=20)
    return await SQLiteStore.open(str(tmp / "throughput.db"), synchronous=args.synchronous)


async def drop_postgres_schema(dsn: str, schema: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        await conn.close()


async def run(args: argparse.Namespace, server: ServerProcess) -> dict[str, Any]:
    total = 2 * args.pairs + 1 + args.group_size
    credentials = provision_accounts(server, total)
    with tempfile.TemporaryDirectory(prefix="waproto-bench-") as tmp:
        store = await open_store(args, Path(tmp))
        try:
            async with store, Fleet(store, config_for(server, 30.0)) as fleet:
                devices = await fleet.store_credentials(credentials, 0)
                await fleet.open_all(devices)
                pairs = await ping_pong(fleet, args.pairs, args.rounds)
                first = 2 * args.pairs
                group = await fan_out(fleet, first, list(range(first + 1, total)), args.group_messages)
                failed = list(fleet.failed)
        finally:
            if args.store == "postgres":
                await drop_postgres_schema(args.postgres_dsn, POSTGRES_SCHEMA)
    described = {"memory": "memory", "postgres": "postgresql"}
    return {
        "client": "waproto",
        "store": described.get(args.store, f"sqlite (synchronous={args.synchronous})"),
        "group_addressing": args.group_addressing,
        "runtime": f"CPython {platform.python_version()}, waproto {waproto.__version__}",
        "failed_sessions": failed,
        "pairs": pairs,
        "group": group,
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument(
        "--store",
        choices=("sqlite", "memory", "postgres"),
        default="sqlite",
        help="sqlite: durable, commits per message (default); memory: as the Baileys peer keeps keys;"
        " postgres: durable, in a PostgreSQL schema created and dropped by the run",
    )
    parser.add_argument(
        "--postgres-dsn",
        default=os.environ.get("WAPROTO_BENCH_POSTGRES_DSN"),
        help="PostgreSQL URL for --store postgres (default: $WAPROTO_BENCH_POSTGRES_DSN)",
    )
    parser.add_argument(
        "--synchronous", choices=("FULL", "NORMAL"), default="FULL", help="SQLite synchronous (default FULL)"
    )
    parser.add_argument("--rounds", type=int, default=50, help="round trips per pair")
    parser.add_argument("--group-size", type=int, default=50, help="members besides the sender")
    parser.add_argument("--group-messages", type=int, default=20)
    parser.add_argument(
        "--group-addressing",
        choices=("pn", "lid"),
        default="pn",
        help="how the server addresses group members (default pn: what the Baileys 6 peer needs,"
        " so both clients run the same scenario; lid is WhatsApp's default)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    total = 2 * args.pairs + 1 + args.group_size
    raise_fd_limit(2 * total + 512)
    with fake_server(extra_fds=2 * total, group_addressing=args.group_addressing) as server:
        print(json.dumps(anyio.run(run, args, server), indent=2))


if __name__ == "__main__":
    main()
