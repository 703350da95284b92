"""Pairing and login, as pure functions over keys and bytes.

- :mod:`.payload`: the ClientPayload for login and for registration of a new companion;
- :mod:`.qr`: the QR string the phone scans, and how long each ref lives;
- :mod:`.pairing`: pair-success verification, account and device signatures;
- :mod:`.link_code`: pairing by phone code, companion and phone side;
- :mod:`.stanzas`: the pairing stanzas as binary nodes.

Nothing here does I/O; randomness and time come in as arguments, so the client and the
test server's simulated phone share this code.
"""

from __future__ import annotations

from waproto.auth.link_code import (
    LINK_CODE_ALPHABET,
    LINK_CODE_LENGTH,
    PBKDF2_ITERATIONS,
    CompanionFinish,
    companion_finish,
    derive_adv_secret,
    format_link_code,
    generate_link_code,
    link_code_key,
    normalize_link_code,
    primary_finish,
    unwrap_ephemeral,
    wrap_ephemeral,
)
from waproto.auth.pairing import (
    ADV_ACCOUNT_SIG_PREFIX,
    ADV_DEVICE_SIG_PREFIX,
    ADV_HOSTED_ACCOUNT_SIG_PREFIX,
    ADV_HOSTED_DEVICE_SIG_PREFIX,
    PairSuccess,
    account_signature_message,
    device_identity_hmac,
    device_signature_message,
    encode_device_identity,
    make_device_identity,
    verify_device_signature,
    verify_pair_success,
)
from waproto.auth.payload import (
    ClientIdentity,
    CompanionWebClientType,
    Registration,
    build_login_payload,
    build_registration_payload,
    decode_client_payload,
    device_props,
    parse_registration,
)
from waproto.auth.qr import (
    QR_FIRST_REF_TIMEOUT,
    QR_NEXT_REF_TIMEOUT,
    QR_URL_PREFIX,
    QRData,
    make_qr_string,
    parse_qr_string,
    qr_ref_timeout,
)
from waproto.auth.stanzas import (
    LinkCodeNotification,
    PairSuccessStanza,
    companion_finish_iq,
    companion_hello_iq,
    pair_device_ack,
    pair_device_sign_reply,
    pair_error_reply,
    parse_link_code_notification,
    parse_pair_device,
    parse_pair_success,
)

__all__ = [
    "ADV_ACCOUNT_SIG_PREFIX",
    "ADV_DEVICE_SIG_PREFIX",
    "ADV_HOSTED_ACCOUNT_SIG_PREFIX",
    "ADV_HOSTED_DEVICE_SIG_PREFIX",
    "LINK_CODE_ALPHABET",
    "LINK_CODE_LENGTH",
    "PBKDF2_ITERATIONS",
    "QR_FIRST_REF_TIMEOUT",
    "QR_NEXT_REF_TIMEOUT",
    "QR_URL_PREFIX",
    "ClientIdentity",
    "CompanionFinish",
    "CompanionWebClientType",
    "LinkCodeNotification",
    "PairSuccess",
    "PairSuccessStanza",
    "QRData",
    "Registration",
    "account_signature_message",
    "build_login_payload",
    "build_registration_payload",
    "companion_finish",
    "companion_finish_iq",
    "companion_hello_iq",
    "decode_client_payload",
    "derive_adv_secret",
    "device_identity_hmac",
    "device_props",
    "device_signature_message",
    "encode_device_identity",
    "format_link_code",
    "generate_link_code",
    "link_code_key",
    "make_device_identity",
    "make_qr_string",
    "normalize_link_code",
    "pair_device_ack",
    "pair_device_sign_reply",
    "pair_error_reply",
    "parse_link_code_notification",
    "parse_pair_device",
    "parse_pair_success",
    "parse_qr_string",
    "parse_registration",
    "primary_finish",
    "qr_ref_timeout",
    "unwrap_ephemeral",
    "verify_device_signature",
    "verify_pair_success",
    "wrap_ephemeral",
]
