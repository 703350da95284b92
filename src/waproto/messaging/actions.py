"""Message actions: edits, revokes, reactions, polls, disappearing-message settings.

Builders make the ``Message`` protobufs WhatsApp clients send (shapes from
protocol-wave2.md section 6, whatsmeow ``send.go``/``msgsecret.go``, Baileys
``Utils/messages.ts``); :func:`classify` reads a decrypted ``Message`` and says
which action it carries, after unwrapping the ephemeral, view-once and
document-with-caption wrappers. Pure functions over protobufs: no I/O, no store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TypeAlias

from waproto.jid import JID
from waproto.messaging.msgsecret import (
    SecretScope,
    SecretUseCase,
    decrypt_with_secret,
    encrypt_with_secret,
    new_message_secret,
)
from waproto.proto import decode_message, wa_e2e_pb2

__all__ = [
    "DISAPPEARING_TIMERS",
    "EDIT_WINDOW_S",
    "POLL_FIELDS",
    "EditAction",
    "EditAttr",
    "EphemeralSettingAction",
    "MessageAction",
    "PollVoteAction",
    "ReactionAction",
    "RevokeAction",
    "build_edit",
    "build_ephemeral_setting",
    "build_poll_creation",
    "build_poll_vote",
    "build_reaction",
    "build_revoke",
    "classify",
    "decrypt_poll_vote",
    "message_key",
    "poll_of",
    "unwrap",
    "with_expiration",
]

_Message = wa_e2e_pb2.Message
_Protocol = _Message.ProtocolMessage

#: whatsmeow refuses edits older than this (``EditWindow``); WhatsApp clients hide the option.
EDIT_WINDOW_S = 20 * 60
#: The timer values WhatsApp offers (off, 24 h, 7 days, 90 days).
DISAPPEARING_TIMERS = (0, 86400, 604800, 7776000)
#: Wrappers whose ``message`` field holds the real content (FutureProofMessage).
_WRAPPERS = (
    "ephemeralMessage",
    "viewOnceMessage",
    "viewOnceMessageV2",
    "viewOnceMessageV2Extension",
    "documentWithCaptionMessage",
    "editedMessage",
)
#: The ``Message`` fields that carry a poll, one per version.
POLL_FIELDS = (
    "pollCreationMessage",
    "pollCreationMessageV2",
    "pollCreationMessageV3",
    "pollCreationMessageV5",
)


class EditAttr(IntEnum):
    """The stanza's ``edit`` attribute (whatsmeow ``types/message.go``)."""

    EDIT = 1
    PIN = 2
    ADMIN_EDIT = 3
    SENDER_REVOKE = 7
    ADMIN_REVOKE = 8


def message_key(
    chat: JID, msg_id: str, *, from_me: bool, participant: JID | None = None
) -> wa_e2e_pb2.MessageKey:
    """The key that names a message; ``participant`` (without device) only for others' group messages."""
    key = wa_e2e_pb2.MessageKey(remoteJid=str(chat.to_non_ad()), fromMe=from_me, id=msg_id)
    if participant is not None and not from_me:
        key.participant = str(participant.to_non_ad())
    return key


def build_edit(key: wa_e2e_pb2.MessageKey, new_content: _Message, *, timestamp_ms: int) -> _Message:
    """Replace the content of our message ``key`` (sent with ``edit="1"``).

    Sent bare inside ``protocolMessage`` as Baileys does; whatsmeow additionally wraps it
    in ``editedMessage``, which receivers unwrap, so both forms are read by :func:`classify`.
    """
    if not key.fromMe:
        raise ValueError("only our own messages can be edited")
    return _Message(
        protocolMessage=_Protocol(
            key=key, type=_Protocol.MESSAGE_EDIT, editedMessage=new_content, timestampMs=timestamp_ms
        )
    )


def build_revoke(key: wa_e2e_pb2.MessageKey) -> _Message:
    """Delete for everyone: our own message (``edit="7"``) or, as group admin, another member's (``8``)."""
    return _Message(protocolMessage=_Protocol(key=key, type=_Protocol.REVOKE))


def build_reaction(key: wa_e2e_pb2.MessageKey, emoji: str, *, timestamp_ms: int) -> _Message:
    """React to ``key`` with ``emoji``; an empty string removes our reaction."""
    return _Message(
        reactionMessage=_Message.ReactionMessage(key=key, text=emoji, senderTimestampMs=timestamp_ms)
    )


def build_ephemeral_setting(expiration: int, *, timestamp: int) -> _Message:
    """Turn disappearing messages on (seconds) or off (0) in a 1:1 chat."""
    if expiration < 0:
        raise ValueError("expiration cannot be negative")
    return _Message(
        protocolMessage=_Protocol(
            type=_Protocol.EPHEMERAL_SETTING,
            ephemeralExpiration=expiration,
            ephemeralSettingTimestamp=timestamp,
        )
    )


def build_poll_creation(
    name: str,
    options: Sequence[str],
    *,
    selectable: int = 1,
    random: Callable[[int], bytes] | None = None,
) -> _Message:
    """A poll with a fresh ``messageSecret``.

    Single-choice polls use ``pollCreationMessageV3`` (64) as Baileys 7 and WhatsApp's
    apps send them; multi-choice ones ``pollCreationMessage`` (49). ``selectable=0`` means any number.
    """
    names = [option.strip() for option in options]
    if not name.strip():
        raise ValueError("a poll needs a question")
    if len(names) < 2 or any(not option for option in names) or len(set(names)) != len(names):
        raise ValueError("a poll needs at least two distinct, non-empty options")
    if not 0 <= selectable <= len(names):
        raise ValueError(f"selectable must be between 0 and {len(names)}")
    poll = _Message.PollCreationMessage(
        name=name,
        options=[_Message.PollCreationMessage.Option(optionName=option) for option in names],
        selectableOptionsCount=selectable,
    )
    secret = new_message_secret() if random is None else new_message_secret(random)
    message = _Message(messageContextInfo=wa_e2e_pb2.MessageContextInfo(messageSecret=secret))
    target = message.pollCreationMessageV3 if selectable == 1 else message.pollCreationMessage
    target.CopyFrom(poll)
    return message


def build_poll_vote(
    poll_key: wa_e2e_pb2.MessageKey,
    secret: bytes,
    creator: JID,
    voter: JID,
    selected: Sequence[bytes],
    *,
    timestamp_ms: int,
) -> _Message:
    """Our vote on a poll: ``selected`` option hashes (``msgsecret.poll_option_hash`` of each chosen
    option; the caller keeps them for its own tally), encrypted with the poll's secret."""
    plaintext = _Message.PollVoteMessage(selectedOptions=selected)
    scope = SecretScope(poll_key.id, creator, voter, SecretUseCase.POLL_VOTE)
    payload, iv = encrypt_with_secret(plaintext.SerializeToString(), secret, scope)
    return _Message(
        pollUpdateMessage=_Message.PollUpdateMessage(
            pollCreationMessageKey=poll_key,
            vote=_Message.PollEncValue(encPayload=payload, encIv=iv),
            senderTimestampMs=timestamp_ms,
        )
    )


def decrypt_poll_vote(
    vote: _Message.PollUpdateMessage, secret: bytes, creator: JID, voter: JID
) -> list[bytes]:
    """The option hashes a vote selects.

    Raises:
        CryptoError: wrong secret, creator or voter, or a tampered vote.
        DecodeError: the decrypted bytes are not a ``PollVoteMessage``.
    """
    scope = SecretScope(vote.pollCreationMessageKey.id, creator, voter, SecretUseCase.POLL_VOTE)
    plaintext = decrypt_with_secret(vote.vote.encPayload, vote.vote.encIv, secret, scope)
    return list(decode_message(_Message.PollVoteMessage, plaintext, "poll vote").selectedOptions)


def unwrap(message: _Message) -> tuple[_Message, frozenset[str]]:
    """The innermost content and the wrappers it came in (``viewOnceMessage``, ``ephemeralMessage``...)."""
    seen: set[str] = set()
    for _ in range(len(_WRAPPERS) + 1):  # each wrapper at most once; bounded against hostile nesting
        for field in _WRAPPERS:
            if message.HasField(field):
                seen.add(field)
                message = getattr(message, field).message
                break
        else:
            break
    return message, frozenset(seen)


@dataclass(frozen=True, slots=True)
class EditAction:
    key: wa_e2e_pb2.MessageKey
    new_content: _Message
    timestamp_ms: int


@dataclass(frozen=True, slots=True)
class RevokeAction:
    key: wa_e2e_pb2.MessageKey


@dataclass(frozen=True, slots=True)
class ReactionAction:
    key: wa_e2e_pb2.MessageKey
    emoji: str
    """Empty when the reaction was removed."""
    timestamp_ms: int


@dataclass(frozen=True, slots=True)
class PollVoteAction:
    update: _Message.PollUpdateMessage


@dataclass(frozen=True, slots=True)
class EphemeralSettingAction:
    expiration: int
    timestamp: int


MessageAction: TypeAlias = (
    EditAction | RevokeAction | ReactionAction | PollVoteAction | EphemeralSettingAction
)


def classify(message: _Message) -> MessageAction | None:
    """The action a decrypted message carries, or None for ordinary content."""
    content, _ = unwrap(message)
    if content.HasField("reactionMessage"):
        reaction = content.reactionMessage
        return ReactionAction(reaction.key, reaction.text, reaction.senderTimestampMs)
    if content.HasField("pollUpdateMessage"):
        return PollVoteAction(content.pollUpdateMessage)
    if not content.HasField("protocolMessage"):
        return None
    protocol = content.protocolMessage
    if protocol.type == _Protocol.REVOKE and protocol.HasField("key"):
        return RevokeAction(protocol.key)
    if protocol.type == _Protocol.MESSAGE_EDIT and protocol.HasField("editedMessage"):
        edited, _ = unwrap(protocol.editedMessage)
        return EditAction(protocol.key, edited, protocol.timestampMs)
    if protocol.type == _Protocol.EPHEMERAL_SETTING:
        return EphemeralSettingAction(protocol.ephemeralExpiration, protocol.ephemeralSettingTimestamp)
    return None


def poll_of(message: _Message) -> _Message.PollCreationMessage | None:
    """The poll a message creates, whichever version field carries it."""
    content, _ = unwrap(message)
    for field in POLL_FIELDS:
        if content.HasField(field):
            poll: _Message.PollCreationMessage = getattr(content, field)
            return poll
    return None


def with_expiration(message: _Message, seconds: int) -> _Message:
    """A copy of ``message`` whose content carries ``contextInfo.expiration`` (disappearing chats).

    A plain ``conversation`` becomes an ``extendedTextMessage`` (only that one has a
    context); content without a ``contextInfo`` field (reactions, protocol messages) is
    returned unchanged.
    """
    if seconds <= 0:
        return message
    result = _Message()
    result.CopyFrom(message)
    if result.HasField("conversation"):
        text = result.conversation
        result.ClearField("conversation")
        result.extendedTextMessage.text = text
    for descriptor, value in result.ListFields():
        if descriptor.message_type is not None and "contextInfo" in descriptor.message_type.fields_by_name:
            value.contextInfo.expiration = seconds
            break
    return result
