"""A logged-in client driven through hostile input from its server: it never dies, never bricks.

Each input is sent on the client's live connection through the FakeServer (as a node, as
arbitrary bytes where an encoded node belongs, as a raw frame, or as a Signal-encrypted but
garbled plaintext from a real peer). After each one the client must be connected (or
reconnect by itself), the next valid message must decrypt, and its stored credentials and
the session with the peer must be intact.
"""

from __future__ import annotations

import dataclasses
import os
import zlib
from collections.abc import Callable

import anyio
import pytest

from tests.integration.client.conftest import EventLog, PairedClient, client_config
from waproto import Client, Message
from waproto.binary import Node, encode_node
from waproto.messaging import send as send_module
from waproto.messaging.context import signal_address
from waproto.store import MemoryStore
from waproto.testing import FakeServer
from waproto.testing.session import ServerSession

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

Inject = Callable[[ServerSession], None]

BIG = "x" * 200_000


def node(tag: str, attrs: dict[str, str] | None = None, content: list[Node] | bytes | None = None) -> Inject:
    built = Node(tag, attrs or {}, content)
    return lambda session: session.send_node(built)


def payload(data: bytes) -> Inject:
    return lambda session: session.send_payload(data)


def frame(data: bytes) -> Inject:
    return lambda session: session.send_raw_frame(data)


def nested(depth: int) -> Node:
    inner = Node("leaf")
    for _ in range(depth):
        inner = Node("n", {}, [inner])
    return inner


def flood(count: int, make: Callable[[int], Node]) -> Inject:
    def inject(session: ServerSession) -> None:
        for i in range(count):
            session.send_node(make(i))

    return inject


def _hostile_nodes(peer: str) -> dict[str, Inject]:
    """Stanzas a confused or hostile server could send; ``peer`` is a real contact's device JID."""
    enc = lambda kind, data: Node("enc", {"v": "2", "type": kind}, data)  # noqa: E731
    msg = lambda attrs, *children: Node("message", attrs, list(children))  # noqa: E731
    base = {"id": "HOSTILE", "from": peer, "t": "1700000000", "type": "text"}
    return {
        "second success": node("success", {"t": "1", "lid": "1@lid"}),
        "success with huge attributes": node("success", {"t": BIG, "props": BIG}),
        "failure after login": node("failure", {"reason": "401x", "location": BIG}),
        "unknown stream error code": node("stream:error", {"code": "999"}),
        "stream error with junk code": node("stream:error", {"code": "abc"}, [Node("weird", {"x": BIG})]),
        "stream error without children": node("stream:error"),
        "stream end": node("xmlstreamend"),
        "message without id": lambda s: s.send_node(msg({"from": peer}, enc("msg", b"x"))),
        "message without from": lambda s: s.send_node(msg({"id": "NOFROM"}, enc("msg", b"x"))),
        "message from junk jid": lambda s: s.send_node(msg({**base, "from": "not a jid"}, enc("msg", b"x"))),
        "message from device 99999": lambda s: s.send_node(
            msg({**base, "from": "1:99999@s.whatsapp.net"}, enc("msg", b"x"))
        ),
        "unknown enc type": lambda s: s.send_node(msg({**base, "id": "E1"}, enc("frobnicate", b"abc"))),
        "garbled pkmsg": lambda s: s.send_node(msg({**base, "id": "E2"}, enc("pkmsg", os.urandom(200)))),
        "garbled msg": lambda s: s.send_node(msg({**base, "id": "E3"}, enc("msg", os.urandom(200)))),
        "truncated msg": lambda s: s.send_node(msg({**base, "id": "E4"}, enc("msg", b"\x33"))),
        "empty enc": lambda s: s.send_node(msg({**base, "id": "E5"}, enc("msg", b""))),
        "enc version 99": lambda s: s.send_node(
            msg({**base, "id": "E6"}, Node("enc", {"v": "99", "type": "msg"}, b"abc"))
        ),
        "garbled skmsg in a group": lambda s: s.send_node(
            msg(
                {**base, "id": "E7", "from": "120363000000000001@g.us", "participant": peer},
                enc("skmsg", os.urandom(64)),
            )
        ),
        "group message without participant": lambda s: s.send_node(
            msg({**base, "id": "E8", "from": "120363000000000001@g.us"}, enc("skmsg", b"abc"))
        ),
        "message without enc": lambda s: s.send_node(msg({**base, "id": "E9"})),
        "message with 2000 enc children": lambda s: s.send_node(
            msg({**base, "id": "E10"}, *[enc("msg", b"x") for _ in range(2000)])
        ),
        "message with a 200 KB attribute": lambda s: s.send_node(msg({**base, "id": "E11", "notify": BIG})),
        "message with absurd timestamp": lambda s: s.send_node(
            msg({**base, "id": "E12", "t": "99999999999999999999999"}, enc("msg", b"x"))
        ),
        "receipt without id": node("receipt", {"from": peer}),
        "receipt without from": node("receipt", {"id": "R1"}),
        "receipt of unknown type": node("receipt", {"id": "R2", "from": peer, "type": "teleported"}),
        "receipt listing 5000 ids": node(
            "receipt",
            {"id": "R3", "from": peer},
            [Node("list", {}, [Node("item", {"id": f"I{i}"}) for i in range(5000)])],
        ),
        "retry receipt with garbage": node(
            "receipt", {"id": "R4", "from": peer, "type": "retry"}, [Node("retry", {"count": "zz"})]
        ),
        "notification of unknown type": node("notification", {"id": "N1", "from": peer, "type": "mystery"}),
        "notification without id": node("notification", {"from": "s.whatsapp.net", "type": "encrypt"}),
        "encrypt notification with junk count": node(
            "notification",
            {"id": "N2", "from": "s.whatsapp.net", "type": "encrypt"},
            [Node("count", {"value": "lots"})],
        ),
        "group notification garbage": node(
            "notification",
            {"id": "N3", "from": "120363000000000001@g.us", "type": "w:gp2"},
            [Node("add", {}, [Node("participant", {"jid": "junk"})])],
        ),
        "devices notification garbage": node(
            "notification", {"id": "N4", "from": peer, "type": "devices"}, [Node("add", {}, b"\xff")]
        ),
        "unknown iq get": node("iq", {"id": "Q1", "from": "s.whatsapp.net", "type": "get", "xmlns": "x:y"}),
        "unknown iq set": node("iq", {"id": "Q2", "from": "s.whatsapp.net", "type": "set", "xmlns": "x:z"}),
        "iq result nobody asked for": node("iq", {"id": "nobody", "type": "result"}),
        "iq error nobody asked for": node("iq", {"id": "nobody2", "type": "error"}),
        "server ping without id": node("iq", {"type": "get", "xmlns": "urn:xmpp:ping"}),
        "pair-device on a logged-in connection": node(
            "iq",
            {"id": "P1", "from": "s.whatsapp.net", "type": "set"},
            [Node("pair-device", {}, [Node("ref", {}, b"ref")])],
        ),
        "pair-success garbage on a logged-in connection": node(
            "iq",
            {"id": "P2", "from": "s.whatsapp.net", "type": "set"},
            [Node("pair-success", {}, [Node("device-identity", {}, os.urandom(50))])],
        ),
        "oversized edge routing": node(
            "ib", {}, [Node("edge_routing", {}, [Node("routing_info", {}, b"\x01" * 5000)])]
        ),
        "empty edge routing": node("ib", {}, [Node("edge_routing", {}, [Node("routing_info", {}, b"")])]),
        "dirty without attributes": node("ib", {}, [Node("dirty")]),
        "unknown ib child": node("ib", {}, [Node("teleport", {"x": BIG})]),
        "presence from junk": node("presence", {"from": "@@", "type": "available"}),
        "chatstate from junk": node("chatstate", {"from": "x"}, [Node("composing")]),
        "call garbage": node("call", {"id": "C1", "from": peer}, [Node("offer", {"call-id": BIG})]),
        "unknown ack": node("ack", {"id": "nobody", "class": "mystery"}),
        "unknown tag": node("teapot", {"short": "stout"}),
        "deep nesting": lambda s: s.send_node(nested(500)),
        "10000 children": node("notification", {"id": "N5"}, [Node("c") for _ in range(10_000)]),
        "1 MB content": node(
            "notification", {"id": "N6", "from": peer, "type": "mystery"}, b"\x00" * 1_000_000
        ),
        "flood of 500 unknown notifications": flood(
            500, lambda i: Node("notification", {"id": f"F{i}", "from": peer, "type": "mystery"})
        ),
        "flood of 300 receipts": flood(300, lambda i: Node("receipt", {"id": f"G{i}", "from": peer})),
        "flood of 200 server pings": flood(
            200,
            lambda i: Node(
                "iq", {"id": f"H{i}", "from": "s.whatsapp.net", "type": "get", "xmlns": "urn:xmpp:ping"}
            ),
        ),
    }


def _hostile_bytes() -> dict[str, Inject]:
    valid = encode_node(Node("notification", {"id": "T1", "type": "mystery"}, [Node("x", {"a": "b"})]))
    return {
        "random node bytes": payload(b"\x00" + os.urandom(300)),
        "truncated node": payload(valid[: len(valid) // 2]),
        "empty payload": payload(b""),
        "unknown flags byte": payload(b"\xff" + valid[1:]),
        "zlib bomb": payload(b"\x02" + zlib.compress(b"\x00" * 64_000_000, 9)),
        "compressed flag with garbage": payload(b"\x02" + os.urandom(100)),
        "random frame": frame(os.urandom(500)),
        "empty frame": frame(b""),
        "frame of zeros": frame(b"\x00" * 40),
    }


def _garbled_plaintexts() -> dict[str, bytes]:
    """Plaintexts a real peer encrypts properly but which are not a padded Message protobuf."""
    return {
        "garbled protobuf": os.urandom(120) + b"\x01",
        "truncated protobuf": b"\x0a\xff\x01hello" + b"\x01",
        "deeply nested protobuf": b"\x12\x05" * 3000 + b"\x01",
        "padding longer than the plaintext": b"\x0a\x01x" + b"\xff",
        "zero padding byte": b"\x0a\x01x\x00",
    }


async def _device_session(server: FakeServer, client: Client) -> ServerSession:
    await client.wait_connected(20)
    with anyio.fail_after(10):
        while not (sessions := server.core.sessions_for(str(client.own_jid))):
            await anyio.sleep(0.01)
    return sessions[0]


async def test_hostile_inputs_never_kill_or_brick_the_client(
    server: FakeServer, paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    bob = await paired("15550951")
    alice = await paired("15550952")
    bob_log = EventLog(bob, Message)
    peer = bob.own_jid.to_non_ad()
    await alice.send_text(peer, "hello before the storm")
    await bob_log.wait_for(Message)
    creds = await bob.store.get_credentials()
    assert creds is not None
    # The session with alice, under her phone-number or (LID addressing) her LID address.
    candidates = [signal_address(jid) for jid in (alice.own_jid, alice.own_lid) if jid is not None]
    (alice_address, *_) = [a for a in candidates if await bob.store.get_session(a) is not None]
    inputs: dict[str, Inject] = {**_hostile_nodes(str(alice.own_jid)), **_hostile_bytes()}
    plaintexts = _garbled_plaintexts()
    assert len(inputs) + len(plaintexts) >= 60
    survived: list[str] = []

    async def check(name: str) -> None:
        await bob.wait_connected(20)
        count = len(bob_log.events)
        expected = f"still there after {name}"
        await alice.send_text(peer, expected)
        # A garbled plaintext may be answered by a retry receipt whose resend (padded properly
        # by then) arrives as "garbled" around this check: the retry protocol recovering it.
        with anyio.fail_after(20):
            while not any(m.text == expected for m in bob_log.events[count:]):
                await bob_log.wait_for(Message, len(bob_log.events) + 1)
        assert {m.text for m in bob_log.events[count:]} <= {expected, "garbled"}, name
        stored = await bob.store.get_credentials()
        assert stored is not None, name
        assert (stored.noise_key, stored.identity_key, stored.signed_prekey, stored.me) == (
            creds.noise_key,
            creds.identity_key,
            creds.signed_prekey,
            creds.me,
        ), name
        assert stored.routing_info is None or len(stored.routing_info) <= 4096, name
        assert await bob.store.get_session(alice_address) is not None, name
        survived.append(name)

    for name, inject in inputs.items():
        inject(await _device_session(server, bob))
        await check(name)

    real_pad = send_module.pad_message
    for name, plaintext in plaintexts.items():
        monkeypatch.setattr(send_module, "pad_message", lambda _data, raw=plaintext: raw)
        try:
            await alice.send_text(peer, "garbled")  # encrypted properly, plaintext garbage
        finally:
            monkeypatch.setattr(send_module, "pad_message", real_pad)
        await check(name)

    assert len(survived) == len(inputs) + len(plaintexts)


async def test_unusable_stored_routing_info_is_discarded_and_connect_proceeds(
    server: FakeServer, paired: PairedClient
) -> None:
    store = MemoryStore()
    first = await paired("15550955", store=store)
    creds = await first.store.get_credentials()
    assert creds is not None
    await first.aclose()
    # What an older version saved from a hostile <ib>: every connect used to fail before any I/O.
    await store.device("default").put_credentials(dataclasses.replace(creds, routing_info=b"\x01" * 5000))
    async with Client(store, config=client_config(server)) as again:
        assert again.own_jid == first.own_jid
        stored = await again.store.get_credentials()
        assert stored is not None and stored.routing_info is None
