# ruff: noqa: I001  (_path must be imported before subprocess, which imports signal)
"""How many logged-in connections the FakeServer holds, and its memory per connection.

The server runs in this process with N provisioned companion devices; a child
process (this script with ``--client``) logs all N in over ``ws://`` (or
``wss://`` with ``--tls``) and keeps them idle. The server's RSS/PSS are read
from ``/proc/self/smaps_rollup`` before and after; one JSON object is printed.

    python benchmarks/fake_server_capacity.py --connections 2000
"""

from __future__ import annotations

import _path  # noqa: F401  (first: benchmarks/signal.py must not shadow the stdlib module)
import argparse
import base64
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import anyio

from benchmarks._common import memory_kib, raise_fd_limit
from waproto.auth.payload import ClientIdentity, build_login_payload
from waproto.binary import decode_node
from waproto.crypto import generate_keypair, keypair_from_private
from waproto.noise import FrameDecoder, FrameEncoder, NoiseInitiator, noise_prologue
from waproto.signal import generate_registration_id, generate_signed_prekey
from waproto.testing import FakeServer, FakeServerConfig
from waproto.transport import WebSocketConnection, connect_websocket, ssl_context_from_ca_file

KIB = 1024


# -- client side (child process) -------------------------------------------------------------------


async def _login(spec: dict[str, Any], url: str, root: bytes, ca_file: str | None) -> WebSocketConnection:
    context = None if ca_file is None else ssl_context_from_ca_file(ca_file)
    ws = await connect_websocket(url, connect_timeout=30, ssl_context=context)
    prologue = noise_prologue(3)
    encoder, decoder = FrameEncoder(prologue), FrameDecoder()
    handshake = NoiseInitiator(
        keypair_from_private(base64.b64decode(spec["noise"])), prologue=prologue, trusted_root=root
    )
    await ws.send(encoder.encode(handshake.client_hello()))
    frames: list[bytes] = []
    while not frames:
        frames = decoder.receive_data(await ws.receive())
    handshake.read_server_hello(frames[0], now=time.time())
    payload = build_login_payload(ClientIdentity(), username=int(spec["phone"]), device=spec["device"])
    await ws.send(encoder.encode(handshake.client_finish(payload)))
    transport = handshake.transport()
    frames = frames[1:]
    while not frames:  # the first node must be <success>
        frames = decoder.receive_data(await ws.receive())
    if decode_node(transport.decrypt(frames[0])).tag != "success":
        raise RuntimeError(f"login refused for {spec['phone']}")
    return ws


async def client_main() -> None:
    job = json.loads(sys.stdin.readline())
    raise_fd_limit(len(job["devices"]) + 256)
    root = bytes.fromhex(job["root"])
    sockets: list[WebSocketConnection] = []
    started = time.perf_counter()
    batch = 100
    for i in range(0, len(job["devices"]), batch):
        async with anyio.create_task_group() as group:
            for spec in job["devices"][i : i + batch]:

                async def one(spec: dict[str, Any] = spec) -> None:
                    sockets.append(await _login(spec, job["url"], root, job.get("ca_file")))

                group.start_soon(one)
    print(json.dumps({"connected": len(sockets), "seconds": time.perf_counter() - started}), flush=True)
    sys.stdin.readline()  # hold the connections until the parent has measured
    for ws in sockets:
        await ws.abort()


# -- server side -----------------------------------------------------------------------------------


def _provision(server: FakeServer, count: int) -> list[dict[str, Any]]:
    devices = []
    for i in range(count):
        identity, noise = generate_keypair(), generate_keypair()
        signed = generate_signed_prekey(identity, 1)
        linked = server.provision_device(
            str(10_000_000_000 + i),
            identity=identity,
            noise_public=noise.public,
            registration_id=generate_registration_id(),
            signed_prekey_id=1,
            signed_prekey_public=signed.key_pair.public,
            signed_prekey_signature=signed.signature,
        )
        devices.append(
            {
                "phone": linked.jid.user,
                "device": linked.jid.device,
                "noise": base64.b64encode(noise.private).decode(),
            }
        )
    return devices


async def server_main(args: argparse.Namespace) -> dict[str, Any]:
    raise_fd_limit(args.connections + 256)
    config = FakeServerConfig(tls=args.tls, control=False)
    async with FakeServer(config) as server:
        devices = _provision(server, args.connections)
        ca_file = None
        if args.tls:
            ca_file = str(
                server.write_ca_pem(Path(os.environ.get("TMPDIR", "/tmp")) / "waproto-bench-ca.pem")
            )
        before = memory_kib()
        child = subprocess.Popen(
            [sys.executable, __file__, "--client"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdin is not None and child.stdout is not None
        job = {
            "url": server.ws_url,
            "root": server.root_public_key.hex(),
            "devices": devices,
            "ca_file": ca_file,
        }
        child.stdin.write(json.dumps(job) + "\n")
        child.stdin.flush()
        line = await anyio.to_thread.run_sync(child.stdout.readline)
        clients = json.loads(line)
        await anyio.sleep(1.0)
        after = memory_kib()
        online = server.state()["online"]
        child.stdin.write("done\n")
        child.stdin.flush()
        await anyio.to_thread.run_sync(child.wait)
    return {
        "benchmark": "fake_server_capacity",
        "transport": "wss" if args.tls else "ws",
        "connections_requested": args.connections,
        "logged_in": online,
        "login_seconds": round(clients["seconds"], 2),
        "server_kib_before": before,
        "server_kib_after": after,
        "server_rss_kib_per_connection": round((after["rss"] - before["rss"]) / max(online, 1), 2),
        "server_pss_kib_per_connection": round((after["pss"] - before["pss"]) / max(online, 1), 2),
        "python": sys.version.split()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=2000)
    parser.add_argument("--tls", action="store_true", help="use wss:// with the server's test CA")
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        anyio.run(client_main)
        return
    print(json.dumps(anyio.run(server_main, args)))


if __name__ == "__main__":
    main()
