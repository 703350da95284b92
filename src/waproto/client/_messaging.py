"""The client's messaging API: send texts, reactions and any message, read receipts, who is on
WhatsApp, groups.

A mixin like the media and actions ones: sending is the :class:`MessagingService`'s, the
chat's disappearing timer the :class:`MessageActionsService`'s, groups the :class:`GroupsAPI`'s.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from waproto.binary import Node
from waproto.client._media import context_info
from waproto.connection import check_iq_error
from waproto.events import Message as MessageEvent
from waproto.groups.service import GroupsAPI
from waproto.jid import JID, USER_SERVER, as_recipient, normalize_phone
from waproto.messaging.actions import build_reaction, message_key, with_expiration
from waproto.messaging.actions_service import MessageActionsService
from waproto.messaging.send import GroupInfo, SendResult
from waproto.messaging.service import MessagingService
from waproto.messaging.wire import build_receipt
from waproto.proto import wa_e2e_pb2
from waproto.session.live import LiveSession

__all__ = ["MessagingMethods"]


class MessagingMethods:
    """Messages, receipts, number lookups and groups; mixed into :class:`~waproto.Client`."""

    _actions: MessageActionsService
    _groups: GroupsAPI
    _messaging: MessagingService
    _session: LiveSession

    if TYPE_CHECKING:

        async def wait_connected(self, timeout: float | None = None) -> None: ...

    async def send_text(
        self,
        to: JID | str,
        text: str,
        *,
        quoted: MessageEvent | None = None,
        mentions: Sequence[JID | str] = (),
    ) -> SendResult:
        """Send a text message, optionally quoting a received message and mentioning people."""
        context = context_info(quoted, mentions)
        if context is None:
            return await self.send_message(to, wa_e2e_pb2.Message(conversation=text))
        extended = wa_e2e_pb2.Message.ExtendedTextMessage(text=text, contextInfo=context)
        return await self.send_message(to, wa_e2e_pb2.Message(extendedTextMessage=extended))

    async def send_reaction(self, message: MessageEvent, emoji: str) -> SendResult:
        """React to a received message; an empty ``emoji`` removes the reaction."""
        info = message.info
        # Our own message is named fromMe without a participant, in groups too: whatsmeow
        # BuildMessageKey (send.go) adds one only for others' group messages, and Baileys 7's keys
        # of what it sent have none (generateWAMessageFromContent, src/Utils/messages.ts).
        author = info.sender if info.is_group else None
        key = message_key(info.chat, info.id, from_me=info.is_from_me, participant=author)
        reaction = build_reaction(key, emoji, timestamp_ms=int(time.time() * 1000))
        return await self.send_message(info.chat, reaction)

    async def send_message(
        self, to: JID | str, message: wa_e2e_pb2.Message, *, message_id: str | None = None
    ) -> SendResult:
        """Send any ``Message`` protobuf; returns the id and server timestamp once the server acks."""
        await self.wait_connected()
        target = as_recipient(to)
        message = with_expiration(message, await self._actions.disappearing_timer(target))
        return await self._messaging.sender.send(target, message, message_id=message_id)

    async def mark_read(
        self, chat: JID | str, message_ids: Sequence[str], *, sender: JID | str | None = None
    ) -> None:
        """Send read receipts (blue ticks) for messages in ``chat``; ``sender`` is needed in groups."""
        await self.wait_connected()
        await self._session.send_node(
            build_receipt(
                to=as_recipient(chat),
                message_ids=list(message_ids),
                receipt_type="read",
                # The sender's user, never its device (whatsmeow MarkRead, Baileys 7 readMessages).
                participant=as_recipient(sender).to_non_ad() if sender is not None else None,
                timestamp=int(time.time()),
            )
        )

    async def is_on_whatsapp(self, phones: Iterable[str]) -> dict[str, JID | None]:
        """Which phone numbers have WhatsApp: number -> account JID (None when not registered)."""
        await self.wait_connected()
        numbers = [normalize_phone(p) for p in phones]
        usync = Node(
            "usync",
            {
                "sid": self._session.next_id(),
                "mode": "query",
                "last": "true",
                "index": "0",
                "context": "interactive",
            },
            [
                Node("query", {}, [Node("contact")]),
                Node("list", {}, [Node("user", {}, [Node("contact", {}, n.encode())]) for n in numbers]),
            ],
        )
        answer = await self._session.query(
            Node("iq", {"to": USER_SERVER, "type": "get", "xmlns": "usync"}, [usync])
        )
        found: dict[str, JID | None] = dict.fromkeys(numbers)
        listing = check_iq_error(answer).require_child("usync").get_child("list")
        for user in listing.get_children("user") if listing is not None else []:
            contact = user.get_child("contact")
            jid = user.attr_jid("jid")
            if contact is None:
                continue
            # The number comes back as the contact's content; when the server leaves it
            # out, the account JID's user part is the number.
            number = contact.content_bytes().decode() or (jid.user if jid is not None else "")
            number = number if number.startswith("+") else "+" + number
            if number in found:
                found[number] = jid if contact.attr("type") == "in" else None
        return found

    async def create_group(self, subject: str, participants: Sequence[JID | str]) -> GroupInfo:
        """Create a group with us as admin; returns its metadata (``client.groups`` has the rest)."""
        await self.wait_connected()
        return await self._groups.create(subject, [as_recipient(p) for p in participants])

    async def group_info(self, group: JID | str) -> GroupInfo:
        """A group's subject and participants (cached)."""
        await self.wait_connected()
        return await self._groups.info(as_recipient(group))
