"""Client to client media through the FakeServer: send_* in, Message.media and download_media out."""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path
from typing import Any

import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from waproto import Client, Message
from waproto.binary import Node
from waproto.errors import InvalidState, MediaHashMismatch
from waproto.media.message import MediaKind
from waproto.testing import FakeServer, Fault, FaultKind

pytestmark = pytest.mark.anyio

PIL = pytest.importorskip("PIL.Image")


async def pair_two(server: FakeServer, paired: PairedClient) -> tuple[Client, Client]:
    ssl = server.test_ca.client_context()
    return await paired("15558000001", ssl_context=ssl), await paired("15558000002", ssl_context=ssl)


def png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    PIL.new("RGB", size, (10, 200, 30)).save(out, "PNG")
    return out.getvalue()


def opus_like(seconds: int) -> bytes:
    head = b"OggS" + bytes(24) + b"OpusHead" + bytes([1, 1]) + struct.pack("<H", 0) + bytes(20)
    return head + os.urandom(3000) + b"OggS\x00\x04" + struct.pack("<q", 48000 * seconds) + bytes(20)


async def test_every_kind_arrives_with_its_fields_and_downloads_byte_for_byte(
    server: FakeServer, paired: PairedClient, tmp_path: Path
) -> None:
    alice, bob = await pair_two(server, paired)
    log = EventLog(bob, Message)
    to = bob.own_jid.to_non_ad()
    # What alice's stanzas carry on their <enc> nodes (the server's message handler sees them).
    mediatypes: list[str | None] = []
    handle = server.core._handlers["message"]

    def record(session: Any, node: Node, now: float) -> None:
        for to in node.require_child("participants").get_children("to"):
            mediatypes.extend(enc.attrs.get("mediatype") for enc in to.get_children("enc"))
        handle(session, node, now)

    server.core._handlers["message"] = record

    image = png((320, 240))
    await alice.send_image(to, image, caption="a photo")
    doc_path = tmp_path / "report.pdf"
    doc_path.write_bytes(b"%PDF-1.4 " + os.urandom(300_000))
    await alice.send_document(to, doc_path, caption="the report")
    voice = opus_like(4)
    await alice.send_audio(to, io.BytesIO(voice), ptt=True)
    webp = io.BytesIO()
    PIL.new("RGBA", (64, 64)).save(webp, "WEBP")
    await alice.send_sticker(to, webp.getvalue())
    await alice.send_video(to, b"\x00\x00\x00\x18ftypmp42" + os.urandom(5000), caption="clip")

    events = await log.wait_for(Message, 5)
    assert sorted(set(mediatypes)) == ["document", "image", "ptt", "sticker", "video"]
    views = [e.media for e in events]
    assert all(v is not None for v in views)
    img, doc, ptt, sticker, video = views  # type: ignore[misc]
    assert (img.kind, img.mimetype, img.caption, img.size, img.width, img.height) == (
        MediaKind.IMAGE,
        "image/png",
        "a photo",
        len(image),
        320,
        240,
    )
    assert events[0].message.imageMessage.jpegThumbnail.startswith(b"\xff\xd8")
    assert (doc.kind, doc.filename, doc.caption, doc.mimetype) == (
        MediaKind.DOCUMENT,
        "report.pdf",
        "the report",
        "application/pdf",
    )
    assert (ptt.kind, ptt.ptt, ptt.mimetype, ptt.seconds) == (
        MediaKind.AUDIO,
        True,
        "audio/ogg; codecs=opus",
        4,
    )
    assert (sticker.kind, sticker.mimetype, sticker.width) == (MediaKind.STICKER, "image/webp", 64)
    assert (video.kind, video.mimetype, video.caption) == (MediaKind.VIDEO, "video/mp4", "clip")

    assert await bob.download_media(events[0]) == image
    saved = tmp_path / "saved.pdf"
    assert await bob.download_media(events[1], to=saved) is None
    assert saved.read_bytes() == doc_path.read_bytes()
    sink = io.BytesIO()
    await bob.download_media(events[2].message, to=sink)
    assert sink.getvalue() == voice
    assert await bob.download_media(sticker) == webp.getvalue()
    chunks = [chunk async for chunk in bob.iter_media(events[1])]
    assert len(chunks) > 1 and b"".join(chunks) == doc_path.read_bytes()
    async for _ in bob.iter_media(events[1]):
        break  # stopping early closes the spool


async def test_quoted_media_with_mentions(server: FakeServer, paired: PairedClient) -> None:
    alice, bob = await pair_two(server, paired)
    bob_log, alice_log = EventLog(bob, Message), EventLog(alice, Message)
    await alice.send_text(bob.own_jid.to_non_ad(), "send me the file")
    question = (await bob_log.wait_for(Message, 1))[0]
    await bob.send_document(
        alice.own_jid.to_non_ad(),
        b"contents",
        filename="notes.txt",
        quoted=question,
        mentions=[alice.own_jid.to_non_ad()],
    )
    answer = (await alice_log.wait_for(Message, 1))[0]
    context = answer.message.documentMessage.contextInfo
    assert context.stanzaId == question.info.id
    assert list(context.mentionedJid) == [str(alice.own_jid.to_non_ad())]
    assert answer.media is not None and answer.media.mimetype == "text/plain"
    assert await alice.download_media(answer) == b"contents"


async def test_corrupted_download_raises_and_text_has_no_media(
    server: FakeServer, paired: PairedClient
) -> None:
    alice, bob = await pair_two(server, paired)
    log = EventLog(bob, Message)
    await alice.send_image(bob.own_jid.to_non_ad(), png((8, 8)))
    await alice.send_text(bob.own_jid.to_non_ad(), "plain")
    image, text = await log.wait_for(Message, 2)
    assert text.media is None
    with pytest.raises(InvalidState):
        await bob.download_media(text)
    server.fault(Fault(FaultKind.MEDIA_CORRUPT))
    with pytest.raises(MediaHashMismatch):
        await bob.download_media(image)
