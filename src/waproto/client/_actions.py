"""The client's flat API for actions on messages: edit, revoke, polls, disappearing timers.

A mixin, like the media one: the builders are :mod:`waproto.messaging.actions`,
the state (poll secrets, votes, timers) is the :class:`MessageActionsService`'s,
and sending is the messaging service's.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from waproto.errors import InvalidState
from waproto.groups.service import GroupsAPI
from waproto.jid import JID, STATUS_BROADCAST
from waproto.media.message import MediaKind
from waproto.media.service import MediaService
from waproto.media.transfer import MediaSource
from waproto.messaging.actions import (
    build_edit,
    build_ephemeral_setting,
    build_poll_creation,
    build_poll_vote,
    build_revoke,
    message_key,
    poll_of,
)
from waproto.messaging.actions_service import MessageActionsService, PollRecord
from waproto.messaging.msgsecret import poll_option_hash
from waproto.messaging.send import SendResult
from waproto.messaging.service import MessagingService
from waproto.proto import wa_e2e_pb2

__all__ = ["ActionMethods"]


def _ms() -> int:
    return int(time.time() * 1000)


class ActionMethods:
    """Edits, revokes, polls and disappearing messages; mixed into :class:`~waproto.Client`."""

    _actions: MessageActionsService
    _groups: GroupsAPI
    _messaging: MessagingService
    _media: MediaService

    if TYPE_CHECKING:

        async def send_message(
            self, to: JID | str, message: wa_e2e_pb2.Message, *, message_id: str | None = None
        ) -> SendResult: ...

        async def wait_connected(self, timeout: float | None = None) -> None: ...

    @property
    def groups(self) -> GroupsAPI:
        """Group administration: ``await client.groups.add(group, [jid])`` and the rest."""
        return self._groups

    async def edit_message(
        self, chat: JID | str, message_id: str, new: str | wa_e2e_pb2.Message
    ) -> SendResult:
        """Replace the content of a message we sent (WhatsApp shows "edited"; about 20 minutes allowed)."""
        content = wa_e2e_pb2.Message(conversation=new) if isinstance(new, str) else new
        key = message_key(JID.parse(str(chat)), message_id, from_me=True)
        return await self.send_message(chat, build_edit(key, content, timestamp_ms=_ms()))

    async def revoke_message(
        self, chat: JID | str, message_id: str, *, sender: JID | str | None = None
    ) -> SendResult:
        """Delete a message for everyone: ours, or, as a group admin, ``sender``'s."""
        target = JID.parse(str(chat))
        author = None if sender is None else JID.parse(str(sender))
        key = message_key(target, message_id, from_me=author is None, participant=author)
        return await self.send_message(chat, build_revoke(key))

    async def send_poll(
        self, chat: JID | str, question: str, options: Sequence[str], *, selectable: int = 1
    ) -> SendResult:
        """Post a poll (``selectable=0``: any number of choices); votes arrive as ``PollVote`` events."""
        target = JID.parse(str(chat))
        message = build_poll_creation(question, options, selectable=selectable)
        creator = await self._messaging.sender.own_identity(target)
        result = await self.send_message(target, message)
        poll = poll_of(message)
        assert poll is not None
        record = PollRecord(
            message.messageContextInfo.messageSecret, creator, [o.optionName for o in poll.options]
        )
        await self._actions.remember_poll(target, result.id, record)
        return result

    async def vote_poll(self, chat: JID | str, poll_id: str, options: Sequence[str]) -> SendResult:
        """Vote on a poll we have seen (an empty ``options`` withdraws the vote)."""
        target = JID.parse(str(chat))
        record = await self._actions.poll(target, poll_id)
        if record is None:
            raise InvalidState(f"poll {poll_id} in {target} is unknown (its secret was never received)")
        unknown = [o for o in options if o not in record.options]
        if unknown:
            raise ValueError(f"not options of this poll: {unknown}")
        # The vote is bound to the address we write from, the one the chat sees us as.
        voter = await self._messaging.sender.own_identity(target)
        from_me = record.creator.user == voter.user
        author = record.creator if target.is_group and not from_me else None
        key = message_key(target, poll_id, from_me=from_me, participant=author)
        hashes = [poll_option_hash(option) for option in options]
        vote = build_poll_vote(key, record.secret, record.creator, voter, hashes, timestamp_ms=_ms())
        result = await self.send_message(target, vote)
        await self._actions.record_vote(target, poll_id, voter, hashes)
        return result

    async def poll_tally(self, chat: JID | str, poll_id: str) -> dict[str, list[JID]]:
        """Who chose each option, from every latest vote received or sent."""
        return await self._actions.tally(JID.parse(str(chat)), poll_id)

    async def set_disappearing(self, chat: JID | str, seconds: int) -> None:
        """Turn disappearing messages on (86400, 604800, 7776000 s) or off (0) in a chat or group."""
        target = JID.parse(str(chat))
        await self.wait_connected()
        if target.is_group:
            await self._groups.set_disappearing(target, seconds)
            return
        await self.send_message(target, build_ephemeral_setting(seconds, timestamp=int(time.time())))
        await self._actions.set_disappearing_timer(target, seconds)

    async def post_status(
        self, content: str | wa_e2e_pb2.Message, recipients: Sequence[JID | str]
    ) -> SendResult:
        """Post a text (or any message) to our status, seen by ``recipients``."""
        await self.wait_connected()
        message = (
            wa_e2e_pb2.Message(extendedTextMessage=wa_e2e_pb2.Message.ExtendedTextMessage(text=content))
            if isinstance(content, str)
            else content
        )
        users = [JID.parse(str(r)) for r in recipients]
        return await self._messaging.sender.send(STATUS_BROADCAST, message, recipients=users)

    async def post_status_image(
        self, source: MediaSource, recipients: Sequence[JID | str], *, caption: str | None = None
    ) -> SendResult:
        """Post an image (a path, bytes or a binary file) to our status, seen by ``recipients``."""
        await self.wait_connected()
        message = await self._media.prepare(MediaKind.IMAGE, source, caption=caption)
        return await self.post_status(message, recipients)
