"""Memory per idle websocket connection with waproto's transport.

Opens N idle connections (wss:// by default) from this process to a server in a
subprocess. Each client connection has one task parked in ``receive()``, as a
session would. Prints JSON with the RSS and PSS growth per connection, read from
``/proc/self/smaps_rollup``, for the client and for the server side.

    python benchmarks/idle_connections.py [-n 1000] [--plain] [--no-tickets]

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gc
import json
import ssl
import sys
import tempfile
from pathlib import Path

import _path  # noqa: F401  (must come before anything importing signal)
import anyio

from benchmarks._common import KIB, memory_kib, per_connection, raise_fd_limit
from waproto.errors import ConnectionClosed
from waproto.transport import WebSocketConnection, connect_websocket, serve_websocket
from waproto.transport.testcerts import make_test_ca


async def idle(connection: WebSocketConnection) -> None:
    try:
        while True:
            await connection.receive()
    except ConnectionClosed:
        pass


async def serve(folder: Path, plain: bool, no_tickets: bool) -> None:
    """Server side: report the port, then our memory growth whenever stdin says ``measure``."""
    context = None
    if not plain:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
        if no_tickets:
            context.num_tickets = 0
    async with anyio.create_task_group() as group:
        server = await serve_websocket(idle, task_group=group, ssl_context=context)
        gc.collect()
        baseline = memory_kib()
        print(server.port, flush=True)
        while line := await anyio.to_thread.run_sync(sys.stdin.readline):
            if "measure" in line:
                gc.collect()
                active = server.active_connections
                report = {"connections": active, **per_connection(baseline, memory_kib(), max(active, 1))}
                print(json.dumps(report), flush=True)
            if "quit" in line:
                break
        await server.aclose()


async def run(count: int, plain: bool, no_tickets: bool) -> dict[str, object]:
    import subprocess  # here, not at the top: only after _path, as it imports signal

    raise_fd_limit(count + 256)
    ca = make_test_ca()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "cert.pem").write_bytes(ca.cert_pem)
        (folder / "key.pem").write_bytes(ca.key_pem)
        command = [sys.executable, __file__, "--serve", str(folder), "-n", str(count)]
        if plain:
            command.append("--plain")
        if no_tickets:
            command.append("--no-tickets")
        with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as server:
            assert server.stdin is not None and server.stdout is not None
            port = int(server.stdout.readline())
            url = f"{'ws' if plain else 'wss'}://127.0.0.1:{port}/ws/chat"
            context = None if plain else ca.client_context()
            connections: list[WebSocketConnection] = []
            limiter = anyio.CapacityLimiter(50)

            async def open_one() -> None:
                async with limiter:
                    connection = await connect_websocket(url, ssl_context=context, connect_timeout=30)
                connections.append(connection)
                await idle(connection)

            async with anyio.create_task_group() as group:
                # One connection first so lazily built state (contexts, caches) is in the baseline.
                group.start_soon(open_one)
                while len(connections) < 1:
                    await anyio.sleep(0.01)
                gc.collect()
                before = memory_kib()
                for _ in range(count):
                    group.start_soon(open_one)
                while len(connections) < count + 1:
                    await anyio.sleep(0.05)
                await anyio.sleep(0.5)
                gc.collect()
                after = memory_kib()
                server.stdin.write("measure\n")
                server.stdin.flush()
                server_report = json.loads(await anyio.to_thread.run_sync(server.stdout.readline))
                async with anyio.create_task_group() as closers:
                    for connection in connections:
                        closers.start_soon(connection.aclose)
            server.stdin.write("quit\n")
            server.stdin.flush()
    return {
        "connections": count,
        "tls": not plain,
        "session_tickets": 0 if no_tickets or plain else "server default (2 in TLS 1.3)",
        "python": sys.version.split()[0],
        "client": {
            "rss_total_mib": round(after["rss"] / KIB, 1),
            **per_connection(before, after, count),
        },
        "server": server_report,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--connections", type=int, default=1000)
    parser.add_argument("--plain", action="store_true", help="ws:// instead of wss://")
    parser.add_argument(
        "--no-tickets",
        action="store_true",
        help="server sends no TLS 1.3 session tickets (each one a client keeps costs ~5 KiB)",
    )
    parser.add_argument("--serve", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        raise_fd_limit(args.connections * 2 + 256)
        anyio.run(serve, Path(args.serve), args.plain, args.no_tickets)
        return
    print(json.dumps(anyio.run(run, args.connections, args.plain, args.no_tickets), indent=2))


if __name__ == "__main__":
    main()
