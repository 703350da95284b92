"""Pair-success verification and the account/device signatures of ADV.

When the phone links a companion, the server sends ``<pair-success>`` holding an
``ADVSignedDeviceIdentityHMAC``: the phone's signed statement that this companion
(its Signal identity key) is now device N of the account, authenticated with the ADV
secret from the QR code or the link-code exchange. The companion checks the HMAC and
the account signature, countersigns with its identity key and answers with
``<pair-device-sign>``. Later, pkmsg stanzas carry the same signed identity as
``<device-identity>`` so recipients can verify the new device.

Byte layouts (Baileys ``configureSuccessfulPairing``, whatsmeow ``pair.go``):

- HMAC-SHA256(adv_secret, [06 05 if hosted] || signed_identity)
- account signature over ``06 00 || details || companion_identity_pub`` (``06 05`` hosted)
- device signature over ``06 01 || details || companion_identity_pub || account_key`` (``06 06`` hosted)

Both sides live here so the test server's simulated phone can build what the client checks.
"""

from __future__ import annotations

import hmac
import logging
import os
from dataclasses import dataclass
from typing import TypeVar

from google.protobuf.message import Message as _PbMessage

from waproto.crypto import KeyPair, RandomSource, hmac_sha256, xeddsa_sign, xeddsa_verify
from waproto.errors import PairingError
from waproto.proto import decode_message
from waproto.proto import wa_adv_pb2 as adv

__all__ = [
    "ADV_ACCOUNT_SIG_PREFIX",
    "ADV_DEVICE_SIG_PREFIX",
    "ADV_HOSTED_ACCOUNT_SIG_PREFIX",
    "ADV_HOSTED_DEVICE_SIG_PREFIX",
    "PairSuccess",
    "account_signature_message",
    "device_identity_hmac",
    "device_signature_message",
    "encode_device_identity",
    "make_device_identity",
    "verify_device_signature",
    "verify_pair_success",
]

_log = logging.getLogger("waproto.auth")

ADV_ACCOUNT_SIG_PREFIX = b"\x06\x00"
ADV_DEVICE_SIG_PREFIX = b"\x06\x01"
#: Prefixes for hosted (Meta-hosted business) accounts; also keys the HMAC.
ADV_HOSTED_ACCOUNT_SIG_PREFIX = b"\x06\x05"
ADV_HOSTED_DEVICE_SIG_PREFIX = b"\x06\x06"


def account_signature_message(details: bytes, identity_public: bytes, *, hosted: bool = False) -> bytes:
    """Bytes the phone signs with its account key to vouch for the companion's identity key.

    Args:
        details: the serialized ``ADVDeviceIdentity``.
        identity_public: the companion's raw 32-byte Signal identity public key.
        hosted: the device identity is of a hosted account.
    """
    return (ADV_HOSTED_ACCOUNT_SIG_PREFIX if hosted else ADV_ACCOUNT_SIG_PREFIX) + details + identity_public


def device_signature_message(
    details: bytes, identity_public: bytes, account_signature_key: bytes, *, hosted: bool = False
) -> bytes:
    """Bytes the companion signs with its identity key to accept the account.

    Args:
        details: the serialized ``ADVDeviceIdentity``.
        identity_public: the companion's raw 32-byte Signal identity public key.
        account_signature_key: the phone's raw 32-byte account (identity) public key.
        hosted: the device identity is of a hosted account.
    """
    prefix = ADV_HOSTED_DEVICE_SIG_PREFIX if hosted else ADV_DEVICE_SIG_PREFIX
    return prefix + details + identity_public + account_signature_key


def device_identity_hmac(adv_secret: bytes, signed_identity: bytes, *, hosted: bool = False) -> bytes:
    """HMAC that binds a serialized ``ADVSignedDeviceIdentity`` to the ADV secret."""
    return hmac_sha256(adv_secret, (ADV_HOSTED_ACCOUNT_SIG_PREFIX if hosted else b"") + signed_identity)


_M = TypeVar("_M", bound=_PbMessage)


@dataclass(frozen=True, slots=True)
class PairSuccess:
    """What a verified ``pair-success`` yields; the caller stores it and sends the reply."""

    account: bytes
    """The full ``ADVSignedDeviceIdentity`` with our device signature: store it as the account."""
    reply_identity: bytes
    """Content of ``<pair-device-sign><device-identity>``: the account without its signature key."""
    key_index: int
    """``key-index`` attribute of that reply (``ADVDeviceIdentity.keyIndex``)."""
    account_signature_key: bytes
    """The phone's raw 32-byte identity key, to trust as the identity of device 0 of the account."""
    raw_id: int
    """``ADVDeviceIdentity.rawId``, the account's ADV id."""
    timestamp: int
    """``ADVDeviceIdentity.timestamp``, when the phone linked us (Unix seconds)."""
    hosted: bool
    """The account is hosted; later signatures use the hosted prefixes."""


def verify_pair_success(
    device_identity: bytes,
    *,
    adv_secret: bytes,
    identity: KeyPair,
    random: RandomSource = os.urandom,
) -> PairSuccess:
    """Check the ``<device-identity>`` of a ``pair-success`` and countersign it.

    Args:
        device_identity: content of ``<pair-success><device-identity>``, an ``ADVSignedDeviceIdentityHMAC``.
        adv_secret: the 32-byte ADV secret shown in the QR code or derived by link code.
        identity: the companion's Signal identity key pair.
        random: randomness for the XEdDSA device signature.

    Returns:
        The account to store and the reply content.

    Raises:
        PairingError: a malformed message, a wrong HMAC or a bad account signature. The caller
            answers the iq with ``<error code="401" text="not-authorized">`` (whatsmeow).
    """
    container = decode_message(
        adv.ADVSignedDeviceIdentityHMAC, device_identity, "ADVSignedDeviceIdentityHMAC", error=PairingError
    )
    hosted_account = container.accountType == adv.HOSTED
    expected = device_identity_hmac(adv_secret, container.details, hosted=hosted_account)
    if not hmac.compare_digest(expected, container.hmac):
        raise PairingError("pair-success device identity HMAC does not match the ADV secret")

    account = decode_message(
        adv.ADVSignedDeviceIdentity, container.details, "ADVSignedDeviceIdentity", error=PairingError
    )
    details = decode_message(adv.ADVDeviceIdentity, account.details, "ADVDeviceIdentity", error=PairingError)
    if len(account.accountSignatureKey) != 32 or len(account.accountSignature) != 64:
        raise PairingError("pair-success account signature key or signature has the wrong size")
    # Baileys rc13 picks the signature prefix from the device type, the HMAC prefix from the container.
    hosted = hosted_account or details.deviceType == adv.HOSTED
    message = account_signature_message(account.details, identity.public, hosted=hosted)
    if not xeddsa_verify(account.accountSignatureKey, message, account.accountSignature):
        raise PairingError("pair-success account signature does not verify")

    to_sign = device_signature_message(
        account.details, identity.public, account.accountSignatureKey, hosted=hosted
    )
    account.deviceSignature = xeddsa_sign(identity.private, to_sign, random)
    _log.debug("pair-success verified: key index %d, hosted %s", details.keyIndex, hosted)
    full = account.SerializeToString()
    return PairSuccess(
        account=full,
        reply_identity=encode_device_identity(full, include_signature_key=False),
        key_index=details.keyIndex,
        account_signature_key=account.accountSignatureKey,
        raw_id=details.rawId,
        timestamp=details.timestamp,
        hosted=hosted,
    )


def encode_device_identity(account: bytes, *, include_signature_key: bool = True) -> bytes:
    """Re-encode a stored account for the wire.

    Args:
        account: the stored ``ADVSignedDeviceIdentity`` (:attr:`PairSuccess.account`).
        include_signature_key: keep ``accountSignatureKey``, as the ``<device-identity>`` of
            outgoing pkmsg stanzas does (Baileys ``encodeSignedDeviceIdentity(account, true)``);
            False gives the pair-device-sign form.

    Raises:
        PairingError: ``account`` is not an ``ADVSignedDeviceIdentity``.
    """
    message = decode_message(adv.ADVSignedDeviceIdentity, account, "stored account", error=PairingError)
    if not include_signature_key or not message.accountSignatureKey:
        message.ClearField("accountSignatureKey")
    return message.SerializeToString()


def make_device_identity(
    *,
    adv_secret: bytes,
    account: KeyPair,
    companion_identity_public: bytes,
    raw_id: int,
    timestamp: int,
    key_index: int,
    hosted: bool = False,
    random: RandomSource = os.urandom,
) -> bytes:
    """Build the ``<device-identity>`` of a ``pair-success`` the way the phone does (test server).

    Args:
        adv_secret: the ADV secret the phone read from the QR code or derived by link code.
        account: the phone's identity key pair (its public key becomes ``accountSignatureKey``).
        companion_identity_public: the companion's raw 32-byte identity public key.
        raw_id: the account's ADV id.
        timestamp: when the link happens, Unix seconds.
        key_index: the companion's index in the account's key index list.
        hosted: produce a hosted-account identity.
        random: randomness for the XEdDSA account signature.

    Returns:
        A serialized ``ADVSignedDeviceIdentityHMAC``.
    """
    encryption = adv.HOSTED if hosted else adv.E2EE
    details = adv.ADVDeviceIdentity(
        rawId=raw_id, timestamp=timestamp, keyIndex=key_index, accountType=encryption, deviceType=encryption
    ).SerializeToString()
    signature = xeddsa_sign(
        account.private, account_signature_message(details, companion_identity_public, hosted=hosted), random
    )
    signed = adv.ADVSignedDeviceIdentity(
        details=details, accountSignatureKey=account.public, accountSignature=signature
    ).SerializeToString()
    container = adv.ADVSignedDeviceIdentityHMAC(
        details=signed, hmac=device_identity_hmac(adv_secret, signed, hosted=hosted)
    )
    if hosted:
        container.accountType = adv.HOSTED
    return container.SerializeToString()


def verify_device_signature(
    reply_identity: bytes, *, account_signature_key: bytes, companion_identity_public: bytes
) -> adv.ADVSignedDeviceIdentity:
    """Check the companion's ``pair-device-sign`` reply (test server, phone side).

    Args:
        reply_identity: content of ``<pair-device-sign><device-identity>``.
        account_signature_key: the phone's raw 32-byte identity public key.
        companion_identity_public: the companion's raw 32-byte identity public key.

    Returns:
        The parsed signed identity, with ``accountSignatureKey`` filled back in.

    Raises:
        PairingError: malformed, or the device signature does not verify.
    """
    account = decode_message(
        adv.ADVSignedDeviceIdentity, reply_identity, "pair-device-sign identity", error=PairingError
    )
    details = decode_message(adv.ADVDeviceIdentity, account.details, "ADVDeviceIdentity", error=PairingError)
    hosted = adv.HOSTED in (details.accountType, details.deviceType)
    message = device_signature_message(
        account.details, companion_identity_public, account_signature_key, hosted=hosted
    )
    if len(account.deviceSignature) != 64 or not xeddsa_verify(
        companion_identity_public, message, account.deviceSignature
    ):
        raise PairingError("pair-device-sign device signature does not verify")
    account.accountSignatureKey = account_signature_key
    return account
