"""What an account's primary phone does for its companions: key share, history, app-state.

A real phone, once a companion is linked, sends it (as end-to-end encrypted ``peer``
messages from device 0) the app-state sync key and history sync notifications whose blobs
sit on the media host, serves the five app-state collections, and pushes its own changes
(archive a chat, rename a contact, ...) to every companion through ``server_sync``
(protocol-wave2.md sections 3, 4 and 7). :class:`PhoneAgent` does the same from state a test
seeds: contacts, chats with messages, push names. Like a phone since LIDs, it names the LID of
every number it mentions when the server tells LIDs (``lid_hints``): ``phoneNumberToLidMappings``
and ``Conversation.lidJid`` in history, ``contactAction.lidJid`` in contacts, and on request a
``LID_MIGRATION_MAPPING_SYNC`` message (reference 1.8). The phone encrypts with waproto's Signal
code from its own identity to each companion's published bundle, so clients decrypt it
exactly as they would WhatsApp's.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from waproto.appstate import SET, Applied, Change, actions
from waproto.binary import Node
from waproto.errors import DecodeError, JIDError, SignalError
from waproto.jid import JID
from waproto.media.crypto import encrypt_media
from waproto.media.types import MediaType
from waproto.messaging.wire import generate_message_id, pad_message, unpad_message
from waproto.proto import decode_message
from waproto.proto.wa_e2e_pb2 import (
    LIDMigrationMapping,
    LIDMigrationMappingSyncMessage,
    LIDMigrationMappingSyncPayload,
    Message,
    MessageKey,
)
from waproto.proto.wa_history_pb2 import (
    Conversation,
    HistorySync,
    HistorySyncMsg,
    PhoneNumberToLIDMapping,
    Pushname,
    WebMessageInfo,
)
from waproto.testing import nodes
from waproto.testing.appsync import BlobStore, PhoneAppState, SyncKey

if TYPE_CHECKING:
    from waproto.testing.accounts import Account, Device
    from waproto.testing.core import ServerCore

__all__ = ["PhoneAgent", "SeededMessage"]

_log = logging.getLogger("waproto.testing.phone")

#: Messages per history blob: the first blob is INITIAL_BOOTSTRAP, later ones RECENT.
HISTORY_CHUNK_MESSAGES = 2000

ProtocolMessage = Message.ProtocolMessage
OnDemandRequest = Message.PeerDataOperationRequestMessage.HistorySyncOnDemandRequest


@dataclass(slots=True)
class SeededMessage:
    """A message the phone holds in a chat (sent by the account when ``from_me``)."""

    message_id: str
    text: str
    from_me: bool
    timestamp: int
    sender: str | None = None


@dataclass(slots=True)
class _Chat:
    name: str | None = None
    messages: list[SeededMessage] = field(default_factory=list)


class PhoneAgent:
    """The phone of one account; created on first use by :meth:`ServerCore.phone`."""

    __slots__ = ("_core", "_welcomed", "account", "appstate", "chats", "push_names")

    def __init__(self, core: ServerCore, account: Account) -> None:
        self._core = core
        self.account = account
        self.appstate = PhoneAppState(self._new_key(), core.random)
        self.chats: dict[str, _Chat] = {}
        self.push_names: dict[str, str] = {}
        self._welcomed: set[int] = set()
        # WhatsApp provisions an NCT salt that the phone keeps in app state (regular_high
        # ["nct_salt_sync"]); companions key <cstoken> with it (whatsmeow cstoken.go).
        account.nct_salt = account.nct_salt or core.random(32)
        collection, salt = actions.set_nct_salt(account.nct_salt, self._now_ms())
        self.appstate.change(collection, [salt])
        # A real phone's critical_block always holds the account's name: companions learn it there.
        collection, name = actions.set_push_name(account.push_name, self._now_ms())
        self.appstate.change(collection, [name])

    # -- state a test seeds or changes on the phone ------------------------------------------------

    def add_message(
        self,
        chat: str,
        text: str,
        *,
        from_me: bool = False,
        timestamp: int | None = None,
        sender: str | None = None,
        message_id: str | None = None,
    ) -> SeededMessage:
        """Put a message in a chat's history (no notification: history is sent at linking)."""
        now = int(self._core.clock())
        message = SeededMessage(
            message_id or generate_message_id(now, self.account.phone_number, self._core.random),
            text,
            from_me,
            now if timestamp is None else timestamp,
            sender,
        )
        self.chats.setdefault(chat, _Chat()).messages.append(message)
        return message

    def set_push_name(self, jid: str, name: str) -> None:
        """A contact's push name as the phone knows it (sent in the PUSH_NAME history blob)."""
        self.push_names[jid] = name

    def set_contact(self, jid: str, full_name: str, first_name: str | None = None) -> int:
        """Save or rename a contact (``critical_unblock_low`` ``["contact", jid]``, with
        ``contactAction.lidJid`` for a number whose LID the server tells)."""
        collection, change = actions.set_contact(jid, full_name, first_name, self._now_ms())
        lid = self._lid_of(jid)
        if lid is not None:
            change.value.contactAction.lidJid = lid
        return self._change(collection, change)

    def sync_lid_mappings(self) -> int:
        """Send every linked companion a ``LID_MIGRATION_MAPPING_SYNC`` protocol message naming
        the LID of each number the phone has a chat with (what a phone sends once it moved
        its chat database to LIDs); returns how many pairs it named."""
        mappings = []
        for jid in self.chats:
            lid = self._lid_of(jid)
            if lid is not None:
                mappings.append(
                    LIDMigrationMapping(pn=int(JID.parse(jid).user), assignedLid=int(JID.parse(lid).user))
                )
        payload = LIDMigrationMappingSyncPayload(
            pnToLidMappings=mappings, chatDbMigrationTimestamp=int(self._core.clock())
        )
        protocol = ProtocolMessage(
            type=ProtocolMessage.LID_MIGRATION_MAPPING_SYNC,
            lidMigrationMappingSyncMessage=LIDMigrationMappingSyncMessage(
                encodedMappingPayload=payload.SerializeToString()
            ),
        )
        for device in self.account.active_devices():
            if device.device_id in self._welcomed:
                self._send_protocol(device, protocol)
        return len(mappings)

    def _lid_of(self, jid: str) -> str | None:
        """The LID (user JID text) of a phone-number JID of a known account, when LIDs are told."""
        if not self._core.lid_hints:
            return None
        try:
            parsed = JID.parse(jid)
        except JIDError:
            return None
        account = self._core.accounts.for_jid(parsed) if parsed.is_user else None
        return None if account is None else str(account.lid)

    def archive_chat(self, jid: str, archived: bool = True) -> int:
        """Archive or unarchive a chat (``regular_low`` ``["archive", jid]``)."""
        return self._change(*actions.archive_chat(jid, archived, self._now_ms()))

    def pin_chat(self, jid: str, pinned: bool = True) -> int:
        """Pin or unpin a chat (``regular_low`` ``["pin_v1", jid]``)."""
        return self._change(*actions.pin_chat(jid, pinned, self._now_ms()))

    def mute_chat(self, jid: str, until_ms: int | None) -> int:
        """Mute a chat until a time in ms (-1 forever), or unmute with None (``regular_high``)."""
        return self._change(*actions.mute_chat(jid, until_ms, self._now_ms()))

    def mark_chat_read(self, jid: str, read: bool = True) -> int:
        """Mark a chat read or unread (``regular_low`` ``["markChatAsRead", jid]``)."""
        return self._change(*actions.mark_chat_read(jid, read, self._now_ms()))

    def set_own_push_name(self, name: str) -> int:
        """The account's own push name (``critical_block`` ``["setting_pushName"]``)."""
        self.account.push_name = name
        return self._change(*actions.set_push_name(name, self._now_ms()))

    def set_nct_salt(self, salt: bytes | None) -> int:
        """Provision a new NCT salt, or withdraw it with None (``regular_high`` ``["nct_salt_sync"]``)."""
        self.account.nct_salt = salt
        return self._change(*actions.set_nct_salt(salt, self._now_ms()))

    def _now_ms(self) -> int:
        return int(self._core.clock() * 1000)

    def _change(self, collection: str, change: Change) -> int:
        new_version = self.appstate.change(collection, [change])
        self.notify_change(collection)
        return new_version

    def notify_change(self, collection: str, *, skip: int | None = None) -> None:
        """Tell every companion (but ``skip``) that ``collection`` moved (``server_sync``)."""
        version = self.appstate.collections[collection].state.version
        for device in self.account.active_devices():
            if device.device_id in (0, skip) or device.device_id not in self._welcomed:
                continue
            node = Node(
                "notification",
                {
                    "from": nodes.SERVER,
                    "type": "server_sync",
                    "id": self._core.next_id(),
                    "t": str(int(self._core.clock())),
                },
                [Node("collection", {"name": collection, "version": str(version)})],
            )
            self._core.router.deliver((self.account.phone_number, device.device_id), node, track=False)

    def companion_changed(self, applied: Applied, device_id: int) -> None:
        """A companion's verified patch: adopt the account's new push name, tell the other companions."""
        for mutation in applied.mutations:
            name = mutation.value.pushNameSetting.name
            if mutation.operation == SET and mutation.index == ("setting_pushName",) and name:
                self.account.push_name = name
        self.notify_change(applied.name, skip=device_id)

    def _new_key(self) -> SyncKey:
        core = self._core
        return SyncKey(bytes(4) + core.random(2), core.random(32), int(core.clock() * 1000))

    def rotate_sync_key(self) -> bytes:
        """Make a new app-state key and use it for the next changes, without sharing it.

        Companions then meet a key they lack and must request it (``APP_STATE_SYNC_KEY_REQUEST``).
        Returns the new key id.
        """
        key = self._new_key()
        self.appstate.rotate_key(key)
        return key.key_id

    # -- what the phone receives from its companions ---------------------------------------------

    def receive(self, node: Node) -> None:
        """A message to the phone (device 0): a companion's key request is answered with the keys."""
        try:
            sender = JID.parse(node.attrs.get("from", ""))
        except JIDError:
            return
        found = self._core.accounts.device_for_jid(sender)
        enc = node.get_child("enc")
        if found is None or found[0] is not self.account or found[1].device_id == 0 or enc is None:
            return
        device = found[1]
        jid = self.account.device_jid(device.device_id)
        try:
            kind = enc.attrs.get("type", "")
            plaintext = self._core.phones.decrypt(self.account, jid, kind, enc.content_bytes())
            message = decode_message(Message, unpad_message(plaintext), "Message")
        except (SignalError, DecodeError) as exc:
            _log.info("phone %s: undecryptable message from %s: %s", self.account.phone_number, jid, exc)
            return
        protocol = message.protocolMessage
        peer_request = protocol.peerDataOperationRequestMessage
        if (
            protocol.type == ProtocolMessage.PEER_DATA_OPERATION_REQUEST_MESSAGE
            and peer_request.peerDataOperationRequestType == Message.HISTORY_SYNC_ON_DEMAND
        ):
            self._on_demand(device, node.attrs.get("id", ""), peer_request.historySyncOnDemandRequest)
        elif protocol.type == ProtocolMessage.APP_STATE_SYNC_KEY_REQUEST:
            wanted = {key_id.keyId for key_id in protocol.appStateSyncKeyRequest.keyIds}
            keys = [key for key_id, key in self.appstate.keys.items() if key_id in wanted]
            if keys:
                self._send_protocol(device, _key_share(keys))

    # -- what the phone sends a newly linked companion ---------------------------------------------

    def welcome(self, device: Device, store_blob: BlobStore | None) -> None:
        """Key share, then history (bootstrap, recent chunks, push names), once per companion."""
        if device.device_id in self._welcomed or device.keys is None:
            return
        self._welcomed.add(device.device_id)
        self._send_protocol(device, _key_share([self.appstate.key]))
        if store_blob is None:
            return
        for notification in self._history_notifications(store_blob):
            self._send_protocol(
                device,
                ProtocolMessage(
                    type=ProtocolMessage.HISTORY_SYNC_NOTIFICATION, historySyncNotification=notification
                ),
            )

    def _history_notifications(self, store_blob: BlobStore) -> Iterator[Message.HistorySyncNotification]:
        chunks = list(self._history_chunks())
        for order, (sync_type, history) in enumerate(chunks, start=1):
            yield self._upload_history(
                store_blob, sync_type, history, order=order, progress=100 * order // len(chunks)
            )

    def _upload_history(
        self,
        store_blob: BlobStore,
        sync_type: str,
        history: HistorySync,
        *,
        order: int,
        progress: int,
        request_id: str = "",
    ) -> Message.HistorySyncNotification:
        """Put one history blob on the media host; returns the notification that names it."""
        history.chunkOrder, history.progress = order, progress
        media_key = self._core.random(32)
        encrypted = encrypt_media(zlib.compress(history.SerializeToString()), media_key, MediaType.HISTORY)
        upload = store_blob(encrypted.blob, MediaType.HISTORY.mms_type)
        notification = Message.HistorySyncNotification(
            fileSha256=encrypted.file_sha256,
            fileLength=encrypted.file_length,
            mediaKey=media_key,
            fileEncSha256=encrypted.file_enc_sha256,
            directPath=str(upload["direct_path"]),
            syncType=sync_type,
            chunkOrder=order,
            progress=progress,
        )
        if request_id:
            notification.peerDataRequestSessionId = request_id
        return notification

    def _on_demand(self, device: Device, request_id: str, request: OnDemandRequest) -> None:
        """Answer a history request for one chat: up to ``onDemandMsgCount`` messages before the oldest."""
        store_blob = self._core.store_blob
        chat = self.chats.get(request.chatJid)
        if store_blob is None or chat is None:
            return
        ids = [m.message_id for m in chat.messages]
        end = ids.index(request.oldestMsgId) if request.oldestMsgId in ids else len(ids)
        older = chat.messages[max(0, end - max(1, request.onDemandMsgCount)) : end]
        conversation = Conversation(
            id=request.chatJid,
            messages=[HistorySyncMsg(message=self._web_message(request.chatJid, m)) for m in older],
        )
        history = HistorySync(syncType="ON_DEMAND", conversations=[conversation])
        notification = self._upload_history(
            store_blob, "ON_DEMAND", history, order=1, progress=100, request_id=request_id
        )
        self._send_protocol(
            device,
            ProtocolMessage(
                type=ProtocolMessage.HISTORY_SYNC_NOTIFICATION, historySyncNotification=notification
            ),
        )

    def _history_chunks(self) -> Iterator[tuple[str, HistorySync]]:
        """Conversations split into blobs of at most HISTORY_CHUNK_MESSAGES messages, then push names."""
        sync_type = "INITIAL_BOOTSTRAP"
        current = HistorySync(syncType=sync_type)
        if self.account.nct_salt:
            current.nctSalt = self.account.nct_salt  # the bootstrap names it too (whatsmeow message.go)
        count = 0
        for jid in self.chats:
            lid = self._lid_of(jid)
            if lid is not None:
                current.phoneNumberToLidMappings.append(PhoneNumberToLIDMapping(pnJid=jid, lidJid=lid))
        for jid, chat in self.chats.items():
            conversation = Conversation(id=jid)
            if chat.name:
                conversation.name = chat.name
            lid = self._lid_of(jid)
            if lid is not None:
                conversation.lidJid = lid
            for message in chat.messages:
                if count == HISTORY_CHUNK_MESSAGES:
                    current.conversations.append(conversation)
                    yield sync_type, current
                    sync_type = "RECENT"
                    current, count = HistorySync(syncType=sync_type), 0
                    conversation = Conversation(id=jid)
                conversation.messages.append(HistorySyncMsg(message=self._web_message(jid, message)))
                count += 1
            current.conversations.append(conversation)
        yield sync_type, current
        if self.push_names:
            yield (
                "PUSH_NAME",
                HistorySync(
                    syncType="PUSH_NAME",
                    pushnames=[Pushname(id=jid, pushname=name) for jid, name in self.push_names.items()],
                ),
            )

    def _web_message(self, chat: str, message: SeededMessage) -> WebMessageInfo:
        key = MessageKey(remoteJid=chat, fromMe=message.from_me, id=message.message_id)
        if message.sender:
            key.participant = message.sender
        return WebMessageInfo(
            key=key, message=Message(conversation=message.text), messageTimestamp=message.timestamp
        )

    def _send_protocol(self, device: Device, protocol: Message.ProtocolMessage) -> None:
        """Encrypt a protocol message to one companion and deliver it as a ``peer`` message."""
        core = self._core
        assert device.keys is not None
        plaintext = pad_message(Message(protocolMessage=protocol).SerializeToString(), core.random)
        jid = self.account.device_jid(device.device_id)
        ciphertext = core.phones.encrypt(self.account, jid, device.keys, plaintext)
        now = int(core.clock())
        attrs = {
            "id": generate_message_id(now, self.account.phone_number, core.random),
            "from": str(self.account.jid),
            "type": "text",
            "category": "peer",
            "t": str(now),
            "notify": self.account.push_name,
        }
        enc = Node("enc", {"v": "2", "type": ciphertext.type}, ciphertext.serialized)
        core.router.deliver((self.account.phone_number, device.device_id), Node("message", attrs, [enc]))


def _key_share(keys: list[SyncKey]) -> Message.ProtocolMessage:
    share = Message.AppStateSyncKeyShare(
        keys=[
            Message.AppStateSyncKey(
                keyId=Message.AppStateSyncKeyId(keyId=key.key_id),
                keyData=Message.AppStateSyncKeyData(keyData=key.key_data, timestamp=key.timestamp_ms),
            )
            for key in keys
        ]
    )
    return ProtocolMessage(type=ProtocolMessage.APP_STATE_SYNC_KEY_SHARE, appStateSyncKeyShare=share)
