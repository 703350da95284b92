"""Decode a history-sync blob as a stream: inflate in bounded steps, one message at a time.

A history blob is a zlib-deflated ``HistorySync``. Its bulk is ``conversations`` (field 2),
each a ``Conversation`` whose bulk is ``messages`` (field 2, one ``HistorySyncMsg`` each). The
decoder reads protobuf fields by hand at those two levels, so it holds at most one inflate
step, one message and one conversation's small fields, never the blob or the decoded history.
Everything else (push names, status messages, settings, LID mappings, ...) is parsed with the
generated classes one field at a time.

Sans-I/O: push compressed bytes with :meth:`HistoryStreamDecoder.feed` (a generator of
decoded items; exhaust it before the next call) and end with :meth:`HistoryStreamDecoder.close`.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from google.protobuf.message import DecodeError as _ProtobufDecodeError

from waproto.errors import DecodeError, LimitExceeded
from waproto.proto import decode_message
from waproto.proto.wa_history_pb2 import Conversation, HistorySync, HistorySyncMsg, Pushname

__all__ = [
    "HistoryConversation",
    "HistoryItem",
    "HistoryMessage",
    "HistoryPushname",
    "HistoryStreamDecoder",
    "HistorySummary",
]

INFLATE_STEP = 64 * 1024
"""Inflated bytes produced per step; also the granularity of buffering."""
MAX_FIELD = 16 * 1024 * 1024
"""Largest single field held whole (one message, one push name, one setting)."""

_HISTORY_CONVERSATIONS = 2
_HISTORY_PUSHNAMES = 7
_CONVERSATION_MESSAGES = 2
_VARINT, _FIXED64, _LENGTH, _FIXED32 = 0, 1, 2, 5


@dataclass(frozen=True, slots=True)
class HistoryMessage:
    """One message of the conversation ``chat`` (its ``message`` is a ``WebMessageInfo``)."""

    chat: str
    message: HistorySyncMsg


@dataclass(frozen=True, slots=True)
class HistoryConversation:
    """A conversation's own fields (name, unread count, archive, ...), after all its messages.

    ``conversation.messages`` is empty: the messages came before as :class:`HistoryMessage`.
    """

    conversation: Conversation


@dataclass(frozen=True, slots=True)
class HistoryPushname:
    """A contact's push name."""

    pushname: Pushname


@dataclass(frozen=True, slots=True)
class HistorySummary:
    """The blob's own fields (sync type, chunk order, progress, settings, ...), at the end."""

    history: HistorySync


HistoryItem = HistoryMessage | HistoryConversation | HistoryPushname | HistorySummary


def _varint(data: bytearray, pos: int) -> tuple[int, int] | None:
    """Read a varint at ``pos``: ``(value, next position)``, or None when the bytes end first."""
    value = shift = 0
    for i in range(pos, min(len(data), pos + 10)):
        byte = data[i]
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, i + 1
        shift += 7
    if len(data) - pos >= 10:
        raise DecodeError("history blob: varint longer than 10 bytes")
    return None


def _field(data: bytearray, pos: int) -> tuple[int, int, int, int] | None:
    """Locate the field at ``pos``: ``(number, wire type, payload start, end)``, None if incomplete."""
    tag = _varint(data, pos)
    if tag is None:
        return None
    key, start = tag
    number, wire = key >> 3, key & 7
    if number == 0:
        raise DecodeError("history blob: field number 0")
    if wire == _VARINT:
        value = _varint(data, start)
        return None if value is None else (number, wire, start, value[1])
    if wire == _LENGTH:
        length = _varint(data, start)
        if length is None:
            return None
        if length[0] > MAX_FIELD and number != _HISTORY_CONVERSATIONS:
            raise LimitExceeded(f"history blob: field {number} of {length[0]} bytes")
        return number, wire, length[1], length[1] + length[0]
    if wire in (_FIXED64, _FIXED32):
        return number, wire, start, start + (8 if wire == _FIXED64 else 4)
    raise DecodeError(f"history blob: unsupported wire type {wire}")


class HistoryStreamDecoder:
    """Inflates and decodes one history blob incrementally (see the module docstring)."""

    __slots__ = ("_buffer", "_chat", "_conversation", "_inflater", "_left", "_summary")

    def __init__(self) -> None:
        self._inflater = zlib.decompressobj()
        self._buffer = bytearray()
        self._summary = HistorySync()
        self._conversation: Conversation | None = None
        self._chat = ""
        self._left = 0  # bytes of the current conversation not parsed yet

    def feed(self, data: bytes) -> Iterator[HistoryItem]:
        """Push compressed bytes; yields every item they complete."""
        if self._inflater.eof:
            if data:
                raise DecodeError("history blob: data after the end of the zlib stream")
            return
        pending = data
        while pending:
            try:
                chunk = self._inflater.decompress(pending, INFLATE_STEP)
            except zlib.error as exc:
                raise DecodeError(f"history blob does not inflate: {exc}") from None
            pending = self._inflater.unconsumed_tail
            if self._inflater.unused_data:
                raise DecodeError("history blob: data after the end of the zlib stream")
            if not chunk:
                break
            self._buffer += chunk
            yield from self._parse()

    def close(self) -> Iterator[HistoryItem]:
        """End of input: yields the :class:`HistorySummary`; a truncated blob raises DecodeError."""
        if not self._inflater.eof or self._buffer or self._conversation is not None:
            raise DecodeError("history blob is truncated")
        yield HistorySummary(self._summary)

    def _parse(self) -> Iterator[HistoryItem]:
        data = self._buffer
        pos = 0
        try:
            while True:
                if self._conversation is not None and self._left == 0:
                    yield HistoryConversation(self._conversation)
                    self._conversation = None
                found = _field(data, pos)
                if found is None:
                    return
                number, wire, start, end = found
                if self._conversation is None:
                    if number == _HISTORY_CONVERSATIONS and wire == _LENGTH:
                        self._conversation, self._left, self._chat = Conversation(), end - start, ""
                        pos = start
                        continue
                    if end > len(data):
                        return
                    item = self._top_field(number, data[pos:end], start - pos)
                else:
                    if end - pos > self._left:
                        raise DecodeError("history blob: a field overruns its conversation")
                    if end > len(data):
                        return
                    self._left -= end - pos
                    item = self._conversation_field(number, wire, data[pos:end], start - pos)
                pos = end
                if item is not None:
                    yield item
        finally:
            del data[:pos]

    def _top_field(self, number: int, field: bytearray, header: int) -> HistoryItem | None:
        """One whole top-level field (``header`` bytes of tag and length, then the payload)."""
        if number == _HISTORY_PUSHNAMES:
            return HistoryPushname(decode_message(Pushname, bytes(field[header:]), "Pushname"))
        _merge(self._summary, field, "HistorySync field")
        return None

    def _conversation_field(
        self, number: int, wire: int, field: bytearray, header: int
    ) -> HistoryItem | None:
        """One whole field of the current conversation: a message, or one of its own fields."""
        assert self._conversation is not None
        if number == _CONVERSATION_MESSAGES and wire == _LENGTH:
            message = decode_message(HistorySyncMsg, bytes(field[header:]), "HistorySyncMsg")
            if not self._chat:
                raise DecodeError("history blob: a conversation lists messages before its id")
            return HistoryMessage(self._chat, message)
        _merge(self._conversation, field, "Conversation field")
        self._chat = self._conversation.id
        return None


def _merge(target: HistorySync | Conversation, raw: bytearray, what: str) -> None:
    """Merge one raw field into ``target`` (decode_message's rule: protobuf errors become ours)."""
    try:
        target.MergeFromString(bytes(raw))
    except _ProtobufDecodeError as exc:
        raise DecodeError(f"malformed {what}: {exc}") from None
