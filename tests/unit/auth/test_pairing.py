"""Pair-success verification against Baileys output, and the simulated phone's side."""

from __future__ import annotations

from typing import Any

import pytest

from waproto.auth import (
    account_signature_message,
    device_identity_hmac,
    device_signature_message,
    encode_device_identity,
    make_device_identity,
    verify_device_signature,
    verify_pair_success,
)
from waproto.crypto import KeyPair, keypair_from_private, xeddsa_verify
from waproto.errors import PairingError
from waproto.proto import wa_adv_pb2 as adv

ADV_SECRET = bytes(range(32))
COMPANION = keypair_from_private(bytes([0x48]) * 32)
PHONE = keypair_from_private(bytes([0x50]) * 32)


def _phone_identity(*, hosted: bool = False, account: KeyPair = PHONE) -> bytes:
    return make_device_identity(
        adv_secret=ADV_SECRET,
        account=account,
        companion_identity_public=COMPANION.public,
        raw_id=99,
        timestamp=1700000000,
        key_index=4,
        hosted=hosted,
    )


def _without_device_signature(data: bytes) -> bytes:
    message = adv.ADVSignedDeviceIdentity.FromString(data)
    message.ClearField("deviceSignature")
    return message.SerializeToString()


def test_verifies_baileys_pair_success(baileys: dict[str, Any]) -> None:
    vec = baileys["pair_success"]
    identity = keypair_from_private(bytes.fromhex(baileys["registration"]["identity_private"]))
    result = verify_pair_success(
        bytes.fromhex(vec["device_identity_hex"]),
        adv_secret=bytes.fromhex(vec["adv_secret"]),
        identity=identity,
    )
    assert str(result.key_index) == vec["reply_key_index"]
    assert result.account_signature_key.hex() == vec["phone_public"]
    assert (result.raw_id, result.timestamp, result.hosted) == (424242, 1700000000, False)
    # XEdDSA nonces differ from libsignal-node's, so compare all but the device signature.
    assert _without_device_signature(result.account) == _without_device_signature(
        bytes.fromhex(vec["account_hex"])
    )
    assert _without_device_signature(result.reply_identity) == _without_device_signature(
        bytes.fromhex(vec["reply_identity_hex"])
    )
    # Baileys' phone side (the test server role) accepts our countersignature.
    verify_device_signature(
        result.reply_identity,
        account_signature_key=bytes.fromhex(vec["phone_public"]),
        companion_identity_public=identity.public,
    )


def test_our_phone_side_accepts_baileys_device_signature(baileys: dict[str, Any]) -> None:
    vec = baileys["pair_success"]
    identity_public = bytes.fromhex(baileys["registration"]["identity_public"])
    signed = verify_device_signature(
        bytes.fromhex(vec["reply_identity_hex"]),
        account_signature_key=bytes.fromhex(vec["phone_public"]),
        companion_identity_public=identity_public,
    )
    assert signed.accountSignatureKey.hex() == vec["phone_public"]


def test_pkmsg_device_identity_matches_baileys(baileys: dict[str, Any]) -> None:
    vec = baileys["pair_success"]
    account = bytes.fromhex(vec["account_hex"])
    assert encode_device_identity(account).hex() == vec["pkmsg_device_identity_hex"]
    assert encode_device_identity(account, include_signature_key=False).hex() == vec["reply_identity_hex"]


@pytest.mark.parametrize("hosted", [False, True])
def test_phone_and_companion_round_trip(hosted: bool) -> None:
    result = verify_pair_success(_phone_identity(hosted=hosted), adv_secret=ADV_SECRET, identity=COMPANION)
    assert result.hosted is hosted and result.key_index == 4
    signed = verify_device_signature(
        result.reply_identity, account_signature_key=PHONE.public, companion_identity_public=COMPANION.public
    )
    assert signed.SerializeToString() == result.account
    assert not adv.ADVSignedDeviceIdentity.FromString(result.reply_identity).HasField("accountSignatureKey")


def test_hosted_prefixes() -> None:
    container = adv.ADVSignedDeviceIdentityHMAC.FromString(_phone_identity(hosted=True))
    assert container.accountType == adv.HOSTED
    assert container.hmac == device_identity_hmac(ADV_SECRET, container.details, hosted=True)
    assert container.hmac != device_identity_hmac(ADV_SECRET, container.details)
    signed = adv.ADVSignedDeviceIdentity.FromString(container.details)
    hosted_msg = account_signature_message(signed.details, COMPANION.public, hosted=True)
    assert hosted_msg[:2] == b"\x06\x05"
    assert xeddsa_verify(PHONE.public, hosted_msg, signed.accountSignature)
    assert device_signature_message(b"d", b"i", b"k", hosted=True) == b"\x06\x06dik"
    assert device_signature_message(b"d", b"i", b"k") == b"\x06\x01dik"


def test_wrong_adv_secret_is_refused() -> None:
    with pytest.raises(PairingError, match="HMAC"):
        verify_pair_success(_phone_identity(), adv_secret=bytes(32), identity=COMPANION)


def test_tampered_hmac_is_refused() -> None:
    container = adv.ADVSignedDeviceIdentityHMAC.FromString(_phone_identity())
    container.hmac = bytes([container.hmac[0] ^ 1]) + container.hmac[1:]
    with pytest.raises(PairingError, match="HMAC"):
        verify_pair_success(container.SerializeToString(), adv_secret=ADV_SECRET, identity=COMPANION)


def test_tampered_account_signature_is_refused() -> None:
    container = adv.ADVSignedDeviceIdentityHMAC.FromString(_phone_identity())
    signed = adv.ADVSignedDeviceIdentity.FromString(container.details)
    signed.accountSignature = bytes([signed.accountSignature[0] ^ 1]) + signed.accountSignature[1:]
    container.details = signed.SerializeToString()
    # Re-authenticate so only the signature is wrong.
    container.hmac = device_identity_hmac(ADV_SECRET, container.details)
    with pytest.raises(PairingError, match="account signature"):
        verify_pair_success(container.SerializeToString(), adv_secret=ADV_SECRET, identity=COMPANION)


def test_identity_for_another_companion_is_refused() -> None:
    other = keypair_from_private(bytes([0x58]) * 32)
    with pytest.raises(PairingError, match="account signature"):
        verify_pair_success(_phone_identity(), adv_secret=ADV_SECRET, identity=other)


@pytest.mark.parametrize("data", [b"\xff\xff", b"\x0a\x05ab"])
def test_garbage_is_refused(data: bytes) -> None:
    with pytest.raises(PairingError):
        verify_pair_success(data, adv_secret=ADV_SECRET, identity=COMPANION)


def test_missing_signature_key_is_refused() -> None:
    signed = adv.ADVSignedDeviceIdentity(details=b"", accountSignature=bytes(64)).SerializeToString()
    container = adv.ADVSignedDeviceIdentityHMAC(details=signed, hmac=device_identity_hmac(ADV_SECRET, signed))
    with pytest.raises(PairingError, match="wrong size"):
        verify_pair_success(container.SerializeToString(), adv_secret=ADV_SECRET, identity=COMPANION)


def test_tampered_device_signature_is_refused() -> None:
    result = verify_pair_success(_phone_identity(), adv_secret=ADV_SECRET, identity=COMPANION)
    reply = adv.ADVSignedDeviceIdentity.FromString(result.reply_identity)
    reply.deviceSignature = bytes(64)
    with pytest.raises(PairingError, match="device signature"):
        verify_device_signature(
            reply.SerializeToString(),
            account_signature_key=PHONE.public,
            companion_identity_public=COMPANION.public,
        )


def test_encode_device_identity_refuses_garbage() -> None:
    with pytest.raises(PairingError):
        encode_device_identity(b"\xff")
