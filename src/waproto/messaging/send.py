"""The send path: device lists, sessions, per-device encryption, sender keys, the stanza.

For a 1:1 message every device of the recipient gets the padded ``Message`` and
every other device of our own account gets it wrapped in ``deviceSentMessage``.
For a group the message is encrypted once with our sender key (``skmsg``); the
devices that do not have that key yet first get a ``senderKeyDistributionMessage``
through their 1:1 sessions, in the same stanza.

Sessions are keyed like WhatsApp's own clients key them: a device whose account's
LID we know is encrypted to under its LID address (``LIDMap.signal_jids``), and a
1:1 message to a phone number whose LID we know goes to the LID and its devices,
with ``peer_recipient_pn`` naming the number (reference 1.2, 1.6).

Network queries (usync, key bundles, group metadata) happen before the crypto
lock is taken: the client's handler task needs that lock to process inbound
messages, and holding it across a network round trip would stall them.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from waproto.auth import encode_device_identity
from waproto.binary import Node
from waproto.cache import TTLCache
from waproto.config import ClientConfig
from waproto.connection import check_iq_error
from waproto.errors import DecodeError, InvalidState, NotOnWhatsApp, WAError
from waproto.events import IdentityChanged
from waproto.jid import GROUP_SERVER, JID, LID_SERVER, USER_SERVER
from waproto.lid import LIDMap, pairs_from_group, pairs_from_usync
from waproto.messaging.context import signal_address
from waproto.messaging.identity import trust_identity
from waproto.messaging.privacy import (
    PrivacyTokens,
    build_issue_tokens,
    parse_issue_result,
    parse_privacy_token_notification,
    should_issue,
    takes_tokens,
    tctoken_node,
    token_expired,
)
from waproto.messaging.wire import (
    EncryptedPart,
    KeyBundle,
    build_key_fetch,
    build_message_stanza,
    build_usync_devices,
    generate_message_id,
    pad_message,
    parse_key_bundles,
    parse_usync_devices,
)
from waproto.proto import decode_message, wa_e2e_pb2
from waproto.session import Session
from waproto.signal import (
    PreKeyBundle,
    SenderKeyRecord,
    SessionRecord,
    create_sender_key_distribution,
    encrypt_message,
    group_encrypt,
    initiate_session,
)

__all__ = [
    "GroupInfo",
    "GroupParticipant",
    "MessageCaches",
    "MessageSender",
    "SendResult",
    "media_type_of",
    "message_type_of",
    "parse_group",
]

logger = logging.getLogger("waproto.messaging")

#: KV namespace remembering which devices hold our sender key, per group.
SENDER_KEY_MEMORY = "sender-key-memory"


class _NoSession(InvalidState):
    """Devices without a session where one was needed (the direct send fetches keys and retries)."""

    def __init__(self, devices: list[JID]) -> None:
        super().__init__(f"no session with {', '.join(map(str, devices))} after the key fetch")
        self.devices = devices


class MessageSendError(WAError):
    """The server refused a message (``<ack error>``)."""


@dataclass(frozen=True, slots=True)
class SendResult:
    """What the server acknowledged."""

    id: str
    timestamp: int
    chat: JID | None = None
    """Where the message went: the chat as given, or (a 1:1 to a number whose LID we know)
    the LID the conversation runs at; replies arrive from there, with the number as
    ``chat_alt``."""


@dataclass(frozen=True, slots=True)
class GroupParticipant:
    """One member as the group lists it, with both of its addresses when the server gave them."""

    jid: JID
    """The member as the group addresses it: a LID in LID-addressed groups, else the phone number."""
    phone_number: JID | None
    lid: JID | None
    is_admin: bool = False
    is_super_admin: bool = False


@dataclass(frozen=True, slots=True)
class GroupInfo:
    """A group's metadata as ``w:g2`` returns it."""

    jid: JID
    subject: str
    participants: tuple[GroupParticipant, ...]
    admins: tuple[JID, ...] = ()
    creator: JID | None = None
    addressing_mode: str = "pn"
    """``"lid"``: members, senders and our own sender key are LID-addressed; ``"pn"``: phone numbers."""
    description: str | None = None
    description_id: str = ""
    announcement: bool = False
    """Only admins send."""
    locked: bool = False
    """Only admins edit the subject, description and timer."""
    ephemeral: int = 0
    """Disappearing-message timer in seconds (0: off)."""
    membership_approval: bool = False

    @property
    def is_lid_addressed(self) -> bool:
        """True when the group addresses its members by LID."""
        return self.addressing_mode == "lid"


def _parse_participant(node: Node) -> GroupParticipant | None:
    jid = node.attr_jid("jid")
    if jid is None:
        return None
    lid: JID | None = jid
    phone: JID | None = jid
    if jid.is_lid:
        phone = node.attr_jid("phone_number")
    else:
        lid = node.attr_jid("lid")
    kind = node.attr("type")
    return GroupParticipant(
        jid=jid,
        phone_number=phone,
        lid=lid,
        is_admin=kind in ("admin", "superadmin"),
        is_super_admin=kind == "superadmin",
    )


def parse_group(node: Node) -> GroupInfo:
    """Read a ``<group>`` node (create result or metadata; reference 1.5 and 5.2)."""
    group_id = node.require_attr("id")
    jid = JID.parse(group_id if "@" in group_id else f"{group_id}@{GROUP_SERVER}")
    participants = tuple(
        p for p in map(_parse_participant, node.get_children("participant")) if p is not None
    )
    mode = node.attr("addressing_mode")
    if mode not in ("lid", "pn"):
        mode = "lid" if any(p.jid.is_lid for p in participants) else "pn"
    description = node.get_child("description")
    body = description.get_child("body") if description is not None else None
    ephemeral = node.get_child("ephemeral")
    approval = node.get_child("membership_approval_mode")
    join = approval.get_child("group_join") if approval is not None else None
    return GroupInfo(
        jid=jid,
        subject=node.attr("subject") or "",
        participants=participants,
        admins=tuple(p.jid for p in participants if p.is_admin),
        creator=node.attr_jid("creator"),
        addressing_mode=mode,
        description=body.content_bytes().decode("utf-8", "replace") if body is not None else None,
        description_id=(description.attr("id") or "") if description is not None else "",
        announcement=node.get_child("announcement") is not None,
        locked=node.get_child("locked") is not None,
        ephemeral=(ephemeral.attr_int("expiration", 0) or 0) if ephemeral is not None else 0,
        membership_approval=join is not None and join.attr("state") == "on",
    )


@dataclass(frozen=True, slots=True)
class MessageCaches:
    """Device lists and group metadata of one account, bounded and expiring.

    Pass the same object to each new client of one session (the session manager
    does) and the entries survive reconnects.
    """

    devices: TTLCache[JID, tuple[JID, ...]]
    groups: TTLCache[JID, GroupInfo]

    @classmethod
    def for_config(cls, config: ClientConfig) -> MessageCaches:
        """Empty caches sized and timed by ``config``."""
        return cls(
            TTLCache(config.device_cache_size, config.device_cache_ttl),
            TTLCache(config.device_cache_size, config.group_cache_ttl),
        )


#: Every version of the poll creation message (field names of the E2E schema).
_POLL_CREATIONS = tuple(
    name for name in wa_e2e_pb2.Message.DESCRIPTOR.fields_by_name if name.startswith("pollCreationMessage")
)


def message_type_of(message: wa_e2e_pb2.Message) -> str:
    """The stanza ``type``: ``reaction``, ``poll``, ``media`` or ``text`` (whatsmeow send.go
    ``getTypeFromMessage``; Baileys 7 sends every poll creation version as ``poll``)."""
    if message.HasField("reactionMessage") or message.HasField("encReactionMessage"):
        return "reaction"
    if message.HasField("pollUpdateMessage") or any(message.HasField(name) for name in _POLL_CREATIONS):
        return "poll"
    for field in ("imageMessage", "videoMessage", "audioMessage", "documentMessage", "stickerMessage"):
        if message.HasField(field):
            return "media"
    return "text"


def stanza_extras(message: wa_e2e_pb2.Message) -> list[Node]:
    """Children a stanza carries besides the ciphertexts: ``<meta polltype>`` on polls
    (``creation`` or ``vote``; whatsmeow send.go ``getMessageContent``, Baileys 7)."""
    if message_type_of(message) != "poll":
        return []
    kind = "vote" if message.HasField("pollUpdateMessage") else "creation"
    return [Node("meta", {"polltype": kind})]


def media_type_of(message: wa_e2e_pb2.Message) -> str | None:
    """The ``<enc mediatype>`` of a media message (WA Web, Baileys ``getMediaType``), else None."""
    if message.HasField("imageMessage"):
        return "image"
    if message.HasField("videoMessage"):
        return "gif" if message.videoMessage.gifPlayback else "video"
    if message.HasField("audioMessage"):
        return "ptt" if message.audioMessage.ptt else "audio"
    if message.HasField("documentMessage"):
        return "document"
    if message.HasField("stickerMessage"):
        return "sticker"
    return None


def edit_attribute(message: wa_e2e_pb2.Message) -> str | None:
    """The ``edit`` attribute of a stanza that changes an earlier message, else None.

    Values as in whatsmeow send.go ``getEditAttribute`` and Baileys 7 ``sendMessage``:
    ``1`` an edit, ``7`` a revoke of our own message (whatsmeow: also a removed
    reaction), ``8`` an admin revoke.
    """
    if message.HasField("editedMessage") and message.editedMessage.HasField("message"):
        return edit_attribute(message.editedMessage.message)
    if message.HasField("protocolMessage") and message.protocolMessage.HasField("key"):
        protocol = message.protocolMessage
        if protocol.type == wa_e2e_pb2.Message.ProtocolMessage.REVOKE:
            return "7" if protocol.key.fromMe else "8"
        if protocol.type == wa_e2e_pb2.Message.ProtocolMessage.MESSAGE_EDIT and protocol.HasField(
            "editedMessage"
        ):
            return "1"
    if message.HasField("reactionMessage") and not message.reactionMessage.text:
        return "7"
    return None


def enc_attrs_of(message: wa_e2e_pb2.Message) -> dict[str, str]:
    """``decrypt-fail="hide"`` for reactions, poll votes, edits and revokes: a receiver that cannot
    decrypt one shows no "waiting for this message" placeholder (whatsmeow send.go
    ``prepareMessageNode``; Baileys 7 messages-send sets it for reactions and pins)."""
    hidden = ("reactionMessage", "encReactionMessage", "pollUpdateMessage")
    if any(message.HasField(name) for name in hidden) or edit_attribute(message) is not None:
        return {"decrypt-fail": "hide"}
    return {}


def _stanza_attrs(message: wa_e2e_pb2.Message) -> dict[str, str]:
    edit = edit_attribute(message)
    return {} if edit is None else {"edit": edit}


class MessageSender:
    """Encrypts and sends messages for one device; owns the device-list and group caches."""

    __slots__ = ("_ctx", "_devices", "_groups", "_lids", "_tokens")

    def __init__(self, ctx: Session, lids: LIDMap, caches: MessageCaches | None = None) -> None:
        self._ctx = ctx
        self._lids = lids
        caches = caches or MessageCaches.for_config(ctx.config)
        self._devices = caches.devices
        self._groups = caches.groups
        self._tokens = PrivacyTokens(ctx.store, lids)

    @property
    def device_cache(self) -> TTLCache[JID, tuple[JID, ...]]:
        """Device lists per user (usync), bounded and expiring."""
        return self._devices

    @property
    def group_cache(self) -> TTLCache[JID, GroupInfo]:
        """Group metadata per group, bounded and expiring."""
        return self._groups

    async def send(
        self,
        to: JID,
        message: wa_e2e_pb2.Message,
        *,
        message_id: str | None = None,
        recipients: Sequence[JID] | None = None,
    ) -> SendResult:
        """Encrypt ``message`` for every device that must get it, send it, wait for the server's ack.

        ``recipients`` names who sees a post to ``status@broadcast`` (required there).
        """
        ctx = self._ctx
        own = ctx.own_jid
        msg_id = message_id or generate_message_id(int(time.time()), own.user)
        one_to_one = takes_tokens(to) and to.user != own.user
        peer_pn: JID | None = None
        if to.is_status_broadcast:
            if not recipients:
                raise ValueError("a status post needs at least one recipient")
            stanza = await self._group_stanza(msg_id, to, message, members=recipients)
        elif to.server == GROUP_SERVER:
            stanza = await self._group_stanza(msg_id, to, message)
        else:
            to, peer_pn = await self.destination(to)
            stanza = await self._direct_stanza(msg_id, to, message, peer_pn=peer_pn)
        issued = 0
        if one_to_one:
            # A 1:1 message carries the contact's privacy token (whatsmeow send.go, Baileys 7
            # messages-send); without one WhatsApp may refuse it with 463.
            record = await self._tokens.get(to)
            issued = record.issued
            token = await self._tokens.token_node(to, record, now=ctx.now())
            if token is not None:
                stanza.content = [*stanza.get_children(), token]
        ack = await ctx.send_and_wait_ack(stanza)
        if one_to_one and not message.HasField("protocolMessage") and should_issue(issued, ctx.now()):
            # After the send (also after a 463): our own token, so the contact may write back.
            # Issued to the number when we have it, as before LIDs (Baileys 7 issues to the LID
            # only when the server's ``lid_trusted_token_issue_to_lid`` prop says so).
            ctx.spawn(self._issue_privacy_token, (peer_pn or to).to_non_ad())
        error = ack.attr("error")
        if error:
            raise MessageSendError(f"server refused message {msg_id}: error {error}")
        return SendResult(msg_id, ack.attr_int("t", int(time.time())) or int(time.time()), to)

    async def destination(self, to: JID) -> tuple[JID, JID | None]:
        """Where a 1:1 message to ``to`` goes, and the number to name beside it.

        A number whose LID we know is written to at the LID, with ``peer_recipient_pn``
        naming the number, as whatsmeow does (send.go ``SendMessage``; reference 1.6).
        The device usync (cached) asks for the LID too, so a first message learns it.
        ``ClientConfig.send_to_lid=False`` keeps the number (Baileys 7's way: its
        ``relayMessage`` addresses the JID given, with sessions under the LID).
        """
        to = to.to_non_ad()
        if to.server != USER_SERVER or not self._ctx.config.send_to_lid:
            return to, None
        await self.devices_of([to])
        lid = (await self._lids.lids_for([to.user])).get(to.user)
        if lid is None:
            return to, None
        return JID(lid, LID_SERVER), to

    async def own_identity(self, chat: JID) -> JID:
        """How ``chat`` sees us (user JID): our LID in a LID-addressed group or a chat that runs
        at a LID, else our number. Poll votes and secrets are bound to it."""
        ctx = self._ctx
        own_lid = ctx.own_lid
        if own_lid is not None:
            if chat.server == GROUP_SERVER:
                if (await self.group_info(chat)).is_lid_addressed:
                    return own_lid.to_non_ad()
            elif not chat.is_broadcast and (await self.destination(chat))[0].is_lid:
                return own_lid.to_non_ad()
        return ctx.own_jid.to_non_ad()

    async def contact_token(self, contact: JID) -> Node | None:
        """The live ``<tctoken>`` a contact issued us, for token-gated requests about them
        (presence subscribe, profile picture: whatsmeow ``ensureTCToken`` in presence.go and
        user.go, Baileys 7 ``buildTcTokenFromJid``); None for ourselves, groups and bots."""
        own = {self._ctx.own_jid.to_non_ad(), self._ctx.own_lid and self._ctx.own_lid.to_non_ad()}
        if not takes_tokens(contact) or contact.to_non_ad() in own:
            return None
        return tctoken_node(await self._tokens.get(contact), self._ctx.now())

    async def reissue_privacy_token(self, contact: JID) -> None:
        """After ``contact`` re-registered (new identity): issue our token again, with the time
        of the live issue, when there is one (whatsmeow notification.go on ``<identity/>``)."""
        record = await self._tokens.get(contact)
        if record.issued and not token_expired(record.issued, self._ctx.now()):
            self._ctx.spawn(self._issue_privacy_token, contact.to_non_ad(), record.issued)

    async def _issue_privacy_token(self, contact: JID, timestamp: int | None = None) -> None:
        """Issue our ``trusted_contact`` token to ``contact`` (fire and forget, once per week bucket)."""
        now = int(self._ctx.now()) if timestamp is None else timestamp
        try:
            result = await self._ctx.query(build_issue_tokens(contact, now, self._ctx.next_id()))
        except WAError as exc:
            logger.debug("issuing a privacy token to %s failed: %s", contact, exc)
            return
        for token in parse_issue_result(result, contact):
            await self._tokens.received(token)
        await self._tokens.issued(contact, now)

    async def store_privacy_tokens(self, notification: Node) -> None:
        """Keep the tokens of a ``privacy_token`` notification (whatsmeow notification.go)."""
        try:
            tokens = parse_privacy_token_notification(notification)
        except DecodeError as exc:
            logger.warning("< bad privacy_token notification: %s", exc)
            return
        for token in tokens:
            await self._tokens.received(token)

    async def send_peer(self, message: wa_e2e_pb2.Message, *, priority: str = "high") -> str:
        """Send a protocol message to our own phone only (device 0), as a ``peer`` message.

        Used for app-state key requests and history requests (whatsmeow ``sendPeerMessage``:
        ``category=peer``, ``push_priority=high``). Returns the message id.
        """
        ctx = self._ctx
        own = ctx.own_jid
        phone = JID(own.user, own.server)
        msg_id = generate_message_id(int(time.time()), own.user)
        await self.ensure_sessions([phone])
        plaintext = pad_message(message.SerializeToString())
        async with ctx.crypto_lock, ctx.store.transaction():
            (part,) = await self._encrypt_for([(phone, plaintext)])
        children = [Node("enc", {"v": "2", "type": part.type}, part.ciphertext)]
        identity = self._device_identity()
        if part.type == "pkmsg" and identity is not None:
            children.append(Node("device-identity", {}, identity))
        await ctx.send_node(
            build_message_stanza(
                message_id=msg_id,
                to=phone,
                message_type="text",
                parts=[],
                extra_attrs={"category": "peer", "push_priority": priority},
                extra_children=children,
            )
        )
        return msg_id

    async def resend_to_device(
        self, message_id: str, device: JID, *, keys: KeyBundle | None = None, retry_count: int = 1
    ) -> bool:
        """Answer retry receipt ``retry_count``: encrypt the stored message again for ``device`` only.

        Returns False when the message is no longer known.
        """
        ctx = self._ctx
        stored = await ctx.store.get_sent_message(message_id)
        if stored is None:
            return False
        entry = json.loads(stored)
        chat = JID.parse(entry["to"])
        message = decode_message(wa_e2e_pb2.Message, bytes.fromhex(entry["message"]), "stored sent message")
        own_device = self._is_own(device)
        if keys is not None:
            await self._start_sessions([keys], replace=True)
        else:
            address = (await self._addresses([device]))[device]
            async with ctx.crypto_lock:
                await ctx.store.delete_session(address)
            await self.ensure_sessions([device])
        if own_device:
            message = _device_sent(chat, message)
        plaintext = pad_message(message.SerializeToString())
        async with ctx.crypto_lock, ctx.store.transaction():
            (part,) = await self._encrypt_for([(device, plaintext)])
            if chat.server == GROUP_SERVER:
                await self._forget_sender_key_holder(chat, device)
        attrs = {"device_fanout": "false", **_stanza_attrs(message)}
        if chat.server == GROUP_SERVER:
            to, attrs["participant"] = chat, str(device)
        elif own_device:
            to, attrs["recipient"] = device, str(chat)
        else:
            to = device
        stanza = build_message_stanza(
            message_id=message_id,
            to=to,
            message_type=message_type_of(message),
            media_type=media_type_of(message),
            parts=[part],
            device_identity=self._device_identity(),
            extra_attrs=attrs,
            enc_attrs=enc_attrs_of(message),
            extra_children=stanza_extras(message),
            retry_count=retry_count,
        )
        await ctx.send_node(stanza)
        return True

    async def devices_of(self, users: Iterable[JID]) -> dict[JID, tuple[JID, ...]]:
        """Device JIDs per user, from the cache or one usync query for the rest."""
        result: dict[JID, tuple[JID, ...]] = {}
        missing = []
        for user in {u.to_non_ad() for u in users}:
            cached = self._devices.get(user)
            if cached is None:
                missing.append(user)
            else:
                result[user] = cached
        if missing:
            answer = await self._ctx.query(build_usync_devices(missing, self._ctx.next_id()))
            usync = check_iq_error(answer).get_child("usync")
            pairs = pairs_from_usync(usync) if usync is not None else []
            await self._lids.learn(pairs)
            lid_of = {pn: lid for lid, pn in pairs}
            for user, devices in parse_usync_devices(answer).items():
                self._devices.put(user, tuple(devices))
                result[user] = tuple(devices)
                lid = lid_of.get(user.user) if user.server == USER_SERVER else None
                if lid is not None:
                    # The same devices under the LID, where the next send to this account goes.
                    self._devices.put(
                        JID(lid, LID_SERVER), tuple(JID(lid, LID_SERVER, d.device) for d in devices)
                    )
        return result

    async def group_info(self, group: JID, *, refresh: bool = False) -> GroupInfo:
        """Group metadata, cached for ``group_cache_ttl`` seconds."""
        cached = None if refresh else self._groups.get(group)
        if cached is not None:
            return cached
        answer = await self._ctx.query(
            Node(
                "iq",
                {"to": str(group), "type": "get", "xmlns": "w:g2"},
                [Node("query", {"request": "interactive"})],
            )
        )
        return await self.learn_group(check_iq_error(answer).require_child("group"))

    async def learn_group(self, node: Node) -> GroupInfo:
        """Parse a ``<group>`` node, keep its PN<->LID pairs and cache it."""
        info = parse_group(node)
        await self._lids.learn(pairs_from_group(node))
        self._groups.put(info.jid, info)
        return info

    async def ensure_sessions(self, devices: Sequence[JID]) -> None:
        """Fetch key bundles and start sessions for the devices that have none."""
        if not devices:
            return
        addresses = await self._addresses(devices)
        existing = await self._ctx.store.get_sessions(list(addresses.values()))
        missing = [d for d in devices if addresses[d] not in existing]
        if not missing:
            return
        answer = await self._ctx.query(build_key_fetch(missing))
        await self._start_sessions(parse_key_bundles(answer), replace=False)

    async def _start_sessions(self, bundles: Sequence[KeyBundle], *, replace: bool) -> None:
        ctx = self._ctx
        creds = ctx.credentials
        changed: list[JID] = []
        async with ctx.crypto_lock, ctx.store.transaction():
            addresses = await self._addresses([bundle.jid for bundle in bundles])
            for bundle in bundles:
                address = addresses[bundle.jid]
                raw = await ctx.store.get_session(address)
                if raw is not None and not replace:
                    continue
                if await trust_identity(ctx.store, address, bundle.identity_key):
                    # The old session belongs to the old key: start afresh.
                    raw = None
                    changed.append(bundle.jid)
                record = initiate_session(
                    SessionRecord.deserialize(raw) if raw is not None else None,
                    creds.identity_key,
                    creds.registration_id,
                    PreKeyBundle(
                        registration_id=bundle.registration_id,
                        identity_key=bundle.identity_key,
                        signed_prekey_id=bundle.signed_prekey_id,
                        signed_prekey_public=bundle.signed_prekey,
                        signed_prekey_signature=bundle.signed_prekey_signature,
                        prekey_id=bundle.prekey_id,
                        prekey_public=bundle.prekey,
                    ),
                )
                await ctx.store.put_session(address, record.serialize())
        now = int(ctx.now())
        for jid in changed:
            await ctx.emit(IdentityChanged(jid=jid, implicit=True, timestamp=now))

    async def _direct_stanza(
        self, msg_id: str, to: JID, message: wa_e2e_pb2.Message, *, peer_pn: JID | None = None
    ) -> Node:
        """A 1:1 stanza to ``to`` as :meth:`destination` chose it (our LID writes to a LID)."""
        ctx = self._ctx
        own = ctx.own_jid
        to = to.to_non_ad()
        extra = {} if peer_pn is None else {"peer_recipient_pn": str(peer_pn)}
        if to.is_lid and ctx.own_lid is not None:
            own = ctx.own_lid
        lists = await self.devices_of([to, own])
        listed = lists.get(to, ())
        recipients = list(listed) or [to]
        own_devices = [d for d in lists.get(own.to_non_ad(), ()) if d.device != own.device]
        plaintext = pad_message(message.SerializeToString())
        sync_plaintext = pad_message(_device_sent(to, message).SerializeToString())
        targets = [(d, plaintext) for d in recipients] + [(d, sync_plaintext) for d in own_devices]

        async def encrypt() -> list[EncryptedPart]:
            async with ctx.crypto_lock, ctx.store.transaction():
                parts = await self._encrypt_for(targets)
                await self._remember(msg_id, to, message)
                return parts

        try:
            # Sessions usually exist: one read, inside the lock, serves the check and the encryption.
            parts = await encrypt()
        except _NoSession as exc:
            await self.ensure_sessions(exc.devices)
            if not listed and not await ctx.store.get_sessions([(await self._addresses([to]))[to]]):
                # No device listed and no key bundle either: the number has no account.
                raise NotOnWhatsApp(to) from None
            parts = await encrypt()
        return build_message_stanza(
            message_id=msg_id,
            to=to,
            message_type=message_type_of(message),
            media_type=media_type_of(message),
            parts=parts,
            device_identity=self._device_identity(),
            extra_attrs={**_stanza_attrs(message), **extra},
            enc_attrs=enc_attrs_of(message),
            extra_children=stanza_extras(message),
        )

    async def _group_stanza(
        self, msg_id: str, group: JID, message: wa_e2e_pb2.Message, *, members: Sequence[JID] | None = None
    ) -> Node:
        """A sender-key message to a group, or (``members`` given) a status post to those users.

        A status post names every recipient device in ``<participants>`` (each gets the
        sender key again): the server routes a broadcast by that list, not by membership.
        """
        ctx = self._ctx
        own = ctx.own_jid
        lid_addressed = False  # a status post has no addressing_mode (reference 6.9)
        if members is None:
            info = await self.group_info(group)
            lid_addressed = info.is_lid_addressed
            # A LID group lists us by our LID: we send as that device and name our sender key after it.
            if info.is_lid_addressed and ctx.own_lid is not None:
                own = ctx.own_lid
            users = [p.jid for p in info.participants]
        else:
            users = [m.to_non_ad() for m in members]
        lists = await self.devices_of([*users, own])
        devices = [d for ds in lists.values() for d in ds if d != own]
        holders = await self._sender_key_holders(group) if members is None else set()
        missing = [d for d in devices if str(d) not in holders]
        await self.ensure_sessions(missing)
        name = signal_address(own)
        async with ctx.crypto_lock, ctx.store.transaction():
            raw = await ctx.store.get_sender_key(str(group), name)
            record = SenderKeyRecord.deserialize(raw) if raw is not None else None
            record, distribution = create_sender_key_distribution(record)
            record, ciphertext = group_encrypt(record, pad_message(message.SerializeToString()))
            parts: list[EncryptedPart] = []
            if missing:
                # Sessions are read before this transaction writes anything (a plain read).
                skdm = wa_e2e_pb2.Message(
                    senderKeyDistributionMessage=wa_e2e_pb2.Message.SenderKeyDistributionMessage(
                        groupId=str(group), axolotlSenderKeyDistributionMessage=distribution
                    )
                )
                skdm_plaintext = pad_message(skdm.SerializeToString())
                parts = await self._encrypt_for([(d, skdm_plaintext) for d in missing])
                holders.update(str(d) for d in missing)
                await ctx.store.put(SENDER_KEY_MEMORY, str(group), json.dumps(sorted(holders)).encode())
            await ctx.store.put_sender_key(str(group), name, record.serialize())
            await self._remember(msg_id, group, message)
        return build_message_stanza(
            message_id=msg_id,
            to=group,
            message_type=message_type_of(message),
            media_type=media_type_of(message),
            parts=parts,
            group_ciphertext=ciphertext,
            device_identity=self._device_identity(),
            # whatsmeow names the mode only for LID groups (reference 1.10).
            extra_attrs={
                **_stanza_attrs(message),
                **({"addressing_mode": "lid"} if lid_addressed else {}),
            },
            enc_attrs=enc_attrs_of(message),
            extra_children=stanza_extras(message),
        )

    async def _encrypt_for(self, targets: Sequence[tuple[JID, bytes]]) -> list[EncryptedPart]:
        """Encrypt a plaintext per device with one session read and one write.

        The caller holds the crypto lock and a transaction.
        """
        store = self._ctx.store
        by_device = await self._addresses([device for device, _ in targets])
        addresses = [by_device[device] for device, _ in targets]
        records = await store.get_sessions(addresses)
        missing = [
            device for (device, _), address in zip(targets, addresses, strict=True) if address not in records
        ]
        if missing:
            raise _NoSession(missing)
        updated: dict[str, bytes] = {}
        parts: list[EncryptedPart] = []
        for (device, plaintext), address in zip(targets, addresses, strict=True):
            raw = records[address]
            record, ciphertext = encrypt_message(SessionRecord.deserialize(raw), plaintext)
            records[address] = updated[address] = record.serialize()
            parts.append(EncryptedPart(device, str(ciphertext.type), ciphertext.serialized))
        await store.put_sessions(updated)
        return parts

    async def _addresses(self, devices: Sequence[JID]) -> dict[JID, str]:
        """The Signal address of each device's session: under its LID when we know it."""
        return {
            device: signal_address(jid) for device, jid in (await self._lids.signal_jids(devices)).items()
        }

    def _is_own(self, device: JID) -> bool:
        own, own_lid = self._ctx.own_jid, self._ctx.own_lid
        return device.user == own.user or (own_lid is not None and device.user == own_lid.user)

    async def _sender_key_holders(self, group: JID) -> set[str]:
        raw = await self._ctx.store.get(SENDER_KEY_MEMORY, str(group))
        return set(json.loads(raw)) if raw is not None else set()

    async def _forget_sender_key_holder(self, group: JID, device: JID) -> None:
        holders = await self._sender_key_holders(group)
        holders.discard(str(device))
        await self._ctx.store.put(SENDER_KEY_MEMORY, str(group), json.dumps(sorted(holders)).encode())

    async def _remember(self, msg_id: str, to: JID, message: wa_e2e_pb2.Message) -> None:
        """Keep the message to answer retry receipts; called inside the encryption's transaction."""
        entry = {"to": str(to), "message": message.SerializeToString().hex()}
        await self._ctx.store.put_sent_message(msg_id, json.dumps(entry).encode(), at=time.time())

    def _device_identity(self) -> bytes | None:
        account = self._ctx.credentials.account
        return encode_device_identity(account) if account is not None else None


def _device_sent(destination: JID, message: wa_e2e_pb2.Message) -> wa_e2e_pb2.Message:
    """Wrap a message for our own other devices, naming the chat it went to."""
    return wa_e2e_pb2.Message(
        deviceSentMessage=wa_e2e_pb2.Message.DeviceSentMessage(
            destinationJid=str(destination), message=message
        )
    )
