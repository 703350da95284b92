"""The stanza router: declared routes (tag + attributes + child) to services, acks, unhandled kinds."""

from __future__ import annotations

import logging
from typing import ClassVar

import pytest

from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.events import MessageInfo
from waproto.jid import JID
from waproto.proto import wa_e2e_pb2
from waproto.session import ContentRoute, ProtocolRoute, StanzaRoute, StanzaRouter

pytestmark = pytest.mark.anyio

ProtocolType = wa_e2e_pb2.Message.ProtocolMessage.Type
ProtocolMessage = wa_e2e_pb2.Message.ProtocolMessage


class Recorder:
    """What the router sent (acks)."""

    def __init__(self) -> None:
        self.sent: list[Node] = []
        self.router = StanzaRouter(self.send_node)

    async def send_node(self, node: Node) -> None:
        self.sent.append(node)


class Groups:
    """A feature: group notifications, and revokes among protocol messages."""

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (
        StanzaRoute.of("notification", "on_change", type="w:gp2"),
    )
    protocol_routes: ClassVar[tuple[ProtocolRoute, ...]] = ((ProtocolType.REVOKE, "on_revoke"),)

    def __init__(self, name: str, calls: list[tuple[str, str]]) -> None:
        self.name = name
        self.calls = calls

    async def on_change(self, node: Node) -> None:
        self.calls.append((self.name, node.attrs["id"]))

    async def on_revoke(self, info: MessageInfo, protocol: ProtocolMessage) -> None:
        self.calls.append((self.name, f"revoke {info.id} {protocol.key.id}"))


class Keys:
    """A feature routed by child and by two attributes."""

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (
        StanzaRoute.of("notification", "on_count", type="encrypt", child="count"),
        StanzaRoute.of("iq", "on_ping", xmlns="urn:xmpp:ping", type="get"),
    )

    def __init__(self, calls: list[tuple[str, str]]) -> None:
        self.calls = calls

    async def on_count(self, node: Node) -> None:
        self.calls.append(("count", node.attrs["id"]))

    async def on_ping(self, node: Node) -> None:
        self.calls.append(("ping", node.attrs["id"]))


def notification(kind: str, node_id: str = "n1", children: list[Node] | None = None) -> Node:
    return Node("notification", {"id": node_id, "from": "123@g.us", "type": kind}, children or [])


async def test_routes_by_tag_attributes_and_child() -> None:
    rec, calls = Recorder(), []
    rec.router.register(Groups("groups", calls))
    rec.router.register(Keys(calls))

    await rec.router.dispatch(notification("w:gp2", "a"))
    await rec.router.dispatch(notification("encrypt", "b", [Node("identity")]))
    await rec.router.dispatch(notification("encrypt", "c", [Node("count", {"value": "3"})]))
    await rec.router.dispatch(Node("iq", {"id": "d", "xmlns": "urn:xmpp:ping", "type": "get"}))
    await rec.router.dispatch(Node("iq", {"id": "e", "xmlns": "urn:xmpp:ping", "type": "set"}))

    assert calls == [("groups", "a"), ("count", "c"), ("ping", "d")]
    # Every notification is acked once, handled or not; iqs are not.
    assert [(n.tag, n.attrs["id"], n.attrs["class"]) for n in rec.sent] == [
        ("ack", "a", "notification"),
        ("ack", "b", "notification"),
        ("ack", "c", "notification"),
    ]


async def test_every_matching_route_runs_in_registration_order() -> None:
    rec, calls = Recorder(), []
    rec.router.register(Groups("cache", calls))
    rec.router.register(Groups("groups", calls))
    await rec.router.dispatch(notification("w:gp2"))
    assert calls == [("cache", "n1"), ("groups", "n1")]
    assert len(rec.sent) == 1


async def test_sessions_share_one_compiled_table() -> None:
    first, second = Recorder(), Recorder()
    for rec in (first, second):
        rec.router.register(Groups("groups", []))
        rec.router.register(Keys([]))
    assert first.router._table is second.router._table


async def test_a_route_to_a_missing_method_is_refused() -> None:
    class Broken:
        stanza_routes = (StanzaRoute.of("presence", "_nowhere"),)

    with pytest.raises(TypeError, match="_nowhere"):
        Recorder().router.register(Broken())


async def test_a_failing_handler_does_not_stop_the_next(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[tuple[str, str]] = []

    class Broken:
        stanza_routes = (StanzaRoute.of("notification", "on_change"),)

        async def on_change(self, node: Node) -> None:
            raise DecodeError("bad node (test)")

    rec = Recorder()
    rec.router.register(Broken())
    rec.router.register(Groups("after", calls))
    with caplog.at_level(logging.WARNING, "waproto.session"):
        await rec.router.dispatch(notification("w:gp2", "r1"))
    assert calls == [("after", "r1")]
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
    rec, calls = Recorder(), []
    rec.router.register(Groups("groups", calls))
    await rec.router.dispatch(Node("notification", {"type": "w:gp2"}))  # no id, no from
    assert rec.sent == [] and calls == []


async def test_protocol_messages_route_by_type() -> None:
    rec, calls = Recorder(), []
    rec.router.register(Groups("groups", calls))
    key = wa_e2e_pb2.MessageKey(id="old")
    revoke = wa_e2e_pb2.Message(protocolMessage=ProtocolMessage(type=ProtocolType.REVOKE, key=key))
    edit = wa_e2e_pb2.Message(protocolMessage=ProtocolMessage(type=ProtocolType.MESSAGE_EDIT))
    peer = JID.parse("1555@s.whatsapp.net")
    info = MessageInfo(id="m1", chat=peer, sender=peer, is_from_me=False, is_group=False, timestamp=1)
    assert not await rec.router.dispatch_message(info, edit)
    assert not await rec.router.dispatch_message(info, wa_e2e_pb2.Message(conversation="hi"))
    assert calls == []
    assert await rec.router.dispatch_message(info, revoke)
    assert calls == [("groups", "revoke m1 old")]


class Reactions:
    """A feature routed by content field."""

    content_routes: ClassVar[tuple[ContentRoute, ...]] = (("reactionMessage", "on_reaction"),)

    def __init__(self, calls: list[tuple[str, str]]) -> None:
        self.calls = calls

    async def on_reaction(self, info: MessageInfo, message: wa_e2e_pb2.Message) -> None:
        self.calls.append(("reaction", message.ListFields()[0][0].name))


async def test_content_routes_look_through_wrappers_and_get_the_message_as_received() -> None:
    rec, calls = Recorder(), []
    rec.router.register(Reactions(calls))
    peer = JID.parse("1555@s.whatsapp.net")
    info = MessageInfo(id="m2", chat=peer, sender=peer, is_from_me=False, is_group=False, timestamp=1)
    reaction = wa_e2e_pb2.Message(reactionMessage=wa_e2e_pb2.Message.ReactionMessage(text="👍"))
    wrapped = wa_e2e_pb2.Message(ephemeralMessage=wa_e2e_pb2.Message.FutureProofMessage(message=reaction))
    assert await rec.router.dispatch_message(info, wrapped)
    assert not await rec.router.dispatch_message(info, wa_e2e_pb2.Message(conversation="hi"))
    assert calls == [("reaction", "ephemeralMessage")]
