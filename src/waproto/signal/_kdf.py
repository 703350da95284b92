"""The key derivations of Signal v3 as libsignal-node computes them."""

from __future__ import annotations

import hashlib
import hmac

__all__ = [
    "GROUP_INFO",
    "MESSAGE_KEYS_INFO",
    "RATCHET_INFO",
    "TEXT_INFO",
    "ZERO_SALT",
    "chain_step",
    "derive_secrets",
    "message_keys",
]

TEXT_INFO = b"WhisperText"
RATCHET_INFO = b"WhisperRatchet"
MESSAGE_KEYS_INFO = b"WhisperMessageKeys"
GROUP_INFO = b"WhisperGroup"
ZERO_SALT = bytes(32)

_MESSAGE_KEY_SEED = b"\x01"
_CHAIN_KEY_SEED = b"\x02"
_sha256 = hashlib.sha256


def derive_secrets(ikm: bytes, salt: bytes, info: bytes, chunks: int) -> list[bytes]:
    """HKDF-SHA256 (RFC 5869) returned as ``chunks`` 32-byte blocks, like libsignal's ``deriveSecrets``.

    Written over ``hmac`` directly because it runs several times per message and
    the block list is what every caller wants.
    """
    prk = hmac.new(salt, ikm, _sha256).digest()
    blocks: list[bytes] = []
    previous = b""
    for counter in range(1, chunks + 1):
        previous = hmac.new(prk, previous + info + bytes((counter,)), _sha256).digest()
        blocks.append(previous)
    return blocks


def chain_step(chain_key: bytes) -> tuple[bytes, bytes]:
    """One symmetric-ratchet step: ``(message key seed, next chain key)`` (HMAC with 0x01 / 0x02)."""
    return (
        hmac.new(chain_key, _MESSAGE_KEY_SEED, _sha256).digest(),
        hmac.new(chain_key, _CHAIN_KEY_SEED, _sha256).digest(),
    )


def message_keys(seed: bytes) -> tuple[bytes, bytes, bytes]:
    """Expand a 1:1 message key seed into ``(cipher key 32, mac key 32, iv 16)``."""
    cipher_key, mac_key, rest = derive_secrets(seed, ZERO_SALT, MESSAGE_KEYS_INFO, 3)
    return cipher_key, mac_key, rest[:16]
