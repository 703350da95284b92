"""Identity material: registration ids, one-time prekeys, signed prekeys, bundles, addresses."""

from __future__ import annotations

import os
from dataclasses import dataclass

from waproto.crypto import (
    KeyPair,
    RandomSource,
    generate_keypair,
    serialize_public,
    unserialize_public,
    xeddsa_sign,
    xeddsa_verify,
)
from waproto.errors import CryptoError, InvalidKey

__all__ = [
    "MAX_PREKEY_ID",
    "PreKey",
    "PreKeyBundle",
    "SignedPreKey",
    "generate_prekeys",
    "generate_registration_id",
    "generate_signed_prekey",
    "protocol_address",
    "require_public_key",
    "sender_key_name",
    "verify_signed_prekey",
]

#: Prekey ids travel as 3 bytes in WhatsApp's ``<key><id>`` nodes, so they stay below 2**24.
MAX_PREKEY_ID = 1 << 24


@dataclass(frozen=True, slots=True)
class PreKey:
    """A one-time prekey: consumed by the first session a peer builds with it."""

    key_id: int
    key_pair: KeyPair


@dataclass(frozen=True, slots=True)
class SignedPreKey:
    """A medium-term prekey whose 33-byte public form is signed by the identity key."""

    key_id: int
    key_pair: KeyPair
    signature: bytes


@dataclass(frozen=True, slots=True)
class PreKeyBundle:
    """What the server hands out for one device so a session can be started without it.

    Public keys may be raw (32 bytes) or serialized (``05 || key``).
    """

    registration_id: int
    identity_key: bytes
    signed_prekey_id: int
    signed_prekey_public: bytes
    signed_prekey_signature: bytes
    prekey_id: int | None = None
    prekey_public: bytes | None = None


def generate_registration_id(random: RandomSource = os.urandom) -> int:
    """A 14-bit registration id, drawn the way libsignal does (1..16380 in practice, never 0)."""
    value = int.from_bytes(random(2), "little") & 0x3FFF
    return value or 1


def generate_prekeys(start_id: int, count: int, random: RandomSource = os.urandom) -> list[PreKey]:
    """Generate ``count`` one-time prekeys with consecutive ids, wrapping below 2**24 and skipping 0."""
    if count < 0:
        raise ValueError("count must not be negative")
    keys: list[PreKey] = []
    key_id = start_id % MAX_PREKEY_ID or 1
    for _ in range(count):
        keys.append(PreKey(key_id, generate_keypair(random)))
        key_id = (key_id + 1) % MAX_PREKEY_ID or 1
    return keys


def generate_signed_prekey(identity: KeyPair, key_id: int, random: RandomSource = os.urandom) -> SignedPreKey:
    """Generate a prekey and sign ``05 || public`` with the identity key (XEdDSA)."""
    if not 0 <= key_id < MAX_PREKEY_ID:
        raise ValueError(f"signed prekey id {key_id} out of range")
    key_pair = generate_keypair(random)
    signature = xeddsa_sign(identity.private, serialize_public(key_pair.public), random)
    return SignedPreKey(key_id, key_pair, signature)


def require_public_key(data: bytes, what: str) -> bytes:
    """Return the 33-byte serialized form of a raw or serialized public key, or raise InvalidKey."""
    try:
        return serialize_public(unserialize_public(data))
    except CryptoError:
        raise InvalidKey(f"{what} is not a Curve25519 public key ({len(data)} bytes)") from None


def verify_signed_prekey(identity_key: bytes, signed_prekey_public: bytes, signature: bytes) -> bool:
    """Check a signed prekey's signature; the signed message is the 33-byte serialized key."""
    return xeddsa_verify(identity_key, require_public_key(signed_prekey_public, "signed prekey"), signature)


def protocol_address(name: str, device: int) -> str:
    """libsignal's address string ``name.device`` under which sessions are stored.

    ``name`` is a JID's ``signal_address_name`` (the user, or ``user_<agent>``).
    """
    if "." in name:
        raise ValueError(f"address name {name!r} must not contain '.'")
    return f"{name}.{device}"


def sender_key_name(group: str, name: str, device: int) -> str:
    """Store name of a sender key, ``group::user::device`` as Baileys writes it."""
    return f"{group}::{name}::{device}"
