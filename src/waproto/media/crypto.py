"""WhatsApp media encryption, streamed: HKDF keys, AES-256-CBC, a 10-byte HMAC, two SHA-256s.

An uploaded blob is ``AES-256-CBC-PKCS7(cipherKey, iv, plain) || HMAC-SHA256(macKey, iv ||
ciphertext)[:10]``; the message carries ``fileSha256`` (of the plaintext), ``fileEncSha256``
(of the blob) and ``fileLength``. Both directions work in chunks so a 100 MB file never sits
in memory: :class:`MediaEncryptor` turns plaintext chunks into blob chunks, and
:class:`MediaDecryptor` turns blob chunks into plaintext chunks that are *not yet valid*: only
:meth:`MediaDecryptor.finalize` says whether they are (encrypted hash, MAC, padding, plaintext
hash, in whatsmeow's order), so callers buffer or write to a temporary file until then.

Pure code over bytes (no I/O); facts from whatsmeow ``download.go`` and Baileys
``messages-media.ts`` (protocol-wave2.md section 2).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from waproto.crypto import hkdf
from waproto.errors import (
    CryptoError,
    MediaHashMismatch,
    MediaIntegrityError,
    MediaMACMismatch,
    MediaTruncated,
)
from waproto.media.types import MediaType

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers import CipherContext

__all__ = [
    "MAC_LENGTH",
    "MEDIA_KEY_LENGTH",
    "EncryptedMedia",
    "MediaDecryptor",
    "MediaEncryptor",
    "MediaKeys",
    "decrypt_media",
    "encrypt_media",
    "media_keys",
]

MEDIA_KEY_LENGTH = 32
"""Length of the random ``mediaKey`` (whatsmeow and Baileys both draw 32 bytes)."""
MAC_LENGTH = 10
"""The HMAC-SHA256 is truncated to 10 bytes (whatsmeow ``mediaHMACLength``)."""
_EXPANDED_LENGTH = 112
_BLOCK = 16


@dataclass(frozen=True, slots=True)
class MediaKeys:
    """The 112 bytes HKDF expands a media key into, split as whatsmeow does."""

    iv: bytes
    """AES-CBC IV (bytes 0..16)."""
    cipher_key: bytes
    """AES-256 key (bytes 16..48)."""
    mac_key: bytes
    """HMAC-SHA256 key (bytes 48..80)."""
    ref_key: bytes
    """Bytes 80..112; unused by the protocol today, kept for completeness."""

    def __repr__(self) -> str:
        return "MediaKeys(<redacted>)"


def media_keys(media_key: bytes, media_type: MediaType) -> MediaKeys:
    """Expand ``media_key`` with HKDF-SHA256 (empty salt) and the type's info string.

    Raises:
        CryptoError: the media key is not 32 bytes long.
    """
    if len(media_key) != MEDIA_KEY_LENGTH:
        raise CryptoError(f"media key must be {MEDIA_KEY_LENGTH} bytes, got {len(media_key)}")
    expanded = hkdf(media_key, _EXPANDED_LENGTH, info=media_type.hkdf_info)
    return MediaKeys(expanded[:16], expanded[16:48], expanded[48:80], expanded[80:])


class MediaEncryptor:
    """Encrypt a plaintext stream into the blob WhatsApp's media hosts store.

    Call :meth:`update` with each plaintext chunk and send what it returns, then
    :meth:`finalize` once and send its bytes (last block and MAC); after that
    :attr:`file_sha256`, :attr:`file_enc_sha256`, :attr:`file_length` and
    :attr:`enc_length` hold the message fields.
    """

    __slots__ = ("_cipher", "_enc_hash", "_finalized", "_mac", "_pending", "_plain_hash", "enc_length",
                 "file_length")

    def __init__(self, keys: MediaKeys) -> None:
        self._cipher: CipherContext = Cipher(algorithms.AES(keys.cipher_key), modes.CBC(keys.iv)).encryptor()
        self._mac = hmac.new(keys.mac_key, keys.iv, hashlib.sha256)
        self._plain_hash = hashlib.sha256()
        self._enc_hash = hashlib.sha256()
        self._pending = b""
        self._finalized = False
        self.file_length = 0
        """Plaintext bytes seen so far (``fileLength`` once finalized)."""
        self.enc_length = 0
        """Blob bytes produced so far (ciphertext and, once finalized, the MAC)."""

    def update(self, chunk: bytes) -> bytes:
        """Take a plaintext chunk; return the ciphertext ready so far (whole blocks only)."""
        if self._finalized:
            raise CryptoError("media encryptor already finalized")
        self._plain_hash.update(chunk)
        self.file_length += len(chunk)
        data = self._pending + chunk if self._pending else chunk
        whole = len(data) - len(data) % _BLOCK
        self._pending = bytes(data[whole:])
        return self._emit(self._cipher.update(data[:whole]) if whole else b"")

    def finalize(self) -> bytes:
        """Pad and encrypt the tail; return the last ciphertext block(s) and the 10-byte MAC."""
        if self._finalized:
            raise CryptoError("media encryptor already finalized")
        self._finalized = True
        pad = _BLOCK - len(self._pending) % _BLOCK
        tail = self._cipher.update(self._pending + bytes([pad]) * pad) + self._cipher.finalize()
        self._pending = b""
        self._mac.update(tail)
        out = tail + self._mac.digest()[:MAC_LENGTH]
        self._enc_hash.update(out)
        self.enc_length += len(out)
        return out

    def _emit(self, ciphertext: bytes) -> bytes:
        self._mac.update(ciphertext)
        self._enc_hash.update(ciphertext)
        self.enc_length += len(ciphertext)
        return ciphertext

    @property
    def file_sha256(self) -> bytes:
        """SHA-256 of the plaintext (``fileSha256``); valid after :meth:`finalize`."""
        self._require_final()
        return self._plain_hash.digest()

    @property
    def file_enc_sha256(self) -> bytes:
        """SHA-256 of the blob (``fileEncSha256``); valid after :meth:`finalize`."""
        self._require_final()
        return self._enc_hash.digest()

    def _require_final(self) -> None:
        if not self._finalized:
            raise CryptoError("hashes are known only after finalize()")


class MediaDecryptor:
    """Decrypt a downloaded blob in chunks and verify it as whatsmeow does.

    :meth:`update` returns plaintext chunks that are **unverified**: keep them in a buffer or
    a temporary file. :meth:`finalize` checks, in whatsmeow's order, the blob's length, its
    SHA-256 against ``fileEncSha256``, the 10-byte MAC, the padding and the plaintext's SHA-256
    against ``fileSha256``; it returns the last plaintext bytes only when all hold and raises
    :class:`MediaTruncated`, :class:`MediaHashMismatch` or :class:`MediaMACMismatch` otherwise.
    Either expected hash may be ``None`` when the message lacks it (the MAC is always checked).
    """

    __slots__ = ("_cipher", "_enc_hash", "_enc_sha256", "_file_sha256", "_finalized", "_held", "_mac",
                 "_plain_hash", "_plain_tail", "received")

    def __init__(self, keys: MediaKeys, *, file_enc_sha256: bytes | None = None,
                 file_sha256: bytes | None = None) -> None:
        self._cipher: CipherContext = Cipher(algorithms.AES(keys.cipher_key), modes.CBC(keys.iv)).decryptor()
        self._mac = hmac.new(keys.mac_key, keys.iv, hashlib.sha256)
        self._enc_hash = hashlib.sha256()
        self._plain_hash = hashlib.sha256()
        self._enc_sha256 = file_enc_sha256
        self._file_sha256 = file_sha256
        # The last MAC_LENGTH bytes seen may be the MAC, and the last plaintext block holds
        # the padding: both are held back until finalize().
        self._held = b""
        self._plain_tail = b""
        self._finalized = False
        self.received = 0
        """Blob bytes fed so far."""

    def update(self, chunk: bytes) -> bytes:
        """Take a blob chunk; return the (unverified) plaintext that can be released so far."""
        if self._finalized:
            raise CryptoError("media decryptor already finalized")
        self.received += len(chunk)
        self._enc_hash.update(chunk)
        data = self._held + chunk if self._held else chunk
        # Keep the possible MAC plus a partial block back; pass whole blocks to AES.
        usable = len(data) - MAC_LENGTH
        usable -= usable % _BLOCK
        if usable <= 0:
            self._held = bytes(data)
            return b""
        ciphertext, self._held = data[:usable], bytes(data[usable:])
        self._mac.update(ciphertext)
        plain = self._plain_tail + self._cipher.update(ciphertext)
        # The last block may be padding: release everything but it.
        self._plain_tail, plain = plain[-_BLOCK:], plain[:-_BLOCK]
        self._plain_hash.update(plain)
        return plain

    def finalize(self) -> bytes:
        """Verify the whole blob and return the last plaintext bytes.

        Raises:
            MediaTruncated: the blob is too short or not whole AES blocks plus a MAC.
            MediaHashMismatch: SHA-256 of the blob or of the plaintext is not the expected one.
            MediaMACMismatch: the 10-byte HMAC does not match (tampered or wrong key).
        """
        if self._finalized:
            raise CryptoError("media decryptor already finalized")
        self._finalized = True
        if self.received <= MAC_LENGTH:
            raise MediaTruncated(f"media blob of {self.received} bytes is too short")
        if self._enc_sha256 is not None and not hmac.compare_digest(
            self._enc_hash.digest(), self._enc_sha256
        ):
            raise MediaHashMismatch("encrypted media SHA-256 does not match fileEncSha256", which="enc")
        ciphertext, mac = self._held[:-MAC_LENGTH], self._held[-MAC_LENGTH:]
        if len(ciphertext) % _BLOCK or self.received - MAC_LENGTH < _BLOCK:
            raise MediaTruncated("media blob is not whole AES blocks plus a MAC")
        self._mac.update(ciphertext)
        if not hmac.compare_digest(self._mac.digest()[:MAC_LENGTH], mac):
            raise MediaMACMismatch("media MAC does not match")
        padded = self._plain_tail + self._cipher.update(ciphertext) + self._cipher.finalize()
        pad = padded[-1]
        if not 1 <= pad <= _BLOCK or padded[-pad:] != bytes([pad]) * pad:
            raise MediaIntegrityError("media padding is invalid although the MAC matched")
        tail = padded[:-pad]
        self._plain_hash.update(tail)
        if self._file_sha256 is not None and not hmac.compare_digest(
            self._plain_hash.digest(), self._file_sha256
        ):
            raise MediaHashMismatch("decrypted media SHA-256 does not match fileSha256", which="plain")
        return tail


@dataclass(frozen=True, slots=True)
class EncryptedMedia:
    """A whole encrypted blob and the message fields it yields (small media only)."""

    blob: bytes
    file_sha256: bytes
    file_enc_sha256: bytes
    file_length: int


def encrypt_media(plaintext: bytes, media_key: bytes, media_type: MediaType) -> EncryptedMedia:
    """Encrypt a small payload in one call (thumbnails, history blobs, tests)."""
    enc = MediaEncryptor(media_keys(media_key, media_type))
    blob = enc.update(plaintext) + enc.finalize()
    return EncryptedMedia(blob, enc.file_sha256, enc.file_enc_sha256, enc.file_length)


def decrypt_media(blob: bytes, media_key: bytes, media_type: MediaType, *,
                  file_enc_sha256: bytes | None = None, file_sha256: bytes | None = None) -> bytes:
    """Decrypt and verify a small blob in one call; raises like :meth:`MediaDecryptor.finalize`."""
    dec = MediaDecryptor(media_keys(media_key, media_type), file_enc_sha256=file_enc_sha256,
                         file_sha256=file_sha256)
    head = dec.update(blob)
    return head + dec.finalize()
