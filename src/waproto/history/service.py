"""History sync for one session: the phone's history notifications to ``HistorySyncBatch`` events.

A history notification (a self-only protocol message) names a blob on the media host, or
carries it inline. The ``hist_sync`` receipt goes out at once (as whatsmeow does); the blob
is downloaded and verified into a spooled temporary file (small ones stay in memory), then
inflated and decoded by :class:`~waproto.history.stream.HistoryStreamDecoder` a chunk at a
time, and handed to the application in batches of at most :data:`BATCH_MESSAGES` messages,
so neither the blob nor the decoded history is ever held whole. Push names are stored in
the contacts table as they come; PN<->LID pairs (``phoneNumberToLidMappings``, each
conversation's ``pnJid``/``lidJid``) go to the LID map before the batch naming them is emitted.
Facts: protocol-wave2.md section 4.
"""

from __future__ import annotations

import dataclasses
import logging
import tempfile
from collections.abc import Awaitable, Callable
from typing import BinaryIO, ClassVar, cast

from waproto.errors import InvalidState
from waproto.events import MessageInfo
from waproto.history.events import HistorySyncBatch
from waproto.history.stream import (
    HistoryConversation,
    HistoryItem,
    HistoryMessage,
    HistoryPushname,
    HistoryStreamDecoder,
    HistorySummary,
)
from waproto.lid import LIDMap, pairs_from_history
from waproto.media.types import MediaRef, MediaType
from waproto.messaging.privacy import NCT_SALT
from waproto.messaging.wire import build_receipt
from waproto.proto.wa_e2e_pb2 import Message
from waproto.proto.wa_history_pb2 import Conversation, Pushname
from waproto.session import Session
from waproto.store import Contact

__all__ = ["BATCH_MESSAGES", "HistoryService"]

logger = logging.getLogger("waproto.history")

#: Messages per ``HistorySyncBatch`` event (bounds what one event holds).
BATCH_MESSAGES = 500
#: Blob bytes kept in memory before the download spools to disk.
SPOOL_MEMORY = 1 << 20
_READ = 64 * 1024

Download = Callable[[MediaRef, BinaryIO], Awaitable[object]]
SendPeer = Callable[..., Awaitable[str]]


class HistoryService:
    """Receives the phone's history sync notifications."""

    __slots__ = ("_download", "_lids", "_send_peer", "_session")

    protocol_routes: ClassVar[tuple[tuple[int, str], ...]] = (
        (Message.ProtocolMessage.HISTORY_SYNC_NOTIFICATION, "_on_notification"),
    )

    def __init__(
        self, session: Session, download: Download, lids: LIDMap, send_peer: SendPeer | None = None
    ) -> None:
        self._session = session
        self._download = download
        self._lids = lids
        self._send_peer = send_peer
        session.router.register(self)

    async def _on_notification(self, info: MessageInfo, protocol: Message.ProtocolMessage) -> None:
        if not info.is_from_me:
            logger.warning(
                "< history notification from %s ignored (only our phone sends history)", info.sender
            )
            return
        session = self._session
        await session.send_node(
            build_receipt(to=session.own_jid.to_non_ad(), message_ids=[info.id], receipt_type="hist_sync")
        )
        session.spawn(self.process, protocol.historySyncNotification)

    async def request(
        self, chat: str, oldest_id: str, *, oldest_from_me: bool, oldest_timestamp_ms: int, count: int = 50
    ) -> str:
        """Ask our phone for ``count`` messages of ``chat`` older than ``oldest_id``; returns the request id.

        The answer is a history notification (``ON_DEMAND``) whose batches carry that id as
        ``request_id`` (protocol-wave2.md 4.4; whatsmeow suggests 50 per request).
        """
        if self._send_peer is None:
            raise InvalidState("history requests need the messaging service")
        on_demand = Message.PeerDataOperationRequestMessage.HistorySyncOnDemandRequest(
            chatJid=chat,
            oldestMsgId=oldest_id,
            oldestMsgFromMe=oldest_from_me,
            onDemandMsgCount=count,
            oldestMsgTimestampMs=oldest_timestamp_ms,
        )
        request = Message.PeerDataOperationRequestMessage(
            peerDataOperationRequestType=Message.HISTORY_SYNC_ON_DEMAND, historySyncOnDemandRequest=on_demand
        )
        protocol = Message.ProtocolMessage(
            type=Message.ProtocolMessage.PEER_DATA_OPERATION_REQUEST_MESSAGE,
            peerDataOperationRequestMessage=request,
        )
        return await self._send_peer(Message(protocolMessage=protocol), priority="high_force")

    async def process(self, notification: Message.HistorySyncNotification) -> int:
        """Download, decode and emit one notification's history; returns the number of messages."""
        batches = _Batcher(notification)
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY) as blob:
            if notification.initialHistBootstrapInlinePayload:
                blob.write(notification.initialHistBootstrapInlinePayload)
            else:
                await self._download(_ref(notification), cast(BinaryIO, blob))
            blob.seek(0)
            decoder = HistoryStreamDecoder()
            while chunk := blob.read(_READ):
                for item in decoder.feed(chunk):
                    await self._take(batches, item)
            for item in decoder.close():
                await self._take(batches, item)
        await self._flush(batches, final=True)
        logger.info("history %s chunk %d: %d messages", batches.sync_type, batches.chunk_order, batches.total)
        return batches.total

    async def _take(self, batches: _Batcher, item: HistoryItem) -> None:
        if isinstance(item, HistoryPushname):
            batches.push_names.append(item.pushname)
        elif isinstance(item, HistorySummary):
            await self._lids.learn(pairs_from_history(item.history))
            if item.history.nctSalt:  # the key of <cstoken>, also sent in app state (whatsmeow message.go)
                await self._session.store.put(NCT_SALT, "salt", item.history.nctSalt)
        elif batches.add(item):
            await self._flush(batches, final=False)

    async def _flush(self, batches: _Batcher, *, final: bool) -> None:
        event = batches.take(final=final)
        await self._lids.learn([p for c in event.conversations for p in pairs_from_history(conversation=c)])
        if event.push_names:
            await self._store_push_names(event.push_names)
        if final or event.conversations or event.push_names:
            await self._session.emit(event)

    async def _store_push_names(self, names: tuple[Pushname, ...]) -> None:
        store = self._session.store
        by_jid = {p.id: p.pushname for p in names if p.id and p.pushname}
        async with store.transaction():
            known = await store.get_contacts(sorted(by_jid))
            await store.put_contacts(
                dataclasses.replace(known.get(jid) or Contact(jid), push_name=name)
                for jid, name in by_jid.items()
            )


class _Batcher:
    """Gathers decoded items into events of at most BATCH_MESSAGES messages."""

    __slots__ = (
        "chunk_order",
        "conversations",
        "count",
        "progress",
        "push_names",
        "request_id",
        "sync_type",
        "total",
    )

    def __init__(self, notification: Message.HistorySyncNotification) -> None:
        self.sync_type = Message.HistorySyncType.Name(notification.syncType)
        self.chunk_order = notification.chunkOrder
        self.progress = notification.progress
        self.request_id = notification.peerDataRequestSessionId
        self.conversations: dict[str, Conversation] = {}
        self.push_names: list[Pushname] = []
        self.count = 0
        self.total = 0

    def add(self, item: HistoryMessage | HistoryConversation) -> bool:
        """Add a message or a conversation's own fields; True when the batch is full."""
        if isinstance(item, HistoryMessage):
            conversation = self.conversations.get(item.chat)
            if conversation is None:
                conversation = self.conversations[item.chat] = Conversation(id=item.chat)
            conversation.messages.append(item.message)
            self.count += 1
            self.total += 1
            return self.count >= BATCH_MESSAGES
        meta = item.conversation
        conversation = self.conversations.get(meta.id)
        if conversation is None:
            conversation = self.conversations[meta.id] = Conversation()
        conversation.MergeFrom(meta)
        return False

    def take(self, *, final: bool) -> HistorySyncBatch:
        event = HistorySyncBatch(
            sync_type=self.sync_type,
            chunk_order=self.chunk_order,
            progress=self.progress,
            conversations=tuple(self.conversations.values()),
            push_names=tuple(self.push_names),
            final=final,
            request_id=self.request_id,
        )
        self.conversations = {}
        self.push_names = []
        self.count = 0
        return event


def _ref(notification: Message.HistorySyncNotification) -> MediaRef:
    return MediaRef(
        media_type=MediaType.HISTORY,
        media_key=notification.mediaKey,
        direct_path=notification.directPath,
        url=None,
        file_sha256=notification.fileSha256 or None,
        file_enc_sha256=notification.fileEncSha256 or None,
        file_length=notification.fileLength or None,
    )
