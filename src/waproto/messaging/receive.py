"""The receive path: decrypt, unpad, unwrap, dedupe, commit, ack, then deliver.

Order matters for never losing a message or corrupting crypto state:

1. Under the crypto lock and in **one store transaction**: decrypt every
   ``<enc>`` (advancing the ratchet or sender-key chain, consuming a one-time
   prekey), record the message id as processed, and put the decoded message in
   the inbox. Either all of it commits or none of it does. A store that cannot
   commit (disk full) gets a ``StoreFailure`` event and the connection is closed
   unacked, so the server redelivers until the store accepts it.
2. Only then send the ``<ack>`` (and the delivery receipt). A crash before the
   commit means the server redelivers and we decrypt again from the old state;
   a crash after it means the redelivery is recognised as a duplicate.
3. Hand the inbox entry over and delete it once the handlers ran: a protocol
   message some feature registered for goes to that feature (the session's
   router), anything else to the application as a ``Message`` event. Entries
   left by a crash are handed over again after login
   (:meth:`MessageReceiver.replay_inbox`).
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import anyio
from google.protobuf.unknown_fields import UnknownFieldSet

from waproto.binary import Node
from waproto.cache import TTLCache
from waproto.connection import CloseInfo, DisconnectReason
from waproto.crypto import KeyPair, keypair_from_private
from waproto.errors import DecodeError, DuplicateMessage, SignalError, StoreError, WAError
from waproto.events import IdentityChanged, Message, MessageInfo, StoreFailure, UndecryptableMessage
from waproto.jid import BROADCAST_SERVER, GROUP_SERVER, JID
from waproto.lid import Addressing, LIDMap, pairs_from_stanza, read_addressing
from waproto.messaging.context import signal_address
from waproto.messaging.identity import trust_identity
from waproto.messaging.wire import build_ack, build_receipt, build_retry_receipt, jid_attr, unpad_message
from waproto.proto import decode_message, wa_e2e_pb2
from waproto.session import Session
from waproto.signal import (
    PreKey,
    PreKeyMessage,
    SenderKeyRecord,
    SessionRecord,
    SignedPreKey,
    decrypt_message,
    decrypt_prekey_message,
    group_decrypt,
    parse_prekey_message,
    process_sender_key_distribution,
)

__all__ = ["INBOX", "MessageReceiver", "parse_message_info"]

logger = logging.getLogger("waproto.messaging")

#: KV namespace of decrypted messages not yet handed to the application.
INBOX = "inbox"
#: NACK code for a stanza we could not parse (WA's "parsing error").
NACK_PARSING_ERROR = 487


def parse_message_info(node: Node, own: JID, own_lid: JID | None = None) -> MessageInfo:
    """Who sent a ``<message>``, in which chat, and when (our own LID devices count as ours)."""
    sender_attr = jid_attr(node, "from")
    is_group = sender_attr.server in (GROUP_SERVER, BROADCAST_SERVER)
    if is_group:
        chat = sender_attr
        sender = jid_attr(node, "participant")
    else:
        sender = sender_attr
        chat = sender_attr.to_non_ad()
    is_from_me = any(
        me is not None and sender.user == me.user and sender.server == me.server for me in (own, own_lid)
    )
    recipient = node.attr_jid("recipient")
    if is_from_me and not is_group and recipient is not None:
        chat = recipient.to_non_ad()
    return MessageInfo(
        id=node.require_attr("id"),
        chat=chat,
        sender=sender,
        is_from_me=is_from_me,
        is_group=sender_attr.server == GROUP_SERVER,
        timestamp=node.attr_int("t", 0) or 0,
        push_name=node.attr("notify") or "",
    )


@dataclass(slots=True)
class _Decrypted:
    message: wa_e2e_pb2.Message | None = None
    chat: JID | None = None
    identity_changed: bool = False
    session: bytes | None = None
    """The sender's session record as read with the duplicate check (valid while ``session_read``)."""
    session_read: bool = True


class MessageReceiver:
    """Handles inbound ``<message>`` stanzas for one device."""

    __slots__ = ("_ctx", "_lids", "_retries", "_retry_keys", "_stored", "active_receipts")

    def __init__(
        self,
        ctx: Session,
        retry_keys: Callable[[], Awaitable[Node]],
        lids: LIDMap,
        stored: Callable[[], None],
    ) -> None:
        self._ctx = ctx
        self._retry_keys = retry_keys
        self._lids = lids
        #: Told after each committed message: a store that failed works again (the backoff resets).
        self._stored = stored
        # Retry receipts sent per (message id, sender); an hour like Baileys' MSG_RETRY TTL.
        self._retries: TTLCache[str, int] = TTLCache(4096, 3600.0)
        #: False until we mark ourselves available: delivery receipts say ``inactive`` till then.
        self.active_receipts = False

    @property
    def retry_cache(self) -> TTLCache[str, int]:
        """Retry receipts sent per message, bounded."""
        return self._retries

    async def handle(self, node: Node) -> None:
        """Process one ``<message>``; runs in the client's handler task (not the reader)."""
        ctx = self._ctx
        try:
            info = parse_message_info(node, ctx.own_jid, ctx.own_lid)
        except DecodeError as exc:
            # Logged here only; nacked when it has an id (without one it cannot be answered).
            logger.warning("< unparsable message stanza: %s", exc)
            if node.attr("id"):
                await ctx.send_node(build_ack(node, error=NACK_PARSING_ERROR, own_jid=ctx.own_jid))
            return
        # A new PN<->LID pair moves the sender's sessions to its LID before we decrypt.
        await self._lids.learn(pairs_from_stanza(node))
        addressing = read_addressing(node)
        # The session lives under the LID form when we know it.
        session_jid = (await self._lids.signal_jids([info.sender]))[info.sender]
        try:
            address = signal_address(session_jid)
            async with ctx.crypto_lock, ctx.store.transaction():
                seen, session = await self._seen_and_session(info, address)
                if seen:
                    raise DuplicateMessage(f"message {info.id} was processed already")
                decrypted = await self._decrypt_all(node, info, address, _Decrypted(session=session))
                await ctx.store.mark_processed(str(info.chat), str(info.sender), info.id, at=ctx.now())
                if decrypted.message is not None:
                    if decrypted.chat is not None:
                        info = dataclasses.replace(info, chat=decrypted.chat)
                    info = await self._with_alternates(info, addressing)
                    await ctx.store.put(INBOX, _inbox_key(info), _inbox_entry(info, decrypted.message))
        except DuplicateMessage:
            logger.debug("< duplicate message %s from %s", info.id, info.sender)
            await ctx.send_node(build_ack(node, own_jid=ctx.own_jid))
            return
        except (SignalError, DecodeError) as exc:
            await self._undecryptable(node, info, exc)
            return
        except StoreError as exc:
            await self._store_failed(info, exc)
            return
        self._stored()
        await ctx.send_node(build_ack(node, own_jid=ctx.own_jid))
        await ctx.send_node(self._delivery_receipt(info, peer=node.attr("category") == "peer"))
        if decrypted.identity_changed:
            await ctx.emit(IdentityChanged(jid=info.sender, implicit=True, timestamp=info.timestamp))
        if info.is_from_me and info.push_name and info.push_name != ctx.credentials.push_name:
            # The server relays our own push name on our other devices' messages (Baileys 7
            # keeps it the same way); presence needs it.
            await ctx.save_credentials(dataclasses.replace(ctx.credentials, push_name=info.push_name))
        if decrypted.message is not None:
            await self._deliver(_inbox_key(info), info, decrypted.message)

    async def replay_inbox(self) -> int:
        """Emit messages a crash left undelivered; returns how many."""
        await self._ctx.store.flush()  # this process's delivered entries are gone, not replayed
        entries = await self._ctx.store.items(INBOX)
        for key, raw in sorted(entries.items()):
            info, message = _read_inbox_entry(raw)
            await self._deliver(key, info, message, redelivered=True)
        return len(entries)

    async def _deliver(
        self, key: str, info: MessageInfo, message: wa_e2e_pb2.Message, *, redelivered: bool = False
    ) -> None:
        # Shielded: a client closing (a drop, a restart) must not cancel between the
        # handlers and the delete, or the next connection would replay the message to
        # handlers that already saw it. Only a crash can leave an entry for replay.
        # The delete rides on the device's next commit (usually the next message's) rather
        # than paying a commit of its own; a crash before that replays it, flagged.
        ctx = self._ctx
        with anyio.CancelScope(shield=True):
            if not await ctx.router.dispatch_message(info, message):
                await ctx.emit(Message(info=info, message=message, redelivered=redelivered))
            await ctx.store.delete_later(INBOX, key)

    async def _seen_and_session(self, info: MessageInfo, address: str) -> tuple[bool, bytes | None]:
        """Processed already (as it arrived, or as a redelivery to the other address), and the
        sender's session record: one store read."""
        keys = [(str(info.chat), str(info.sender), info.id)]
        sender_alt = await self._lids.alt_of(info.sender)
        chat_alt = (
            info.chat if info.is_group or info.chat.is_broadcast else await self._lids.alt_of(info.chat)
        )
        if sender_alt is not None and chat_alt is not None:
            keys.append((str(chat_alt), str(sender_alt), info.id))
        return await self._ctx.store.processed_and_session(keys, address)

    async def _with_alternates(self, info: MessageInfo, addressing: Addressing) -> MessageInfo:
        """Add the sender's and the 1:1 chat's other address, from the stanza or the mapping."""
        sender_alt = addressing.sender_alt or await self._lids.alt_of(info.sender)
        chat_alt = None
        if not info.is_group and not info.chat.is_broadcast:
            if info.chat.user == info.sender.user and sender_alt is not None:
                chat_alt = sender_alt.to_non_ad()
            else:
                # The stanza's peer_recipient_* pair was learned already; the chat may also
                # come from deviceSentMessage, so ask the mapping rather than the stanza.
                chat_alt = await self._lids.alt_of(info.chat)
        return dataclasses.replace(info, sender_alt=sender_alt, chat_alt=chat_alt)

    async def _decrypt_all(
        self, node: Node, info: MessageInfo, address: str, result: _Decrypted
    ) -> _Decrypted:
        encs = node.get_children("enc")
        if not encs:
            raise DecodeError("message without <enc>")
        # 1:1 parts first: they may carry the sender key the skmsg part needs.
        for enc in sorted(encs, key=lambda e: e.attr("type") == "skmsg"):
            plaintext = unpad_message(await self._decrypt_one(enc, info, result, address))
            message = decode_message(wa_e2e_pb2.Message, plaintext, "Message")
            if message.HasField("senderKeyDistributionMessage"):
                await self._store_sender_key(info, message.senderKeyDistributionMessage)
            if message.HasField("deviceSentMessage"):
                sent = message.deviceSentMessage
                result.chat = JID.parse(sent.destinationJid) if sent.destinationJid else None
                message = sent.message
            if _has_content(message):
                result.message = message
        return result

    async def _decrypt_one(self, enc: Node, info: MessageInfo, result: _Decrypted, address: str) -> bytes:
        """Decrypt one part; ``address`` is the sender's session (its LID address when known)."""
        store = self._ctx.store
        kind = enc.require_attr("type")
        body = enc.content_bytes()
        if kind == "skmsg":
            name = signal_address(info.sender)
            raw = await store.get_sender_key(str(info.chat), name)
            record, plaintext = group_decrypt(SenderKeyRecord.deserialize(raw) if raw else None, body)
            await store.put_sender_key(str(info.chat), name, record.serialize())
            return plaintext
        if result.session_read:
            raw = result.session
            result.session_read = False  # a second part for the address reads what the first wrote
        else:
            raw = await store.get_session(address)
        session = SessionRecord.deserialize(raw) if raw is not None else None
        if kind == "msg":
            session, plaintext = decrypt_message(session, body)
        elif kind == "pkmsg":
            parsed = parse_prekey_message(body)
            if await trust_identity(store, address, parsed.identity_key):
                # A new identity: the old session belongs to the old key, start afresh.
                session = None
                result.identity_changed = True
            session, plaintext = await self._decrypt_prekey(session, parsed)
        else:
            raise DecodeError(f"unknown enc type {kind!r}")
        await store.put_session(address, session.serialize())
        return plaintext

    async def _decrypt_prekey(
        self, session: SessionRecord | None, parsed: PreKeyMessage
    ) -> tuple[SessionRecord, bytes]:
        ctx = self._ctx
        creds = ctx.credentials
        signed = None
        if parsed.signed_prekey_id == creds.signed_prekey_id:
            signed = SignedPreKey(creds.signed_prekey_id, creds.signed_prekey, creds.signed_prekey_signature)
        one_time = None
        if parsed.prekey_id is not None:
            raw_prekey = await ctx.store.get_prekey(parsed.prekey_id)
            if raw_prekey is not None:
                one_time = PreKey(parsed.prekey_id, _keypair_from_record(raw_prekey))
        result = decrypt_prekey_message(session, creds.identity_key, signed, one_time, parsed)
        if result.consumed_prekey_id is not None:
            await ctx.store.remove_prekey(result.consumed_prekey_id)
        return result.record, result.plaintext

    async def _store_sender_key(
        self, info: MessageInfo, skdm: wa_e2e_pb2.Message.SenderKeyDistributionMessage
    ) -> None:
        store = self._ctx.store
        group = skdm.groupId or str(info.chat)
        name = signal_address(info.sender)
        raw = await store.get_sender_key(group, name)
        record = process_sender_key_distribution(
            SenderKeyRecord.deserialize(raw) if raw else None, skdm.axolotlSenderKeyDistributionMessage
        )
        await store.put_sender_key(group, name, record.serialize())

    def _delivery_receipt(self, info: MessageInfo, *, peer: bool = False) -> Node:
        """``peer_msg`` for our phone's ``category=peer`` messages (key shares, history),
        ``sender`` for our own devices' messages; otherwise a delivery receipt, typed
        ``inactive`` until we marked ourselves available (whatsmeow receipt.go
        ``sendMessageReceipt``, Baileys 7 ``sendActiveReceipts``, protocol-wave2.md 4.3)."""
        participant = info.sender if info.is_group else None
        if peer:
            return build_receipt(to=info.chat, message_ids=[info.id], receipt_type="peer_msg")
        if info.is_from_me:
            return build_receipt(
                to=info.chat if info.is_group else info.sender,
                message_ids=[info.id],
                receipt_type="sender",
                participant=participant,
                recipient=None if info.is_group else info.chat,
            )
        return build_receipt(
            to=info.chat if info.is_group else info.sender,
            message_ids=[info.id],
            receipt_type=None if self.active_receipts else "inactive",
            participant=participant,
        )

    async def _store_failed(self, info: MessageInfo, exc: StoreError) -> None:
        """Nothing committed, nothing acked: close, so the server redelivers on the next connection.

        Waiting here instead would hold every later stanza (pings included) behind a store
        that may stay full for hours; the reconnect policy spaces the attempts instead.
        """
        ctx = self._ctx
        logger.warning("< message %s not stored (%s); reconnecting for a redelivery", info.id, exc)
        await ctx.emit(StoreFailure(error=str(exc), message_id=info.id))
        close = CloseInfo.local(DisconnectReason.BAD_SESSION, f"store failed: {exc}", store_failed=True)
        await ctx.close_connection(close)

    async def _undecryptable(self, node: Node, info: MessageInfo, exc: WAError) -> None:
        ctx = self._ctx
        key = f"{info.id}:{info.sender}"
        count = (self._retries.get(key) or 0) + 1
        self._retries.put(key, count)
        logger.info(
            "< could not decrypt %s from %s (%s), retry %d", info.id, info.sender, type(exc).__name__, count
        )
        await ctx.send_node(build_ack(node, own_jid=ctx.own_jid))
        await ctx.emit(UndecryptableMessage(info=info, error=type(exc).__name__, retry_count=count))
        if count <= ctx.config.max_retry_receipts:
            ctx.spawn(self._send_retry_receipt, node, count)

    async def _send_retry_receipt(self, node: Node, count: int) -> None:
        ctx = self._ctx
        await anyio.sleep(ctx.config.retry_request_delay)
        creds = ctx.credentials
        keys = await self._retry_keys() if count > 1 else None
        receipt = build_retry_receipt(
            node,
            retry_count=count,
            registration_id=creds.registration_id,
            keys=keys,
        )
        await ctx.send_node(receipt)


#: Fields that carry keys or metadata along with a message, not content of their own.
_NOT_CONTENT = frozenset({"senderKeyDistributionMessage", "messageContextInfo"})


def _has_content(message: wa_e2e_pb2.Message) -> bool:
    """Whether the application should see ``message``.

    A field newer than our schema counts as content: the application gets the
    message with the field's bytes kept (``UnknownFieldSet``) rather than nothing.
    """
    if any(field.name not in _NOT_CONTENT for field, _ in message.ListFields()):
        return True
    return len(UnknownFieldSet(message)) > 0


def _inbox_key(info: MessageInfo) -> str:
    return f"{info.timestamp:012d}:{info.sender}:{info.id}"


def _inbox_entry(info: MessageInfo, message: wa_e2e_pb2.Message) -> bytes:
    return json.dumps(
        {
            "id": info.id,
            "chat": str(info.chat),
            "sender": str(info.sender),
            "from_me": info.is_from_me,
            "group": info.is_group,
            "t": info.timestamp,
            "push_name": info.push_name,
            "sender_alt": None if info.sender_alt is None else str(info.sender_alt),
            "chat_alt": None if info.chat_alt is None else str(info.chat_alt),
            "message": message.SerializeToString().hex(),
        }
    ).encode()


def _read_inbox_entry(raw: bytes) -> tuple[MessageInfo, wa_e2e_pb2.Message]:
    entry = json.loads(raw)
    info = MessageInfo(
        id=entry["id"],
        chat=JID.parse(entry["chat"]),
        sender=JID.parse(entry["sender"]),
        is_from_me=entry["from_me"],
        is_group=entry["group"],
        timestamp=entry["t"],
        push_name=entry["push_name"],
        sender_alt=JID.parse(entry["sender_alt"]) if entry.get("sender_alt") else None,
        chat_alt=JID.parse(entry["chat_alt"]) if entry.get("chat_alt") else None,
    )
    return info, decode_message(wa_e2e_pb2.Message, bytes.fromhex(entry["message"]), "stored inbox message")


def _keypair_from_record(record: bytes) -> KeyPair:
    """Prekey records are the 32-byte private key (the public half is derived)."""
    return keypair_from_private(record[:32])
