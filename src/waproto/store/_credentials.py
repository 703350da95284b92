"""Device credentials: the long-lived keys and counters of one linked device."""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field, fields
from typing import Any

from waproto.crypto import (
    KeyPair,
    RandomSource,
    generate_keypair,
    keypair_from_private,
    serialize_public,
    xeddsa_sign,
)
from waproto.errors import CryptoError, StoreError

__all__ = ["CREDENTIALS_FORMAT", "Credentials", "new_credentials"]

#: Version of the JSON layout written by :meth:`Credentials.to_bytes`.
CREDENTIALS_FORMAT = 1

_KEY_PAIRS = ("noise_key", "identity_key", "signed_prekey")
_BYTES = ("signed_prekey_signature", "adv_secret_key")
_OPTIONAL_BYTES = ("account", "routing_info")


@dataclass(frozen=True, slots=True)
class Credentials:
    """The keys and counters that make one linked device, stored as one row.

    Frozen so a stored value cannot change behind the store's back; update with
    :func:`dataclasses.replace`. Private keys and the ADV secret never appear in
    ``repr`` (``KeyPair`` hides its private half).
    """

    noise_key: KeyPair
    identity_key: KeyPair
    registration_id: int
    signed_prekey_id: int
    signed_prekey: KeyPair
    signed_prekey_signature: bytes = field(repr=False)
    adv_secret_key: bytes = field(repr=False)
    me: str | None = None
    """Our device JID once paired, e.g. ``"15551234567:3@s.whatsapp.net"``."""
    lid: str | None = None
    account: bytes | None = field(default=None, repr=False)
    """Serialized ``ADVSignedDeviceIdentity`` received at pairing."""
    platform: str = ""
    push_name: str = ""
    next_prekey_id: int = 1
    first_unuploaded_prekey_id: int = 1
    routing_info: bytes | None = field(default=None, repr=False)
    registered: bool = False

    def to_bytes(self) -> bytes:
        """Serialize to compact JSON (bytes as base64) for a single store row."""
        out: dict[str, Any] = {"v": CREDENTIALS_FORMAT}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, KeyPair):
                value = _b64(value.private)
            elif isinstance(value, bytes):
                value = _b64(value)
            out[f.name] = value
        return json.dumps(out, separators=(",", ":"), sort_keys=True).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Credentials:
        """Parse what :meth:`to_bytes` wrote; a corrupt row raises :class:`StoreError`."""
        try:
            raw = json.loads(data)
            if not isinstance(raw, dict) or raw.pop("v", None) != CREDENTIALS_FORMAT:
                raise StoreError("credentials row has an unknown format")
            for name in _KEY_PAIRS:
                raw[name] = keypair_from_private(base64.b64decode(raw[name], validate=True))
            for name in _BYTES:
                raw[name] = base64.b64decode(raw[name], validate=True)
            for name in _OPTIONAL_BYTES:
                if raw.get(name) is not None:
                    raw[name] = base64.b64decode(raw[name], validate=True)
            return cls(**raw)
        except StoreError:
            raise
        except (ValueError, TypeError, KeyError, CryptoError) as exc:
            raise StoreError(f"credentials row is corrupt: {type(exc).__name__}") from None


def new_credentials(random: RandomSource = os.urandom, *, platform: str = "") -> Credentials:
    """Fresh credentials for a device that has not paired yet.

    The registration id is 14 bits and the signed prekey has id 1, as WA Web and
    Baileys create them; the signed prekey is signed over its ``05``-prefixed form.
    """
    identity = generate_keypair(random)
    signed_prekey = generate_keypair(random)
    return Credentials(
        noise_key=generate_keypair(random),
        identity_key=identity,
        registration_id=int.from_bytes(random(2), "big") & 0x3FFF,
        signed_prekey_id=1,
        signed_prekey=signed_prekey,
        signed_prekey_signature=xeddsa_sign(identity.private, serialize_public(signed_prekey.public), random),
        adv_secret_key=random(32),
        platform=platform,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
