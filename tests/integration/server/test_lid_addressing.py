"""The FakeServer addresses users like WhatsApp does since 2025 (reference section 1).

Every account has a LID; ``<success>`` carries it; usync answers the ``lid``
protocol and echoes LID queries; 1:1 copies name the sender in the form the sender
used with the other form beside it; groups are LID-addressed unless configured
otherwise.
"""

from __future__ import annotations

import pytest

from tests.integration.server.rawclient import RawClient
from tests.integration.server.test_fake_server import PHONE_A, PHONE_B, login, provision
from waproto.binary import Node
from waproto.testing import FakeServer, FakeServerConfig

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _usync(jid: str) -> Node:
    return Node(
        "iq",
        {"to": "s.whatsapp.net", "type": "get", "xmlns": "usync"},
        [
            Node(
                "usync",
                {"sid": "s1", "mode": "query", "last": "true", "index": "0", "context": "message"},
                [
                    Node("query", {}, [Node("devices", {"version": "2"}), Node("lid", {})]),
                    Node("list", {}, [Node("user", {"jid": jid})]),
                ],
            )
        ],
    )


def _direct(message_id: str, to: str, device_jids: list[str]) -> Node:
    encs = [Node("to", {"jid": jid}, [Node("enc", {"v": "2", "type": "msg"}, b"x")]) for jid in device_jids]
    return Node("message", {"id": message_id, "to": to, "type": "text"}, [Node("participants", {}, encs)])


async def test_success_and_usync_carry_the_lid() -> None:
    async with FakeServer(FakeServerConfig(control=False)) as server:
        keys_a, dev_a = provision(server, PHONE_A)
        provision(server, PHONE_B)
        lid_a = server.core.accounts.require(PHONE_A).lid_user
        lid_b = server.core.accounts.require(PHONE_B).lid_user
        alice = await RawClient.login(server.ws_url, server.root_public_key, keys_a, PHONE_A, dev_a)
        success = await alice.receive()
        assert success.attrs["lid"] == f"{lid_a}:{dev_a}@lid"

        for asked, echoed in (
            (f"{PHONE_B}@s.whatsapp.net", f"{PHONE_B}@s.whatsapp.net"),
            (f"{lid_b}@lid",) * 2,
        ):
            reply = await alice.query(_usync(asked))
            user = reply.require_child("usync").require_child("list").require_child("user")
            assert user.attrs["jid"] == echoed
            assert user.require_child("lid").attrs["val"] == f"{lid_b}@lid"
            devices = user.require_child("devices").require_child("device-list").get_children("device")
            assert [d.attrs["id"] for d in devices] == ["0", "1"]


async def test_direct_copies_carry_the_other_address() -> None:
    async with FakeServer(FakeServerConfig(control=False)) as server:
        keys_a, dev_a = provision(server, PHONE_A)
        keys_a2, dev_a2 = provision(server, PHONE_A)
        keys_b, dev_b = provision(server, PHONE_B)
        lid_a = server.core.accounts.require(PHONE_A).lid_user
        lid_b = server.core.accounts.require(PHONE_B).lid_user
        alice = await login(server, keys_a, PHONE_A, dev_a)
        alice2 = await login(server, keys_a2, PHONE_A, dev_a2)
        bob = await login(server, keys_b, PHONE_B, dev_b)
        for client in (alice, alice2, bob):
            await client.expect("ib")

        await alice.send(_direct("P1", f"{PHONE_B}@s.whatsapp.net", [f"{PHONE_B}:{dev_b}@s.whatsapp.net"]))
        got = await bob.expect("message")
        assert got.attrs["from"] == f"{PHONE_A}:{dev_a}@s.whatsapp.net"
        assert got.attrs["sender_lid"] == f"{lid_a}@lid" and "sender_pn" not in got.attrs

        await alice.send(_direct("L1", f"{lid_b}@lid", [f"{lid_b}:{dev_b}@lid", f"{lid_a}:{dev_a2}@lid"]))
        got = await bob.expect("message")
        assert got.attrs["from"] == f"{lid_a}:{dev_a}@lid"
        assert got.attrs["sender_pn"] == f"{PHONE_A}@s.whatsapp.net" and "sender_lid" not in got.attrs
        own = await alice2.expect("message")
        assert own.attrs["from"] == f"{lid_a}:{dev_a}@lid"
        assert own.attrs["recipient"] == f"{lid_b}@lid"
        assert own.attrs["peer_recipient_pn"] == f"{PHONE_B}@s.whatsapp.net"

        await bob.send(Node("receipt", {"id": "L1", "to": f"{lid_a}:{dev_a}@lid"}))
        receipt = await alice.expect("receipt")
        assert receipt.attrs["from"] == f"{lid_b}:{dev_b}@lid"
        assert receipt.attrs["sender_pn"] == f"{PHONE_B}@s.whatsapp.net"


async def _group_exchange(server: FakeServer) -> tuple[Node, Node]:
    """Alice creates a group with Bob and sends to it; return the metadata and Bob's copy."""
    keys_a, dev_a = provision(server, PHONE_A)
    keys_b, dev_b = provision(server, PHONE_B)
    alice = await login(server, keys_a, PHONE_A, dev_a)
    bob = await login(server, keys_b, PHONE_B, dev_b)
    create = Node(
        "iq",
        {"to": "@g.us", "type": "set", "xmlns": "w:g2"},
        [Node("create", {"subject": "s"}, [Node("participant", {"jid": f"{PHONE_B}@s.whatsapp.net"})])],
    )
    group = (await alice.query(create)).require_child("group")
    skmsg = Node("enc", {"v": "2", "type": "skmsg"}, b"x")
    await alice.send(
        Node("message", {"id": "G1", "to": f"{group.attrs['id']}@g.us", "type": "text"}, [skmsg])
    )
    return group, await bob.expect("message")


async def test_groups_are_lid_addressed_by_default() -> None:
    async with FakeServer(FakeServerConfig(control=False)) as server:
        group, got = await _group_exchange(server)
        a, b = server.core.accounts.require(PHONE_A), server.core.accounts.require(PHONE_B)
        assert group.attrs["addressing_mode"] == "lid"
        assert (group.attrs["creator"], group.attrs["creator_pn"]) == (str(a.lid), str(a.jid))
        members = {p.attrs["jid"]: p.attrs["phone_number"] for p in group.get_children("participant")}
        assert members == {str(a.lid): str(a.jid), str(b.lid): str(b.jid)}
        assert got.attrs["addressing_mode"] == "lid"
        assert got.attrs["participant"].endswith("@lid") and got.attrs["participant"].startswith(a.lid_user)
        assert got.attrs["participant_pn"] == str(a.jid)


async def test_pn_addressed_groups_on_request() -> None:
    async with FakeServer(FakeServerConfig(control=False, group_addressing="pn")) as server:
        group, got = await _group_exchange(server)
        a, b = server.core.accounts.require(PHONE_A), server.core.accounts.require(PHONE_B)
        assert group.attrs["addressing_mode"] == "pn" and group.attrs["creator"] == str(a.jid)
        members = {p.attrs["jid"]: p.attrs["lid"] for p in group.get_children("participant")}
        assert members == {str(a.jid): str(a.lid), str(b.jid): str(b.lid)}
        assert got.attrs["addressing_mode"] == "pn"
        assert got.attrs["participant"].startswith(PHONE_A) and got.attrs["participant_lid"] == str(a.lid)
