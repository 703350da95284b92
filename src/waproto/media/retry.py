"""Media retry: ask the phone to re-upload media whose blob expired, and read its answer (sans-I/O).

The receiver sends ``<receipt id=MSGID to=<own PN> type=server-error>`` with an encrypted
``ServerErrorReceipt{stanzaId}`` and ``<rmr jid from_me [participant]/>``; the phone answers
``<notification type=mediaretry id=MSGID>`` with an encrypted ``MediaRetryNotification``
(new ``directPath`` on SUCCESS) or ``<error code/>``. Both payloads are AES-256-GCM under
HKDF(mediaKey, "WhatsApp Media Retry Notification", 32) with the message id as AAD
(whatsmeow ``mediaretry.go``, Baileys ``encryptMediaRetryRequest``; protocol-wave2.md 2.6).
The FakeServer's phone uses the same functions from the other side.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from waproto.binary import Node
from waproto.crypto import RandomSource, aes_gcm_decrypt, aes_gcm_encrypt, hkdf
from waproto.errors import CryptoError, DecodeError
from waproto.jid import JID
from waproto.proto import decode_message, wa_e2e_pb2, wa_history_pb2

__all__ = [
    "MediaRetryResult",
    "RetryRequest",
    "build_retry_notification",
    "build_retry_receipt",
    "parse_retry_notification",
    "parse_retry_receipt",
    "retry_key",
]

_INFO = b"WhatsApp Media Retry Notification"
_IV_LENGTH = 12
#: ``<error code>`` whatsmeow names: the phone no longer has the media.
NOT_ON_PHONE = 2

Result = wa_e2e_pb2.MediaRetryNotification.ResultType


def retry_key(media_key: bytes) -> bytes:
    """The AES-256-GCM key of both retry payloads."""
    return hkdf(media_key, 32, info=_INFO)


def build_retry_receipt(
    *,
    message_id: str,
    own_jid: JID,
    chat: JID,
    from_me: bool,
    participant: JID | None,
    media_key: bytes,
    random: RandomSource = os.urandom,
) -> Node:
    """The ``server-error`` receipt asking our phone to re-upload a message's media."""
    iv = random(_IV_LENGTH)
    plaintext = wa_history_pb2.ServerErrorReceipt(stanzaId=message_id).SerializeToString()
    ciphertext = aes_gcm_encrypt(retry_key(media_key), iv, plaintext, message_id.encode())
    rmr = {"jid": str(chat), "from_me": "true" if from_me else "false"}
    if participant is not None:
        rmr["participant"] = str(participant)
    return Node(
        "receipt",
        {"id": message_id, "to": str(own_jid.to_non_ad()), "type": "server-error"},
        [
            Node("encrypt", {}, [Node("enc_p", {}, ciphertext), Node("enc_iv", {}, iv)]),
            Node("rmr", rmr),
        ],
    )


@dataclass(frozen=True, slots=True)
class RetryRequest:
    """A ``server-error`` receipt as the phone reads it."""

    message_id: str
    chat: str
    from_me: bool
    participant: str | None
    enc_p: bytes
    enc_iv: bytes

    def verify(self, media_key: bytes) -> bool:
        """Whether the request was made with ``media_key`` for this message id."""
        try:
            plain = aes_gcm_decrypt(retry_key(media_key), self.enc_iv, self.enc_p, self.message_id.encode())
        except CryptoError:
            return False
        receipt = decode_message(wa_history_pb2.ServerErrorReceipt, plain, "ServerErrorReceipt")
        return receipt.stanzaId == self.message_id


def parse_retry_receipt(node: Node) -> RetryRequest:
    """Read a ``<receipt type=server-error>`` (the FakeServer's phone side).

    Raises:
        DecodeError: a part is missing.
    """
    encrypt = node.require_child("encrypt")
    rmr = node.require_child("rmr")
    return RetryRequest(
        message_id=node.require_attr("id"),
        chat=rmr.require_attr("jid"),
        from_me=rmr.attr("from_me") == "true",
        participant=rmr.attr("participant"),
        enc_p=encrypt.require_child("enc_p").content_bytes(),
        enc_iv=encrypt.require_child("enc_iv").content_bytes(),
    )


def build_retry_notification(
    request: RetryRequest,
    *,
    media_key: bytes | None,
    direct_path: str | None,
    from_jid: JID,
    now: float,
    random: RandomSource = os.urandom,
) -> Node:
    """The phone's answer: the new direct path, or ``<error code=2>`` without a key (the phone lost it)."""
    rmr = {"jid": request.chat, "from_me": "true" if request.from_me else "false"}
    if request.participant:
        rmr["participant"] = request.participant
    children = [Node("rmr", rmr)]
    if media_key is None or direct_path is None:
        children.append(Node("error", {"code": str(NOT_ON_PHONE)}))
    else:
        payload = wa_e2e_pb2.MediaRetryNotification(
            stanzaId=request.message_id, directPath=direct_path, result=Result.SUCCESS
        ).SerializeToString()
        iv = random(_IV_LENGTH)
        ciphertext = aes_gcm_encrypt(retry_key(media_key), iv, payload, request.message_id.encode())
        children.append(Node("encrypt", {}, [Node("enc_p", {}, ciphertext), Node("enc_iv", {}, iv)]))
    attrs = {"from": str(from_jid), "type": "mediaretry", "id": request.message_id, "t": str(int(now))}
    return Node("notification", attrs, children)


@dataclass(frozen=True, slots=True)
class MediaRetryResult:
    """What the phone answered to a media retry."""

    message_id: str
    direct_path: str | None
    """The re-uploaded blob's direct path (on SUCCESS)."""
    result: int | None
    """``MediaRetryNotification.ResultType`` (SUCCESS 1, NOT_FOUND 2, ...), None with an error."""
    error_code: int | None
    """The ``<error code>`` instead of a payload (2: not on the phone)."""

    @property
    def ok(self) -> bool:
        """Whether the media can be downloaded again from :attr:`direct_path`."""
        return self.result == Result.SUCCESS and bool(self.direct_path)


def parse_retry_notification(node: Node, media_key: bytes) -> MediaRetryResult:
    """Read a ``<notification type=mediaretry>``, decrypting its payload with ``media_key``.

    Raises:
        DecodeError: a part is missing or the payload does not decrypt for this message.
    """
    message_id = node.require_attr("id")
    error = node.get_child("error")
    if error is not None:
        return MediaRetryResult(message_id, None, None, error.attr_int("code", 0))
    encrypt = node.require_child("encrypt")
    enc_p = encrypt.require_child("enc_p").content_bytes()
    enc_iv = encrypt.require_child("enc_iv").content_bytes()
    try:
        plain = aes_gcm_decrypt(retry_key(media_key), enc_iv, enc_p, message_id.encode())
    except CryptoError as exc:
        raise DecodeError(f"media retry payload does not decrypt: {exc}") from None
    answer = decode_message(wa_e2e_pb2.MediaRetryNotification, plain, "MediaRetryNotification")
    if answer.stanzaId and answer.stanzaId != message_id:
        raise DecodeError("media retry payload names another message")
    return MediaRetryResult(message_id, answer.directPath or None, answer.result, None)
