"""The client's flat media API: ``send_image`` … ``send_sticker`` and ``download_media``.

A mixin so the media calls sit in one place; the work is the
:class:`~waproto.media.service.MediaService`'s (probe, encrypt, upload, build, download
and verify) and the messaging service's (send).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING

from waproto.events import Message as MessageEvent
from waproto.jid import JID
from waproto.media.message import MediaKind
from waproto.media.service import MediaMessage, MediaService
from waproto.media.transfer import Destination, MediaSource
from waproto.messaging.send import SendResult
from waproto.proto import wa_e2e_pb2

__all__ = ["MediaMethods", "context_info"]


def context_info(quoted: MessageEvent | None, mentions: Sequence[JID | str]) -> wa_e2e_pb2.ContextInfo | None:
    """The ``ContextInfo`` that quotes a received message and mentions people (None if neither)."""
    if quoted is None and not mentions:
        return None
    context = wa_e2e_pb2.ContextInfo(mentionedJid=[str(m) for m in mentions])
    if quoted is not None:
        context.stanzaId = quoted.info.id
        context.participant = str(quoted.info.sender.to_non_ad())
        context.quotedMessage.CopyFrom(quoted.message)
        if quoted.info.is_group:
            context.remoteJid = str(quoted.info.chat)
    return context


class MediaMethods:
    """Sending and downloading media; mixed into :class:`~waproto.Client`."""

    _media: MediaService

    if TYPE_CHECKING:

        async def send_message(
            self, to: JID | str, message: wa_e2e_pb2.Message, *, message_id: str | None = None
        ) -> SendResult: ...

        async def wait_connected(self, timeout: float | None = None) -> None: ...

    async def _send_media(
        self,
        kind: MediaKind,
        to: JID | str,
        source: MediaSource,
        *,
        caption: str | None = None,
        mimetype: str | None = None,
        filename: str | None = None,
        quoted: MessageEvent | None = None,
        mentions: Sequence[JID | str] = (),
        ptt: bool = False,
        gif: bool = False,
    ) -> SendResult:
        await self.wait_connected()
        message = await self._media.prepare(
            kind, source, caption=caption, mimetype=mimetype, filename=filename, ptt=ptt, gif=gif,
            context=context_info(quoted, mentions),
        )
        return await self.send_message(to, message)

    async def send_image(
        self,
        to: JID | str,
        image: MediaSource,
        *,
        caption: str | None = None,
        mimetype: str | None = None,
        quoted: MessageEvent | None = None,
        mentions: Sequence[JID | str] = (),
    ) -> SendResult:
        """Send an image (a path, bytes, a binary file or an async iterator of chunks).

        Width and height come from the file header; with Pillow (``waproto[media]``) a
        thumbnail is attached too. The mimetype is guessed from the name or bytes when absent.
        """
        return await self._send_media(MediaKind.IMAGE, to, image, caption=caption, mimetype=mimetype,
                                      quoted=quoted, mentions=mentions)

    async def send_video(
        self,
        to: JID | str,
        video: MediaSource,
        *,
        caption: str | None = None,
        mimetype: str | None = None,
        gif: bool = False,
        quoted: MessageEvent | None = None,
        mentions: Sequence[JID | str] = (),
    ) -> SendResult:
        """Send a video (``gif=True`` plays it looped and muted); duration comes from an MP4 header."""
        return await self._send_media(MediaKind.VIDEO, to, video, caption=caption, mimetype=mimetype, gif=gif,
                                      quoted=quoted, mentions=mentions)

    async def send_audio(
        self,
        to: JID | str,
        audio: MediaSource,
        *,
        ptt: bool = False,
        mimetype: str | None = None,
        quoted: MessageEvent | None = None,
    ) -> SendResult:
        """Send audio; ``ptt=True`` makes it a voice note (Ogg Opus, as WhatsApp records them)."""
        return await self._send_media(MediaKind.AUDIO, to, audio, mimetype=mimetype, ptt=ptt, quoted=quoted)

    async def send_document(
        self,
        to: JID | str,
        document: MediaSource,
        *,
        filename: str | None = None,
        caption: str | None = None,
        mimetype: str | None = None,
        quoted: MessageEvent | None = None,
        mentions: Sequence[JID | str] = (),
    ) -> SendResult:
        """Send a file as a document; ``filename`` defaults to the path's or file object's name."""
        return await self._send_media(MediaKind.DOCUMENT, to, document, caption=caption, mimetype=mimetype,
                                      filename=filename, quoted=quoted, mentions=mentions)

    async def send_sticker(
        self,
        to: JID | str,
        sticker: MediaSource,
        *,
        quoted: MessageEvent | None = None,
    ) -> SendResult:
        """Send a WebP sticker (animated ones are detected from the header)."""
        return await self._send_media(MediaKind.STICKER, to, sticker, mimetype="image/webp", quoted=quoted)

    async def download_media(
        self, message: MediaMessage, *, to: Destination | None = None
    ) -> bytes | None:
        """Download, verify and decrypt a message's media.

        Returns the bytes, or streams them to ``to`` (a path, written atomically, or a binary
        file) and returns None. Nothing is handed over unless the encrypted hash, the MAC and
        the plaintext hash all match.

        Raises:
            MediaExpired: the host no longer has the blob.
            MediaIntegrityError: the blob failed verification.
            MediaTransferError: no media host delivered it.
            InvalidState: the message carries no media.
        """
        return await self._media.download(message, to)

    def iter_media(self, message: MediaMessage) -> AsyncIterator[bytes]:
        """Download and verify a message's media, then yield it in chunks (``async for``).

        Memory stays flat for any size (the verified blob waits in a temporary file); the
        checks, and a media retry for an expired blob, all happen before the first chunk.
        """
        return self._media.iter_media(message)
