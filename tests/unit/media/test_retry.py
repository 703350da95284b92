"""Media retry: the receipt against Baileys' vector, the phone's answer, tampering."""

from __future__ import annotations

import pytest

from tests.conftest import load_vectors
from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.jid import JID
from waproto.media.retry import (
    build_retry_notification,
    build_retry_receipt,
    parse_retry_notification,
    parse_retry_receipt,
    retry_key,
)


def vector() -> dict[str, object]:
    v: dict[str, object] = load_vectors("media/media_crypto.json")["media_retry_request"]
    return v


def as_plain(node: Node) -> dict[str, object]:
    content = node.content
    if isinstance(content, list):
        body: object = [as_plain(child) for child in content]
    elif isinstance(content, bytes):
        body = {"hex": content.hex()}
    else:
        body = None
    out: dict[str, object] = {"tag": node.tag, "attrs": dict(node.attrs)}
    if body is not None:
        out["content"] = body
    return out


def test_receipt_matches_baileys_vector() -> None:
    v = vector()
    media_key = bytes.fromhex(str(v["media_key_hex"]))
    assert retry_key(media_key).hex() == v["retry_key_hex"]
    key = v["message_key"]
    assert isinstance(key, dict)
    node = build_retry_receipt(
        message_id=key["id"],
        own_jid=JID.parse(str(v["me_id"])),
        chat=JID.parse(key["remoteJid"]),
        from_me=key["fromMe"],
        participant=None,
        media_key=media_key,
        random=lambda n: bytes.fromhex(str(v["iv_hex"])),
    )
    assert as_plain(node) == v["node"]
    request = parse_retry_receipt(node)
    assert request.verify(media_key)
    assert not request.verify(bytes(32))


def test_phone_answer_round_trip_and_errors() -> None:
    media_key = bytes(range(32))
    receipt = build_retry_receipt(
        message_id="ABC",
        own_jid=JID.parse("1555:3@s.whatsapp.net"),
        chat=JID.parse("123-456@g.us"),
        from_me=False,
        participant=JID.parse("1666@s.whatsapp.net"),
        media_key=media_key,
    )
    request = parse_retry_receipt(receipt)
    assert (request.chat, request.participant, request.from_me) == (
        "123-456@g.us",
        "1666@s.whatsapp.net",
        False,
    )
    phone = JID.parse("1555@s.whatsapp.net")
    answer = build_retry_notification(
        request, media_key=media_key, direct_path="/v/new", from_jid=phone, now=5
    )
    assert answer.attrs["type"] == "mediaretry" and answer.attrs["id"] == "ABC"
    result = parse_retry_notification(answer, media_key)
    assert result.ok and result.direct_path == "/v/new"
    with pytest.raises(DecodeError):
        parse_retry_notification(answer, bytes(32))
    lost = build_retry_notification(request, media_key=None, direct_path=None, from_jid=phone, now=5)
    result = parse_retry_notification(lost, media_key)
    assert not result.ok and result.error_code == 2
    with pytest.raises(DecodeError):
        parse_retry_notification(Node("notification", {"id": "X", "type": "mediaretry"}), media_key)
