"""Media: encrypted upload and download of images, video, audio, documents and stickers.

The sans-I/O half (:mod:`.types`, :mod:`.crypto`, :mod:`.conn`) works on bytes and nodes
alone; :mod:`.transfer` moves blobs over HTTPS with httpx, and the service over a session
sits above it.
"""

from __future__ import annotations

from waproto.media.conn import MediaConn
from waproto.media.crypto import (
    MAC_LENGTH,
    MEDIA_KEY_LENGTH,
    EncryptedMedia,
    MediaDecryptor,
    MediaEncryptor,
    MediaKeys,
    decrypt_media,
    encrypt_media,
    media_keys,
)
from waproto.media.transfer import Destination, MediaRef, MediaSource, MediaTransfer, UploadedMedia
from waproto.media.types import MediaType

__all__ = [
    "MAC_LENGTH",
    "MEDIA_KEY_LENGTH",
    "Destination",
    "EncryptedMedia",
    "MediaConn",
    "MediaDecryptor",
    "MediaEncryptor",
    "MediaKeys",
    "MediaRef",
    "MediaSource",
    "MediaTransfer",
    "MediaType",
    "UploadedMedia",
    "decrypt_media",
    "encrypt_media",
    "media_keys",
]
