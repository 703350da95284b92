"""Media: encrypted upload and download of images, video, audio, documents and stickers.

The sans-I/O half (:mod:`.types`, :mod:`.crypto`) works on bytes alone; the transfer and the
service over a session sit above it.
"""

from __future__ import annotations

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
from waproto.media.types import MediaType

__all__ = [
    "MAC_LENGTH",
    "MEDIA_KEY_LENGTH",
    "EncryptedMedia",
    "MediaDecryptor",
    "MediaEncryptor",
    "MediaKeys",
    "MediaType",
    "decrypt_media",
    "encrypt_media",
    "media_keys",
]
