"""``waproto send --file`` and ``waproto listen --download-dir`` as real processes against the FakeServer."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest
from anyio.streams.text import TextReceiveStream

from waproto.store import SQLiteStore
from waproto.testing import FakeServer, provision_store_device

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

SENDER, LISTENER = "15559100001", "15559100002"


async def provisioned(server: FakeServer, path: Path, phone: str) -> None:
    server.create_account(phone)
    store = await SQLiteStore.open(path)
    try:
        await provision_store_device(server, store, "default", phone)
    finally:
        await store.close()


async def test_send_file_and_listen_with_download_dir(server: FakeServer, tmp_path: Path) -> None:
    await provisioned(server, tmp_path / "a.db", SENDER)
    await provisioned(server, tmp_path / "b.db", LISTENER)
    common = [
        "--server-url",
        server.ws_url,
        "--trust-root",
        server.root_public_key.hex(),
        "--ca-file",
        str(server.write_ca_pem(tmp_path / "ca.pem")),
    ]
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(20_000))
    downloads = tmp_path / "downloads"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    listen = [
        sys.executable,
        "-m",
        "waproto",
        "listen",
        "--json",
        "--store",
        str(tmp_path / "b.db"),
        "--download-dir",
        str(downloads),
        *common,
    ]
    with anyio.fail_after(60):
        async with await anyio.open_process(listen, env=env) as listener:
            assert listener.stdout is not None
            lines = TextReceiveStream(listener.stdout)
            buffer = ""

            async def next_event() -> dict[str, Any]:
                nonlocal buffer
                while "\n" not in buffer:
                    buffer += await lines.receive()
                line, buffer = buffer.split("\n", 1)
                return dict(json.loads(line))

            while (await next_event())["event"] != "connected":
                pass
            sent = await anyio.run_process(
                [
                    sys.executable,
                    "-m",
                    "waproto",
                    "send",
                    "--store",
                    str(tmp_path / "a.db"),
                    "--to",
                    f"{LISTENER}@s.whatsapp.net",
                    "--file",
                    str(photo),
                    "--caption",
                    "look",
                    *common,
                ],
                env=env,
            )
            reply = json.loads(sent.stdout.decode().strip().splitlines()[-1])
            assert reply["event"] == "sent"
            event = await next_event()
            while event["event"] != "message":
                event = await next_event()
            listener.terminate()
    assert (event["media"], event["mimetype"], event["caption"], event["id"]) == (
        "image",
        "image/png",
        "look",
        reply["id"],
    )
    assert Path(event["file"]) == downloads / f"{reply['id']}.png"
    assert Path(event["file"]).read_bytes() == photo.read_bytes()
