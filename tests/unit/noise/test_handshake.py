"""The WhatsApp XX handshake: initiator against our responder, and every way it must fail."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.noise.xx_reference import run_xx
from waproto.crypto import keypair_from_private
from waproto.errors import CertificateError, HandshakeError, InvalidState
from waproto.noise import (
    FrameDecoder,
    FrameEncoder,
    NoiseInitiator,
    NoiseResponder,
    make_cert_chain,
    noise_prologue,
)
from waproto.proto import wa_handshake_pb2

ROOT = keypair_from_private(b"\x01" * 32)
INTERMEDIATE = keypair_from_private(b"\x02" * 32)
SERVER_STATIC = keypair_from_private(b"\x03" * 32)
CLIENT_STATIC = keypair_from_private(b"\x04" * 32)
CLIENT_EPHEMERAL = keypair_from_private(b"\x05" * 32)
SERVER_EPHEMERAL = keypair_from_private(b"\x06" * 32)
OTHER = keypair_from_private(b"\x07" * 32)
NOW = 1_750_000_000.0
CLIENT_PAYLOAD = b"\x08\x01client payload bytes"
HandshakeMessage = wa_handshake_pb2.HandshakeMessage


def _chain(leaf_public: bytes = SERVER_STATIC.public, *, not_after: int = 1_800_000_000) -> bytes:
    return make_cert_chain(
        ROOT,
        INTERMEDIATE,
        leaf_public,
        not_before=1_700_000_000,
        not_after=not_after,
        random=bytes,
    )


def _pair(
    *, dict_version: int = 3, chain: bytes | None = None, trusted_root: bytes = ROOT.public
) -> tuple[NoiseInitiator, NoiseResponder]:
    prologue = noise_prologue(dict_version)
    initiator = NoiseInitiator(
        CLIENT_STATIC, prologue=prologue, trusted_root=trusted_root, ephemeral=CLIENT_EPHEMERAL
    )
    responder = NoiseResponder(
        SERVER_STATIC, _chain() if chain is None else chain, prologue=prologue, ephemeral=SERVER_EPHEMERAL
    )
    return initiator, responder


def _handshake(initiator: NoiseInitiator, responder: NoiseResponder) -> bytes:
    responder.read_client_hello(initiator.client_hello())
    initiator.read_server_hello(responder.server_hello(), now=NOW)
    static, payload = responder.read_client_finish(initiator.client_finish(CLIENT_PAYLOAD))
    assert static == CLIENT_STATIC.public
    return payload


@pytest.mark.parametrize("dict_version", [2, 3])
def test_full_handshake_then_data_both_ways(dict_version: int) -> None:
    initiator, responder = _pair(dict_version=dict_version)
    assert _handshake(initiator, responder) == CLIENT_PAYLOAD
    assert initiator.remote_static == SERVER_STATIC.public
    assert responder.remote_static == CLIENT_STATIC.public
    assert initiator.handshake_hash == responder.handshake_hash
    client, server = initiator.transport(), responder.transport()
    for index in range(5):
        assert server.decrypt(client.encrypt(b"up %d" % index)) == b"up %d" % index
        assert client.decrypt(server.encrypt(b"down %d" % index)) == b"down %d" % index
    assert client.counters == server.counters == (5, 5)
    with pytest.raises(InvalidState):
        initiator.transport()


def test_fresh_ephemeral_keys_by_default() -> None:
    prologue = noise_prologue(3)
    first = NoiseInitiator(CLIENT_STATIC, prologue=prologue).client_hello()
    second = NoiseInitiator(CLIENT_STATIC, prologue=prologue).client_hello()
    assert first != second


def test_messages_match_the_vector_checked_reference_byte_for_byte() -> None:
    initiator, responder = _pair()
    hello_bytes = initiator.client_hello()
    responder.read_client_hello(hello_bytes)
    server_hello_bytes = responder.server_hello()
    initiator.read_server_hello(server_hello_bytes, now=NOW)
    finish_bytes = initiator.client_finish(CLIENT_PAYLOAD)
    responder.read_client_finish(finish_bytes)
    hello = HandshakeMessage.FromString(hello_bytes).clientHello
    server_hello = HandshakeMessage.FromString(server_hello_bytes).serverHello
    finish = HandshakeMessage.FromString(finish_bytes).clientFinish

    reference = run_xx(
        prologue=noise_prologue(3),
        init_static=CLIENT_STATIC,
        init_ephemeral=CLIENT_EPHEMERAL,
        resp_static=SERVER_STATIC,
        resp_ephemeral=SERVER_EPHEMERAL,
        payloads=[None, _chain(), CLIENT_PAYLOAD],
    )
    assert hello.ephemeral == reference.messages[0]
    assert server_hello.ephemeral + server_hello.static + server_hello.payload == reference.messages[1]
    assert finish.static + finish.payload == reference.messages[2]
    assert initiator.handshake_hash == reference.initiator_hash
    assert initiator.transport().encrypt(b"frame") == reference.initiator.encrypt(b"frame")
    assert responder.transport().encrypt(b"frame") == reference.responder.encrypt(b"frame")


@pytest.mark.parametrize("dict_version", [2, 3])
def test_over_framing_with_edge_routing(dict_version: int) -> None:
    """The server learns the prologue from the client's intro, as the test server will."""
    client_encoder = FrameEncoder(noise_prologue(dict_version), routing_info=b"\x08\x02")
    server_encoder, client_decoder = FrameEncoder(), FrameDecoder()
    server_decoder = FrameDecoder(expect_intro=True)
    initiator = NoiseInitiator(CLIENT_STATIC, prologue=noise_prologue(dict_version), trusted_root=ROOT.public)

    [hello] = server_decoder.receive_data(client_encoder.encode(initiator.client_hello()))
    assert server_decoder.routing_info == b"\x08\x02"
    assert server_decoder.prologue is not None
    responder = NoiseResponder(SERVER_STATIC, _chain(), prologue=server_decoder.prologue)
    responder.read_client_hello(hello)
    [server_hello] = client_decoder.receive_data(server_encoder.encode(responder.server_hello()))
    initiator.read_server_hello(server_hello, now=NOW)
    [finish] = server_decoder.receive_data(client_encoder.encode(initiator.client_finish(CLIENT_PAYLOAD)))
    assert responder.read_client_finish(finish) == (CLIENT_STATIC.public, CLIENT_PAYLOAD)
    client, server = initiator.transport(), responder.transport()
    [frame] = server_decoder.receive_data(client_encoder.encode(client.encrypt(b"\x00node")))
    assert server.decrypt(frame) == b"\x00node"


def _server_hello_for(initiator: NoiseInitiator, responder: NoiseResponder) -> bytes:
    responder.read_client_hello(initiator.client_hello())
    return responder.server_hello()


@pytest.mark.parametrize(
    ("make_pair", "now", "match"),
    [
        (lambda: _pair(trusted_root=OTHER.public), NOW, "intermediate certificate signature"),
        (lambda: _pair(chain=_chain(OTHER.public)), NOW, "static key"),
        (lambda: _pair(chain=_chain(not_after=int(NOW) - 1)), NOW, "validity window"),
        (_pair, 1_600_000_000.0, "validity window"),
    ],
    ids=["wrong-root", "leaf-mismatch", "expired", "clock-before-window"],
)
def test_refused_certificate_stops_the_handshake(
    make_pair: Callable[[], tuple[NoiseInitiator, NoiseResponder]], now: float, match: str
) -> None:
    initiator, responder = make_pair()
    server_hello = _server_hello_for(initiator, responder)
    with pytest.raises(CertificateError, match=match):
        initiator.read_server_hello(server_hello, now=now)
    assert initiator.remote_static is None
    with pytest.raises(InvalidState):
        initiator.client_finish(CLIENT_PAYLOAD)
    with pytest.raises(InvalidState):
        initiator.transport()


def test_tampered_certificate_inside_a_valid_handshake_is_refused() -> None:
    chain = bytearray(_chain())
    chain[-5] ^= 0x01
    initiator, responder = _pair(chain=bytes(chain))
    with pytest.raises(CertificateError):
        initiator.read_server_hello(_server_hello_for(initiator, responder), now=NOW)


def _mutated_server_hello(
    mutate: Callable[[HandshakeMessage.ServerHello], None],
) -> tuple[NoiseInitiator, bytes]:
    initiator, responder = _pair()
    message = HandshakeMessage.FromString(_server_hello_for(initiator, responder))
    mutate(message.serverHello)
    return initiator, message.SerializeToString()


def _flip_first(data: bytes) -> bytes:
    return bytes([data[0] ^ 1]) + data[1:]


@pytest.mark.parametrize(
    "mutate",
    [
        lambda hello: setattr(hello, "static", _flip_first(hello.static)),
        lambda hello: setattr(hello, "payload", _flip_first(hello.payload)),
        lambda hello: setattr(hello, "ephemeral", OTHER.public),
        lambda hello: setattr(hello, "ephemeral", hello.ephemeral[:31]),
        lambda hello: setattr(hello, "ephemeral", bytes(32)),
        lambda hello: setattr(hello, "static", hello.static[:47]),
        lambda hello: hello.ClearField("payload"),
    ],
    ids=[
        "static",
        "payload",
        "other-ephemeral",
        "short-ephemeral",
        "low-order-ephemeral",
        "short-static",
        "no-payload",
    ],
)
def test_tampered_server_hello_is_a_handshake_error(
    mutate: Callable[[HandshakeMessage.ServerHello], None],
) -> None:
    initiator, data = _mutated_server_hello(mutate)
    with pytest.raises(HandshakeError) as info:
        initiator.read_server_hello(data, now=NOW)
    assert not isinstance(info.value, CertificateError)


@pytest.mark.parametrize("field", ["static", "payload"])
def test_tampered_client_finish_is_refused_by_the_responder(field: str) -> None:
    initiator, responder = _pair()
    initiator.read_server_hello(_server_hello_for(initiator, responder), now=NOW)
    message = HandshakeMessage.FromString(initiator.client_finish(CLIENT_PAYLOAD))
    setattr(message.clientFinish, field, _flip_first(getattr(message.clientFinish, field)))
    with pytest.raises(HandshakeError):
        responder.read_client_finish(message.SerializeToString())
    with pytest.raises(InvalidState):
        responder.transport()


@pytest.mark.parametrize(
    "data",
    [b"\xff\xff\xff", b"", HandshakeMessage(serverHello=HandshakeMessage.ServerHello()).SerializeToString()],
    ids=["garbage", "empty", "wrong-message"],
)
def test_garbage_client_hello_is_a_handshake_error(data: bytes) -> None:
    _, responder = _pair()
    with pytest.raises(HandshakeError):
        responder.read_client_hello(data)


@pytest.mark.parametrize(
    "prologue", [b"WA\x06\x04", b"WA\x05\x03", b"XX\x06\x03", b"WA\x06", b"WA\x06\x03\x00"]
)
def test_responder_refuses_unsupported_intros(prologue: bytes) -> None:
    with pytest.raises(HandshakeError):
        NoiseResponder(SERVER_STATIC, _chain(), prologue=prologue)


def test_prologue_mismatch_fails_the_handshake() -> None:
    initiator = NoiseInitiator(CLIENT_STATIC, prologue=noise_prologue(2), trusted_root=ROOT.public)
    responder = NoiseResponder(SERVER_STATIC, _chain(), prologue=noise_prologue(3))
    with pytest.raises(HandshakeError):
        initiator.read_server_hello(_server_hello_for(initiator, responder), now=NOW)


def test_steps_out_of_order_are_invalid_state() -> None:
    initiator, responder = _pair()
    with pytest.raises(InvalidState):
        initiator.client_finish(CLIENT_PAYLOAD)
    with pytest.raises(InvalidState):
        responder.server_hello()
    with pytest.raises(InvalidState):
        responder.transport()
    initiator.client_hello()
    with pytest.raises(InvalidState):
        initiator.client_hello()
