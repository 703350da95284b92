"""Pairing by phone code ("link with phone number instead"), both ends of the math.

The companion shows an 8-character code; the user types it into the phone. Each side
wraps a fresh X25519 ephemeral public key with a key stretched from the code
(PBKDF2-SHA256, 131 072 rounds) so only someone who knows the code can unwrap it. Then:

1. companion -> server ``companion_hello``: its wrapped ephemeral (``salt32 || iv16 || ctr32``);
2. phone -> companion (notification): the phone's wrapped ephemeral and identity key;
3. companion -> phone ``companion_finish``: a key bundle, AES-GCM under
   HKDF(DH(ephemerals), salt, "link_code_pairing_key_bundle_encryption_key"), holding
   ``companion_identity || primary_identity || random32``;
4. both derive the ADV secret =
   HKDF(DH(ephemerals) || DH(identities) || random32, info "adv_secret", 32),
   which then authenticates ``pair-success`` exactly as after a QR scan.

Sources: Baileys ``requestPairingCode`` / ``link_code_companion_reg`` handling and whatsmeow
``pair-code.go`` (companion side). The primary side is the mirror image, written for the test
server's simulated phone.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from waproto.crypto import (
    KeyPair,
    RandomSource,
    aes_ctr,
    aes_gcm_decrypt,
    aes_gcm_encrypt,
    agree,
    hkdf,
)
from waproto.errors import CryptoError, PairingError

__all__ = [
    "LINK_CODE_ALPHABET",
    "LINK_CODE_LENGTH",
    "PBKDF2_ITERATIONS",
    "CompanionFinish",
    "companion_finish",
    "derive_adv_secret",
    "format_link_code",
    "generate_link_code",
    "link_code_key",
    "normalize_link_code",
    "primary_finish",
    "unwrap_ephemeral",
    "wrap_ephemeral",
]

#: Crockford-like base32 alphabet without 0, I, O and U (whatsmeow ``linkingBase32``).
LINK_CODE_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTVWXYZ"
#: Characters in a code: 5 random bytes = 40 bits = 8 base32 digits.
LINK_CODE_LENGTH = 8
#: PBKDF2 rounds, ``2 << 16`` in both Baileys and whatsmeow.
PBKDF2_ITERATIONS = 2 << 16

_KEY_BUNDLE_INFO = b"link_code_pairing_key_bundle_encryption_key"
_ADV_SECRET_INFO = b"adv_secret"
_SALT_LEN = 32
_CTR_IV_LEN = 16
_GCM_IV_LEN = 12
_WRAPPED_LEN = _SALT_LEN + _CTR_IV_LEN + 32
#: Bundle plaintext is two 32-byte keys and 32 random bytes; GCM adds a 16-byte tag.
_BUNDLE_LEN = _SALT_LEN + _GCM_IV_LEN + 3 * 32 + 16


def generate_link_code(random: RandomSource = os.urandom) -> str:
    """Draw a fresh 8-character code from 5 random bytes."""
    value = int.from_bytes(random(5), "big")
    return "".join(LINK_CODE_ALPHABET[(value >> shift) & 31] for shift in range(35, -1, -5))


def format_link_code(code: str) -> str:
    """Show a code as the phone expects it typed, ``ABCD-EFGH`` (whatsmeow's display form)."""
    code = normalize_link_code(code)
    return f"{code[:4]}-{code[4:]}"


def normalize_link_code(text: str) -> str:
    """Accept ``ABCD-EFGH``, ``abcdefgh`` or spaced forms and return the bare 8 characters.

    Raises:
        PairingError: not 8 characters of the link-code alphabet.
    """
    code = text.replace("-", "").replace(" ", "").upper()
    if len(code) != LINK_CODE_LENGTH or any(ch not in LINK_CODE_ALPHABET for ch in code):
        raise PairingError(f"link code must be {LINK_CODE_LENGTH} characters of {LINK_CODE_ALPHABET}")
    return code


def link_code_key(code: str, salt: bytes) -> bytes:
    """Stretch the code (any form :func:`normalize_link_code` accepts) into the AES-CTR wrapping key.

    Raises:
        PairingError: ``code`` is not a link code.
    """
    return hashlib.pbkdf2_hmac(
        "sha256", normalize_link_code(code).encode("ascii"), salt, PBKDF2_ITERATIONS, 32
    )


def wrap_ephemeral(code: str, public: bytes, *, random: RandomSource = os.urandom) -> bytes:
    """Encrypt an ephemeral public key under the code: ``salt32 || iv16 || AES-CTR(public)``."""
    if len(public) != 32:
        raise ValueError("ephemeral public key must be 32 bytes")
    salt = random(_SALT_LEN)
    iv = random(_CTR_IV_LEN)
    return salt + iv + aes_ctr(link_code_key(code, salt), iv, public)


def unwrap_ephemeral(code: str, wrapped: bytes) -> bytes:
    """Recover the ephemeral public key the peer wrapped with the same code.

    A wrong code is not detected here (CTR has no tag); it shows up later as a failed
    key-bundle decryption or a mismatching ADV secret.

    Raises:
        PairingError: ``wrapped`` is not 80 bytes.
    """
    if len(wrapped) != _WRAPPED_LEN:
        raise PairingError(f"wrapped ephemeral key must be {_WRAPPED_LEN} bytes, got {len(wrapped)}")
    salt, iv, ciphertext = wrapped[:_SALT_LEN], wrapped[_SALT_LEN:48], wrapped[48:]
    return aes_ctr(link_code_key(code, salt), iv, ciphertext)


def derive_adv_secret(ephemeral_shared: bytes, identity_shared: bytes, adv_random: bytes) -> bytes:
    """ADV secret both sides derive once the key bundle is exchanged."""
    return hkdf(ephemeral_shared + identity_shared + adv_random, 32, info=_ADV_SECRET_INFO)


@dataclass(frozen=True, slots=True)
class CompanionFinish:
    """The companion's result of the code exchange."""

    wrapped_key_bundle: bytes
    """Content of ``<link_code_pairing_wrapped_key_bundle>``: ``salt32 || iv12 || AES-GCM(bundle)``."""
    adv_secret: bytes
    """The ADV secret to check ``pair-success`` with; store it in the credentials."""

    def __repr__(self) -> str:
        return "CompanionFinish(<secret>)"


def companion_finish(
    *,
    code: str,
    companion_ephemeral: KeyPair,
    companion_identity: KeyPair,
    primary_identity_public: bytes,
    wrapped_primary_ephemeral: bytes,
    random: RandomSource = os.urandom,
) -> CompanionFinish:
    """Answer the phone's ``link_code_companion_reg`` notification (companion side).

    Args:
        code: the code the companion showed (any form :func:`normalize_link_code` accepts).
        companion_ephemeral: the ephemeral key pair wrapped in ``companion_hello``.
        companion_identity: the companion's Signal identity key pair.
        primary_identity_public: ``<primary_identity_pub>`` of the notification.
        wrapped_primary_ephemeral: ``<link_code_pairing_wrapped_primary_ephemeral_pub>``.
        random: source of the ADV randomness, the bundle salt and the GCM nonce.

    Raises:
        PairingError: malformed code, wrapped key or identity key.
    """
    if len(primary_identity_public) != 32:
        raise PairingError("primary identity public key must be 32 bytes")
    primary_ephemeral = unwrap_ephemeral(code, wrapped_primary_ephemeral)
    ephemeral_shared = _agree(companion_ephemeral.private, primary_ephemeral)
    adv_random = random(32)
    salt = random(_SALT_LEN)
    iv = random(_GCM_IV_LEN)
    bundle_key = hkdf(ephemeral_shared, 32, salt=salt, info=_KEY_BUNDLE_INFO)
    bundle = companion_identity.public + primary_identity_public + adv_random
    wrapped_bundle = salt + iv + aes_gcm_encrypt(bundle_key, iv, bundle)
    identity_shared = _agree(companion_identity.private, primary_identity_public)
    return CompanionFinish(
        wrapped_key_bundle=wrapped_bundle,
        adv_secret=derive_adv_secret(ephemeral_shared, identity_shared, adv_random),
    )


def primary_finish(
    *,
    primary_ephemeral: KeyPair,
    primary_identity: KeyPair,
    companion_ephemeral_public: bytes,
    companion_identity_public: bytes,
    wrapped_key_bundle: bytes,
) -> bytes:
    """Open the companion's key bundle and derive the ADV secret (phone side, test server).

    Args:
        primary_ephemeral: the ephemeral key pair the phone wrapped with the code.
        primary_identity: the phone's identity key pair.
        companion_ephemeral_public: the companion's ephemeral, unwrapped from ``companion_hello``.
        companion_identity_public: ``<companion_identity_public>`` of ``companion_finish``.
        wrapped_key_bundle: ``<link_code_pairing_wrapped_key_bundle>`` of ``companion_finish``.

    Returns:
        The 32-byte ADV secret, equal to the companion's.

    Raises:
        PairingError: the bundle does not decrypt (wrong code) or names other keys.
    """
    if len(wrapped_key_bundle) != _BUNDLE_LEN:
        raise PairingError(f"wrapped key bundle must be {_BUNDLE_LEN} bytes, got {len(wrapped_key_bundle)}")
    salt, iv = wrapped_key_bundle[:_SALT_LEN], wrapped_key_bundle[_SALT_LEN : _SALT_LEN + _GCM_IV_LEN]
    ephemeral_shared = _agree(primary_ephemeral.private, companion_ephemeral_public)
    bundle_key = hkdf(ephemeral_shared, 32, salt=salt, info=_KEY_BUNDLE_INFO)
    try:
        bundle = aes_gcm_decrypt(bundle_key, iv, wrapped_key_bundle[_SALT_LEN + _GCM_IV_LEN :])
    except CryptoError:
        raise PairingError("link-code key bundle does not decrypt (wrong code?)") from None
    if bundle[:32] != companion_identity_public or bundle[32:64] != primary_identity.public:
        raise PairingError("link-code key bundle names other identity keys")
    identity_shared = _agree(primary_identity.private, companion_identity_public)
    return derive_adv_secret(ephemeral_shared, identity_shared, bundle[64:])


def _agree(private: bytes, public: bytes) -> bytes:
    try:
        return agree(private, public)
    except CryptoError as exc:
        raise PairingError(f"link-code key agreement failed: {exc}") from None
