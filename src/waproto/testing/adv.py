"""The phone's side of ADV: signing companions in and publishing the key-index list.

The signatures themselves live in :mod:`waproto.auth.pairing`; this module
binds them to the server's accounts (raw id, key index, the phone's key).
"""

from __future__ import annotations

import hmac

from waproto.auth.pairing import make_device_identity
from waproto.auth.pairing import verify_device_signature as _verify_reply
from waproto.crypto import xeddsa_sign
from waproto.errors import PairingError
from waproto.proto import wa_adv_pb2
from waproto.testing.accounts import Account, RandomSource

__all__ = ["KEY_INDEX_LIST_PREFIX", "sign_companion", "signed_key_index_list", "verify_companion_reply"]

#: Prefix of the phone's signature over an ADVKeyIndexList (whatsmeow: 6, 2).
KEY_INDEX_LIST_PREFIX = b"\x06\x02"


def _raw_id(account: Account) -> int:
    # A stable per-account id: WhatsApp's rawId ties identities and key-index lists to one account.
    return int(account.lid_user) & 0xFFFFFFFF


def sign_companion(
    account: Account,
    *,
    companion_identity: bytes,
    adv_secret: bytes,
    key_index: int,
    now: float,
    random: RandomSource,
) -> tuple[bytes, bytes]:
    """Build the ``device-identity`` content of ``pair-success``.

    Returns:
        ``(hmac_container, details)``: the serialized ADVSignedDeviceIdentityHMAC
        and the ADVDeviceIdentity bytes the companion must sign back.
    """
    container = make_device_identity(
        adv_secret=adv_secret,
        account=account.phone.identity,
        companion_identity_public=companion_identity,
        raw_id=_raw_id(account),
        timestamp=int(now),
        key_index=key_index,
        random=random,
    )
    signed = wa_adv_pb2.ADVSignedDeviceIdentityHMAC.FromString(container).details
    return container, wa_adv_pb2.ADVSignedDeviceIdentity.FromString(signed).details


def verify_companion_reply(
    account: Account, *, reply_identity: bytes, companion_identity: bytes, expected_details: bytes
) -> bytes:
    """Check ``pair-device-sign``; returns the full signed identity (with the account key).

    Raises:
        PairingError: bad signature, or details other than what the phone signed.
    """
    identity = _verify_reply(
        reply_identity,
        account_signature_key=account.phone.identity.public,
        companion_identity_public=companion_identity,
    )
    if not hmac.compare_digest(identity.details, expected_details):
        raise PairingError("pair-device-sign: details differ from what the phone signed")
    return identity.SerializeToString()


def signed_key_index_list(account: Account, *, now: float, random: RandomSource) -> bytes:
    """The phone-signed ADVSignedKeyIndexList that usync returns with a device list."""
    indexes = account.valid_key_indexes()
    details = wa_adv_pb2.ADVKeyIndexList(
        rawId=_raw_id(account),
        timestamp=int(now),
        currentIndex=max(indexes, default=0),
        validIndexes=indexes,
    ).SerializeToString()
    signature = xeddsa_sign(account.phone.identity.private, KEY_INDEX_LIST_PREFIX + details, random)
    return wa_adv_pb2.ADVSignedKeyIndexList(
        details=details, accountSignature=signature, accountSignatureKey=account.phone.identity.public
    ).SerializeToString()
