"""Media types: the HKDF info string each one's keys come from and its upload path segment."""

from __future__ import annotations

from enum import Enum

__all__ = ["MediaType"]


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
