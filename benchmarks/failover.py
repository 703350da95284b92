"""Failover across hosts: leases, takeover, fencing and the shared queue, with PostgreSQL.

Host processes (``SessionManager(PostgresStore, host_id=...)``) share one PostgreSQL
schema and one FakeServer with ``--sessions`` sessions; both keep queueing texts
between random sessions throughout. The run:

1. host A starts every session; host B starts them too and stands by;
2. host A is SIGKILLed: seconds until every session is OPEN on host B;
3. host C starts and stands by; host B is SIGSTOPped for ``--ttl`` + ``--pause-extra``
   seconds (C takes over), then resumed: it must reconnect nothing;
4. traffic stops, the queues drain, the hosts shut down.

Reported: takeover seconds (both), logins that overlapped another connection of the
same device on the server (a paused host's sockets stay open until the server
replaces them, so the pause accounts for one per session; ``overlaps_outside_pause``
must be 0), connections host B opened after its pause, messages queued but never
received, messages received twice (all, and those without ``Message.redelivered``),
and writes the paused host's store refused by fencing.

    python benchmarks/failover.py --postgres-dsn postgresql://... [--sessions 200] [--ttl 10]

Prints one JSON object. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sys
import threading
import time
from collections import Counter
from types import SimpleNamespace
from typing import IO, Any

import _path  # noqa: F401  (must come before anything importing signal)
import anyio

from benchmarks._common import (
    BENCH_DIR,
    ServerProcess,
    child_env,
    fake_server,
    phone_number,
    provision_accounts,
    raise_fd_limit,
)
from benchmarks.sessions import config_for
from benchmarks.throughput import drop_postgres_schema
from waproto import ConnectionClosed, Message, SessionStateChanged
from waproto.errors import LeaseLost, WAError
from waproto.manager import ManagerConfig, SessionManager
from waproto.store import PostgresStore
from waproto.store._transactions import Check, Write

#: The run's PostgreSQL schema (the orchestrator's pid; passed on to the hosts).
SCHEMA = f"waproto_failover_{os.getpid()}"


# ------------------------------------------------------------------ host process


class CountingStore(PostgresStore):
    """Counts the commits fencing refused (the paused host's stale writes)."""

    refused = 0

    async def _commit_writes(self, writes: list[Write], checks: list[Check]) -> None:
        try:
            await super()._commit_writes(writes, checks)
        except LeaseLost:
            CountingStore.refused += 1
            raise


def emit(**fields: Any) -> None:
    print(json.dumps({"t": time.time(), **fields}), flush=True)


async def host(args: argparse.Namespace) -> None:
    """One host: start every session, queue texts until told to stop, report on quit."""
    raise_fd_limit(4 * args.sessions + 256)
    info = json.loads(args.server)
    server = SimpleNamespace(
        ws_url=info["ws_url"], ca_file=info["ca_file"], root_public_key=bytes.fromhex(info["root_public_key"])
    )
    config = ManagerConfig(
        client=config_for(server, 30.0),  # type: ignore[arg-type]
        lease_ttl=args.ttl,
        min_restart_interval=0.0,
        watchdog_interval=5.0,
    )
    sessions = [f"s{i}" for i in range(args.sessions)]
    sending, stop_sending, quit_ = anyio.Event(), anyio.Event(), anyio.Event()
    store = await CountingStore.open(args.postgres_dsn, schema=args.schema, max_connections=10)
    async with store, SessionManager(store, config, host_id=args.host) as manager:

        @manager.on(SessionStateChanged)
        async def changed(event: SessionStateChanged) -> None:
            emit(ev="state", sid=event.session_id, new=event.new)

        @manager.on(Message)
        async def received(event: Message) -> None:
            emit(ev="recv", sid=event.session_id, text=event.message.conversation, again=event.redelivered)

        async def start(session_id: str) -> None:
            with contextlib.suppress(ConnectionClosed, TimeoutError):  # leased elsewhere: standing by
                await manager.start(session_id, timeout=600)

        async def traffic() -> None:
            rng = random.Random(f"{args.host}")
            await sending.wait()
            n = 0
            while not stop_sending.is_set():
                sender, target = rng.sample(range(args.sessions), 2)
                text = f"{args.host}-{n}"
                try:
                    queued = await manager.send_text(
                        f"s{sender}", f"{phone_number(target)}@s.whatsapp.net", text
                    )
                except WAError as exc:
                    emit(ev="queue_failed", text=text, error=str(exc))
                else:
                    emit(ev="queued", text=text, sid=f"s{sender}", to=f"s{target}", id=queued.message_id)
                n += 1
                await anyio.sleep(args.interval)

        async def commands() -> None:
            while line := await anyio.to_thread.run_sync(sys.stdin.readline, abandon_on_cancel=True):
                if line.strip() == "send":
                    sending.set()
                elif line.strip() == "stop-sending":
                    stop_sending.set()
                elif line.strip() == "quit":
                    break
            quit_.set()

        async with anyio.create_task_group() as group:
            for session_id in sessions:
                group.start_soon(start, session_id)
            group.start_soon(commands)
            group.start_soon(traffic)
            await quit_.wait()
            group.cancel_scope.cancel()
    emit(ev="quit", refused=CountingStore.refused)


# ------------------------------------------------------------------ orchestration


class Host:
    """A host child process and the events it printed (read by a thread)."""

    def __init__(self, name: str, args: argparse.Namespace, server_info: str) -> None:
        self.name = name
        command = [sys.executable, str(BENCH_DIR / "failover.py"), "--host", name, "--server", server_info]
        command += ["--postgres-dsn", args.postgres_dsn, "--sessions", str(args.sessions)]
        command += ["--ttl", str(args.ttl), "--interval", str(args.interval), "--schema", SCHEMA]
        import subprocess  # after _path, like _signals

        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=child_env()
        )
        self.events: list[dict[str, Any]] = []
        self.open: set[str] = set()
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            event = json.loads(line)
            with self._lock:
                self.events.append(event)
                if event["ev"] == "state":
                    (self.open.add if event["new"] == "open" else self.open.discard)(event["sid"])

    def say(self, command: str) -> None:
        stdin: IO[str] | None = self.process.stdin
        assert stdin is not None
        stdin.write(command + "\n")
        stdin.flush()

    def opened_after(self, t: float) -> int:
        with self._lock:
            return sum(1 for e in self.events if e["ev"] == "state" and e["new"] == "open" and e["t"] > t)

    def of(self, kind: str) -> list[dict[str, Any]]:
        with self._lock:
            return [e for e in self.events if e["ev"] == kind]


def _signals() -> Any:
    """The stdlib ``signal`` module (imported late: ``benchmarks/signal.py`` shadows it on the path)."""
    import signal

    return signal


def phase(text: str) -> None:
    print(f"failover: {text}", file=sys.stderr, flush=True)


def wait_until(predicate: Any, timeout: float) -> float | None:
    """Seconds until ``predicate()`` held, or None when it did not within ``timeout``."""
    started = time.time()
    while not predicate():
        if time.time() - started > timeout:
            return None
        time.sleep(0.05)
    return time.time() - started


async def provision(args: argparse.Namespace, server: ServerProcess) -> None:
    credentials = provision_accounts(server, args.sessions)
    async with PostgresStore.open(args.postgres_dsn, schema=SCHEMA) as store, store.transaction():
        for index, creds in enumerate(credentials):
            await (await store.create_device(f"s{index}")).put_credentials(creds)


def orchestrate(args: argparse.Namespace) -> dict[str, Any]:
    raise_fd_limit(8 * args.sessions + 512)
    with fake_server(extra_fds=6 * args.sessions) as server:
        phase(f"provisioning {args.sessions} accounts")
        anyio.run(provision, args, server)
        info = json.dumps(
            {
                "ws_url": server.ws_url,
                "ca_file": server.ca_file,
                "root_public_key": server.root_public_key.hex(),
            }
        )
        hosts = {"a": Host("host-a", args, info)}
        try:
            return run_scenario(args, server, info, hosts)
        finally:
            for h in hosts.values():
                if h.process.poll() is None:
                    h.process.send_signal(_signals().SIGCONT)
                    h.process.kill()
            anyio.run(drop_postgres_schema, args.postgres_dsn, SCHEMA)


def run_scenario(
    args: argparse.Namespace, server: ServerProcess, info: str, hosts: dict[str, Host]
) -> dict[str, Any]:
    n = args.sessions
    a = hosts["a"]
    phase("host A starts every session")
    startup = wait_until(lambda: len(a.open) == n, 900)
    phase(f"all open on host A after {startup} s; host B stands by, both queue texts")
    b = hosts["b"] = Host("host-b", args, info)
    time.sleep(args.ttl)  # B's starts met A's leases: B stands by
    for h in (a, b):
        h.say("send")
    time.sleep(args.ttl)
    phase("SIGKILL host A")
    killed_at = time.time()
    a.process.send_signal(_signals().SIGKILL)
    a.process.wait()
    takeover_kill = wait_until(lambda: len(b.open) == n, 3 * args.ttl + 120)
    c = hosts["c"] = Host("host-c", args, info)
    time.sleep(args.ttl)
    c.say("send")
    time.sleep(args.ttl)
    phase(f"host B took over in {takeover_kill} s ({len(b.open)} open); host C stands by; SIGSTOP host B")
    paused_at = time.time()
    b.process.send_signal(_signals().SIGSTOP)
    takeover_pause = wait_until(lambda: len(c.open) == n, 3 * args.ttl + 120)
    time.sleep(max(0.0, args.ttl + args.pause_extra - (time.time() - paused_at)))
    phase(f"host C took over in {takeover_pause} s ({len(c.open)} open); SIGCONT host B")
    resumed_at = time.time()
    b.process.send_signal(_signals().SIGCONT)
    time.sleep(3 * args.ttl)
    b_reconnects = b.opened_after(resumed_at)
    for h in (b, c):
        h.say("stop-sending")
    time.sleep(args.drain)
    for h in (b, c):
        h.say("quit")
    for h in (b, c):
        h.process.wait(timeout=120)
    connections = server.call("connections")
    return report(
        args,
        hosts,
        connections,
        startup,
        takeover_kill,
        takeover_pause,
        b_reconnects,
        {"killed_at": killed_at, "paused_at": paused_at, "resumed_at": resumed_at},
    )


def report(
    args: argparse.Namespace,
    hosts: dict[str, Host],
    connections: dict[str, Any],
    startup: float | None,
    takeover_kill: float | None,
    takeover_pause: float | None,
    b_reconnects: int,
    times: dict[str, float],
) -> dict[str, Any]:
    queued = {e["text"] for h in hosts.values() for e in h.of("queued")}
    receipts = [e for h in hosts.values() for e in h.of("recv") if e["text"] in queued]
    received = Counter(e["text"] for e in receipts)
    unflagged = Counter(e["text"] for e in receipts if not e.get("again"))
    pause = (times["paused_at"], times["resumed_at"] + 3 * args.ttl)
    outside = 0
    for history in connections["logins"].values():
        for i, (opened, _) in enumerate(history):
            overlapping = any(c is None or c > opened for o, c in history[:i])
            if overlapping and not pause[0] <= opened <= pause[1]:
                outside += 1
    refused = [e["refused"] for e in hosts["b"].of("quit")]
    return {
        "sessions": args.sessions,
        "lease_ttl_s": args.ttl,
        "seconds_to_all_open_on_host_a": startup,
        "takeover_after_sigkill_s": takeover_kill,
        "takeover_after_sigstop_s": takeover_pause,
        "open_on_host_c_at_end": len(hosts["c"].open),
        "goal_takeover_s": args.ttl + 10,
        "overlapping_logins": connections["overlaps"],
        "overlaps_outside_pause": outside,
        "host_b_connections_after_resume": b_reconnects,
        "messages_queued": len(queued),
        "messages_lost": sum(1 for text in queued if received[text] == 0),
        "messages_received_twice": sum(1 for count in received.values() if count > 1),
        "messages_received_twice_unflagged": sum(1 for count in unflagged.values() if count > 1),
        "stale_writes_refused_on_paused_host": refused[0] if refused else None,
        "queue_failures": sum(len(h.of("queue_failed")) for h in hosts.values()),
        "queue_failure_examples": [e["error"] for h in hosts.values() for e in h.of("queue_failed")][:3],
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres-dsn",
        default=os.environ.get("WAPROTO_BENCH_POSTGRES_DSN"),
        help="PostgreSQL URL (default: $WAPROTO_BENCH_POSTGRES_DSN); a schema is created and dropped",
    )
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--ttl", type=float, default=10.0, help="lease TTL (s)")
    parser.add_argument("--pause-extra", type=float, default=5.0, help="SIGSTOP lasts ttl + this (s)")
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between a host's queued texts")
    parser.add_argument(
        "--drain", type=float, default=30.0, help="seconds for the queues to drain at the end"
    )
    parser.add_argument("--host", help=argparse.SUPPRESS)
    parser.add_argument("--server", help=argparse.SUPPRESS)
    parser.add_argument("--schema", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.postgres_dsn:
        parser.error("--postgres-dsn (or WAPROTO_BENCH_POSTGRES_DSN) is required")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.host:
        anyio.run(host, args)
        return
    print(json.dumps(orchestrate(args), indent=2))


if __name__ == "__main__":
    main()
