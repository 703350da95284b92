"""Memory per session: N logged-in waproto clients over TLS in one process.

Starts ``FakeServer`` (``wss://``) in a child process, links N companions there
and stores their credentials in one SQLite file, then in this process:

1. logs in one warm-up session (so lazily built state lands in the baseline), measures the baseline;
2. logs in N sessions (``--login-concurrency`` at a time) and times how long until all
   are open; measures;
3. idles with keepalive pings for ``--idle`` seconds; measures;
4. has every session send ``--messages`` texts to the next one in a ring, at most
   ``--send-concurrency`` sessions sending at once, and waits until every text sent has
   arrived; measures. Failed sends and closes are counted in the report, not raised.

Memory is RSS and PSS from ``/proc/self/smaps_rollup`` and the Python heap from
``tracemalloc``; the RSS and PSS figures are net of tracemalloc's own bookkeeping
(reported as ``tracemalloc_kib``). ``allocator_kib`` splits the heap at each phase into
pymalloc's live and free blocks and glibc's heap (``_common.allocator_kib``). Prints one
JSON object (the schema of ``_common.session_report``, shared with ``peers/baileys``).

    python benchmarks/sessions.py -n 1000 [--idle 25] [--keepalive 10] [--profile]

``--profile`` adds where the per-session memory goes, after idle (``profile``, since the
baseline) and what the traffic phase added (``profile_after_traffic``, since after idle):
the top tracemalloc sites and the gc object counts by type, both divided by N. Not part
of the test suite.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _path  # noqa: F401  (must come before anything importing signal)
import anyio
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

import waproto
from benchmarks._common import (
    Progress,
    ServerProcess,
    allocator_kib,
    fake_server,
    machine,
    memory_kib,
    provision_accounts,
    raise_fd_limit,
    session_report,
    traffic_timeout,
)
from waproto import Client, ClientConfig
from waproto.errors import WAError
from waproto.events import Disconnected, Message
from waproto.store import Credentials, SQLiteStore
from waproto.transport import ssl_context_from_ca_file

WARMUP = 1


def measure() -> dict[str, float]:
    """RSS, PSS (both net of tracemalloc's own tables) and the traced Python heap, KiB."""
    gc.collect()
    overhead = tracemalloc.get_tracemalloc_memory() / 1024 if tracemalloc.is_tracing() else 0.0
    heap = tracemalloc.get_traced_memory()[0] / 1024 if tracemalloc.is_tracing() else 0.0
    proc = memory_kib()
    return {
        "rss_kib": round(proc["rss"] - overhead),
        "pss_kib": round(proc["pss"] - overhead),
        "heap_kib": round(heap),
        "tracemalloc_kib": round(overhead),
    }


def config_for(server: ServerProcess, keepalive: float) -> ClientConfig:
    """One config (and so one shared TLS context) for every session."""
    return ClientConfig(
        url=server.ws_url,
        trust_root=server.root_public_key,
        ssl_context=ssl_context_from_ca_file(server.ca_file),
        keepalive_interval=keepalive,
        connect_timeout=300.0,
        query_timeout=120.0,
    )


class Fleet:
    """N clients sharing one task group (``Client.serve``), all closed on exit."""

    def __init__(self, store: SQLiteStore, config: ClientConfig, *, login_concurrency: int = 0) -> None:
        self.store = store
        self.config = config
        self._logins = anyio.CapacityLimiter(login_concurrency) if login_concurrency > 0 else None
        self.clients: list[Client] = []
        self.failed: list[str] = []
        self.received: Counter[int] = Counter()
        self.disconnects: Counter[str] = Counter()
        self.inboxes: dict[int, MemoryObjectSendStream[Message]] = {}

    async def store_credentials(self, credentials: list[Credentials], first: int) -> list[str]:
        """Write each device's credentials under ``s<index>``; returns the device ids."""
        ids = []
        async with self.store.transaction():
            for offset, creds in enumerate(credentials):
                device = f"s{first + offset}"
                view = await self.store.create_device(device)
                await view.put_credentials(creds)
                ids.append(device)
        return ids

    async def open_all(self, devices: list[str], progress: Progress | None = None) -> float:
        """Log in ``devices`` concurrently; returns the seconds until the last one is open.

        ``self.open_marks`` gets the seconds at which each further 1,000 (and the last) were open.
        """
        started = time.perf_counter()
        remaining = len(devices)
        done = anyio.Event()
        self.open_marks: list[float] = []

        def opened() -> None:
            nonlocal remaining
            remaining -= 1
            if progress is not None:
                progress.advance()
            count = len(devices) - remaining
            if count % 1000 == 0 or remaining == 0:
                self.open_marks.append(time.perf_counter() - started)
            if remaining == 0:
                done.set()

        for device in devices:
            self._group.start_soon(self._open_one, device, opened)
        await done.wait()
        return time.perf_counter() - started

    def inbox(self, index: int) -> MemoryObjectReceiveStream[Message]:
        """From now on, every message client ``index`` receives also arrives here."""
        send, receive = anyio.create_memory_object_stream[Message](max_buffer_size=1 << 16)
        self.inboxes[index] = send
        return receive

    async def _open_one(self, device: str, opened: Callable[[], None]) -> None:
        """Start one client in the fleet's task group (``Client.serve``); returns once it is logged in."""
        client = Client(self.store, device=device, config=self.config)
        index = len(self.clients)
        self.clients.append(client)

        def count(event: Message) -> None:
            self.received[index] += 1
            inbox = self.inboxes.get(index)
            if inbox is not None:
                inbox.send_nowait(event)

        client.add_handler(Message, count)
        client.add_handler(Disconnected, self._disconnected)
        try:
            if self._logins is None:
                await self._group.start(client.serve)
            else:
                async with self._logins:
                    await self._group.start(client.serve)
        except (WAError, TimeoutError, OSError) as exc:
            self.failed.append(f"{device}: {exc!r}")
        opened()

    def _disconnected(self, event: Disconnected) -> None:
        """Counts closes by code and detail (one bound method shared by every client)."""
        self.disconnects[f"{event.code} {event.detail}"] += 1

    async def __aenter__(self) -> Fleet:
        self._group = anyio.create_task_group()
        await self._group.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        for client in self.clients:
            await client.aclose()
        await self._group.__aexit__(*exc)


async def ring_traffic(
    fleet: Fleet, messages: int, *, concurrency: int, timeout: float, progress: Progress | None = None
) -> dict[str, Any]:
    """Each client sends ``messages`` texts to the next, at most ``concurrency`` senders at once.

    A sender is one session sending its texts one after another; when it is done the
    next session starts (0: every session at once). A send that fails is counted and
    kept (the first 20) instead of ending the run; the phase ends when every text that
    was sent has arrived, or after ``timeout`` seconds (``traffic_complete`` false).
    """
    clients = fleet.clients
    targets = [str(c.own_jid.to_non_ad()) for c in clients]
    before = sum(fleet.received.values())
    errors: list[str] = []
    failures = 0
    waiting = iter(range(len(clients)))

    async def sender() -> None:
        nonlocal failures
        for index in waiting:
            target = targets[(index + 1) % len(clients)]
            for k in range(messages):
                try:
                    await clients[index].send_text(target, f"ring {index} #{k}")
                except (WAError, TimeoutError, OSError) as exc:
                    failures += 1
                    if len(errors) < 20:
                        errors.append(f"s{index}: {exc!r}")
                if progress is not None:
                    progress.advance()

    started = time.perf_counter()
    expected = messages * len(clients)
    with anyio.move_on_after(timeout):
        async with anyio.create_task_group() as group:
            for _ in range(min(concurrency, len(clients)) if concurrency > 0 else len(clients)):
                group.start_soon(sender)
        expected -= failures
        while sum(fleet.received.values()) - before < expected:
            await anyio.sleep(0.05)
    received = sum(fleet.received.values()) - before
    return {
        "traffic_s": time.perf_counter() - started,
        "traffic_complete": failures == 0 and received >= messages * len(clients),
        "traffic_received": received,
        "traffic_expected": messages * len(clients),
        "traffic_send_failures": failures,
        "traffic_send_errors": errors,
    }


class Profiler:
    """Where the per-session memory went between two points: allocation sites and gc object types.

    The last snapshot waits in ``path`` (a file), not in memory, so the phases measured in
    between do not count it.
    """

    def __init__(self, top: int, path: Path) -> None:
        self.top = top
        self._path = path
        gc.collect()
        self._objects = self._count_objects()
        self._take().dump(str(path))

    @staticmethod
    def _take() -> tracemalloc.Snapshot:
        return tracemalloc.take_snapshot().filter_traces(
            [
                tracemalloc.Filter(False, tracemalloc.__file__),
                tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
            ]
        )

    @staticmethod
    def _count_objects() -> Counter[str]:
        return Counter(type(o).__name__ for o in gc.get_objects())

    def since_last(self, n: int) -> dict[str, Any]:
        """Growth per session since the last call (or since construction); the new point becomes the last."""
        snapshot = self._take()
        last = tracemalloc.Snapshot.load(str(self._path))
        sites = [
            {
                "site": str(stat.traceback[0]),
                "bytes_per_session": round(stat.size_diff / n),
                "blocks_per_session": round(stat.count_diff / n, 2),
            }
            for stat in snapshot.compare_to(last, "lineno")[: self.top]
        ]
        objects = self._count_objects()
        grown = objects.copy()
        grown.subtract(self._objects)
        snapshot.dump(str(self._path))
        self._objects = objects
        return {
            "top_allocations": sites,
            "gc_objects_per_session": {
                name: round(count / n, 2) for name, count in grown.most_common(self.top) if count > 0
            },
        }


def allocator_per_session(readings: dict[str, dict[str, float]], n: int) -> dict[str, dict[str, float]]:
    """Growth of each :func:`allocator_kib` figure since the baseline, KiB per session, per phase."""
    base = readings["baseline"]
    return {
        phase: {key: round((values[key] - base[key]) / n, 2) for key in base if key in values}
        for phase, values in readings.items()
        if phase != "baseline"
    }


async def run(args: argparse.Namespace, server: ServerProcess) -> dict[str, Any]:
    n = args.sessions
    credentials = provision_accounts(server, n + WARMUP)
    progress_on = True if args.progress else None
    with tempfile.TemporaryDirectory(prefix="waproto-bench-") as tmp:
        async with await SQLiteStore.open(str(Path(tmp) / "sessions.db")) as store:
            config = config_for(server, args.keepalive)
            async with Fleet(store, config, login_concurrency=args.login_concurrency) as fleet:
                devices = await fleet.store_credentials(credentials, 0)
                del credentials
                await fleet.open_all(devices[:WARMUP])
                profiler = Profiler(args.top, Path(tmp) / "snapshot") if args.profile else None
                memory = {"baseline": measure()}
                allocator = {"baseline": allocator_kib()}
                open_s = await fleet.open_all(devices[WARMUP:], Progress(f"open {n}", n, enabled=progress_on))
                open_marks = fleet.open_marks
                memory["after_login"] = measure()
                allocator["after_login"] = allocator_kib()
                cpu_before, idle_started = time.process_time(), time.perf_counter()
                await anyio.sleep(args.idle)
                idle_cpu = time.process_time() - cpu_before
                idle_window = time.perf_counter() - idle_started
                memory["after_idle"] = measure()
                allocator["after_idle"] = allocator_kib()
                server_memory = await anyio.to_thread.run_sync(server.call, "memory")
                extra = {}
                if profiler is not None:
                    extra["profile"] = profiler.since_last(n)
                total = args.messages * len(fleet.clients)
                timeout = traffic_timeout(total, args.traffic_timeout)
                traffic = await ring_traffic(
                    fleet,
                    args.messages,
                    concurrency=args.send_concurrency,
                    timeout=timeout,
                    progress=Progress("traffic", total, enabled=progress_on),
                )
                memory["after_traffic"] = measure()
                allocator["after_traffic"] = allocator_kib()
                if profiler is not None:
                    extra["profile_after_traffic"] = profiler.since_last(n)
                failed = list(fleet.failed)
                disconnects = dict(fleet.disconnects.most_common(20))
    report = session_report(
        client="waproto",
        runtime=f"CPython {sys.version.split()[0]}, waproto {waproto.__version__}",
        n=n,
        settings={
            "warmup_sessions": WARMUP,
            "tls": True,
            "keepalive_interval_s": args.keepalive,
            "idle_s": args.idle,
            "messages_per_session": args.messages,
            "login_concurrency": args.login_concurrency,
            "send_concurrency": args.send_concurrency,
            "traffic_timeout_s": timeout,
        },
        time_to_all_open_s=open_s,
        traffic_s=traffic.pop("traffic_s"),
        memory=memory,
        idle_cpu_s=idle_cpu,
        idle_window_s=idle_window,
        open_marks_s=open_marks,
    )
    report.update(traffic)
    report["failed_sessions"] = failed
    report["disconnects"] = disconnects
    report["allocator_kib"] = allocator
    report["allocator_per_session_kib"] = allocator_per_session(allocator, n)
    report["server_after_idle"] = server_memory
    report["machine"] = machine()
    report.update(extra)
    return report


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-n", "--sessions", type=int, default=100, help="sessions to open (1, 10, 100, 1000, 5000)"
    )
    parser.add_argument("--idle", type=float, default=25.0, help="seconds to idle after login")
    parser.add_argument("--keepalive", type=float, default=10.0, help="keepalive ping interval, seconds")
    parser.add_argument("--messages", type=int, default=3, help="texts each session sends (and receives)")
    parser.add_argument(
        "--login-concurrency",
        type=int,
        default=0,
        help="logins in flight at once (0: all at once, as the Baileys runner does)",
    )
    parser.add_argument(
        "--send-concurrency",
        type=int,
        default=50,
        help="sessions sending their ring texts at once in the traffic phase (0: all at once)",
    )
    parser.add_argument(
        "--traffic-timeout",
        type=float,
        help="seconds the traffic phase may take at most (default: 300, at least 40 ms per text)",
    )
    parser.add_argument("--no-heap", action="store_true", help="skip tracemalloc (heap_kib reads 0)")
    parser.add_argument(
        "--profile", action="store_true", help="add per-session allocation sites and object counts"
    )
    parser.add_argument("--top", type=int, default=15, help="entries in each profile list")
    parser.add_argument(
        "--progress", action="store_true", help="draw progress bars even when stderr is no tty"
    )
    parser.add_argument("--output", type=Path, help="also write the JSON here")
    args = parser.parse_args(argv)
    if args.profile and args.no_heap:
        parser.error("--profile needs tracemalloc")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    raise_fd_limit(2 * args.sessions + 512)
    if not args.no_heap:
        tracemalloc.start()
    with fake_server(extra_fds=2 * args.sessions) as server:
        report = anyio.run(run, args, server)
    text = json.dumps(report, indent=2)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
