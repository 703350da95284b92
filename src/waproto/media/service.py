"""The media service of one session: prepare (probe, upload, build) and download media messages.

It needs little from the session it runs in (:class:`MediaSession`): ``config`` (TLS context
and timeouts), ``query`` (``media_conn``), ``send_node`` and ``own_jid`` (media retry).
Sending the prepared ``Message`` is the messaging service's job. A download whose blob
expired (404/410) asks the phone to re-upload it (``<receipt type=server-error>``), waits
for its ``<notification type=mediaretry>`` and downloads from the new direct path.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable
from contextlib import aclosing
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, ClassVar, Protocol

import anyio

from waproto.binary import Node
from waproto.config import ClientConfig
from waproto.errors import DecodeError, InvalidState, MediaExpired
from waproto.events import Message as MessageEvent
from waproto.jid import JID
from waproto.media.message import (
    MediaDetails,
    MediaInfo,
    MediaKind,
    build_media_message,
    guess_mimetype,
    media_info,
)
from waproto.media.probe import HEAD_BYTES, TAIL_BYTES, Probe, jpeg_thumbnail, probe
from waproto.media.retry import MediaRetryResult, build_retry_receipt, parse_retry_notification
from waproto.media.transfer import Destination, MediaSource, MediaTransfer
from waproto.media.types import MediaRef
from waproto.proto import wa_e2e_pb2
from waproto.session.router import StanzaRoute, StanzaRouter

__all__ = ["MediaMessage", "MediaService", "MediaSession"]

MediaMessage = MessageEvent | wa_e2e_pb2.Message | MediaInfo
"""What a download takes: a Message event (which allows a media retry), its protobuf, or its media view."""

_log = logging.getLogger("waproto.media")


class MediaSession(Protocol):
    """What the media service needs from its session."""

    @property
    def config(self) -> ClientConfig:
        """TLS context and timeouts."""
        ...

    @property
    def own_jid(self) -> JID:
        """Our device JID (the retry receipt goes to its user)."""
        ...

    async def query(self, node: Node) -> Node:
        """Send an iq and return its answer."""
        ...

    async def send_node(self, node: Node) -> None:
        """Send a stanza."""
        ...

    @property
    def router(self) -> StanzaRouter:
        """Where the service registers for ``mediaretry`` notifications."""
        ...


class _RetryWaiter:
    """One media retry in flight: the key to read the answer with, and the answer."""

    __slots__ = ("done", "media_key", "result")

    def __init__(self, media_key: bytes) -> None:
        self.media_key = media_key
        self.done = anyio.Event()
        self.result: MediaRetryResult | None = None


class MediaService:
    """Uploads and downloads for one session; the HTTP client opens on first use.

    Args:
        session: the session it runs in.
        random: randomness for media keys.
        clock: wall time for ``mediaKeyTimestamp``.
    """

    __slots__ = ("_clock", "_random", "_retries", "_session", "_timeout", "transfer")

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (
        StanzaRoute.of("notification", "_on_retry_notification", type="mediaretry"),
    )

    def __init__(
        self,
        session: MediaSession,
        *,
        random: Callable[[int], bytes] = os.urandom,
        clock: Callable[[], float] = time.time,
    ) -> None:
        config = session.config
        self.transfer = MediaTransfer(
            session.query, ssl_context=config.ssl_context, random=random, timeout=config.query_timeout
        )
        self._clock = clock
        self._random = random
        self._session = session
        self._timeout = config.query_timeout
        self._retries: dict[str, _RetryWaiter] = {}
        session.router.register(self)

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self.transfer.aclose()

    async def prepare(
        self,
        kind: MediaKind,
        source: MediaSource,
        *,
        caption: str | None = None,
        mimetype: str | None = None,
        filename: str | None = None,
        ptt: bool = False,
        gif: bool = False,
        context: wa_e2e_pb2.ContextInfo | None = None,
    ) -> wa_e2e_pb2.Message:
        """Probe, encrypt and upload ``source``; return the ``Message`` that references it."""
        if filename is None:
            filename = _source_name(source)
        found = await anyio.to_thread.run_sync(_probe_source, source)
        if mimetype is None:
            mimetype = guess_mimetype(kind, filename, found.mimetype)
        details = MediaDetails(
            mimetype=mimetype,
            caption=caption,
            filename=filename,
            width=found.width,
            height=found.height,
            seconds=found.seconds,
            ptt=ptt,
            gif=gif,
            animated=kind is MediaKind.STICKER and found.animated,
        )
        if kind in (MediaKind.IMAGE, MediaKind.STICKER) and isinstance(source, bytes | str | os.PathLike):
            image = source if isinstance(source, bytes) else str(source)
            png = kind is MediaKind.STICKER
            made = await anyio.to_thread.run_sync(lambda: jpeg_thumbnail(image, png=png))
            if made is not None:
                details = replace(details, thumbnail=made[0], width=made[1], height=made[2])
        uploaded = await self.transfer.upload(source, kind.media_type)
        return build_media_message(kind, uploaded, details, now=self._clock(), context=context)

    async def download(self, message: MediaMessage, to: Destination | None = None) -> bytes | None:
        """Download and verify the media of a message; bytes, or streamed to a path or file.

        Raises:
            InvalidState: the message carries no downloadable media.
            MediaExpired, MediaIntegrityError, MediaTransferError: see :meth:`MediaTransfer.download`.
        """
        info = _media_of(message)
        try:
            return await self.transfer.download(info.ref, to)
        except MediaExpired:
            ref = await self._reuploaded(message, info)
        return await self.transfer.download(ref, to)

    async def iter_media(self, message: MediaMessage) -> AsyncIterator[bytes]:
        """Download and verify the media of a message, then yield it in chunks (flat memory).

        Errors (and a media retry for an expired blob) happen before the first chunk.
        """
        info = _media_of(message)
        ref = info.ref
        for attempt in range(2):
            chunks = self.transfer.iter_download(ref)
            async with aclosing(chunks):
                try:
                    first = await anext(chunks, None)
                except MediaExpired:
                    if attempt:
                        raise
                    ref = await self._reuploaded(message, info)
                    continue
                if first is not None:
                    yield first
                    async for chunk in chunks:
                        yield chunk
                return

    async def _reuploaded(self, message: MediaMessage, info: MediaInfo) -> MediaRef:
        """The ref after the phone re-uploaded an expired blob (needs the message's key: an event)."""
        if not isinstance(message, MessageEvent):
            raise MediaExpired("the blob expired; pass the Message event to ask the phone for it again")
        direct_path = await self.request_reupload(message, info)
        return replace(info.ref, direct_path=direct_path, url=None)

    async def request_reupload(self, message: MessageEvent, info: MediaInfo) -> str:
        """Ask our phone to upload a message's media again; returns the new direct path.

        Raises:
            MediaExpired: the phone answered with an error (it no longer has the media).
            TimeoutError: no answer within ``query_timeout``.
        """
        message_id = message.info.id
        waiter = self._retries[message_id] = _RetryWaiter(info.ref.media_key)
        try:
            await self._session.send_node(
                build_retry_receipt(
                    message_id=message_id,
                    own_jid=self._session.own_jid,
                    chat=message.info.chat,
                    from_me=message.info.is_from_me,
                    participant=message.info.sender.to_non_ad() if message.info.is_group else None,
                    media_key=info.ref.media_key,
                    random=self._random,
                )
            )
            with anyio.fail_after(self._timeout):
                await waiter.done.wait()
        finally:
            self._retries.pop(message_id, None)
        result = waiter.result
        if result is None or not result.ok or result.direct_path is None:
            code = None if result is None else result.error_code
            raise MediaExpired(f"the phone could not re-upload the media (error {code})", status=code)
        return result.direct_path

    async def _on_retry_notification(self, node: Node) -> None:
        """Hand a ``<notification type=mediaretry>`` to the download waiting for it."""
        waiter = self._retries.get(node.attrs.get("id", ""))
        if waiter is None:
            return
        try:
            waiter.result = parse_retry_notification(node, waiter.media_key)
        except DecodeError as exc:
            _log.info("unreadable media retry answer: %s", exc)
        waiter.done.set()


def _source_name(source: MediaSource) -> str | None:
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    name = getattr(source, "name", None)
    return Path(name).name if isinstance(name, str) else None


def _probe_source(source: MediaSource) -> Probe:
    """Read the head and tail of a source without consuming it (async iterators: nothing)."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source[:HEAD_BYTES]), bytes(source[-TAIL_BYTES:]) if len(source) else b""
        return probe(*data)
    if isinstance(source, str | os.PathLike):
        with Path(source).open("rb") as file:
            return _probe_file(file)
    if isinstance(source, AsyncIterable):
        return Probe()
    if source.seekable():
        start = source.tell()
        try:
            return _probe_file(source)
        finally:
            source.seek(start)
    return Probe()


def _probe_file(file: BinaryIO) -> Probe:
    start = file.tell()
    head = file.read(HEAD_BYTES)
    end = file.seek(0, os.SEEK_END)
    file.seek(max(start, end - TAIL_BYTES))
    return probe(head, file.read(TAIL_BYTES))


def _media_of(message: MediaMessage) -> MediaInfo:
    if isinstance(message, MediaInfo):
        return message
    info = media_info(message.message if isinstance(message, MessageEvent) else message)
    if info is None:
        raise InvalidState("the message carries no downloadable media")
    return info
