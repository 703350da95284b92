"""The streamed history decoder gives back exactly what was encoded, from any chunking."""

from __future__ import annotations

import zlib
from collections import defaultdict

import pytest

from waproto.errors import DecodeError, LimitExceeded
from waproto.history import (
    HistoryConversation,
    HistoryItem,
    HistoryMessage,
    HistoryPushname,
    HistoryStreamDecoder,
    HistorySummary,
)
from waproto.history.stream import MAX_FIELD
from waproto.proto.wa_e2e_pb2 import Message, MessageKey
from waproto.proto.wa_history_pb2 import (
    Conversation,
    HistorySync,
    HistorySyncMsg,
    Pushname,
    WebMessageInfo,
)


def _history(chats: int = 5, per_chat: int = 40) -> HistorySync:
    conversations = []
    for c in range(chats):
        jid = f"1555000{c:04d}@s.whatsapp.net"
        messages = [
            HistorySyncMsg(
                message=WebMessageInfo(
                    key=MessageKey(remoteJid=jid, fromMe=m % 2 == 0, id=f"3EB0{c:04d}{m:06d}"),
                    message=Message(conversation=f"message {m} in chat {c} " + "x" * (m % 50)),
                    messageTimestamp=1_700_000_000 + m,
                ),
                msgOrderId=m,
            )
            for m in range(per_chat)
        ]
        conversations.append(
            Conversation(id=jid, messages=messages, name=f"Chat {c}", unreadCount=c, archived=c == 2)
        )
    return HistorySync(
        syncType=HistorySync.INITIAL_BOOTSTRAP,
        conversations=conversations,
        pushnames=[Pushname(id=f"1555000{c:04d}@s.whatsapp.net", pushname=f"P{c}") for c in range(3)],
        chunkOrder=1,
        progress=40,
    )


def _decode(blob: bytes, step: int) -> list[HistoryItem]:
    decoder = HistoryStreamDecoder()
    items: list[HistoryItem] = []
    for i in range(0, len(blob), step):
        items.extend(decoder.feed(blob[i : i + step]))
    items.extend(decoder.close())
    return items


def _reassemble(items: list[HistoryItem]) -> HistorySync:
    messages: dict[str, list[HistorySyncMsg]] = defaultdict(list)
    out = HistorySync()
    for item in items:
        if isinstance(item, HistoryMessage):
            messages[item.chat].append(item.message)
        elif isinstance(item, HistoryConversation):
            conversation = out.conversations.add()
            conversation.CopyFrom(item.conversation)
            conversation.messages.extend(messages.pop(conversation.id))
        elif isinstance(item, HistoryPushname):
            out.pushnames.append(item.pushname)
        else:
            assert isinstance(item, HistorySummary)
            out.MergeFrom(item.history)
    assert not messages
    return out


@pytest.mark.parametrize("step", [1, 7, 4096, 1 << 30])
def test_any_chunking_gives_back_the_history(step: int) -> None:
    history = _history()
    items = _decode(zlib.compress(history.SerializeToString()), step)
    assert isinstance(items[-1], HistorySummary)
    assert items[-1].history.progress == 40 and not items[-1].history.conversations
    assert sum(isinstance(i, HistoryMessage) for i in items) == 200
    assert _reassemble(items) == history


def test_items_come_in_stream_order() -> None:
    items = _decode(zlib.compress(_history(chats=2, per_chat=3).SerializeToString()), 11)
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["HistoryMessage"] * 3 + ["HistoryConversation"] + ["HistoryMessage"] * 3 + [
        "HistoryConversation"
    ] + ["HistoryPushname"] * 3 + ["HistorySummary"]


def test_empty_history() -> None:
    assert [type(i) for i in _decode(zlib.compress(b""), 5)] == [HistorySummary]


def test_truncated_blob_is_refused() -> None:
    blob = zlib.compress(_history().SerializeToString())
    with pytest.raises(DecodeError, match="truncated"):
        _decode(blob[: len(blob) // 2], 100)
    # Whole zlib stream, cut protobuf: also truncated.
    cut = zlib.compress(_history().SerializeToString()[:-5])
    with pytest.raises(DecodeError):
        _decode(cut, 100)


def test_garbage_is_refused() -> None:
    with pytest.raises(DecodeError, match="inflate"):
        _decode(b"not zlib at all", 4)
    blob = zlib.compress(_history(1, 1).SerializeToString())
    with pytest.raises(DecodeError, match="after the end"):
        _decode(blob + b"extra", 1 << 20)


def _raw(number: int, payload: bytes) -> bytes:
    return _varint((number << 3) | 2) + _varint(len(payload)) + payload


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def test_field_overrunning_its_conversation_is_refused() -> None:
    inner = _raw(1, b"a@s.whatsapp.net")
    lying = _varint((2 << 3) | 2) + _varint(3) + inner  # claims 3 bytes, holds more
    with pytest.raises(DecodeError, match="overruns"):
        _decode(zlib.compress(lying), 1000)


def test_messages_before_the_chat_id_are_refused() -> None:
    conversation = _raw(2, HistorySyncMsg(msgOrderId=1).SerializeToString()) + _raw(1, b"a@s.whatsapp.net")
    with pytest.raises(DecodeError, match="before its id"):
        _decode(zlib.compress(_raw(2, conversation)), 1000)


def test_oversized_field_is_refused_from_its_header() -> None:
    header = _varint((7 << 3) | 2) + _varint(MAX_FIELD + 1)
    with pytest.raises(LimitExceeded):
        _decode(zlib.compress(header), 1000)


def test_malformed_message_is_a_decode_error() -> None:
    conversation = _raw(1, b"a@s.whatsapp.net") + _raw(2, b"\xff\xff")
    with pytest.raises(DecodeError):
        _decode(zlib.compress(_raw(2, conversation)), 1000)
