"""The ``waproto`` command as operators run it: real processes against the FakeServer.

Exit statuses (0 done or stopped by a signal, 1 failure, 2 bad arguments), one-line errors,
JSON-only stdout, and a clean exit on SIGTERM with nothing lost.
"""

from __future__ import annotations

import signal
import socket
import sys
from pathlib import Path

import anyio
import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from tests.integration.processes import ENV, Lines
from waproto import Message
from waproto.store import SQLiteStore
from waproto.testing import FakeServer, provision_store_device

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

WAPROTO = [sys.executable, "-m", "waproto"]


async def provisioned(server: FakeServer, path: Path, phone: str) -> None:
    server.create_account(phone)
    async with SQLiteStore.open(path) as store:
        await provision_store_device(server, store, "default", phone)


def connection_args(server: FakeServer, store: Path) -> list[str]:
    root = server.root_public_key.hex()
    return ["--store", str(store), "--server-url", server.ws_url, "--trust-root", root]


async def waproto(*args: str) -> tuple[int, str, str]:
    with anyio.fail_after(60):
        done = await anyio.run_process([sys.executable, "-m", "waproto", *args], env=ENV, check=False)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


async def test_bad_arguments_exit_2_with_one_line(server: FakeServer, tmp_path: Path) -> None:
    base = connection_args(server, tmp_path / "x.db")
    for bad in (["--to", "not a jid"], ["--to", "1555@s.whatsapp.net", "--trust-root", "abcd"]):
        status, out, err = await waproto("send", *base, "--text", "hi", *bad)
        assert status == 2, err
        assert out == ""
        assert len([line for line in err.splitlines() if "error:" in line]) == 1
        assert "Traceback" not in err
    status, _, err = await waproto("send", "--no-such-option")
    assert status == 2


async def test_wrong_trust_root_exits_1_with_one_line(server: FakeServer, tmp_path: Path) -> None:
    await provisioned(server, tmp_path / "a.db", "15559200001")
    args = [*connection_args(server, tmp_path / "a.db"), "--trust-root", bytes(32).hex()]
    status, out, err = await waproto("send", *args, "--to", "+1 555 920 0002", "--text", "hi")
    assert status == 1
    assert out == ""
    errors = [line for line in err.splitlines() if "error:" in line]
    assert len(errors) == 1 and "certificate" in errors[0]
    assert "Traceback" not in err


async def test_send_timeout_exits_1_when_nothing_listens(server: FakeServer, tmp_path: Path) -> None:
    await provisioned(server, tmp_path / "a.db", "15559200011")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        nowhere = f"ws://127.0.0.1:{probe.getsockname()[1]}/ws/chat"
    args = [*connection_args(server, tmp_path / "a.db"), "--server-url", nowhere, "--timeout", "1"]
    status, out, err = await waproto("send", *args, "--to", "15559200012@s.whatsapp.net", "--text", "hi")
    assert status == 1
    assert out == ""
    assert "timed out" in err and "Traceback" not in err


async def test_pair_json_prints_the_qr_string(server: FakeServer, tmp_path: Path) -> None:
    server.create_account("15559200021")
    command = [sys.executable, "-m", "waproto", "pair", "--json", *connection_args(server, tmp_path / "p.db")]
    with anyio.fail_after(60):
        async with await anyio.open_process(command, env=ENV) as pairing:
            lines = Lines(pairing)
            qr = await lines.until("qr")
            server.scan_qr("15559200021", qr["code"])
            await lines.until("connected")
            assert await pairing.wait() == 0


async def test_listen_json_then_sigterm_exits_0_with_nothing_lost(
    server: FakeServer, paired: PairedClient, tmp_path: Path
) -> None:
    await provisioned(server, tmp_path / "l.db", "15559200031")
    alice = await paired("15559200032")
    replies = EventLog(alice, Message)
    command = [*WAPROTO, "listen", "--json", *connection_args(server, tmp_path / "l.db")]
    with anyio.fail_after(60):
        async with await anyio.open_process(command, env=ENV) as listener:
            lines = Lines(listener)
            await lines.until("connected")
            first = await alice.send_text("15559200031@s.whatsapp.net", "héllo 👋")
            event = await lines.until("message")
            assert (event["text"], event["id"], event["is_group"], event["quoted_id"]) == (
                "héllo 👋",
                first.id,
                False,
                None,
            )
            assert "push_name" in event
            listener.send_signal(signal.SIGTERM)
            assert await listener.wait() == 0
    # Messages sent while it is down are delivered at the next start: nothing lost.
    second = await alice.send_text("15559200031@s.whatsapp.net", "while you were away")
    with anyio.fail_after(60):
        async with await anyio.open_process(command, env=ENV) as listener:
            lines = Lines(listener)
            assert (await lines.until("message"))["id"] == second.id
            listener.send_signal(signal.SIGINT)
            assert await listener.wait() == 0
    assert replies.events == []


async def test_listen_exits_1_when_the_device_is_removed(server: FakeServer, tmp_path: Path) -> None:
    await provisioned(server, tmp_path / "r.db", "15559200041")
    command = [*WAPROTO, "listen", "--json", *connection_args(server, tmp_path / "r.db")]
    with anyio.fail_after(60):
        async with await anyio.open_process(command, env=ENV) as listener:
            lines = Lines(listener)
            await lines.until("connected")
            server.kick("15559200041@s.whatsapp.net", 401)
            assert await listener.wait() == 1
            assert listener.stderr is not None
            err = (await listener.stderr.receive()).decode()
            assert "session ended" in err
