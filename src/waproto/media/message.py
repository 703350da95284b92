"""Media messages: build the protobuf after an upload, read a typed view of a received one.

Fields follow protocol-wave2.md section 2.5 (Baileys ``prepareWAMessageMedia``: url,
directPath, mediaKey, fileEncSha256, fileSha256, fileLength, mediaKeyTimestamp, mimetype,
plus caption, dimensions, seconds, ptt, fileName, thumbnails). Pure code over protobufs.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from waproto.media.types import MediaRef, MediaType, UploadedMedia
from waproto.messaging.actions import unwrap
from waproto.proto import wa_e2e_pb2

__all__ = ["MediaDetails", "MediaInfo", "MediaKind", "build_media_message", "guess_mimetype", "media_info"]

MessageProto = wa_e2e_pb2.Message


class MediaKind(StrEnum):
    """The five media message kinds a user sends."""

    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    DOCUMENT = "document"
    STICKER = "sticker"

    @property
    def field(self) -> str:
        """The ``Message`` field holding this kind (``imageMessage`` …)."""
        return f"{self.value}Message"

    @property
    def media_type(self) -> MediaType:
        """Whose HKDF info string the keys use (a sticker is an image, a ptt is audio)."""
        return MediaType(self.value)

    @property
    def default_mimetype(self) -> str:
        """Baileys' defaults when nothing better is known."""
        return _DEFAULT_MIMETYPES[self]


_DEFAULT_MIMETYPES = {
    MediaKind.IMAGE: "image/jpeg",
    MediaKind.VIDEO: "video/mp4",
    MediaKind.AUDIO: "audio/ogg; codecs=opus",
    MediaKind.DOCUMENT: "application/pdf",
    MediaKind.STICKER: "image/webp",
}

def guess_mimetype(kind: MediaKind, filename: str | None, sniffed: str | None = None) -> str:
    """The mimetype a file name (else the sniffed bytes) suggests when it fits the kind, else the default."""
    guessed = mimetypes.guess_type(filename, strict=False)[0] if filename else None
    family = "image" if kind is MediaKind.STICKER else kind.value
    for candidate in (guessed, sniffed):
        if candidate is not None and (kind is MediaKind.DOCUMENT or candidate.startswith(family + "/")):
            # WhatsApp clients announce Ogg voice notes with their codec.
            return "audio/ogg; codecs=opus" if candidate == "audio/ogg" else candidate
    return kind.default_mimetype


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaDetails:
    """What the sender knows about the file besides the upload."""

    mimetype: str
    caption: str | None = None
    filename: str | None = None
    width: int | None = None
    height: int | None = None
    seconds: int | None = None
    ptt: bool = False
    gif: bool = False
    animated: bool = False
    thumbnail: bytes | None = None
    """A small JPEG (PNG for stickers), shown before the download."""


def build_media_message(
    kind: MediaKind,
    uploaded: UploadedMedia,
    details: MediaDetails,
    *,
    now: float,
    context: wa_e2e_pb2.ContextInfo | None = None,
) -> MessageProto:
    """The ``Message`` for an uploaded file; ``now`` is wall time (``mediaKeyTimestamp``)."""
    fields: dict[str, Any] = {
        "url": uploaded.url,
        "directPath": uploaded.direct_path,
        "mediaKey": uploaded.media_key,
        "fileSha256": uploaded.file_sha256,
        "fileEncSha256": uploaded.file_enc_sha256,
        "fileLength": uploaded.file_length,
        "mediaKeyTimestamp": int(now),
        "mimetype": details.mimetype,
    }
    if details.caption and kind is not MediaKind.AUDIO and kind is not MediaKind.STICKER:
        fields["caption"] = details.caption
    if kind in (MediaKind.IMAGE, MediaKind.VIDEO, MediaKind.STICKER) and details.width and details.height:
        fields["width"], fields["height"] = details.width, details.height
    if kind in (MediaKind.VIDEO, MediaKind.AUDIO) and details.seconds is not None:
        fields["seconds"] = details.seconds
    if kind is MediaKind.VIDEO and details.gif:
        fields["gifPlayback"] = True
    if kind is MediaKind.AUDIO and details.ptt:
        fields["ptt"] = True
    if kind is MediaKind.DOCUMENT:
        name = details.filename or "file"
        fields["fileName"] = name
        fields["title"] = name
    if kind is MediaKind.STICKER and details.animated:
        fields["isAnimated"] = True
    if details.thumbnail and kind is not MediaKind.AUDIO:
        fields["pngThumbnail" if kind is MediaKind.STICKER else "jpegThumbnail"] = details.thumbnail
    message = MessageProto()
    content = getattr(message, kind.field)
    for name, value in fields.items():
        setattr(content, name, value)
    if context is not None:
        content.contextInfo.CopyFrom(context)
    return message


@dataclass(frozen=True, slots=True)
class MediaInfo:
    """A typed view of the media in a received message (``Message.media``)."""

    kind: MediaKind
    mimetype: str
    size: int
    """Plaintext length in bytes (``fileLength``)."""
    caption: str | None
    filename: str | None
    width: int | None
    height: int | None
    seconds: int | None
    ptt: bool
    ref: MediaRef
    """What a download needs (keys, hashes, where the blob is)."""

    @property
    def extension(self) -> str:
        """A file extension for saving it (``.jpg``, ``.ogg`` …), from the mimetype."""
        base = self.mimetype.split(";", 1)[0].strip()
        return _EXTENSIONS.get(base) or mimetypes.guess_extension(base, strict=False) or ".bin"


_EXTENSIONS = {"image/jpeg": ".jpg", "audio/ogg": ".ogg", "video/mp4": ".mp4", "image/webp": ".webp",
               "audio/mpeg": ".mp3", "audio/mp4": ".m4a"}


def media_info(message: MessageProto) -> MediaInfo | None:
    """The media view of a ``Message``, or None when it carries no downloadable media."""
    message, _ = unwrap(message)
    for kind in MediaKind:
        if not message.HasField(kind.field):
            continue
        content = getattr(message, kind.field)
        if not content.mediaKey or not (content.directPath or content.url):
            return None
        media_type = kind.media_type
        ref = MediaRef(media_type, content.mediaKey, content.directPath or None, content.url or None,
                       content.fileSha256 or None, content.fileEncSha256 or None, content.fileLength or None)
        has = content.HasField
        return MediaInfo(
            kind=kind,
            mimetype=content.mimetype or kind.default_mimetype,
            size=content.fileLength,
            caption=content.caption if "caption" in _FIELDS[kind] and has("caption") else None,
            filename=content.fileName if kind is MediaKind.DOCUMENT and has("fileName") else None,
            width=content.width if "width" in _FIELDS[kind] and has("width") else None,
            height=content.height if "height" in _FIELDS[kind] and has("height") else None,
            seconds=content.seconds if "seconds" in _FIELDS[kind] and has("seconds") else None,
            ptt=kind is MediaKind.AUDIO and content.ptt,
            ref=ref,
        )
    return None


_FIELDS: dict[MediaKind, frozenset[str]] = {
    kind: frozenset(getattr(MessageProto, kind.field[0].upper() + kind.field[1:]).DESCRIPTOR.fields_by_name)
    for kind in MediaKind
}
