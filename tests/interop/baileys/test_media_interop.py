"""Media between waproto and Baileys (7.0.0-rc14 and 6.17.16) through the FakeServer's HTTPS media host.

Baileys sends an image and a document that waproto downloads and verifies (encrypted hash,
MAC, plaintext hash) byte for byte; waproto sends an image, a voice note and a document that
Baileys fetches with ``downloadMediaMessage``. Node trusts the media host's test CA through
NODE_EXTRA_CA_CERTS (the interop CA the FakeServer is built with).
"""

from __future__ import annotations

import base64
import io
import os
import struct
from pathlib import Path

import pytest

from tests.integration.client.conftest import EventLog, client_config, pair_by_qr
from tests.interop.baileys.conftest import INTEROP_CA, Driver, interop_server
from waproto import Client, Message
from waproto.media.message import MediaKind
from waproto.store import MemoryStore

pytestmark = [pytest.mark.interop, pytest.mark.slow, pytest.mark.anyio]

OURS = "15552350001"
THEIRS = "15552350002"
PIL = pytest.importorskip("PIL.Image")


@pytest.fixture(params=["v7", "v6"])
def baileys_media(request: pytest.FixtureRequest) -> tuple[str, Driver]:
    """The session's Baileys process of each version (shared with the other interop tests)."""
    version: str = request.param
    return version, request.getfixturevalue(f"baileys{version[1]}")


def png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    PIL.new("RGB", size, (30, 60, 220)).save(out, "PNG")
    return out.getvalue()


def voice_note(seconds: int) -> bytes:
    head = b"OggS" + bytes(24) + b"OpusHead" + bytes([1, 1]) + struct.pack("<H", 312) + bytes(20)
    return head + os.urandom(4000) + b"OggS\x00\x04" + struct.pack("<q", 48000 * seconds + 312) + bytes(20)


async def test_media_both_ways_with_baileys(baileys_media: tuple[str, Driver], tmp_path: Path) -> None:
    version, call = baileys_media
    async with interop_server(version) as server:
        server.create_account(OURS)
        server.create_account(THEIRS)
        root = server.root_public_key.hex() if version == "v7" else None
        await call("start", name="b", url=server.ws_url, root=root, media_host=server.media_host)
        server.scan_qr(THEIRS, (await call("wait_qr", name="b"))["qr"])
        await call("wait_open", name="b")
        client = Client(MemoryStore(), config=client_config(server, ssl_context=INTEROP_CA.client_context()))
        await pair_by_qr(server, client, OURS)
        try:
            log = EventLog(client, Message)
            ours, theirs = f"{OURS}@s.whatsapp.net", f"{THEIRS}@s.whatsapp.net"

            # Baileys -> waproto: an image and a document, verified and compared byte for byte.
            image = png((200, 120))
            (tmp_path / "b.png").write_bytes(image)
            document = os.urandom(150_000)
            (tmp_path / "b.bin").write_bytes(document)
            await call(
                "send_media",
                name="b",
                jid=ours,
                kind="image",
                path=str(tmp_path / "b.png"),
                caption="from baileys",
                mimetype="image/png",
            )
            await call(
                "send_media",
                name="b",
                jid=ours,
                kind="document",
                path=str(tmp_path / "b.bin"),
                mimetype="application/octet-stream",
                fileName="data.bin",
            )
            got_image, got_doc = await log.wait_for(Message, 2, timeout=30)
            assert got_image.media is not None and got_doc.media is not None
            assert (got_image.media.kind, got_image.media.caption) == (MediaKind.IMAGE, "from baileys")
            assert (got_doc.media.kind, got_doc.media.filename) == (MediaKind.DOCUMENT, "data.bin")
            assert await client.download_media(got_image) == image
            await client.download_media(got_doc, to=tmp_path / "saved.bin")
            assert (tmp_path / "saved.bin").read_bytes() == document

            # waproto -> Baileys: an image, a voice note and a document via downloadMediaMessage.
            ours_image = png((64, 48))
            await client.send_image(theirs, ours_image, caption="from waproto")
            got = await call("wait_media", name="b", index=0)
            assert (got["field"], got["caption"], got["mimetype"]) == (
                "imageMessage",
                "from waproto",
                "image/png",
            )
            assert base64.b64decode(got["data"]) == ours_image

            voice = voice_note(3)
            await client.send_audio(theirs, voice, ptt=True)
            got = await call("wait_media", name="b", index=1)
            assert (got["field"], got["ptt"], got["mimetype"], got["seconds"]) == (
                "audioMessage",
                True,
                "audio/ogg; codecs=opus",
                3,
            )
            assert base64.b64decode(got["data"]) == voice

            pdf = b"%PDF-1.4\n" + os.urandom(250_000)
            (tmp_path / "report.pdf").write_bytes(pdf)
            await client.send_document(theirs, tmp_path / "report.pdf", caption="the report")
            got = await call("wait_media", name="b", index=2)
            assert (got["field"], got["fileName"], got["mimetype"]) == (
                "documentMessage",
                "report.pdf",
                "application/pdf",
            )
            assert base64.b64decode(got["data"]) == pdf
        finally:
            await client.aclose()
            await call("stop", name="b")
