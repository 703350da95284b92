"""What the simulated phones send on their own: end-to-end messages to clients, media re-uploads.

A phone (device 0 of an account) encrypts a ``Message`` for every companion of the
recipient with its own Signal identity, starting sessions from the bundles the companions
uploaded (taking a one-time prekey, as a key fetch would), and hands the stanza to the
router as if the phone had sent it. Media the phones sent is remembered (bounded), so that
a ``<receipt type=server-error>`` asking for a re-upload of an expired blob is answered as
a phone answers it: the blob gets a new direct path and the asking device an encrypted
``<notification type=mediaretry>``; media the phones never saw gets ``<error code=2>``.
No I/O: blob bytes stay with the media host, which re-indexes them.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from waproto.binary import Node
from waproto.errors import DecodeError, InvalidState, JIDError, WAError
from waproto.jid import JID
from waproto.media.retry import build_retry_notification, parse_retry_receipt
from waproto.messaging.wire import generate_message_id, pad_message
from waproto.proto import wa_e2e_pb2
from waproto.signal import (
    CiphertextMessage,
    PreKey,
    PreKeyBundle,
    SessionRecord,
    SignedPreKey,
    decrypt_message,
    decrypt_prekey_message,
    encrypt_message,
    initiate_session,
    parse_prekey_message,
)
from waproto.testing.accounts import Account, DeviceKeys

if TYPE_CHECKING:
    from waproto.testing.core import ServerCore
    from waproto.testing.session import ServerSession

__all__ = ["PhoneOutbox", "SentMedia"]

_log = logging.getLogger("waproto.testing.phones")

#: Media messages remembered for re-upload requests (the oldest are forgotten first).
MAX_REMEMBERED_MEDIA = 1024
_MEDIA_FIELDS = {
    "imageMessage": "image",
    "videoMessage": "video",
    "audioMessage": "audio",
    "documentMessage": "document",
    "stickerMessage": "sticker",
}


@dataclass(frozen=True, slots=True)
class SentMedia:
    """A media message a phone sent: what a re-upload needs."""

    media_key: bytes
    blob_id: str


class PhoneOutbox:
    """Messages from the simulated phones, and their answers to media-retry receipts."""

    __slots__ = ("_core", "_media", "_sessions")

    def __init__(self, core: ServerCore) -> None:
        self._core = core
        self._sessions: dict[tuple[str, str], SessionRecord] = {}
        self._media: OrderedDict[str, SentMedia] = OrderedDict()

    def send(self, account: Account, to: JID, message: wa_e2e_pb2.Message, *, now: float) -> str:
        """Encrypt ``message`` from ``account``'s phone to every companion of ``to``; returns its id.

        Raises:
            InvalidState: ``to`` is no account, or none of its companions has keys.
        """
        target = self._core.accounts.for_jid(to)
        if target is None:
            raise InvalidState(f"no account {to}")
        plaintext = pad_message(message.SerializeToString(), self._core.random)
        media_type = next((kind for field, kind in _MEDIA_FIELDS.items() if message.HasField(field)), None)
        parts = []
        for device in target.active_devices():
            if device.device_id == 0 or device.keys is None:
                continue
            jid = target.device_jid(device.device_id)
            ciphertext = self.encrypt(account, jid, device.keys, plaintext)
            enc = {"v": "2", "type": ciphertext.type}
            if media_type is not None:
                enc["mediatype"] = media_type
            parts.append(Node("to", {"jid": str(jid)}, [Node("enc", enc, ciphertext.serialized)]))
        if not parts:
            raise InvalidState(f"{to} has no companion device to send to")
        message_id = generate_message_id(int(now), account.phone_number, self._core.random)
        kind = "media" if media_type is not None else "text"
        stanza = Node("message", {"id": message_id, "to": str(to.to_non_ad()), "type": kind},
                      [Node("participants", {}, parts)])
        self._core.router.route_from(account, 0, stanza, now=now)
        return message_id

    def forget(self, account: Account) -> None:
        """Drop the sessions of ``account``'s phone (it reinstalled: its next messages are pkmsgs)."""
        for key in [k for k in self._sessions if k[0] == account.phone_number]:
            del self._sessions[key]

    def encrypt(self, account: Account, jid: JID, keys: DeviceKeys, plaintext: bytes) -> CiphertextMessage:
        """Encrypt padded ``plaintext`` from ``account``'s phone to one device, keeping the session."""
        record, ciphertext = encrypt_message(self._session(account, jid, keys), plaintext)
        self._sessions[(account.phone_number, str(jid))] = record
        return ciphertext

    def decrypt(self, account: Account, jid: JID, kind: str, ciphertext: bytes) -> bytes:
        """Decrypt a ``pkmsg``/``msg`` a device sent ``account``'s phone (the session :meth:`encrypt` uses).

        Raises:
            SignalError: the message does not decrypt (no session, bad MAC, unknown prekey).
        """
        key = (account.phone_number, str(jid))
        record = self._sessions.get(key)
        if kind == "pkmsg":
            phone = account.phone
            message = parse_prekey_message(ciphertext)
            pair = None if message.prekey_id is None else phone.prekeys.get(message.prekey_id)
            signed = SignedPreKey(phone.signed_prekey_id, phone.signed_prekey, phone.signed_prekey_signature)
            one_time = None if pair is None or message.prekey_id is None else PreKey(message.prekey_id, pair)
            result = decrypt_prekey_message(record, phone.identity, signed, one_time, message,
                                            random=self._core.random)
            record, plaintext = result.record, result.plaintext
        else:
            record, plaintext = decrypt_message(record, ciphertext, random=self._core.random)
        self._sessions[key] = record
        return plaintext

    def _session(self, account: Account, jid: JID, keys: DeviceKeys) -> SessionRecord:
        existing = self._sessions.get((account.phone_number, str(jid)))
        if existing is not None:
            return existing
        prekey = keys.take_prekey()
        bundle = PreKeyBundle(
            registration_id=keys.registration_id,
            identity_key=keys.identity,
            signed_prekey_id=keys.signed_prekey.key_id,
            signed_prekey_public=keys.signed_prekey.public,
            signed_prekey_signature=keys.signed_prekey.signature,
            prekey_id=None if prekey is None else prekey[0],
            prekey_public=None if prekey is None else prekey[1],
        )
        phone = account.phone
        return initiate_session(None, phone.identity, phone.registration_id, bundle, random=self._core.random)

    # -- media retry --------------------------------------------------------------------------

    def remember_media(self, message_id: str, media_key: bytes, blob_id: str) -> None:
        """Keep what a re-upload of this message's media needs."""
        self._media[message_id] = SentMedia(media_key, blob_id)
        while len(self._media) > MAX_REMEMBERED_MEDIA:
            self._media.popitem(last=False)

    def answer_retry(self, session: ServerSession, receipt: Node, *, now: float) -> None:
        """Answer a ``server-error`` receipt from a companion as its phone would."""
        try:
            request = parse_retry_receipt(receipt)
            account, _ = self._core.session_account(session)
            own = account.jid
        except (DecodeError, JIDError, WAError) as exc:
            _log.info("bad media retry receipt: %s", exc)
            return
        sent = self._media.get(request.message_id)
        media_key = direct_path = None
        if sent is not None and request.verify(sent.media_key):
            direct_path = self._core.media.reupload(sent.blob_id)
            media_key = sent.media_key if direct_path is not None else None
        session.send_node(build_retry_notification(request, media_key=media_key, direct_path=direct_path,
                                                   from_jid=own, now=now, random=self._core.random))
