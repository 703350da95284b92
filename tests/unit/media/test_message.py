"""Building media messages from an upload and reading them back as a typed view."""

from __future__ import annotations

import pytest

from waproto.media.message import (
    MediaDetails,
    MediaKind,
    build_media_message,
    guess_mimetype,
    media_info,
)
from waproto.media.transfer import UploadedMedia
from waproto.media.types import MediaType
from waproto.proto import wa_e2e_pb2

UP = UploadedMedia("https://h/v/x?a=1", "/v/x?a=1", b"k" * 32, b"p" * 32, b"e" * 32, 1234)


def test_image_fields_and_view() -> None:
    details = MediaDetails(mimetype="image/png", caption="hi", width=640, height=480, thumbnail=b"jpg")
    context = wa_e2e_pb2.ContextInfo(mentionedJid=["1@s.whatsapp.net"])
    msg = build_media_message(MediaKind.IMAGE, UP, details, now=1_700_000_000.7, context=context)
    image = msg.imageMessage
    assert (image.url, image.directPath, image.mediaKey, image.fileLength) == (
        UP.url,
        UP.direct_path,
        b"k" * 32,
        1234,
    )
    assert (image.fileSha256, image.fileEncSha256) == (b"p" * 32, b"e" * 32)
    assert (image.mimetype, image.caption, image.width, image.height) == ("image/png", "hi", 640, 480)
    assert image.mediaKeyTimestamp == 1_700_000_000
    assert image.jpegThumbnail == b"jpg"
    assert list(image.contextInfo.mentionedJid) == ["1@s.whatsapp.net"]
    view = media_info(msg)
    assert view is not None
    assert (view.kind, view.mimetype, view.size, view.caption, view.filename) == (
        MediaKind.IMAGE,
        "image/png",
        1234,
        "hi",
        None,
    )
    assert (view.width, view.height, view.seconds, view.ptt) == (640, 480, None, False)
    assert view.ref.media_type is MediaType.IMAGE and view.ref.direct_path == "/v/x?a=1"
    assert view.extension == ".png"


def test_voice_note_document_sticker_video() -> None:
    ptt = build_media_message(
        MediaKind.AUDIO,
        UP,
        MediaDetails(mimetype="audio/ogg; codecs=opus", seconds=7, ptt=True, caption="ignored"),
        now=0,
    )
    assert ptt.audioMessage.ptt and ptt.audioMessage.seconds == 7
    view = media_info(ptt)
    assert view is not None and view.ptt and view.caption is None and view.extension == ".ogg"

    doc = build_media_message(
        MediaKind.DOCUMENT,
        UP,
        MediaDetails(mimetype="application/pdf", filename="a.pdf", caption="read"),
        now=0,
    )
    assert (doc.documentMessage.fileName, doc.documentMessage.title) == ("a.pdf", "a.pdf")
    view = media_info(doc)
    assert view is not None and (view.filename, view.caption) == ("a.pdf", "read")

    sticker = build_media_message(
        MediaKind.STICKER, UP, MediaDetails(mimetype="image/webp", animated=True, thumbnail=b"png"), now=0
    )
    assert sticker.stickerMessage.isAnimated and sticker.stickerMessage.pngThumbnail == b"png"
    view = media_info(sticker)
    assert view is not None and view.ref.media_type is MediaType.STICKER

    video = build_media_message(
        MediaKind.VIDEO, UP, MediaDetails(mimetype="video/mp4", seconds=3, gif=True), now=0
    )
    assert video.videoMessage.gifPlayback and video.videoMessage.seconds == 3


def test_wrapped_media_is_found() -> None:
    inner = build_media_message(MediaKind.DOCUMENT, UP, MediaDetails(mimetype="text/plain"), now=0)
    outer = wa_e2e_pb2.Message()
    outer.ephemeralMessage.message.documentWithCaptionMessage.message.CopyFrom(inner)
    view = media_info(outer)
    assert view is not None and view.kind is MediaKind.DOCUMENT


def test_messages_without_downloadable_media() -> None:
    assert media_info(wa_e2e_pb2.Message(conversation="hi")) is None
    empty = wa_e2e_pb2.Message()
    empty.imageMessage.caption = "no key"
    assert media_info(empty) is None


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        (MediaKind.IMAGE, "a.png", "image/png"),
        (MediaKind.IMAGE, "a.pdf", "image/jpeg"),
        (MediaKind.IMAGE, None, "image/jpeg"),
        (MediaKind.DOCUMENT, "a.zip", "application/zip"),
        (MediaKind.DOCUMENT, "noext", "application/pdf"),
        (MediaKind.AUDIO, "v.ogg", "audio/ogg; codecs=opus"),
        (MediaKind.AUDIO, "v.mp3", "audio/mpeg"),
        (MediaKind.STICKER, "s.webp", "image/webp"),
        (MediaKind.VIDEO, "v.mp4", "video/mp4"),
    ],
)
def test_guess_mimetype(kind: MediaKind, name: str | None, expected: str) -> None:
    assert guess_mimetype(kind, name) == expected


def test_enc_mediatype_of_each_kind() -> None:
    from waproto.messaging.send import media_type_of

    cases = [
        (MediaKind.IMAGE, MediaDetails(mimetype="image/jpeg"), "image"),
        (MediaKind.VIDEO, MediaDetails(mimetype="video/mp4"), "video"),
        (MediaKind.VIDEO, MediaDetails(mimetype="video/mp4", gif=True), "gif"),
        (MediaKind.AUDIO, MediaDetails(mimetype="audio/mpeg"), "audio"),
        (MediaKind.AUDIO, MediaDetails(mimetype="audio/ogg", ptt=True), "ptt"),
        (MediaKind.DOCUMENT, MediaDetails(mimetype="text/plain"), "document"),
        (MediaKind.STICKER, MediaDetails(mimetype="image/webp"), "sticker"),
    ]
    for kind, details, expected in cases:
        assert media_type_of(build_media_message(kind, UP, details, now=0)) == expected
    assert media_type_of(wa_e2e_pb2.Message(conversation="hi")) is None
