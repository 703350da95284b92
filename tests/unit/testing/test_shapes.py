"""Wire shapes keep structure and protocol choices and drop per-run values."""

from __future__ import annotations

from waproto.auth.payload import ClientIdentity, build_login_payload, decode_client_payload
from waproto.binary import Node
from waproto.testing.shapes import ShapeRecorder, node_shape, payload_shape, value_form


def test_value_forms() -> None:
    assert value_form("id", "3EB0ABCDEF") == "<id>"
    assert value_form("to", "15551230001@s.whatsapp.net") == "<pn>"
    assert value_form("to", "15551230001:3@s.whatsapp.net") == "<pn:device>"
    assert value_form("to", "123456789@lid") == "<lid>"
    assert value_form("to", "120363000000@g.us") == "<group>"
    assert value_form("to", "s.whatsapp.net") == "s.whatsapp.net"
    assert value_form("t", "1700000000") == "<int>"
    assert value_form("type", "inactive") == "inactive"  # a dictionary token: a protocol choice
    assert value_form("name", "Alice Example") == "<str>"


def test_node_shape_sorts_attributes_and_merges_equal_children() -> None:
    node = Node(
        "message",
        {"type": "text", "id": "X1", "to": "1@s.whatsapp.net"},
        [
            Node(
                "participants",
                {},
                [
                    Node(
                        "to", {"jid": f"1:{d}@s.whatsapp.net"}, [Node("enc", {"v": "2", "type": "msg"}, b"x")]
                    )
                    for d in (1, 2)
                ],
            ),
            Node("device-identity", {}, b"id"),
        ],
    )
    assert node_shape(node) == (
        "message{id=<id>,to=<pn>,type=text}[device-identity{}[<bytes>];"
        "participants{}[to{jid=<pn:device>}[enc{type=msg,v=<int>}[<bytes>]]]]"
    )


def test_payload_shape_and_recorder() -> None:
    payload = decode_client_payload(build_login_payload(ClientIdentity(), username=15551230001, device=3))
    shape = payload_shape(payload)
    assert {
        "passive=true",
        "pull=true",
        "lidDbMigrated=true",
        "username=<set>",
        "userAgent.platform=WEB",
    } <= set(shape)
    recorder = ShapeRecorder()
    recorder.payload(7, payload)
    recorder.step = "one"
    recorder.node(7, None, Node("presence", {"type": "available", "name": "A"}))
    recorder.step = "two"
    recorder.node(8, None, Node("iq", {"id": "1", "type": "get"}))
    assert recorder.count() == 2
    steps = recorder.by_step({"15551230001": "a"})
    assert steps == {
        ("one", "a"): {"presence{name=<str>,type=available}[]"},
        ("two", "?"): {"iq{id=<id>,type=get}[]"},
    }
    assert recorder.payloads({"15551230001": "a"}) == {"a": {shape}}
