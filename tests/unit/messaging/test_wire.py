"""Stanza builders and parsers of the message path, node by node."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from waproto.binary import Node
from waproto.connection import check_iq_error
from waproto.errors import DecodeError, IQError
from waproto.jid import JID
from waproto.messaging.wire import (
    EncryptedPart,
    build_ack,
    build_key_fetch,
    build_message_stanza,
    build_receipt,
    build_retry_receipt,
    build_usync_devices,
    generate_message_id,
    jid_attr,
    pad_message,
    parse_key_bundles,
    parse_retry_keys,
    parse_usync_devices,
    unpad_message,
)

ALICE = JID("15550001", "s.whatsapp.net")
BOB = JID("15550002", "s.whatsapp.net")


def fixed(byte: int) -> Callable[[int], bytes]:
    """A randomness source that returns ``byte`` repeated."""
    return lambda n: bytes([byte]) * n


def result(*content: Node) -> Node:
    return Node("iq", {"type": "result", "id": "1"}, list(content))


# -- ids and padding -------------------------------------------------------------------------


def test_message_id_shape_and_determinism() -> None:
    first = generate_message_id(1_700_000_000, "15550001", fixed(7))
    assert first == generate_message_id(1_700_000_000, "15550001", fixed(7))
    assert first.startswith("3EB0") and len(first) == 22
    assert int(first, 16) >= 0 and first == first.upper()
    assert first != generate_message_id(1_700_000_000, "15550001", fixed(8))
    assert first != generate_message_id(1_700_000_000, None, fixed(7))


@pytest.mark.parametrize("byte", [0x00, 0x01, 0x07, 0x0F, 0x10, 0xF3, 0xFF])
def test_padding_round_trips_with_one_to_fifteen_bytes(byte: int) -> None:
    padded = pad_message(b"payload", fixed(byte))
    size = len(padded) - len(b"payload")
    assert 1 <= size <= 15 and padded.endswith(bytes([size]) * size)
    assert unpad_message(padded) == b"payload"


@pytest.mark.parametrize("padded", [b"", b"abc\x00", b"\x05\x05", b"\x10" * 3])
def test_bad_padding_is_a_decode_error(padded: bytes) -> None:
    with pytest.raises(DecodeError):
        unpad_message(padded)


# -- iq results ------------------------------------------------------------------------------


def test_check_iq_error_raises_code_and_text() -> None:
    ok = result()
    assert check_iq_error(ok) is ok
    error = Node("iq", {"type": "error"}, [Node("error", {"code": "404", "text": "item-not-found"})])
    with pytest.raises(IQError) as info:
        check_iq_error(error)
    assert (info.value.code, info.value.text) == (404, "item-not-found")
    with pytest.raises(IQError) as bare:
        check_iq_error(Node("iq", {"type": "error"}))
    assert bare.value.code == 500


# -- usync -----------------------------------------------------------------------------------


def test_usync_query_asks_for_non_ad_users() -> None:
    iq = build_usync_devices([JID("15550001", "s.whatsapp.net", device=3), BOB], sid="sid-1")
    assert iq.attrs == {"to": "s.whatsapp.net", "type": "get", "xmlns": "usync"}
    usync = iq.require_child("usync")
    assert usync.attrs["sid"] == "sid-1" and usync.attrs["context"] == "message"
    assert usync.require_child("query").require_child("devices").attrs == {"version": "2"}
    users = usync.require_child("list").get_children("user")
    assert [u.attrs["jid"] for u in users] == [str(ALICE), str(BOB)]


def _usync_user(jid: str | None, devices: list[dict[str, str]]) -> Node:
    listing = Node("device-list", {}, [Node("device", d) for d in devices])
    return Node("user", {"jid": jid} if jid else {}, [Node("devices", {}, [listing])])


def test_usync_parse_drops_companions_without_key_index() -> None:
    answer = result(
        Node(
            "usync",
            {},
            [
                Node(
                    "list",
                    {},
                    [
                        _usync_user(
                            str(ALICE),
                            [{"id": "0"}, {"id": "2", "key-index": "1"}, {"id": "5"}, {"key-index": "3"}],
                        ),
                        _usync_user(str(BOB), []),
                        _usync_user(None, [{"id": "0"}]),
                    ],
                )
            ],
        )
    )
    assert parse_usync_devices(answer) == {
        ALICE: [ALICE, JID(ALICE.user, ALICE.server, device=2)],
        BOB: [],
    }


def test_usync_parse_errors() -> None:
    with pytest.raises(IQError):
        parse_usync_devices(Node("iq", {"type": "error"}, [Node("error", {"code": "500"})]))
    with pytest.raises(DecodeError):
        parse_usync_devices(result())
    assert parse_usync_devices(result(Node("usync"))) == {}


# -- key bundles -----------------------------------------------------------------------------


def _key(tag: str, key_id: int, value: bytes, signature: bytes | None = None) -> Node:
    children = [Node("id", {}, key_id.to_bytes(3, "big")), Node("value", {}, value)]
    if signature is not None:
        children.append(Node("signature", {}, signature))
    return Node(tag, {}, children)


def _bundle_user(jid: str, *, one_time: bool = True) -> Node:
    children = [
        Node("registration", {}, (1234).to_bytes(4, "big")),
        Node("type", {}, b"\x05"),
        Node("identity", {}, b"I" * 32),
        _key("skey", 7, b"S" * 32, b"G" * 64),
    ]
    if one_time:
        children.append(_key("key", 99, b"K" * 32))
    return Node("user", {"jid": jid}, children)


def test_key_fetch_names_each_device() -> None:
    device = JID("15550002", "s.whatsapp.net", device=4)
    iq = build_key_fetch([BOB, device])
    assert iq.attrs["xmlns"] == "encrypt" and iq.attrs["type"] == "get"
    users = iq.require_child("key").get_children("user")
    assert [u.attrs["jid"] for u in users] == [str(BOB), str(device)]


def test_key_bundles_parse_with_and_without_one_time_prekey() -> None:
    bob_device = "15550002:3@s.whatsapp.net"
    answer = result(
        Node(
            "list",
            {},
            [
                _bundle_user(str(BOB)),
                _bundle_user(bob_device, one_time=False),
                Node("user", {"jid": str(ALICE)}, [Node("error", {"code": "404"})]),
            ],
        )
    )
    first, second = parse_key_bundles(answer)
    assert first.jid == BOB and first.registration_id == 1234
    assert (first.identity_key, first.signed_prekey_id, first.signed_prekey) == (b"I" * 32, 7, b"S" * 32)
    assert first.signed_prekey_signature == b"G" * 64
    assert (first.prekey_id, first.prekey) == (99, b"K" * 32)
    assert second.jid == JID.parse(bob_device)
    assert (second.prekey_id, second.prekey) == (None, None)


@pytest.mark.parametrize("drop", ["registration", "identity", "skey"])
def test_key_bundle_missing_parts_are_decode_errors(drop: str) -> None:
    user = _bundle_user(str(BOB))
    user.content = [c for c in user.get_children() if c.tag != drop]
    with pytest.raises(DecodeError):
        parse_key_bundles(result(Node("list", {}, [user])))


def test_key_bundle_without_jid_is_a_decode_error() -> None:
    user = _bundle_user(str(BOB))
    del user.attrs["jid"]
    with pytest.raises(DecodeError):
        parse_key_bundles(result(Node("list", {}, [user])))


# -- message, ack, receipts ------------------------------------------------------------------


def test_message_stanza_carries_parts_skmsg_and_identity_for_pkmsg() -> None:
    bob_device = JID("15550002", "s.whatsapp.net", device=1)
    stanza = build_message_stanza(
        message_id="ID1",
        to=BOB,
        message_type="text",
        parts=[EncryptedPart(BOB, "pkmsg", b"p"), EncryptedPart(bob_device, "msg", b"m")],
        group_ciphertext=b"g",
        device_identity=b"identity",
        media_type="image",
        extra_attrs={"device_fanout": "false"},
    )
    assert stanza.attrs == {"id": "ID1", "to": str(BOB), "type": "text", "device_fanout": "false"}
    participants, skmsg, identity = stanza.get_children()
    tos = participants.get_children("to")
    assert [t.attrs["jid"] for t in tos] == [str(BOB), str(bob_device)]
    enc = tos[0].require_child("enc")
    assert enc.attrs == {"v": "2", "type": "pkmsg", "mediatype": "image"} and enc.content == b"p"
    assert skmsg.tag == "enc" and skmsg.attrs["type"] == "skmsg" and skmsg.content == b"g"
    assert identity.tag == "device-identity" and identity.content == b"identity"


def test_hidden_and_resent_message_stanzas() -> None:
    hidden = build_message_stanza(
        message_id="R1",
        to=JID("1", "g.us"),
        message_type="reaction",
        parts=[EncryptedPart(BOB, "msg", b"m")],
        group_ciphertext=b"g",
        enc_attrs={"decrypt-fail": "hide"},
    )
    participants, skmsg = hidden.get_children()
    assert participants.require_child("to").require_child("enc").attrs["decrypt-fail"] == "hide"
    assert skmsg.attrs["decrypt-fail"] == "hide"
    resent = build_message_stanza(
        message_id="M1",
        to=BOB,
        message_type="text",
        parts=[EncryptedPart(BOB, "pkmsg", b"p")],
        device_identity=b"identity",
        retry_count=2,
    )
    enc, identity = resent.get_children()  # one top-level enc, no participants list
    assert enc.attrs == {"v": "2", "type": "pkmsg", "count": "2"} and identity.tag == "device-identity"
    with pytest.raises(ValueError):
        build_message_stanza(message_id="M", to=BOB, message_type="text", parts=[], retry_count=1)


def test_message_stanza_leaves_identity_out_without_pkmsg() -> None:
    stanza = build_message_stanza(
        message_id="ID2",
        to=BOB,
        message_type="text",
        parts=[EncryptedPart(BOB, "msg", b"m")],
        device_identity=b"identity",
    )
    assert [c.tag for c in stanza.get_children()] == ["participants"]
    empty = build_message_stanza(message_id="ID3", to=BOB, message_type="text", parts=[])
    assert empty.get_children() == []


def test_message_ack_names_us_and_copies_participant() -> None:
    message = Node(
        "message",
        {"id": "M1", "from": "123@g.us", "participant": str(BOB), "type": "text", "t": "5"},
    )
    ack = build_ack(message, own_jid=JID("15550001", "s.whatsapp.net", device=2))
    assert ack.attrs == {
        "id": "M1",
        "to": "123@g.us",
        "class": "message",
        "participant": str(BOB),
        "from": str(ALICE),
    }
    nack = build_ack(message, error=487)
    assert nack.attrs["error"] == "487" and "from" not in nack.attrs


def test_receipt_and_notification_acks_keep_their_type() -> None:
    receipt = Node("receipt", {"id": "R1", "from": str(BOB), "type": "read", "recipient": str(ALICE)})
    assert build_ack(receipt).attrs == {
        "id": "R1",
        "to": str(BOB),
        "class": "receipt",
        "type": "read",
        "recipient": str(ALICE),
    }
    # A stanza without ``from`` came from the server itself: the ack needs no address.
    assert build_ack(Node("notification", {"id": "N1"})).attrs == {"id": "N1", "class": "notification"}
    with pytest.raises(DecodeError):
        build_ack(Node("notification", {"from": str(BOB)}))


def test_receipts_list_extra_ids() -> None:
    single = build_receipt(to=BOB, message_ids=["A"])
    assert single.attrs == {"id": "A", "to": str(BOB)} and single.content is None
    read = build_receipt(
        to=JID("1", "g.us"), message_ids=["A", "B", "C"], receipt_type="read", participant=BOB, timestamp=9
    )
    assert read.attrs == {"id": "A", "to": "1@g.us", "type": "read", "participant": str(BOB), "t": "9"}
    items = read.require_child("list").get_children("item")
    assert [i.attrs["id"] for i in items] == ["B", "C"]
    sender = build_receipt(to=ALICE, message_ids=["A"], receipt_type="sender", recipient=BOB)
    assert sender.attrs["recipient"] == str(BOB)
    with pytest.raises(ValueError):
        build_receipt(to=BOB, message_ids=[])


def test_retry_receipt_shape() -> None:
    message = Node("message", {"id": "M1", "from": "123@g.us", "participant": str(BOB), "t": "5"})
    first = build_retry_receipt(message, retry_count=1, registration_id=0x01020304)
    assert first.attrs == {"id": "M1", "to": "123@g.us", "type": "retry", "participant": str(BOB)}
    retry, registration = first.get_children()
    # t is the original message's, not now (whatsmeow retry.go, Baileys 7 sendRetryRequest)
    assert retry.attrs == {"count": "1", "id": "M1", "t": "5", "v": "1", "error": "0"}
    assert registration.tag == "registration" and registration.content == b"\x01\x02\x03\x04"
    keys = Node("keys", {}, [Node("identity", {}, b"I" * 32)])
    second = build_retry_receipt(message, retry_count=2, registration_id=1, keys=keys)
    assert [c.tag for c in second.get_children()] == ["retry", "registration", "keys"]
    # A peer message from our phone is asked for again as a peer receipt.
    peer = Node("message", {"id": "M2", "from": str(ALICE), "category": "peer", "t": "6"})
    assert build_retry_receipt(peer, retry_count=1, registration_id=1).attrs["category"] == "peer"


@pytest.mark.parametrize("value", [None, "not a jid@@", ""])
def test_jid_attr_errors_are_decode_errors(value: str | None) -> None:
    node = Node("message", {} if value is None else {"from": value})
    with pytest.raises(DecodeError):
        jid_attr(node, "from")


def test_jid_attr_parses() -> None:
    for jid in [ALICE, JID("1", "g.us"), JID("15550001", "s.whatsapp.net", device=4)]:
        assert jid_attr(Node("message", {"from": str(jid)}), "from") == jid


def test_retry_receipt_keys_parse_into_a_bundle() -> None:
    user = _bundle_user(str(BOB))
    keys = Node("keys", {}, [c for c in user.get_children() if c.tag != "registration"])
    device = JID("15550002", "s.whatsapp.net", device=3)
    message = Node("message", {"id": "M1", "from": str(device)})
    with_keys = build_retry_receipt(message, retry_count=2, registration_id=1234, keys=keys)
    bundle = parse_retry_keys(with_keys, device)
    assert bundle is not None and bundle.jid == device and bundle.registration_id == 1234
    assert (bundle.signed_prekey_id, bundle.prekey_id, bundle.identity_key) == (7, 99, b"I" * 32)
    first = build_retry_receipt(message, retry_count=1, registration_id=1234)
    assert parse_retry_keys(first, device) is None
