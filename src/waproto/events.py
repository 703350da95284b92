"""Typed events a client (or a session manager) emits.

Every event is a frozen, slotted dataclass. Register handlers by type::

    @client.on(Message)
    async def on_message(event: Message) -> None: ...

Events after which the client will not reconnect by itself derive from
:class:`PermanentDisconnect`. When events come through a ``SessionManager``
their ``session_id`` names the session; a lone client leaves it empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from waproto.connection.reasons import CloseInfo, DisconnectReason
from waproto.jid import JID
from waproto.media.message import MediaInfo, media_info
from waproto.messaging.actions import unwrap

if TYPE_CHECKING:
    from waproto.proto.wa_e2e_pb2 import Message as MessageProto

__all__ = [
    "ChatState",
    "ClientOutdated",
    "Connected",
    "Disconnected",
    "EphemeralSettingChanged",
    "Event",
    "GroupInfoChanged",
    "GroupJoined",
    "GroupParticipantsChanged",
    "IdentityChanged",
    "IncomingCall",
    "LoggedOut",
    "Message",
    "MessageEdited",
    "MessageInfo",
    "MessageRevoked",
    "PairSuccess",
    "PairingCode",
    "PermanentDisconnect",
    "PollVote",
    "Presence",
    "QRCode",
    "Reaction",
    "Receipt",
    "StoreFailure",
    "StreamReplaced",
    "UndecryptableMessage",
    "VersionRefreshed",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Base of all events."""

    session_id: str = ""
    """The session that emitted the event (set by ``SessionManager``; empty for a lone client)."""


class PermanentDisconnect:
    """Marker: after this event the client does not reconnect on its own."""

    __slots__ = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class QRCode(Event):
    """A QR code to show; the user scans it with WhatsApp > Linked devices.

    Fires once per ref (the first lives ``qr_first_timeout`` seconds, later ones
    ``qr_timeout``). Render ``code`` as a QR; when refs run out the client closes with 408.
    """

    code: str
    """The string to encode in the QR code."""
    timeout: float
    """Seconds until the next code replaces this one."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PairingCode(Event):
    """The 8-character code to type on the phone (Linked devices > Link with phone number)."""

    code: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PairSuccess(Event):
    """The phone accepted this device; the client restarts the stream (515) and logs in."""

    jid: JID
    """Our new device JID (``user:device@s.whatsapp.net``)."""
    lid: JID | None
    """Our LID, when the server sent one."""
    platform: str
    """The phone's platform name."""
    business_name: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Connected(Event):
    """Logged in and ready: prekeys checked, passive mode off. Sending works from here."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Disconnected(Event):
    """The connection closed. The client reconnects unless a :class:`PermanentDisconnect` follows."""

    close: CloseInfo
    """Why, as the connection reported it: reason, code, detail and flags."""

    @property
    def reason(self) -> DisconnectReason:
        """The named close code."""
        return self.close.reason

    @property
    def code(self) -> int:
        """The numeric code as received (may be one without a name)."""
        return self.close.code

    @property
    def detail(self) -> str:
        """The server's words or the local cause, for people (decisions read the flags)."""
        return self.close.detail


@dataclass(frozen=True, slots=True, kw_only=True)
class LoggedOut(Event, PermanentDisconnect):
    """This device was unlinked (401 or ``device_removed``); pair again to continue.

    Credentials stay in the store until you remove them.
    """

    on_connect: bool
    """True when login was refused; False when the server ended a live session."""
    reason: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class VersionRefreshed(Event):
    """WhatsApp refused our version (405); the version source knew a newer one and the
    client reconnects with it at once (clients sharing the source use it from their next login)."""

    refused: tuple[int, int, int]
    version: tuple[int, int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientOutdated(Event, PermanentDisconnect):
    """WhatsApp refused our version (405) and no newer one could be found; the client stops.

    ``detail`` says why: no version source configured, the fetch failed, or the
    source's version was refused too. Update waproto or set ``ClientConfig.version``.
    """

    detail: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StreamReplaced(Event, PermanentDisconnect):
    """Another connection with the same credentials took over (440 conflict).

    Reconnecting at once would evict the other one and loop; stop or wait.
    """


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageInfo:
    """Who sent a message, where, and when."""

    id: str
    chat: JID
    """The conversation: the peer for 1:1, the group for groups."""
    sender: JID
    """The sending device's JID."""
    is_from_me: bool
    """Sent by another device of our own account."""
    is_group: bool
    timestamp: int
    """Server timestamp, seconds since the epoch."""
    push_name: str = ""
    sender_alt: JID | None = None
    """The sender device's other address (its phone number when it arrived as a LID, and the
    reverse), from the stanza's ``*_pn``/``*_lid`` attributes or the stored mapping."""
    chat_alt: JID | None = None
    """For 1:1 chats: the chat's other address, when known."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Message(Event):
    """A decrypted message. The client has stored its ratchet step and acked it."""

    info: MessageInfo
    message: MessageProto
    """The decoded ``Message`` protobuf (``deviceSentMessage`` already unwrapped)."""
    redelivered: bool = False
    """True when it comes from the inbox replay after a restart: the process stopped after the
    message was committed and acked but before its handlers finished, so they may have seen it
    already (handlers run at least once; use ``info.id`` to make them idempotent)."""

    @property
    def media(self) -> MediaInfo | None:
        """The image, video, audio, document or sticker it carries (``client.download_media``), else None."""
        return media_info(self.message)

    @property
    def is_view_once(self) -> bool:
        """View-once content (a wrapper, or the media's ``viewOnce`` flag): show it, do not keep it.

        ``media`` and ``text`` already look through the wrapper.
        """
        content, wrappers = unwrap(self.message)
        if wrappers & _VIEW_ONCE:
            return True
        return any(content.HasField(name) and getattr(content, name).viewOnce for name in _VIEW_ONCE_MEDIA)

    @property
    def text(self) -> str | None:
        """The message's text: a plain or extended text, or a media caption; else None.

        Looks through the wrappers WA puts around content (disappearing, view-once,
        document with caption). ``message`` keeps everything else, including fields
        newer than this library's schema.
        """
        msg, _ = unwrap(self.message)
        if msg.HasField("conversation"):
            return msg.conversation
        if msg.HasField("extendedTextMessage"):
            return msg.extendedTextMessage.text
        for name in _CAPTIONED:
            if msg.HasField(name):
                media = getattr(msg, name)
                return media.caption if media.HasField("caption") else None
        return None


#: The wrappers that mark view-once content (v1, V2 and V2Extension; reference 6.7).
_VIEW_ONCE = frozenset({"viewOnceMessage", "viewOnceMessageV2", "viewOnceMessageV2Extension"})
#: Media messages with their own ``viewOnce`` flag.
_VIEW_ONCE_MEDIA = ("imageMessage", "videoMessage", "audioMessage")

#: ``Message`` fields holding media whose ``caption`` is their text.
_CAPTIONED = ("imageMessage", "videoMessage", "documentMessage", "ptvMessage")


@dataclass(frozen=True, slots=True, kw_only=True)
class UndecryptableMessage(Event):
    """A message that could not be decrypted; a retry receipt asked the sender to resend it."""

    info: MessageInfo
    error: str
    """Why decryption failed (no key material in it)."""
    retry_count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreFailure(Event):
    """The store could not commit what a received message needs (disk full, I/O error).

    Nothing was acked: the client closes the connection, so the server delivers the message
    again on the next connection (after the reconnect policy's delay), and goes on doing so
    until the store accepts the commit. No outside help is needed once space is back; the
    event is for alerting (free disk space, check the database).
    """

    error: str
    """What the store reported."""
    message_id: str
    """The message whose commit failed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class IdentityChanged(Event):
    """A contact's identity key changed (they reinstalled WhatsApp, or someone else holds the number).

    The old session was dropped and messaging goes on with the new key (trust on first
    use, as WhatsApp's clients do); show the user a "security code changed" notice.
    """

    jid: JID
    """The device whose key changed (the account's primary device for a server notice)."""
    implicit: bool
    """True when we saw the new key ourselves (a message or a key fetch); False for the server's notice."""
    timestamp: int
    """Seconds since the epoch: the server's time of the notice, or the message's."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Receipt(Event):
    """Delivery, read or played receipts for messages we sent."""

    message_ids: tuple[str, ...]
    chat: JID
    sender: JID
    """The device that sent the receipt."""
    type: str
    """``delivery``, ``read``, ``read-self``, ``played``, ``sender`` or ``retry``."""
    timestamp: int
    sender_alt: JID | None = None
    """The sending device's other address (its number when it arrived as a LID, and the
    reverse), from the receipt's ``*_pn``/``*_lid`` attributes or the stored mapping."""
    chat_alt: JID | None = None
    """For 1:1 chats: the chat's other address, when known."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Presence(Event):
    """A contact went online or offline."""

    jid: JID
    available: bool
    last_seen: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ChatState(Event):
    """A contact is typing, recording, or stopped."""

    chat: JID
    sender: JID
    state: str
    """``composing`` or ``paused``."""
    media: str = ""
    """``audio`` when recording a voice note."""


# -- actions on earlier messages ------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Reaction(Event):
    """Someone reacted to a message (or removed their reaction: ``emoji`` is empty)."""

    info: MessageInfo
    """Who reacted, in which chat, when."""
    target_id: str
    """The id of the message reacted to."""
    target_from_me: bool
    """The message reacted to is one of ours."""
    emoji: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageEdited(Event):
    """The sender replaced the content of an earlier message."""

    info: MessageInfo
    target_id: str
    message: MessageProto
    """The new content."""
    edited_at_ms: int

    @property
    def text(self) -> str | None:
        """The new text (plain or extended), else None."""
        if self.message.HasField("conversation"):
            return self.message.conversation
        if self.message.HasField("extendedTextMessage"):
            return self.message.extendedTextMessage.text
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageRevoked(Event):
    """A message was deleted for everyone, by its sender or (``by_admin``) a group admin."""

    info: MessageInfo
    target_id: str
    target_sender: JID | None
    """The author of the deleted message when an admin deleted someone else's, else None."""
    by_admin: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class PollVote(Event):
    """A vote on a poll, decrypted with the poll's secret; a later vote replaces an earlier one."""

    info: MessageInfo
    """The voter and the chat."""
    poll_id: str
    selected: tuple[str, ...]
    """The chosen options' texts (empty: the vote was withdrawn)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EphemeralSettingChanged(Event):
    """Disappearing messages were turned on (seconds) or off (0) in a chat or group."""

    chat: JID
    expiration: int
    actor: JID | None
    timestamp: int


# -- groups -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupParticipantsChanged(Event):
    """Members were added, removed, promoted or demoted (``action``), by ``actor``."""

    group: JID
    actor: JID | None
    action: str
    """``add``, ``remove``, ``promote``, ``demote`` (or ``modify`` for a number change)."""
    participants: tuple[JID, ...]
    reason: str = ""
    """Why, when the server says (``invite``, ``leave``, ...)."""
    timestamp: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupInfoChanged(Event):
    """The subject, description or a setting changed; fields left None did not change."""

    group: JID
    actor: JID | None
    subject: str | None = None
    description: str | None = None
    description_deleted: bool = False
    announcement: bool | None = None
    locked: bool | None = None
    membership_approval: bool | None = None
    timestamp: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupJoined(Event):
    """We were added to a new or existing group (its metadata as the server sent it)."""

    group: JID
    subject: str
    actor: JID | None
    reason: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class IncomingCall(Event):
    """Someone is calling; ``client.reject_call(event)`` declines (the client cannot take calls)."""

    call_id: str
    caller: JID
    """The calling device."""
    creator: JID
    timestamp: int
    video: bool
    group: JID | None = None
