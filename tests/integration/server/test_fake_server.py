"""FakeServer over real loopback sockets, driven by a minimal protocol client."""

from __future__ import annotations

import json

import anyio
import pytest

from tests.integration.server.rawclient import Keys, RawClient
from waproto.auth.link_code import companion_finish, generate_link_code, wrap_ephemeral
from waproto.auth.pairing import verify_pair_success
from waproto.auth.payload import ClientIdentity
from waproto.auth.qr import make_qr_string
from waproto.auth.stanzas import (
    companion_finish_iq,
    companion_hello_iq,
    pair_device_sign_reply,
    parse_link_code_notification,
    parse_pair_device,
    parse_pair_success,
)
from waproto.binary import Node
from waproto.crypto import generate_keypair
from waproto.jid import JID
from waproto.testing import FakeServer, FakeServerConfig, Fault, FaultKind

pytestmark = pytest.mark.anyio

PHONE_A = "15550001111"
PHONE_B = "15550002222"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def provision(server: FakeServer, phone: str) -> tuple[Keys, int]:
    keys = Keys()
    device = server.provision_device(
        phone,
        identity=keys.identity,
        noise_public=keys.noise.public,
        registration_id=keys.registration_id,
        signed_prekey_id=keys.signed_prekey.key_id,
        signed_prekey_public=keys.signed_prekey.key_pair.public,
        signed_prekey_signature=keys.signed_prekey.signature,
    )
    return keys, device.jid.device


async def login(server: FakeServer, keys: Keys, phone: str, device: int) -> RawClient:
    client = await RawClient.login(server.ws_url, server.root_public_key, keys, phone, device)
    success = await client.receive()
    assert success.tag == "success", success
    return client


async def test_qr_pairing_then_login() -> None:
    async with FakeServer(FakeServerConfig(control=False)) as server:
        server.create_account(PHONE_A)
        keys = Keys()
        client = await RawClient.connect(
            server.ws_url, server.root_public_key, keys, keys.registration_payload()
        )
        pair_device = await client.receive()
        refs = parse_pair_device(pair_device)
        assert len(refs) == 6
        qr = make_qr_string(refs[0], keys.noise.public, keys.identity.public, keys.adv_secret)
        server.scan_qr(PHONE_A, qr)
        stanza = parse_pair_success(await client.expect("iq"))
        result = verify_pair_success(
            stanza.device_identity, adv_secret=keys.adv_secret, identity=keys.identity
        )
        assert stanza.jid.user == PHONE_A and stanza.jid.device == 1
        lid = server.core.accounts.require(PHONE_A).lid_user
        assert stanza.lid is not None and str(stanza.lid) == f"{lid}:1@lid"
        await client.send(pair_device_sign_reply(stanza.iq_id, result))
        error = await client.expect("stream:error")
        assert error.attrs["code"] == "515"

        again = await login(server, keys, PHONE_A, 1)
        offline = await again.expect("ib")
        assert offline.require_child("offline").attrs["count"] == "0"
        state = server.state()
        assert state["online"] == 1
        await again.close()


async def test_unknown_device_gets_401() -> None:
    async with FakeServer(FakeServerConfig(control=False)) as server:
        server.create_account(PHONE_A)
        client = await RawClient.login(server.ws_url, server.root_public_key, Keys(), PHONE_A, 3)
        failure = await client.receive()
        assert (failure.tag, failure.attrs["reason"]) == ("failure", "401")


async def test_messages_route_queue_and_redeliver() -> None:
    async with FakeServer(FakeServerConfig(control=False)) as server:
        keys_a, dev_a = provision(server, PHONE_A)
        keys_b, dev_b = provision(server, PHONE_B)
        alice = await login(server, keys_a, PHONE_A, dev_a)
        await alice.expect("ib")
        to_b = f"{PHONE_B}:{dev_b}@s.whatsapp.net"
        message = Node(
            "message",
            {"id": "M1", "to": f"{PHONE_B}@s.whatsapp.net", "type": "text"},
            [
                Node(
                    "participants",
                    {},
                    [Node("to", {"jid": to_b}, [Node("enc", {"v": "2", "type": "pkmsg"}, b"x")])],
                )
            ],
        )
        await alice.send(message)
        ack = await alice.expect("ack")
        assert (ack.attrs["class"], ack.attrs["id"]) == ("message", "M1")
        assert server.state()["queued_messages"] == 1

        bob = await login(server, keys_b, PHONE_B, dev_b)
        delivered = await bob.expect("message")
        assert delivered.attrs["from"] == f"{PHONE_A}:{dev_a}@s.whatsapp.net"
        assert delivered.require_child("enc").content_bytes() == b"x"
        assert (await bob.expect("ib")).require_child("offline").attrs["count"] == "1"
        await bob.close()  # no ack: delivered again on the next login

        bob = await login(server, keys_b, PHONE_B, dev_b)
        again = await bob.expect("message")
        assert again.attrs["id"] == "M1"
        await bob.send(Node("receipt", {"id": "M1", "to": f"{PHONE_A}:{dev_a}@s.whatsapp.net"}))
        receipt = await alice.expect("receipt")
        assert receipt.attrs["id"] == "M1"
        await bob.close()
        bob = await login(server, keys_b, PHONE_B, dev_b)
        assert (await bob.expect("ib")).require_child("offline").attrs["count"] == "0"


async def test_usync_and_key_bundles() -> None:
    async with FakeServer(FakeServerConfig(control=False)) as server:
        keys_a, dev_a = provision(server, PHONE_A)
        provision(server, PHONE_B)
        alice = await login(server, keys_a, PHONE_A, dev_a)
        usync = Node(
            "iq",
            {"to": "s.whatsapp.net", "type": "get", "xmlns": "usync"},
            [
                Node(
                    "usync",
                    {"sid": "s1", "mode": "query", "last": "true", "index": "0", "context": "message"},
                    [
                        Node("query", {}, [Node("devices", {"version": "2"})]),
                        Node("list", {}, [Node("user", {"jid": f"{PHONE_B}@s.whatsapp.net"})]),
                    ],
                )
            ],
        )
        reply = await alice.query(usync)
        user = reply.require_child("usync").require_child("list").require_child("user")
        devices = user.require_child("devices").require_child("device-list").get_children("device")
        assert [(d.attrs["id"], d.attrs.get("key-index")) for d in devices] == [("0", None), ("1", "1")]
        fetch = Node(
            "iq",
            {"to": "s.whatsapp.net", "type": "get", "xmlns": "encrypt"},
            [Node("key", {}, [Node("user", {"jid": f"{PHONE_B}@s.whatsapp.net"})])],
        )
        bundle = (await alice.query(fetch)).require_child("list").require_child("user")
        assert len(bundle.require_child("identity").content_bytes()) == 32
        assert bundle.get_child("key") is not None
        unknown = await alice.query(Node("iq", {"to": "s.whatsapp.net", "type": "get", "xmlns": "nope"}))
        assert unknown.require_child("error").attrs["code"] == "501"


async def test_second_login_replaces_first_and_faults() -> None:
    async with FakeServer(FakeServerConfig(control=False)) as server:
        keys, dev = provision(server, PHONE_A)
        first = await login(server, keys, PHONE_A, dev)
        second = await login(server, keys, PHONE_A, dev)
        error = await first.expect("stream:error")
        assert error.require_child("conflict").attrs["type"] == "replaced"
        server.fault(Fault(FaultKind.STOP_PINGS), f"{PHONE_A}:{dev}@s.whatsapp.net")
        await second.send(Node("iq", {"id": "p1", "to": "s.whatsapp.net", "type": "get", "xmlns": "w:p"}))
        with anyio.move_on_after(0.3) as scope:
            await second.expect("iq")
        assert scope.cancelled_caught
        assert server.kick(f"{PHONE_A}@s.whatsapp.net", 401) == 1
        error = await second.expect("stream:error")
        assert error.attrs["code"] == "401"
        assert error.require_child("conflict").attrs["type"] == "device_removed"
        refused = await RawClient.login(server.ws_url, server.root_public_key, keys, PHONE_A, dev)
        assert (await refused.receive()).attrs["reason"] == "401"


async def test_control_api() -> None:
    async with FakeServer() as server:
        assert server.control_url is not None
        host, port = server.control_url.removeprefix("http://").split(":")

        async def call(
            method: str, path: str, body: dict[str, object] | None = None
        ) -> tuple[int, dict[str, object]]:
            data = b"" if body is None else json.dumps(body).encode()
            async with await anyio.connect_tcp(host, int(port)) as stream:
                head = f"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(data)}\r\n\r\n"
                await stream.send(head.encode() + data)
                response = b""
                with anyio.fail_after(5):
                    try:
                        while True:
                            response += await stream.receive()
                    except anyio.EndOfStream:
                        pass
            status = int(response.split(b" ", 2)[1])
            return status, json.loads(response.split(b"\r\n\r\n", 1)[1])

        status, created = await call("POST", "/control/accounts", {"phone": PHONE_A})
        assert status == 200 and created["jid"] == f"{PHONE_A}@s.whatsapp.net"
        status, state = await call("GET", "/control/state")
        assert status == 200 and state["accounts"][0]["phone"] == PHONE_A  # type: ignore[index]
        status, _ = await call("POST", "/control/scan-qr", {"phone": PHONE_A, "qr": "bad"})
        assert status == 400
        status, result = await call("POST", "/control/fault", {"kind": "drop"})
        assert status == 200 and result["connections"] == 0
        assert (await call("GET", "/control/nope"))[0] == 404


async def test_link_code_pairing() -> None:
    async with FakeServer(FakeServerConfig(control=False)) as server:
        server.create_account(PHONE_A)
        keys = Keys()
        client = await RawClient.connect(
            server.ws_url, server.root_public_key, keys, keys.registration_payload()
        )
        await client.expect("iq")  # pair-device
        code = generate_link_code()
        ephemeral = generate_keypair()
        phone = JID(PHONE_A, "s.whatsapp.net")
        hello = companion_hello_iq(
            client.next_id(),
            phone=phone,
            wrapped_ephemeral=wrap_ephemeral(code, ephemeral.public),
            noise_public=keys.noise.public,
            identity=ClientIdentity(),
        )
        assert (await client.query(hello)).attrs["type"] == "result"
        server.enter_pairing_code(PHONE_A, code)
        notification = parse_link_code_notification(await client.expect("notification"))
        finish = companion_finish(
            code=code,
            companion_ephemeral=ephemeral,
            companion_identity=keys.identity,
            primary_identity_public=notification.primary_identity_public,
            wrapped_primary_ephemeral=notification.wrapped_primary_ephemeral,
        )
        reply = await client.query(
            companion_finish_iq(
                client.next_id(),
                phone=phone,
                wrapped_key_bundle=finish.wrapped_key_bundle,
                identity_public=keys.identity.public,
                ref=notification.ref,
            )
        )
        assert reply.attrs["type"] == "result"
        stanza = parse_pair_success(await client.expect("iq"))
        result = verify_pair_success(
            stanza.device_identity, adv_secret=finish.adv_secret, identity=keys.identity
        )
        await client.send(pair_device_sign_reply(stanza.iq_id, result))
        assert (await client.expect("stream:error")).attrs["code"] == "515"
        await (await login(server, keys, PHONE_A, 1)).close()
