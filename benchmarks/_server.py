"""The benchmarks' server process: ``FakeServer`` over ``wss://``, driven by JSON lines on stdin.

Prints one line ``{"ws_url", "ca_file", "root_public_key"}`` once listening, then
answers each request line with one JSON line:

- ``{"cmd": "provision", "devices": [...]}``: link companions without pairing. Each
  device gives ``phone``, ``identity_private``, ``noise_public``, ``registration_id``,
  ``signed_prekey_id``, ``signed_prekey_public``, ``signed_prekey_signature`` (bytes
  as base64); the answer lists ``jid``, ``lid``, ``account`` (the serialized
  ADVSignedDeviceIdentity), ``phone_identity``, ``push_name``, ``platform``.
- ``{"cmd": "memory"}``: this process's RSS/PSS and the open connection count.
- ``{"cmd": "media_conn"}``: the media host's upload ``auth``, ``hosts`` and ``ttl``, as the
  ``media_conn`` iq answers them (media benchmarks use them without a websocket).
- ``{"cmd": "seed_history", "phone", "chats", "messages"}``: create the account and give its
  phone ``messages`` text messages spread over ``chats`` chats (sent as history when a
  companion links; needs ``--phone-sync``).
- ``{"cmd": "scan_qr", "phone", "qr"}``: the account's phone scans a companion's QR code.
- ``{"cmd": "connections"}``: every login so far per device (``"phone:device"``) as
  ``[opened, closed or null]`` wall-clock times, and ``overlaps``: logins that arrived
  while another connection of the same device was still open.

Closing stdin stops the server. Run by :func:`benchmarks._common.fake_server`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _path  # noqa: F401  (must come before anything importing signal)
import anyio

from benchmarks._common import b64, memory_kib, raise_fd_limit, unb64
from waproto.crypto import keypair_from_private
from waproto.testing import FakeServer, FakeServerConfig


def provision(server: FakeServer, spec: dict[str, Any]) -> dict[str, Any]:
    linked = server.provision_device(
        str(spec["phone"]),
        identity=keypair_from_private(unb64(spec["identity_private"])),
        noise_public=unb64(spec["noise_public"]),
        registration_id=int(spec["registration_id"]),
        signed_prekey_id=int(spec["signed_prekey_id"]),
        signed_prekey_public=unb64(spec["signed_prekey_public"]),
        signed_prekey_signature=unb64(spec["signed_prekey_signature"]),
    )
    return {
        "jid": str(linked.jid),
        "lid": str(linked.lid),
        "account": b64(linked.account_identity),
        "phone_identity": b64(linked.phone_identity),
        "push_name": linked.push_name,
        "platform": linked.platform,
    }


class ConnectionLog:
    """Records every login and close of the server's device connections (wall-clock times)."""

    def __init__(self, server: FakeServer) -> None:
        self.logins: dict[str, list[list[float | None]]] = {}
        self.overlaps = 0
        core = server.core
        log_in, closed = core._log_in, core.session_closed
        open_by_conn: dict[int, list[float | None]] = {}

        def logged_in(session: Any, account: Any, device: Any, *, now: float) -> None:
            history = self.logins.setdefault(f"{account.phone_number}:{device.device_id}", [])
            if any(entry[1] is None for entry in history):
                self.overlaps += 1
            entry: list[float | None] = [time.time(), None]
            history.append(entry)
            open_by_conn[session.conn_id] = entry
            log_in(session, account, device, now=now)

        def session_closed(session: Any) -> None:
            entry = open_by_conn.pop(session.conn_id, None)
            if entry is not None:
                entry[1] = time.time()
            closed(session)

        core._log_in = logged_in  # type: ignore[method-assign]
        core.session_closed = session_closed  # type: ignore[method-assign]


def answer(server: FakeServer, request: dict[str, Any], log: ConnectionLog) -> dict[str, Any]:
    cmd = request.get("cmd")
    if cmd == "connections":
        return {"logins": log.logins, "overlaps": log.overlaps}
    if cmd == "provision":
        return {"devices": [provision(server, spec) for spec in request["devices"]]}
    if cmd == "memory":
        connections = len(server.core.router.online)
        return {**{f"{k}_kib": v for k, v in memory_kib().items()}, "online_devices": connections}
    if cmd == "media_conn":
        media = server.core.media
        return {"auth": media.auth, "hosts": [server.media_host], "ttl": media.ttl}
    if cmd == "seed_history":
        phone_number = str(request["phone"])
        server.create_account(phone_number)
        phone = server.phone(phone_number)
        chats = int(request["chats"])
        for n in range(int(request["messages"])):
            chat = f"1666{n % chats:07d}@s.whatsapp.net"
            phone.add_message(
                chat,
                f"history message {n} " + "x" * (n % 40),
                from_me=n % 3 == 0,
                timestamp=1_700_000_000 + n,
            )
        return {"ok": True}
    if cmd == "scan_qr":
        server.scan_qr(str(request["phone"]), str(request["qr"]))
        return {"ok": True}
    return {"error": f"unknown command {cmd!r}"}


async def serve(folder: Path, args: argparse.Namespace) -> None:
    config = FakeServerConfig(
        tls=True,
        control=False,
        max_offline_queue=1000,
        post_handshake_delay=args.post_handshake_delay,
        phone_sync=args.phone_sync,
        group_addressing=args.group_addressing,
    )
    async with FakeServer(config) as server:
        log = ConnectionLog(server)
        info = {
            "ws_url": server.ws_url,
            "ca_file": str(server.write_ca_pem(folder / "ca.pem")),
            "root_public_key": server.root_public_key.hex(),
        }
        print(json.dumps(info), flush=True)
        while line := await anyio.to_thread.run_sync(sys.stdin.readline):
            try:
                reply = answer(server, json.loads(line), log)
            except Exception as exc:
                reply = {"error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps(reply), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="FakeServer for the session benchmarks")
    parser.add_argument("--fds", type=int, default=1024, help="open files to allow")
    parser.add_argument(
        "--post-handshake-delay",
        type=float,
        default=0.5,
        help="seconds before the first node after the Noise handshake. Baileys 6 installs its "
        "transport keys only after its clientFinish write completes; with a thousand handshakes "
        "in one Node process that takes longer than the server's 50 ms default, and a node that "
        "arrives earlier kills the whole Node process (an uncaught GCM error)",
    )
    parser.add_argument("--phone-sync", action="store_true", help="phones send key shares and history")
    parser.add_argument(
        "--group-addressing",
        choices=("lid", "pn"),
        default="lid",
        help="how new groups address members; Baileys 6 needs pn (it sends to LIDs as phone numbers)",
    )
    args = parser.parse_args()
    raise_fd_limit(args.fds)
    with tempfile.TemporaryDirectory(prefix="waproto-bench-ca-") as tmp:
        anyio.run(serve, Path(tmp), args)


if __name__ == "__main__":
    main()
