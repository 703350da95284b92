"""The session and throughput benchmarks for Baileys 6.17.16, in one Node process against FakeServer.

Installs ``package.json`` (baileys 6.17.16, libsignal pinned to 6.0.0) into the
npm cache folder the interop tests use, starts ``FakeServer`` (``wss://``) in a
child process, links the accounts there, then runs ``sessions.mjs`` under
``node --expose-gc`` with the credentials. The Node side measures as
``benchmarks/sessions.py`` does; this wrapper prints the same JSON schema.

    python benchmarks/peers/baileys/run.py -n 100 [--idle 25] [--keepalive 10]
    python benchmarks/peers/baileys/run.py --throughput [--pairs 10] [--rounds 50] [--group-size 50]

Needs ``node`` and ``npm`` on PATH. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from benchmarks._common import (  # noqa: E402
    b64,
    fake_server,
    machine,
    provision_accounts,
    raise_fd_limit,
    session_report,
    traffic_timeout,
)
from tests.interop.conftest import npm_install  # noqa: E402
from waproto.store import Credentials  # noqa: E402

WARMUP = 1


def node_available() -> bool:
    """True when ``node`` and ``npm`` are on PATH."""
    return shutil.which("node") is not None and shutil.which("npm") is not None


def device_json(creds: Credentials) -> dict[str, Any]:
    """What ``sessions.mjs`` needs to build a paired Baileys ``creds`` object."""
    return {
        "noise_private": b64(creds.noise_key.private),
        "noise_public": b64(creds.noise_key.public),
        "identity_private": b64(creds.identity_key.private),
        "identity_public": b64(creds.identity_key.public),
        "signed_prekey_id": creds.signed_prekey_id,
        "signed_prekey_private": b64(creds.signed_prekey.private),
        "signed_prekey_public": b64(creds.signed_prekey.public),
        "signed_prekey_signature": b64(creds.signed_prekey_signature),
        "registration_id": creds.registration_id,
        "adv_secret_key": b64(creds.adv_secret_key),
        "me": creds.me,
        "lid": creds.lid,
        "account": b64(creds.account or b""),
        "platform": creds.platform,
        "push_name": creds.push_name,
    }


def run_node(
    count: int, settings: dict[str, Any], *, timeout: float = 1800, group_addressing: str = "lid"
) -> dict[str, Any]:
    """Link ``count`` accounts on a fresh server, run ``sessions.mjs`` with them, return its JSON."""
    install = npm_install(HERE)
    raise_fd_limit(2 * count + 512)
    served = fake_server(extra_fds=2 * count, group_addressing=group_addressing)
    with served as server, tempfile.TemporaryDirectory() as tmp:
        devices = [device_json(c) for c in provision_accounts(server, count)]
        spec_file = Path(tmp) / "spec.json"
        spec = {"install": str(install), "url": server.ws_url, "devices": devices, "open_timeout_s": 300}
        spec_file.write_text(json.dumps({**spec, **settings}))
        result = subprocess.run(
            ["node", "--expose-gc", str(HERE / "sessions.mjs"), str(spec_file)],
            stdout=subprocess.PIPE,
            text=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "NODE_EXTRA_CA_CERTS": server.ca_file},
        )
        server_memory = server.call("memory")
    if result.returncode != 0:
        raise RuntimeError(f"sessions.mjs failed with {result.returncode}")
    output: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    output["server_at_end"] = server_memory
    return output


def run_sessions(
    n: int,
    *,
    idle: float,
    keepalive: float,
    messages: int,
    progress: bool,
    login_concurrency: int = 0,
    send_concurrency: int = 50,
    traffic_timeout_s: float | None = None,
) -> dict[str, Any]:
    """The session scenario for Baileys; returns the JSON schema of ``benchmarks/sessions.py``."""
    timeout = traffic_timeout((n + WARMUP) * messages, traffic_timeout_s)
    raw = run_node(
        n + WARMUP,
        {
            "mode": "sessions",
            "warmup": WARMUP,
            "keepalive_s": keepalive,
            "idle_s": idle,
            "messages": messages,
            "progress": progress,
            "login_concurrency": login_concurrency,
            "send_concurrency": send_concurrency,
            "traffic_timeout_s": timeout,
        },
    )
    report = session_report(
        client="baileys",
        runtime=raw["runtime"],
        n=n,
        settings={
            "warmup_sessions": WARMUP,
            "tls": raw["tls"],
            "keepalive_interval_s": keepalive,
            "idle_s": idle,
            "messages_per_session": messages,
            "login_concurrency": login_concurrency,
            "send_concurrency": send_concurrency,
            "traffic_timeout_s": timeout,
        },
        time_to_all_open_s=raw["time_to_all_open_s"],
        traffic_s=raw["traffic_s"],
        memory=raw["memory_kib"],
        idle_cpu_s=raw["idle_cpu_s"],
        idle_window_s=raw["idle_window_s"],
        open_marks_s=raw["open_marks_s"],
    )
    traffic = ("complete", "received", "expected", "send_failures", "send_errors")
    for key in (f"traffic_{name}" for name in traffic):
        report[key] = raw[key]
    report["closed_sessions"] = raw["closed_sessions"]
    report["failed_sessions"] = raw["failed_sessions"]
    report["uncaught_errors"] = raw["uncaught_errors"]
    report["machine"] = machine()
    return report


def run_throughput(*, pairs: int, rounds: int, group_size: int, group_messages: int) -> dict[str, Any]:
    """1:1 ping-pong pairs and group fan-out for Baileys (see ``throughput.py`` for waproto)."""
    settings = {
        "mode": "throughput",
        "pairs": pairs,
        "rounds": rounds,
        "group_messages": group_messages,
        "keepalive_s": 30,
    }
    # Baileys 6 sends to a LID-addressed group's members as if their LIDs were phone
    # numbers (the key fetch for them never completes): its groups must be pn-addressed.
    return run_node(2 * pairs + 1 + group_size, settings, group_addressing="pn")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--sessions", type=int, default=100)
    parser.add_argument("--idle", type=float, default=25.0)
    parser.add_argument("--keepalive", type=float, default=10.0)
    parser.add_argument("--messages", type=int, default=3)
    parser.add_argument("--progress", action="store_true")
    parser.add_argument("--login-concurrency", type=int, default=0, help="logins in flight at once (0: all)")
    parser.add_argument(
        "--send-concurrency", type=int, default=50, help="sessions sending ring texts at once (0: all)"
    )
    parser.add_argument(
        "--traffic-timeout",
        type=float,
        help="seconds for the traffic phase (default: 300, at least 40 ms per text)",
    )
    parser.add_argument("--throughput", action="store_true", help="run the throughput scenario instead")
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--group-size", type=int, default=50, help="members besides the sender")
    parser.add_argument("--group-messages", type=int, default=20)
    args = parser.parse_args()
    if not node_available():
        sys.exit("node and npm are needed on PATH")
    if args.throughput:
        report = run_throughput(
            pairs=args.pairs,
            rounds=args.rounds,
            group_size=args.group_size,
            group_messages=args.group_messages,
        )
    else:
        report = run_sessions(
            args.sessions,
            idle=args.idle,
            keepalive=args.keepalive,
            messages=args.messages,
            progress=args.progress,
            login_concurrency=args.login_concurrency,
            send_concurrency=args.send_concurrency,
            traffic_timeout_s=args.traffic_timeout,
        )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
