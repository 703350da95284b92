"""HKDF, HMAC and the AES modes WhatsApp uses (GCM, CBC with PKCS#7, CTR)."""

from __future__ import annotations

import hashlib
import hmac as _hmac

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from waproto.errors import CryptoError

__all__ = [
    "aes_cbc_decrypt",
    "aes_cbc_encrypt",
    "aes_ctr",
    "aes_gcm_decrypt",
    "aes_gcm_encrypt",
    "hkdf",
    "hmac_sha256",
    "sha256",
]


def hkdf(ikm: bytes, length: int, *, salt: bytes = b"", info: bytes = b"") -> bytes:
    """HKDF-SHA256 (RFC 5869); an empty salt means 32 zero bytes, as the RFC says."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt or None, info=info).derive(ikm)


def hmac_sha256(key: bytes, data: bytes) -> bytes:
    """HMAC-SHA256 of ``data``."""
    return _hmac.new(key, data, hashlib.sha256).digest()


def sha256(data: bytes) -> bytes:
    """SHA-256 digest of ``data``."""
    return hashlib.sha256(data).digest()


def aes_gcm_encrypt(key: bytes, iv: bytes, plaintext: bytes, aad: bytes | None = None) -> bytes:
    """AES-GCM encryption; the 16-byte tag is appended to the ciphertext."""
    try:
        return AESGCM(key).encrypt(iv, plaintext, aad)
    except ValueError as exc:
        raise CryptoError(f"AES-GCM encryption failed: {exc}") from None


def aes_gcm_decrypt(key: bytes, iv: bytes, ciphertext: bytes, aad: bytes | None = None) -> bytes:
    """AES-GCM decryption; a wrong tag raises :class:`CryptoError`."""
    try:
        return AESGCM(key).decrypt(iv, ciphertext, aad)
    except InvalidTag:
        raise CryptoError("AES-GCM authentication failed") from None
    except ValueError as exc:
        raise CryptoError(f"AES-GCM decryption failed: {exc}") from None


def aes_cbc_encrypt(key: bytes, iv: bytes, plaintext: bytes) -> bytes:
    """AES-CBC with PKCS#7 padding."""
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    try:
        encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    except ValueError as exc:
        raise CryptoError(f"AES-CBC setup failed: {exc}") from None
    return encryptor.update(padded) + encryptor.finalize()


def aes_cbc_decrypt(key: bytes, iv: bytes, ciphertext: bytes) -> bytes:
    """AES-CBC decryption and PKCS#7 unpadding; bad sizes or padding raise :class:`CryptoError`."""
    if not ciphertext or len(ciphertext) % 16:
        raise CryptoError("AES-CBC ciphertext is not a positive multiple of 16 bytes")
    try:
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        padded = decryptor.update(ciphertext) + decryptor.finalize()
        unpadder = padding.PKCS7(128).unpadder()
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError as exc:
        raise CryptoError(f"AES-CBC decryption failed: {exc}") from None


def aes_ctr(key: bytes, iv: bytes, data: bytes) -> bytes:
    """AES-CTR; the same call encrypts and decrypts."""
    try:
        cipher = Cipher(algorithms.AES(key), modes.CTR(iv)).encryptor()
    except ValueError as exc:
        raise CryptoError(f"AES-CTR setup failed: {exc}") from None
    return cipher.update(data) + cipher.finalize()
