"""XEdDSA: Ed25519-style signatures made and checked with Curve25519 (X25519) keys.

Signal and WhatsApp sign with the identity key, which is an X25519 key. XEdDSA
(https://signal.org/docs/specifications/xeddsa/) maps it to an Edwards key.

* Verifying converts the Montgomery u-coordinate to the Edwards y-coordinate,
  takes the Edwards sign bit from the top bit of signature byte 63 (where
  libsignal's signers put it), and runs ``cryptography``'s Ed25519 verifier.
* Signing needs scalar and point operations that ``cryptography`` does not
  expose; libsodium has them (``crypto_scalarmult_ed25519_base_noclamp`` and the
  ``crypto_core_ed25519_scalar_*`` family), reached through PyNaCl. We chose
  libsodium over the ``xeddsa`` package because it is the maintained library that
  PyNaCl already wraps and ships as wheels on every platform. Only the field
  inverse of the birational map is computed here, with Python's ``pow``.
"""

from __future__ import annotations

import hashlib
import os

from cryptography.exceptions import InvalidSignature as _CryptographyInvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from nacl import bindings as _sodium

from waproto.crypto._keys import RandomSource, unserialize_public
from waproto.errors import CryptoError

__all__ = ["xeddsa_sign", "xeddsa_verify"]

_P = 2**255 - 19
# hash_1 prefix of the XEdDSA spec: the 32-byte little-endian encoding of 2**256 - 2.
_HASH1_PREFIX = b"\xfe" + b"\xff" * 31


def _clamp(private: bytes) -> bytes:
    k = bytearray(private)
    k[0] &= 248
    k[31] &= 127
    k[31] |= 64
    return bytes(k)


def _reduce(data64: bytes) -> bytes:
    return bytes(_sodium.crypto_core_ed25519_scalar_reduce(data64))


def xeddsa_sign(private: bytes, message: bytes, random: RandomSource = os.urandom) -> bytes:
    """Sign ``message`` with an X25519 private key; returns a 64-byte signature.

    Args:
        private: raw 32-byte X25519 private key.
        message: bytes to sign.
        random: source of the 64 random bytes the spec mixes into the nonce.
    """
    if len(private) != 32:
        raise CryptoError(f"private key must be 32 bytes, got {len(private)}")
    a = _clamp(private)
    edwards_public = bytearray(_sodium.crypto_scalarmult_ed25519_base_noclamp(a))
    if edwards_public[31] & 0x80:
        # Force the Edwards sign bit to 0 by negating the scalar (the spec's calculate_key_pair).
        a = bytes(_sodium.crypto_core_ed25519_scalar_negate(a))
        edwards_public[31] &= 0x7F
    z = random(64)
    r = _reduce(hashlib.sha512(_HASH1_PREFIX + a + message + z).digest())
    big_r = bytes(_sodium.crypto_scalarmult_ed25519_base_noclamp(r))
    h = _reduce(hashlib.sha512(big_r + bytes(edwards_public) + message).digest())
    s = _sodium.crypto_core_ed25519_scalar_add(_sodium.crypto_core_ed25519_scalar_mul(h, a), r)
    return big_r + bytes(s)


def xeddsa_verify(public: bytes, message: bytes, signature: bytes) -> bool:
    """Check an XEdDSA (or libsignal ``curve25519_sign``) signature.

    Args:
        public: the signer's X25519 public key, raw or ``05``-prefixed.
        message: the signed bytes.
        signature: 64 bytes; the top bit of byte 63 carries the Edwards sign bit.

    Returns:
        True when the signature is valid; False for any invalid input.
    """
    if len(signature) != 64:
        return False
    try:
        raw = unserialize_public(public)
    except CryptoError:
        return False
    u = int.from_bytes(raw, "little") & ((1 << 255) - 1)
    if u >= _P or (u + 1) % _P == 0:
        return False
    y = (u - 1) * pow(u + 1, -1, _P) % _P
    edwards = bytearray(y.to_bytes(32, "little"))
    edwards[31] |= signature[63] & 0x80
    sig = bytearray(signature)
    sig[63] &= 0x7F
    try:
        Ed25519PublicKey.from_public_bytes(bytes(edwards)).verify(bytes(sig), message)
    except (_CryptographyInvalidSignature, ValueError):
        return False
    return True
