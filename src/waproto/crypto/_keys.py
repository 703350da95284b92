"""X25519 key pairs and agreement, and Signal's serialized public-key form."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from waproto.errors import CryptoError

__all__ = [
    "DJB_TYPE",
    "KeyPair",
    "RandomSource",
    "agree",
    "generate_keypair",
    "keypair_from_private",
    "serialize_public",
    "unserialize_public",
]

#: Type byte that prefixes a serialized Curve25519 public key in Signal ("DJB" type).
DJB_TYPE = 0x05

#: A source of random bytes, injectable so tests can pin keys.
RandomSource = Callable[[int], bytes]


@dataclass(frozen=True, slots=True)
class KeyPair:
    """An X25519 key pair as raw 32-byte strings.

    The repr hides the private key so a key pair can never end up in a log.
    """

    private: bytes
    public: bytes

    def __repr__(self) -> str:
        return f"KeyPair(public={self.public.hex()})"


def keypair_from_private(private: bytes) -> KeyPair:
    """Build the key pair of a raw 32-byte X25519 private key."""
    if len(private) != 32:
        raise CryptoError(f"X25519 private key must be 32 bytes, got {len(private)}")
    public = X25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()
    return KeyPair(private=private, public=public)


def generate_keypair(random: RandomSource = os.urandom) -> KeyPair:
    """Generate a key pair; the private key is clamped as libsignal stores it."""
    raw = bytearray(random(32))
    raw[0] &= 248
    raw[31] &= 127
    raw[31] |= 64
    return keypair_from_private(bytes(raw))


def agree(private: bytes, public: bytes) -> bytes:
    """X25519 shared secret of our private key and their raw or serialized public key."""
    try:
        peer = X25519PublicKey.from_public_bytes(unserialize_public(public))
        return X25519PrivateKey.from_private_bytes(private).exchange(peer)
    except ValueError as exc:
        raise CryptoError(f"X25519 agreement failed: {exc}") from None


def serialize_public(public: bytes) -> bytes:
    """Signal's 33-byte form of a public key: ``05 || key``."""
    if len(public) != 32:
        raise CryptoError(f"public key must be 32 bytes, got {len(public)}")
    return bytes((DJB_TYPE,)) + public


def unserialize_public(data: bytes) -> bytes:
    """Accept a raw 32-byte key or Signal's ``05 || key`` and return the raw key."""
    if len(data) == 33 and data[0] == DJB_TYPE:
        return data[1:]
    if len(data) == 32:
        return data
    raise CryptoError(f"not a Curve25519 public key ({len(data)} bytes)")
