"""Media types (HKDF info, upload path) and the values an upload yields and a download needs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["MediaRef", "MediaType", "UploadedMedia"]


class MediaType(Enum):
    """A kind of encrypted blob, named as Baileys names it (``MEDIA_HKDF_KEY_MAPPING`` keys).

    ``hkdf_info`` is ``"WhatsApp <X> Keys"`` (whatsmeow ``download.go``, Baileys
    ``hkdfInfoKey``); ``mms_type`` is the ``/mms/<type>/`` upload segment (whatsmeow
    ``mediaTypeToMMSType``). Baileys also maps ``ppic`` and ``product-catalog-image`` to an
    empty X ("WhatsApp  Keys"), an artefact no WhatsApp client uses; they are left out.
    """

    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    DOCUMENT = "document"
    STICKER = "sticker"
    GIF = "gif"
    PTT = "ptt"
    PTV = "ptv"
    PRODUCT = "product"
    HISTORY = "md-msg-hist"
    APP_STATE = "md-app-state"
    THUMBNAIL_IMAGE = "thumbnail-image"
    THUMBNAIL_VIDEO = "thumbnail-video"
    THUMBNAIL_DOCUMENT = "thumbnail-document"
    THUMBNAIL_LINK = "thumbnail-link"
    STICKER_PACK = "sticker-pack"
    PAYMENT_BACKGROUND = "payment-bg-image"

    @property
    def hkdf_info(self) -> bytes:
        """The HKDF ``info`` for this type's keys, e.g. ``b"WhatsApp Image Keys"``."""
        return f"WhatsApp {_KEY_NAMES[self]} Keys".encode()

    @property
    def mms_type(self) -> str:
        """The path segment uploads go to: ``POST /mms/<mms_type>/<token>``."""
        return _MMS_TYPES.get(self, self.value)


_KEY_NAMES: dict[MediaType, str] = {
    MediaType.IMAGE: "Image",
    MediaType.STICKER: "Image",
    MediaType.PRODUCT: "Image",
    MediaType.VIDEO: "Video",
    MediaType.GIF: "Video",
    MediaType.PTV: "Video",
    MediaType.AUDIO: "Audio",
    MediaType.PTT: "Audio",
    MediaType.DOCUMENT: "Document",
    MediaType.HISTORY: "History",
    MediaType.APP_STATE: "App State",
    MediaType.THUMBNAIL_IMAGE: "Image Thumbnail",
    MediaType.THUMBNAIL_VIDEO: "Video Thumbnail",
    MediaType.THUMBNAIL_DOCUMENT: "Document Thumbnail",
    MediaType.THUMBNAIL_LINK: "Link Thumbnail",
    MediaType.STICKER_PACK: "Sticker Pack",
    MediaType.PAYMENT_BACKGROUND: "Payment Background",
}

# Where the upload path differs from the type's own name (whatsmeow mediaTypeToMMSType).
# gif, ptt and ptv are flavours of video and audio messages: whatsmeow and Baileys upload
# them under the base kind.
_MMS_TYPES: dict[MediaType, str] = {
    MediaType.STICKER: "image",
    MediaType.PRODUCT: "image",
    MediaType.GIF: "video",
    MediaType.PTV: "video",
    MediaType.PTT: "audio",
}


@dataclass(frozen=True, slots=True)
class UploadedMedia:
    """What a message needs after an upload."""

    url: str
    direct_path: str
    media_key: bytes
    file_sha256: bytes
    file_enc_sha256: bytes
    file_length: int
    handle: str | None = None

    def __repr__(self) -> str:
        return f"UploadedMedia(direct_path={self.direct_path!r}, file_length={self.file_length})"


@dataclass(frozen=True, slots=True)
class MediaRef:
    """Where a blob is and how to verify it: the download half of a media message."""

    media_type: MediaType
    media_key: bytes
    direct_path: str | None
    url: str | None
    file_sha256: bytes | None
    file_enc_sha256: bytes | None
    file_length: int | None = None

    def __repr__(self) -> str:
        return f"MediaRef({self.media_type.value}, direct_path={self.direct_path!r})"
