"""Edits, revokes, reactions, polls and disappearing-message timers as a service.

Incoming actions on earlier messages become their own events instead of plain
``Message`` events: ``MessageEdited``, ``MessageRevoked``, ``Reaction``,
``PollVote`` and ``EphemeralSettingChanged``. A poll's ``messageSecret`` (ours
and others') is kept so later votes can be decrypted and tallied (whatsmeow keeps
every secret by chat, sender and id; we keep those of polls). The chat's
disappearing timer is kept so our sends carry it; every send asks for it, so the
timers read are cached (bounded; most chats have none, and 0 is cached too), and
every change goes through :meth:`MessageActionsService.set_disappearing_timer`, which
updates the cache.

Stored in the device's key-value store (namespaces below); values are small JSON.
Records of a 1:1 chat are kept under its LID once known and found under either of
its addresses (:meth:`LIDMap.chat_record`): the chat runs at the LID while the
application may name it by its phone number.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import ClassVar

from waproto.cache import TTLCache
from waproto.errors import CryptoError, DecodeError
from waproto.events import (
    EphemeralSettingChanged,
    Message,
    MessageEdited,
    MessageInfo,
    MessageRevoked,
    PollVote,
    Reaction,
)
from waproto.jid import JID
from waproto.lid import LIDMap
from waproto.messaging.actions import (
    POLL_FIELDS,
    EditAction,
    EphemeralSettingAction,
    PollVoteAction,
    ReactionAction,
    RevokeAction,
    classify,
    decrypt_poll_vote,
    poll_of,
    unwrap,
)
from waproto.messaging.msgsecret import poll_option_hash, tally_votes
from waproto.proto import wa_e2e_pb2
from waproto.session import ContentRoute, ProtocolRoute, Session

__all__ = ["DISAPPEARING", "POLLS", "POLL_VOTES", "MessageActionsService", "PollRecord"]

logger = logging.getLogger("waproto.messaging")

#: KV namespace: ``chat/poll id`` (chat: its LID once known) -> the poll's secret, creator and options.
POLLS = "polls"
#: KV namespace: ``chat/poll id`` (chat: its LID once known) -> each voter's latest selection (option hashes).
POLL_VOTES = "poll-votes"
#: KV namespace: chat -> disappearing-message timer in seconds.
DISAPPEARING = "disappearing"

#: Chats whose disappearing timer is kept in memory, and for how long (s).
TIMER_CACHE_SIZE = 256
TIMER_CACHE_TTL = 3600.0

_Protocol = wa_e2e_pb2.Message.ProtocolMessage


class PollRecord:
    """What voting on (or tallying) a poll needs: its secret, its author as signed, its options."""

    __slots__ = ("creator", "options", "secret")

    def __init__(self, secret: bytes, creator: JID, options: Sequence[str]) -> None:
        self.secret = secret
        self.creator = creator
        self.options = tuple(options)

    def to_bytes(self) -> bytes:
        return json.dumps(
            {"secret": self.secret.hex(), "creator": str(self.creator), "options": self.options}
        ).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> PollRecord:
        try:
            data = json.loads(raw)
            return cls(
                bytes.fromhex(data["secret"]), JID.parse(data["creator"]), [str(o) for o in data["options"]]
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise DecodeError(f"corrupt stored poll: {exc}") from None


class MessageActionsService:
    """Turns incoming actions into events and keeps the state polls and timers need."""

    __slots__ = ("_lids", "_session", "_timers")

    protocol_routes: ClassVar[tuple[ProtocolRoute, ...]] = (
        (_Protocol.REVOKE, "_on_protocol"),
        (_Protocol.MESSAGE_EDIT, "_on_protocol"),
        (_Protocol.EPHEMERAL_SETTING, "_on_protocol"),
    )
    content_routes: ClassVar[tuple[ContentRoute, ...]] = (
        ("reactionMessage", "_on_reaction"),
        ("pollUpdateMessage", "_on_poll_vote"),
        *((field, "_on_poll") for field in POLL_FIELDS),
    )

    def __init__(self, session: Session, lids: LIDMap) -> None:
        self._session = session
        self._lids = lids
        self._timers: TTLCache[str, int] | None = None
        session.router.register(self)

    @property
    def timer_cache(self) -> TTLCache[str, int]:
        """Disappearing timers by chat, bounded; made on first use (a session that never sends has none)."""
        if self._timers is None:
            self._timers = TTLCache(TIMER_CACHE_SIZE, TIMER_CACHE_TTL)
        return self._timers

    # -- state used by the client's API -----------------------------------------------------------

    async def remember_poll(self, chat: JID, poll_id: str, record: PollRecord) -> None:
        key, _ = await self._lids.chat_record(POLLS, chat, f"/{poll_id}")
        await self._session.store.put(POLLS, key, record.to_bytes())

    async def poll(self, chat: JID, poll_id: str) -> PollRecord | None:
        _, raw = await self._lids.chat_record(POLLS, chat, f"/{poll_id}")
        return None if raw is None else PollRecord.from_bytes(raw)

    async def tally(self, chat: JID, poll_id: str) -> dict[str, list[JID]]:
        """Voters per option from everyone's latest vote (ours included)."""
        record = await self.poll(chat, poll_id)
        if record is None:
            raise KeyError(f"no poll {poll_id} known in {chat}")
        _, votes = await self._votes(chat, poll_id)
        selections = {JID.parse(voter): [bytes.fromhex(h) for h in hashes] for voter, hashes in votes.items()}
        return tally_votes(record.options, selections)

    async def record_vote(self, chat: JID, poll_id: str, voter: JID, hashes: Sequence[bytes]) -> None:
        key, votes = await self._votes(chat, poll_id)
        # One entry per voter, under the address of its latest vote (a vote by number
        # replaces one by LID and the reverse).
        for form in await self._lids.chat_forms(voter):
            votes.pop(str(form), None)
        votes[str(voter.to_non_ad())] = [h.hex() for h in hashes]
        await self._session.store.put(POLL_VOTES, key, json.dumps(votes).encode())

    async def disappearing_timer(self, chat: JID) -> int:
        """The chat's timer in seconds (0: off); read from the store once per chat while cached.

        Cached under the chat's first form (its LID once known); the record is found under
        either address (:meth:`LIDMap.chat_record`)."""
        forms = await self._lids.chat_forms(chat)
        key = str(forms[0])
        seconds = self.timer_cache.get(key)
        if seconds is None:
            _, raw = await self._lids.chat_record(DISAPPEARING, chat)
            seconds = int(raw) if raw is not None and raw.isdigit() else 0
            self.timer_cache.put(key, seconds)
        return seconds

    async def set_disappearing_timer(self, chat: JID, seconds: int) -> None:
        """Store the chat's timer under its first form (the other form's record goes); the
        cache holds the new value once the write succeeded."""
        keys = [str(form) for form in await self._lids.chat_forms(chat)]
        for key in keys:
            self.timer_cache.invalidate(key)
        if seconds:
            await self._session.store.put(DISAPPEARING, keys[0], str(seconds).encode())
        for key in keys[1:] if seconds else keys:
            await self._session.store.delete(DISAPPEARING, key)
        self.timer_cache.put(keys[0], seconds)

    async def _votes(self, chat: JID, poll_id: str) -> tuple[str, dict[str, list[str]]]:
        key, raw = await self._lids.chat_record(POLL_VOTES, chat, f"/{poll_id}")
        if raw is None:
            return key, {}
        try:
            votes = json.loads(raw)
        except ValueError:
            logger.warning("discarding corrupt stored votes of poll %s", poll_id)
            return key, {}
        return key, votes if isinstance(votes, dict) else {}

    def _names_our_message(self, info: MessageInfo, key: wa_e2e_pb2.MessageKey) -> bool:
        """Whether ``key`` (as its sender wrote it) names a message of ours.

        ``fromMe`` is from the sender's point of view: a peer's reaction to our message
        has ``fromMe=false``; in a group ``participant`` names the author.
        """
        if info.is_from_me:
            return key.fromMe
        if info.is_group:
            own = {
                str(j.to_non_ad()) for j in (self._session.own_jid, self._session.own_lid) if j is not None
            }
            return key.participant in own
        return not key.fromMe

    # -- inbound -----------------------------------------------------------------------------------

    async def _on_protocol(self, info: MessageInfo, protocol: _Protocol) -> None:
        action = classify(wa_e2e_pb2.Message(protocolMessage=protocol))
        session = self._session
        if isinstance(action, EditAction):
            await session.emit(
                MessageEdited(
                    info=info,
                    target_id=action.key.id,
                    message=action.new_content,
                    edited_at_ms=action.timestamp_ms,
                )
            )
        elif isinstance(action, RevokeAction):
            author = action.key.participant if action.key.participant else None
            by_admin = author is not None and author != str(info.sender.to_non_ad())
            await session.emit(
                MessageRevoked(
                    info=info,
                    target_id=action.key.id,
                    target_sender=JID.parse(author) if by_admin and author else None,
                    by_admin=by_admin,
                )
            )
        elif isinstance(action, EphemeralSettingAction):
            await self.set_disappearing_timer(info.chat, action.expiration)
            await session.emit(
                EphemeralSettingChanged(
                    chat=info.chat,
                    expiration=action.expiration,
                    actor=info.sender.to_non_ad(),
                    timestamp=action.timestamp or info.timestamp,
                )
            )

    async def _on_reaction(self, info: MessageInfo, message: wa_e2e_pb2.Message) -> None:
        action = classify(message)
        if isinstance(action, ReactionAction):
            await self._session.emit(
                Reaction(
                    info=info,
                    target_id=action.key.id,
                    target_from_me=self._names_our_message(info, action.key),
                    emoji=action.emoji,
                )
            )

    async def _on_poll(self, info: MessageInfo, message: wa_e2e_pb2.Message) -> None:
        """Keep a new poll's secret (ours from another device, or someone else's), then show it."""
        poll = poll_of(message)
        content, _ = unwrap(message)
        secret = content.messageContextInfo.messageSecret or message.messageContextInfo.messageSecret
        if poll is not None and secret:
            record = PollRecord(secret, info.sender.to_non_ad(), [o.optionName for o in poll.options])
            await self.remember_poll(info.chat, info.id, record)
        await self._session.emit(Message(info=info, message=message))

    async def _on_poll_vote(self, info: MessageInfo, message: wa_e2e_pb2.Message) -> None:
        action = classify(message)
        if not isinstance(action, PollVoteAction):
            return
        update = action.update
        poll_id = update.pollCreationMessageKey.id
        record = await self.poll(info.chat, poll_id)
        if record is None:
            logger.info("vote for unknown poll %s in %s (secret not seen)", poll_id, info.chat)
            return
        voter = info.sender.to_non_ad()
        try:
            hashes = decrypt_poll_vote(update, record.secret, record.creator, voter)
        except (CryptoError, DecodeError) as exc:
            logger.warning("cannot decrypt a vote on poll %s: %s", poll_id, exc)
            return
        await self.record_vote(info.chat, poll_id, voter, hashes)
        by_hash = {poll_option_hash(name): name for name in record.options}
        selected = tuple(by_hash[h] for h in hashes if h in by_hash)
        await self._session.emit(PollVote(info=info, poll_id=poll_id, selected=selected))
