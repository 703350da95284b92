"""Codec behaviour beyond the Baileys samples: v3 JID tags, limits, malformed input, node helpers."""

from __future__ import annotations

import zlib

import pytest

from waproto.binary import DecodeLimits, Node, Tag, decode_node, encode_node
from waproto.errors import DecodeError, LimitExceeded
from waproto.jid import JID


def _round_trip(node: Node, dict_version: int = 3) -> Node:
    return decode_node(encode_node(node, dict_version=dict_version), dict_version=dict_version)


def _attr_bytes(value: str, dict_version: int = 3) -> bytes:
    """The encoding of one attribute value (after the 'iq' header and the key 'v')."""
    plain = encode_node(Node("iq", {"to": ""}), dict_version=dict_version)
    encoded = encode_node(Node("iq", {"to": value}), dict_version=dict_version)
    prefix = plain[:-1]
    assert encoded.startswith(prefix)
    return encoded[len(prefix) :]


def test_default_dict_version_is_3() -> None:
    node = Node("iq", {"type": "get"})
    assert encode_node(node) == encode_node(node, dict_version=3) != encode_node(node, dict_version=2)


@pytest.mark.parametrize(
    ("value", "first_byte"),
    [
        ("15551234567@s.whatsapp.net", Tag.JID_PAIR),
        ("15551234567:3@s.whatsapp.net", Tag.AD_JID),
        ("123:4@lid", Tag.AD_JID),
        ("555:2@hosted", Tag.AD_JID),
        ("100012345:1@msgr", Tag.FB_JID),
        ("100012345@msgr", Tag.FB_JID),
        ("777:3@interop", Tag.INTEROP_JID),
    ],
)
def test_v3_jid_tags_round_trip(value: str, first_byte: int) -> None:
    assert _attr_bytes(value)[0] == first_byte
    assert _round_trip(Node("iq", {"to": value})).attrs["to"] == value


def test_ad_jid_layout_and_domains() -> None:
    assert _attr_bytes("123:4@lid") == bytes([Tag.AD_JID, 1, 4, Tag.NIBBLE_8, 0x82, 0x12, 0x3F])
    assert _attr_bytes("9:1@hosted.lid")[:3] == bytes([Tag.AD_JID, 129, 1])
    # A raw agent on a server without an implied domain travels in the domain byte.
    payload = encode_node(Node("iq", {"to": ""}))[:-1] + bytes([Tag.AD_JID, 5, 2, Tag.NIBBLE_8, 0x81, 0x7F])
    assert decode_node(payload).attrs["to"] == "7.5:2@s.whatsapp.net"
    assert JID.parse("7.5:2@s.whatsapp.net").agent == 5


def test_fb_jid_layout() -> None:
    encoded = _attr_bytes("100012345:258@msgr")
    assert encoded[0] == Tag.FB_JID
    # user (nibbles), device 258 big-endian, then the server token
    assert encoded == bytes([Tag.FB_JID, Tag.NIBBLE_8, 0x85]) + bytes.fromhex("100012345f") + b"\x01\x02\xcc"


def test_v2_has_no_fb_or_interop_tags() -> None:
    assert _attr_bytes("100012345:1@msgr", dict_version=2)[0] == Tag.AD_JID
    assert _attr_bytes("100012345@msgr", dict_version=2)[0] == Tag.JID_PAIR


@pytest.mark.parametrize(
    "value",
    [
        "user:300@s.whatsapp.net",
        "user_1@s.whatsapp.net",
        "a@b@c",
        "x:y@s.whatsapp.net",
        "trailing@",
        ":3@lid",
    ],
)
def test_jid_like_strings_that_would_lose_data_are_raw(value: str) -> None:
    assert _attr_bytes(value)[0] in (Tag.BINARY_8, Tag.HEX_8, Tag.NIBBLE_8)
    assert _round_trip(Node("iq", {"to": value})).attrs["to"] == value


def test_string_content_decodes_to_bytes() -> None:
    node = Node("item", {}, "15551234567@s.whatsapp.net")
    assert _round_trip(node).content == b"15551234567@s.whatsapp.net"
    assert _round_trip(Node("presence", {}, "available")).content == b"available"
    assert _round_trip(Node("t", {}, "DEADBEEF")).content == b"DEADBEEF"


def test_encoder_rejects_bad_types() -> None:
    with pytest.raises(TypeError):
        encode_node(Node("iq", {"id": 5}))  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        encode_node(Node("iq", {}, 5))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="dictionary version"):
        encode_node(Node("iq"), dict_version=1)


def _nested(depth: int) -> Node:
    node = Node("item")
    for _ in range(depth - 1):
        node = Node("item", {}, [node])
    return node


def test_depth_limit() -> None:
    assert _round_trip(_nested(64)) == _nested(64)
    with pytest.raises(LimitExceeded):
        _round_trip(_nested(65))


def test_node_and_children_limits() -> None:
    wide = encode_node(Node("list", {}, [Node("item")] * 50))
    with pytest.raises(LimitExceeded):
        decode_node(wide, limits=DecodeLimits(max_children=49))
    with pytest.raises(LimitExceeded):
        decode_node(wide, limits=DecodeLimits(max_nodes=50))
    assert len(decode_node(wide, limits=DecodeLimits(max_nodes=51)).get_children()) == 50


def test_size_limits() -> None:
    body = encode_node(Node("enc", {}, bytes(5000)))
    with pytest.raises(LimitExceeded):
        decode_node(body, limits=DecodeLimits(max_frame_size=4000))
    bomb = b"\x02" + zlib.compress(body[1:])
    assert len(bomb) < 200
    assert decode_node(bomb).content == bytes(5000)
    with pytest.raises(LimitExceeded):
        decode_node(bomb, limits=DecodeLimits(max_inflated_size=4000))


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"\x02not zlib",
        b"\x02" + zlib.compress(b"\xf8\x01\x1e")[:-3],
        b"\x02" + zlib.compress(b"\xf8\x01\x1e") + b"junk",
        b"\x00\xf8\x01\x1e\x00",  # trailing byte after the root
        b"\x00\xf8\x01\xf5",  # INTEROP_JID as a tag, cut short
        b"\x00\xf8\x01\xfa\xfa\x00\x03\x03",  # nested JID pair inside a JID pair
        b"\x00\xf8\x01\xfa\x00\x00",  # JID pair without a server
        b"\x00\xf8\x01\xff\x01\xcc",  # invalid nibble
        b"\x00\xf8\x01\xf6\x00\x00\x01\x03",  # FB_JID with a server other than msgr
        b"\x00\xf8\x01\xf8",  # a list tag where a string belongs
        b"\x00\xf8\x02\x1e\xfe\xff\xff\xff\xff",  # BINARY_32 length beyond the data
        b"\x00\xf8\x01\x00",  # empty tag
        b"\x00\xfa",  # JID pair as the list size
    ],
)
def test_malformed_payloads_raise_decode_error(payload: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_node(payload)


def test_decode_error_carries_offset() -> None:
    with pytest.raises(DecodeError) as info:
        decode_node(b"\x00\xf8\x03\x1e\x08")
    assert info.value.offset == 4  # counted after the flags byte


def test_node_helpers() -> None:
    node = Node(
        "iq",
        {"id": "1", "t": "1712345678", "from": "1:2@s.whatsapp.net", "bad": "x"},
        [Node("a", {}, b"one"), Node("b"), Node("a", {}, "two")],
    )
    assert node.get_child("a") == Node("a", {}, b"one")
    assert node.get_child("zzz") is None
    assert [c.content_bytes() for c in node.get_children("a")] == [b"one", b"two"]
    assert len(node.get_children()) == 3
    assert node.require_child("b").content_bytes() == b""
    with pytest.raises(DecodeError):
        node.require_child("zzz")
    assert node.attr("id") == "1" and node.attr("nope", "d") == "d"
    assert node.require_attr("id") == "1"
    with pytest.raises(DecodeError):
        node.require_attr("nope")
    assert node.attr_int("t") == 1712345678 and node.attr_int("nope", 7) == 7
    with pytest.raises(DecodeError):
        node.attr_int("bad")
    assert node.attr_jid("from") == JID("1", "s.whatsapp.net", 2)
    assert node.attr_jid("nope") is None
    with pytest.raises(DecodeError):
        Node("x", {"j": "a@b@c"}).attr_jid("j")
    with pytest.raises(DecodeError):
        node.content_bytes()
    assert Node("leaf").get_children() == [] and Node("leaf").get_child("a") is None
