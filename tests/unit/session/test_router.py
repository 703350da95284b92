"""The stanza router: tag + attributes (+ child) to handlers, acks, unhandled kinds, protocol messages."""

from __future__ import annotations

import logging

import pytest

from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.events import MessageInfo
from waproto.jid import JID
from waproto.proto import wa_e2e_pb2
from waproto.session import StanzaHandler, StanzaRouter

pytestmark = pytest.mark.anyio

ProtocolType = wa_e2e_pb2.Message.ProtocolMessage.Type


class Recorder:
    """What the router sent (acks) and which handlers ran, in order."""

    def __init__(self) -> None:
        self.sent: list[Node] = []
        self.calls: list[tuple[str, str]] = []
        self.router = StanzaRouter(self.send_node)

    async def send_node(self, node: Node) -> None:
        self.sent.append(node)

    def handler(self, name: str) -> StanzaHandler:
        async def handle(node: Node) -> None:
            self.calls.append((name, node.attr("id") or ""))

        return handle


def notification(kind: str, node_id: str = "n1", children: list[Node] | None = None) -> Node:
    return Node("notification", {"id": node_id, "from": "123@g.us", "type": kind}, children or [])


async def test_routes_by_tag_attributes_and_child() -> None:
    rec = Recorder()
    rec.router.add("notification", rec.handler("groups"), type="w:gp2")
    rec.router.add("notification", rec.handler("count"), type="encrypt", child="count")
    rec.router.add("iq", rec.handler("ping"), xmlns="urn:xmpp:ping", type="get")

    await rec.router.dispatch(notification("w:gp2", "a"))
    await rec.router.dispatch(notification("encrypt", "b", [Node("identity")]))
    await rec.router.dispatch(notification("encrypt", "c", [Node("count", {"value": "3"})]))
    await rec.router.dispatch(Node("iq", {"id": "d", "xmlns": "urn:xmpp:ping", "type": "get"}))
    await rec.router.dispatch(Node("iq", {"id": "e", "xmlns": "urn:xmpp:ping", "type": "set"}))

    assert rec.calls == [("groups", "a"), ("count", "c"), ("ping", "d")]
    # Every notification is acked once, handled or not; iqs are not.
    assert [(n.tag, n.attrs["id"], n.attrs["class"]) for n in rec.sent] == [
        ("ack", "a", "notification"),
        ("ack", "b", "notification"),
        ("ack", "c", "notification"),
    ]


async def test_every_matching_route_runs_in_registration_order() -> None:
    rec = Recorder()
    rec.router.add("notification", rec.handler("cache"), type="w:gp2")
    rec.router.add("notification", rec.handler("groups"), type="w:gp2")
    await rec.router.dispatch(notification("w:gp2"))
    assert rec.calls == [("cache", "n1"), ("groups", "n1")]
    assert len(rec.sent) == 1


async def test_a_failing_handler_does_not_stop_the_next(caplog: pytest.LogCaptureFixture) -> None:
    rec = Recorder()

    async def broken(node: Node) -> None:
        raise DecodeError("bad node (test)")

    rec.router.add("receipt", broken)
    rec.router.add("receipt", rec.handler("after"))
    with caplog.at_level(logging.WARNING, "waproto.session"):
        await rec.router.dispatch(Node("receipt", {"id": "r1", "from": "1@s.whatsapp.net"}))
    assert rec.calls == [("after", "r1")]
    assert "bad node (test)" in caplog.text


async def test_unhandled_is_acked_where_wanted_and_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    rec = Recorder()
    with caplog.at_level(logging.DEBUG, "waproto.session"):
        await rec.router.dispatch(notification("mediaretry", "x1"))
        await rec.router.dispatch(notification("mediaretry", "x2"))
        await rec.router.dispatch(Node("call", {"id": "c1", "from": "1@s.whatsapp.net"}, [Node("offer")]))
        await rec.router.dispatch(Node("presence", {"from": "1@s.whatsapp.net"}))
    assert [(n.attrs["id"], n.attrs["class"]) for n in rec.sent] == [
        ("x1", "notification"),
        ("x2", "notification"),
        ("c1", "call"),
    ]
    unhandled = [r.getMessage() for r in caplog.records if "unhandled" in r.getMessage()]
    assert unhandled == [
        "< unhandled notification type=mediaretry (logged once)",
        "< unhandled call <offer> (logged once)",
        "< unhandled presence (logged once)",
    ]


async def test_unhandled_kinds_remembered_are_bounded() -> None:
    rec = Recorder()
    for index in range(500):
        await rec.router.dispatch(notification(f"invented-{index}"))
    assert len(rec.sent) == 500
    assert len(rec.router._logged or ()) <= 64


async def test_a_node_that_cannot_be_acked_is_not_handled() -> None:
    rec = Recorder()
    rec.router.add("notification", rec.handler("any"))
    await rec.router.dispatch(Node("notification", {"type": "w:gp2"}))  # no id, no from
    assert rec.sent == [] and rec.calls == []


async def test_protocol_messages_route_by_type() -> None:
    rec = Recorder()
    seen: list[tuple[str, int]] = []

    async def on_revoke(info: MessageInfo, protocol: wa_e2e_pb2.Message.ProtocolMessage) -> None:
        seen.append((info.id, protocol.type))

    rec.router.add_protocol_message(ProtocolType.REVOKE, on_revoke)
    revoke = wa_e2e_pb2.Message(protocolMessage=wa_e2e_pb2.Message.ProtocolMessage(type=ProtocolType.REVOKE))
    edit = wa_e2e_pb2.Message(
        protocolMessage=wa_e2e_pb2.Message.ProtocolMessage(type=ProtocolType.MESSAGE_EDIT)
    )
    text = wa_e2e_pb2.Message(conversation="hi")
    assert rec.router.handles_protocol_message(revoke)
    assert not rec.router.handles_protocol_message(edit)
    assert not rec.router.handles_protocol_message(text)
    peer = JID.parse("1555@s.whatsapp.net")
    info = MessageInfo(id="m1", chat=peer, sender=peer, is_from_me=False, is_group=False, timestamp=1)
    await rec.router.dispatch_protocol_message(info, revoke)
    assert seen == [("m1", ProtocolType.REVOKE)]
