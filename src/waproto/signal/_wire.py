"""Wire forms of ``msg`` and ``pkmsg`` bodies: version byte, protobuf, truncated MAC."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeVar

from google.protobuf.message import Message

from waproto.errors import InvalidKey, InvalidMessage
from waproto.proto import decode_message, wa_signal_pb2
from waproto.signal._keys import require_public_key

__all__ = [
    "MAC_LENGTH",
    "VERSION_BYTE",
    "CiphertextMessage",
    "MessageType",
    "PreKeyMessage",
    "SignalMessage",
    "check_version",
    "parse_prekey_message",
    "parse_signal_message",
]

#: High nibble: message version, low nibble: highest version the sender speaks (both 3).
VERSION_BYTE = 0x33
#: SignalMessage bodies end with the first 8 bytes of their HMAC-SHA256.
MAC_LENGTH = 8

MessageType = Literal["pkmsg", "msg"]

_M = TypeVar("_M", bound=Message)


@dataclass(frozen=True, slots=True)
class CiphertextMessage:
    """An encrypted 1:1 message: ``type`` is the ``<enc type>`` WhatsApp puts on it."""

    type: MessageType
    serialized: bytes


@dataclass(frozen=True, slots=True)
class SignalMessage:
    """A parsed ``msg`` body; ``signed`` is the part the MAC covers (version byte + protobuf)."""

    ratchet_key: bytes
    counter: int
    previous_counter: int
    ciphertext: bytes
    signed: bytes
    mac: bytes


@dataclass(frozen=True, slots=True)
class PreKeyMessage:
    """A parsed ``pkmsg`` body; the ids tell the receiver which of its prekeys were used."""

    registration_id: int
    prekey_id: int | None
    signed_prekey_id: int
    base_key: bytes
    identity_key: bytes
    message: bytes


def check_version(data: bytes, what: str) -> None:
    """Reject empty bodies and versions libsignal-node rejects (message version < 3 or > 3 supported)."""
    if not data:
        raise InvalidMessage(f"empty {what}")
    if data[0] >> 4 < 3 or data[0] & 0x0F > 3:
        raise InvalidMessage(f"unsupported {what} version byte 0x{data[0]:02x}")


def _public_key(data: bytes, what: str) -> bytes:
    try:
        return require_public_key(data, what)
    except InvalidKey as exc:
        raise InvalidMessage(str(exc)) from None


def parse_signal_message(data: bytes) -> SignalMessage:
    """Split and parse a ``msg`` body; the MAC is checked later, against the session's keys."""
    check_version(data, "SignalMessage")
    if len(data) < 1 + MAC_LENGTH + 1:
        raise InvalidMessage("SignalMessage too short")
    signed = data[:-MAC_LENGTH]
    proto = decode_message(wa_signal_pb2.SignalMessage, signed[1:], "SignalMessage", error=InvalidMessage)
    if not (proto.HasField("ratchetKey") and proto.HasField("counter") and proto.HasField("ciphertext")):
        raise InvalidMessage("SignalMessage lacks a required field")
    return SignalMessage(
        ratchet_key=_public_key(proto.ratchetKey, "ratchet key"),
        counter=proto.counter,
        previous_counter=proto.previousCounter,
        ciphertext=proto.ciphertext,
        signed=signed,
        mac=data[-MAC_LENGTH:],
    )


def parse_prekey_message(data: bytes) -> PreKeyMessage:
    """Parse a ``pkmsg`` body so the caller can load the prekeys it names.

    Raises:
        InvalidMessage: bad version, malformed protobuf or a missing field.
    """
    check_version(data, "PreKeySignalMessage")
    proto = decode_message(
        wa_signal_pb2.PreKeySignalMessage, data[1:], "PreKeySignalMessage", error=InvalidMessage
    )
    required = ("signedPreKeyId", "baseKey", "identityKey", "message")
    if not all(proto.HasField(name) for name in required):
        raise InvalidMessage("PreKeySignalMessage lacks a required field")
    return PreKeyMessage(
        registration_id=proto.registrationId,
        # libsignal-node treats a missing or zero prekey id as "no one-time prekey".
        prekey_id=proto.preKeyId or None,
        signed_prekey_id=proto.signedPreKeyId,
        base_key=_public_key(proto.baseKey, "base key"),
        identity_key=_public_key(proto.identityKey, "identity key"),
        message=proto.message,
    )
