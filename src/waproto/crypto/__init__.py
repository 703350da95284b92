"""Thin, typed crypto helpers over ``cryptography`` (and libsodium for XEdDSA signing).

Pure functions over bytes; nothing here does I/O or keeps state.
"""

from __future__ import annotations

from waproto.crypto._keys import (
    DJB_TYPE,
    KeyPair,
    RandomSource,
    agree,
    generate_keypair,
    keypair_from_private,
    serialize_public,
    unserialize_public,
)
from waproto.crypto._symmetric import (
    aes_cbc_decrypt,
    aes_cbc_encrypt,
    aes_ctr,
    aes_gcm_decrypt,
    aes_gcm_encrypt,
    hkdf,
    hmac_sha256,
    sha256,
)
from waproto.crypto._xeddsa import xeddsa_sign, xeddsa_verify

__all__ = [
    "DJB_TYPE",
    "KeyPair",
    "RandomSource",
    "aes_cbc_decrypt",
    "aes_cbc_encrypt",
    "aes_ctr",
    "aes_gcm_decrypt",
    "aes_gcm_encrypt",
    "agree",
    "generate_keypair",
    "hkdf",
    "hmac_sha256",
    "keypair_from_private",
    "serialize_public",
    "sha256",
    "unserialize_public",
    "xeddsa_sign",
    "xeddsa_verify",
]
