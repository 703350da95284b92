"""Cheap facts about a file from its first and last bytes: type, image size, audio/video length.

Filling ``width``/``height``/``seconds`` lets receivers lay out a bubble before the download
(Baileys reads them with sharp/jimp and ffmpeg). Here they come from headers alone: PNG,
GIF, JPEG and WebP sizes; Ogg (Opus) and MP4 durations; no decoder runs. Thumbnails need
decoding and come from Pillow when the optional ``waproto[media]`` extra is installed.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

__all__ = ["HEAD_BYTES", "TAIL_BYTES", "Probe", "jpeg_thumbnail", "probe", "sniff_mimetype"]

#: Bytes read from the start and from the end of a file for probing.
HEAD_BYTES = 64 * 1024
TAIL_BYTES = 64 * 1024
#: Thumbnails are at most this many pixels on their long side (WhatsApp Web sends ~32-100 px).
_THUMB_SIDE = 72


@dataclass(frozen=True, slots=True)
class Probe:
    """What the header and trailer told."""

    mimetype: str | None = None
    width: int | None = None
    height: int | None = None
    seconds: int | None = None
    animated: bool = False
    """An animated WebP (the VP8X header's animation flag)."""


def sniff_mimetype(head: bytes) -> str | None:
    """The mimetype magic bytes announce, for sources without a file name."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"OggS"):
        return "audio/ogg; codecs=opus" if b"OpusHead" in head[:128] else "audio/ogg"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3"):
        return "audio/mpeg"
    return None


def probe(head: bytes, tail: bytes = b"", *, size: int | None = None) -> Probe:
    """Read type, dimensions and duration from the first and last bytes of a file."""
    mimetype = sniff_mimetype(head)
    dims = _image_size(head)
    seconds = None
    if mimetype is not None and mimetype.startswith("audio/ogg"):
        seconds = _ogg_seconds(head, tail or head)
    elif mimetype == "video/mp4":
        seconds = _mp4_seconds(head) or _mp4_seconds(tail)
    # WebP container spec: VP8X flags byte, bit 1 = animation.
    animated = head[:4] == b"RIFF" and head[12:16] == b"VP8X" and len(head) > 20 and bool(head[20] & 0x02)
    return Probe(mimetype, dims[0] if dims else None, dims[1] if dims else None, seconds, animated)


def _image_size(head: bytes) -> tuple[int, int] | None:
    try:
        if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
            width, height = struct.unpack(">II", head[16:24])
            return width, height
        if head[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack("<HH", head[6:10])
            return width, height
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return _webp_size(head)
        if head.startswith(b"\xff\xd8"):
            return _jpeg_size(head)
    except struct.error:
        return None
    return None


def _webp_size(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8X":
        return 1 + int.from_bytes(head[24:27], "little"), 1 + int.from_bytes(head[27:30], "little")
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and head[20] == 0x2F:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(head):
        if head[i] != 0xFF:
            return None
        marker = head[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        length = struct.unpack(">H", head[i + 2 : i + 4])[0]
        # Start-of-frame markers (baseline, progressive, ...) carry the size; C4/C8/CC do not.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", head[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None


def _ogg_seconds(head: bytes, tail: bytes) -> int | None:
    """Duration of an Ogg Opus stream: last page's granule position at 48 kHz minus pre-skip."""
    at = tail.rfind(b"OggS")
    if at < 0 or len(tail) < at + 14:
        return None
    granule: int = struct.unpack("<q", tail[at + 6 : at + 14])[0]
    opus = head.find(b"OpusHead")
    pre_skip: int = struct.unpack("<H", head[opus + 10 : opus + 12])[0] if 0 <= opus <= len(head) - 12 else 0
    if granule <= 0:
        return None
    return max(0, round((granule - pre_skip) / 48000))


def _mp4_seconds(data: bytes) -> int | None:
    """Duration from the ``mvhd`` box, when it is within ``data``."""
    at = data.find(b"mvhd")
    if at < 4 or len(data) < at + 32:
        return None
    version = data[at + 4]
    try:
        if version == 1:
            scale, duration = struct.unpack(">IQ", data[at + 24 : at + 36])
        else:
            scale, duration = struct.unpack(">II", data[at + 16 : at + 24])
    except struct.error:
        return None
    return round(int(duration) / int(scale)) if scale else None


def jpeg_thumbnail(data: bytes | str, *, png: bool = False) -> tuple[bytes, int, int] | None:
    """A small JPEG (PNG for stickers) of an image and its full size, when Pillow is installed.

    ``data`` is the image bytes or a path. Returns None without Pillow or for an image Pillow
    cannot read; a thumbnail is optional in every media message.
    """
    try:
        from PIL import Image
    except ImportError:
        return None
    try:
        with Image.open(io.BytesIO(data) if isinstance(data, bytes) else data) as image:
            size = image.size
            image.draft("RGB", (_THUMB_SIDE * 2, _THUMB_SIDE * 2))  # JPEG: decode at a fraction
            image.thumbnail((_THUMB_SIDE, _THUMB_SIDE))
            out = io.BytesIO()
            if png:
                image.save(out, "PNG")
            else:
                image.convert("RGB").save(out, "JPEG", quality=50)
    except (OSError, ValueError, SyntaxError):
        return None
    return out.getvalue(), size[0], size[1]
