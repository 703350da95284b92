"""The media service of one session: prepare (probe, upload, build) and download media messages.

It needs two things from the session it runs in: ``config`` (TLS context and timeouts) and
``query`` (for ``media_conn``); anything with those satisfies :class:`MediaSession`.
Sending the prepared ``Message`` is the messaging service's job.
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterable, Callable
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Protocol

import anyio

from waproto.binary import Node
from waproto.config import ClientConfig
from waproto.errors import InvalidState
from waproto.events import Message as MessageEvent
from waproto.media.message import (
    MediaDetails,
    MediaInfo,
    MediaKind,
    build_media_message,
    guess_mimetype,
    media_info,
)
from waproto.media.probe import HEAD_BYTES, TAIL_BYTES, Probe, jpeg_thumbnail, probe
from waproto.media.transfer import Destination, MediaSource, MediaTransfer
from waproto.proto import wa_e2e_pb2

__all__ = ["MediaService", "MediaSession"]


class MediaSession(Protocol):
    """What the media service needs from its session."""

    @property
    def config(self) -> ClientConfig:
        """TLS context and timeouts."""
        ...

    async def query(self, node: Node) -> Node:
        """Send an iq and return its answer."""
        ...


class MediaService:
    """Uploads and downloads for one session; the HTTP client opens on first use.

    Args:
        session: the session it runs in.
        random: randomness for media keys.
        clock: wall time for ``mediaKeyTimestamp``.
    """

    __slots__ = ("_clock", "transfer")

    def __init__(
        self,
        session: MediaSession,
        *,
        random: Callable[[int], bytes] = os.urandom,
        clock: Callable[[], float] = time.time,
    ) -> None:
        config = session.config
        self.transfer = MediaTransfer(session.query, ssl_context=config.ssl_context, random=random,
                                      timeout=config.query_timeout)
        self._clock = clock

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
        details = MediaDetails(mimetype=mimetype, caption=caption, filename=filename, width=found.width,
                               height=found.height, seconds=found.seconds, ptt=ptt, gif=gif,
                               animated=kind is MediaKind.STICKER and found.animated)
        if kind in (MediaKind.IMAGE, MediaKind.STICKER) and isinstance(source, bytes | str | os.PathLike):
            image = source if isinstance(source, bytes) else str(source)
            png = kind is MediaKind.STICKER
            made = await anyio.to_thread.run_sync(lambda: jpeg_thumbnail(image, png=png))
            if made is not None:
                details = replace(details, thumbnail=made[0], width=made[1], height=made[2])
        uploaded = await self.transfer.upload(source, kind.media_type)
        return build_media_message(kind, uploaded, details, now=self._clock(), context=context)

    async def download(
        self, message: MessageEvent | wa_e2e_pb2.Message | MediaInfo, to: Destination | None = None
    ) -> bytes | None:
        """Download and verify the media of a message; bytes, or streamed to a path or file.

        Raises:
            InvalidState: the message carries no downloadable media.
            MediaExpired, MediaIntegrityError, MediaTransferError: see :meth:`MediaTransfer.download`.
        """
        if isinstance(message, MediaInfo):
            info: MediaInfo | None = message
        else:
            info = media_info(message.message if isinstance(message, MessageEvent) else message)
        if info is None:
            raise InvalidState("the message carries no downloadable media")
        return await self.transfer.download(info.ref, to)


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

