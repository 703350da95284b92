"""Messaging as a service: the send and receive paths, receipts, and the caches they keep fresh.

Registers ``<message>`` (the receive path), ``<receipt>`` (events, and answers
to retry receipts), and the notifications that make cached device lists
(``devices``) stale; the groups service keeps group metadata current from ``w:gp2``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import ClassVar

from waproto.binary import Node
from waproto.events import Receipt
from waproto.jid import GROUP_SERVER, JID
from waproto.lid import LIDMap, read_addressing
from waproto.messaging.receive import MessageReceiver
from waproto.messaging.send import MessageCaches, MessageSender
from waproto.messaging.wire import jid_attr, parse_retry_keys
from waproto.session import Session, StanzaRoute

__all__ = ["MessagingService"]

logger = logging.getLogger("waproto.messaging")

#: Receipt ``type`` values that mean delivery (the attribute is left out for it).
#: A receipt from a client that has not marked itself available is ``inactive``; it
#: still means delivered (Baileys 7 getStatusFromReceiptType: DELIVERY_ACK).
_RECEIPT_TYPES = {None: "delivery", "": "delivery", "inactive": "delivery"}


class MessagingService:
    """Sends and receives messages for one session.

    Args:
        session: the session it runs in; the service registers its handlers there.
        caches: device-list and group caches to use (kept across clients of one account).
        retry_keys: builds the ``<keys>`` a retry receipt carries (the prekey service's).
        lids: the PN<->LID map that decides under which address sessions live.
        stored: called after each received message is committed (the client's backoff
            learns that a store which failed works again).
    """

    __slots__ = ("_lids", "_session", "receiver", "sender")

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (
        StanzaRoute.of("message", "_on_message"),
        StanzaRoute.of("receipt", "_on_receipt"),
        StanzaRoute.of("notification", "_on_devices", type="devices"),
        StanzaRoute.of("notification", "_on_privacy_token", type="privacy_token"),
    )

    def __init__(
        self,
        session: Session,
        caches: MessageCaches | None,
        retry_keys: Callable[[], Awaitable[Node]],
        lids: LIDMap,
        stored: Callable[[], None],
    ) -> None:
        self._session = session
        self._lids = lids
        self.sender = MessageSender(session, lids, caches)
        self.receiver = MessageReceiver(session, retry_keys, lids, stored)
        session.router.register(self)

    async def _on_message(self, node: Node) -> None:
        await self.receiver.handle(node)

    async def _on_receipt(self, node: Node) -> None:
        session = self._session
        kind = node.attr("type")
        sender = jid_attr(node, "from")
        participant = node.attr_jid("participant")
        device = participant if participant is not None and sender.server == GROUP_SERVER else sender
        if kind == "retry":
            session.spawn(self._answer_retry, node, device)
            return
        ids = [node.require_attr("id")]
        listing = node.get_child("list")
        if listing is not None:
            ids += [item.require_attr("id") for item in listing.get_children("item")]
        # The pair the receipt carries was stored by the LID service (registered first).
        device_alt = read_addressing(node).sender_alt or await self._lids.alt_of(device)
        await session.emit(
            Receipt(
                message_ids=tuple(ids),
                chat=sender.to_non_ad() if sender.server != GROUP_SERVER else sender,
                sender=device,
                type=_RECEIPT_TYPES.get(kind, kind or "delivery"),
                timestamp=node.attr_int("t", 0) or 0,
                sender_alt=device_alt,
                chat_alt=_chat_alt(sender, device_alt),
            )
        )

    async def _answer_retry(self, node: Node, device: JID) -> None:
        retry = node.require_child("retry")
        count = retry.attr_int("count", 1) or 1
        if count > self._session.config.max_retry_receipts:
            logger.info("< retry %d for %s exceeds the limit, ignored", count, node.attr("id"))
            return
        bundle = parse_retry_keys(node, device)
        resent = await self.sender.resend_to_device(
            retry.attr("id") or node.require_attr("id"), device, keys=bundle, retry_count=count
        )
        if not resent:
            logger.info("< retry for unknown message %s", node.attr("id"))

    async def _on_privacy_token(self, node: Node) -> None:
        """A contact issued us a token (router-acked before this runs)."""
        await self.sender.store_privacy_tokens(node)

    async def _on_devices(self, node: Node) -> None:
        """A contact linked or unlinked a device: drop its cached lists under both addresses
        (a usync answer is cached under the number and the LID it names)."""
        sender = node.attr_jid("from")
        if sender is None:
            return
        forms = {sender.to_non_ad(), *(await self._lids.chat_forms(sender))}
        lid = node.attr_jid("lid")
        if lid is not None:
            forms.add(lid.to_non_ad())
        for form in forms:
            self.sender.device_cache.invalidate(form)


def _chat_alt(origin: JID, sender_alt: JID | None) -> JID | None:
    """A 1:1 receipt's chat is its sender's account, so the chat's other address is the sender's."""
    if sender_alt is None or not (origin.is_user or origin.is_lid):
        return None
    return sender_alt.to_non_ad()
