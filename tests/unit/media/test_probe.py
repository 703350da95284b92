"""Header probing: types, image sizes and durations without decoding; Pillow thumbnails."""

from __future__ import annotations

import io
import struct

import pytest

from waproto.media.probe import jpeg_thumbnail, probe, sniff_mimetype

PIL = pytest.importorskip("PIL.Image")


def image_bytes(fmt: str, size: tuple[int, int] = (300, 200), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    PIL.new(mode, size, (200, 10, 10)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "mimetype"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("GIF", "image/gif"), ("WEBP", "image/webp")],
)
def test_image_sizes_from_headers(fmt: str, mimetype: str) -> None:
    data = image_bytes(fmt)
    found = probe(data[:4096])
    assert (found.mimetype, found.width, found.height) == (mimetype, 300, 200)


def test_lossless_and_extended_webp() -> None:
    out = io.BytesIO()
    PIL.new("RGBA", (33, 17)).save(out, "WEBP", lossless=True)
    assert (probe(out.getvalue()).width, probe(out.getvalue()).height) == (33, 17)


def test_ogg_opus_duration_from_last_page() -> None:
    head = b"OggS" + bytes(24) + b"OpusHead" + bytes([1, 1]) + struct.pack("<H", 312) + bytes(20)
    last_page = b"OggS\x00\x04" + struct.pack("<q", 48000 * 9 + 312) + bytes(20)
    found = probe(head, b"junk" + last_page)
    assert (found.mimetype, found.seconds) == ("audio/ogg; codecs=opus", 9)


def test_mp4_duration_from_mvhd() -> None:
    mvhd = (
        struct.pack(">I", 108) + b"mvhd" + bytes([0, 0, 0, 0]) + bytes(8) + struct.pack(">II", 1000, 12_400)
    )
    data = (
        struct.pack(">I", 16) + b"ftypisom" + bytes(4) + struct.pack(">I", 116) + b"moov" + mvhd + bytes(80)
    )
    assert probe(data).seconds == 12


def test_unknown_and_truncated_input_gives_nothing() -> None:
    assert probe(b"hello") == probe(b"")
    assert probe(b"\x89PNG\r\n\x1a\n").width is None
    assert probe(b"\xff\xd8\xff\xe0\x00").width is None
    assert sniff_mimetype(b"%PDF-1.7") == "application/pdf"


def test_thumbnails_are_small_and_report_the_full_size() -> None:
    made = jpeg_thumbnail(image_bytes("PNG", (800, 400)))
    assert made is not None
    thumb, width, height = made
    assert (width, height) == (800, 400)
    with PIL.open(io.BytesIO(thumb)) as small:
        assert small.format == "JPEG" and max(small.size) <= 72
    png = jpeg_thumbnail(image_bytes("WEBP"), png=True)
    assert png is not None and png[0].startswith(b"\x89PNG")
    assert jpeg_thumbnail(b"not an image") is None
