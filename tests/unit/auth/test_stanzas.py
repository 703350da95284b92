"""Pairing stanza glue: parse what the server sends, build what the companion answers."""

from __future__ import annotations

import pytest

from waproto.auth import ClientIdentity, make_device_identity, verify_pair_success
from waproto.auth.stanzas import (
    companion_finish_iq,
    companion_hello_iq,
    pair_device_ack,
    pair_device_sign_reply,
    pair_error_reply,
    parse_link_code_notification,
    parse_pair_device,
    parse_pair_success,
)
from waproto.binary import Node, decode_node, encode_node
from waproto.crypto import keypair_from_private
from waproto.errors import DecodeError
from waproto.jid import JID


def _wire(node: Node) -> Node:
    """Send a node through the codec, as the server's bytes would arrive."""
    return decode_node(encode_node(node))


def test_pair_device_refs_and_ack() -> None:
    iq = _wire(
        Node(
            "iq",
            {"id": "1", "type": "set", "from": "s.whatsapp.net", "xmlns": "md"},
            [Node("pair-device", {}, [Node("ref", {}, b"2@aaa"), Node("ref", {}, b"2@bbb")])],
        )
    )
    assert parse_pair_device(iq) == ["2@aaa", "2@bbb"]
    ack = pair_device_ack(iq)
    assert (ack.tag, ack.attrs) == ("iq", {"to": "s.whatsapp.net", "type": "result", "id": "1"})
    with pytest.raises(DecodeError):
        parse_pair_device(Node("iq", {"id": "1"}, [Node("pair-device", {}, [])]))


def test_pair_success_parse_and_reply() -> None:
    companion = keypair_from_private(bytes([0x48]) * 32)
    phone = keypair_from_private(bytes([0x50]) * 32)
    adv_secret = bytes(32)
    identity = make_device_identity(
        adv_secret=adv_secret,
        account=phone,
        companion_identity_public=companion.public,
        raw_id=1,
        timestamp=2,
        key_index=5,
    )
    iq = _wire(
        Node(
            "iq",
            {"id": "p1", "type": "set", "from": "s.whatsapp.net"},
            [
                Node(
                    "pair-success",
                    {},
                    [
                        Node("device-identity", {}, identity),
                        Node("platform", {"name": "android"}),
                        Node("device", {"jid": "15551234567:3@s.whatsapp.net", "lid": "1234:3@lid"}),
                    ],
                )
            ],
        )
    )
    stanza = parse_pair_success(iq)
    assert stanza.jid == JID("15551234567", "s.whatsapp.net", device=3)
    assert stanza.lid == JID("1234", "lid", device=3)
    assert (stanza.iq_id, stanza.platform, stanza.business_name) == ("p1", "android", None)
    result = verify_pair_success(stanza.device_identity, adv_secret=adv_secret, identity=companion)
    reply = _wire(pair_device_sign_reply(stanza.iq_id, result))
    sent = reply.require_child("pair-device-sign").require_child("device-identity")
    assert sent.attrs == {"key-index": "5"} and sent.content_bytes() == result.reply_identity
    error = pair_error_reply("p1").require_child("error")
    assert error.attrs == {"code": "401", "text": "not-authorized"}


def test_pair_success_without_device_is_refused() -> None:
    iq = Node("iq", {"id": "p1"}, [Node("pair-success", {}, [Node("device-identity", {}, b"x")])])
    with pytest.raises(DecodeError):
        parse_pair_success(iq)


def test_link_code_stanzas() -> None:
    phone = JID("15551234567", "s.whatsapp.net")
    hello = _wire(
        companion_hello_iq(
            "h1", phone=phone, wrapped_ephemeral=b"w" * 80, noise_public=b"n" * 32, identity=ClientIdentity()
        )
    )
    reg = hello.require_child("link_code_companion_reg")
    assert reg.attrs["stage"] == "companion_hello" and reg.attrs["jid"] == str(phone)
    assert reg.require_child("companion_platform_id").content_bytes() == b"1"
    assert reg.require_child("companion_platform_display").content_bytes() == b"Chrome (Mac OS)"
    notification = Node(
        "notification",
        {"type": "link_code_companion_reg"},
        [
            Node(
                "link_code_companion_reg",
                {},
                [
                    Node("link_code_pairing_ref", {}, b"ref"),
                    Node("primary_identity_pub", {}, b"p" * 32),
                    Node("link_code_pairing_wrapped_primary_ephemeral_pub", {}, b"e" * 80),
                ],
            )
        ],
    )
    parsed = parse_link_code_notification(_wire(notification))
    assert (parsed.ref, parsed.primary_identity_public) == (b"ref", b"p" * 32)
    finish = companion_finish_iq(
        "f1", phone=phone, wrapped_key_bundle=b"b", identity_public=b"i" * 32, ref=parsed.ref
    )
    children = [child.tag for child in finish.require_child("link_code_companion_reg").get_children()]
    assert children == [
        "link_code_pairing_wrapped_key_bundle",
        "companion_identity_public",
        "link_code_pairing_ref",
    ]
