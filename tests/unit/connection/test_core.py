"""ConnectionCore driven with bytes against an in-memory NoiseResponder and a fake clock."""

from __future__ import annotations

import pytest

from waproto.binary import Node, decode_node, encode_node
from waproto.connection import (
    Closed,
    CloseInfo,
    ConnectionCore,
    DisconnectReason,
    LoggedIn,
    NodeReceived,
    ReadyState,
)
from waproto.crypto import KeyPair, generate_keypair
from waproto.errors import InvalidState
from waproto.noise import FrameDecoder, NoiseResponder, NoiseTransport, encode_frame, make_cert_chain

NOW = 1_800_000_000.0
INTERVAL = 20.0
GRACE = 5.0
PAYLOAD = b"client payload bytes"


class Server:
    """The server end of one connection, in memory: handshake, then nodes both ways."""

    def __init__(self, root: KeyPair, now: float = NOW) -> None:
        self.static = generate_keypair()
        self.chain = make_cert_chain(
            root, generate_keypair(), self.static.public, not_before=int(now) - 60, not_after=int(now) + 3600
        )
        self.decoder = FrameDecoder(expect_intro=True)
        self.handshake: NoiseResponder | None = None
        self.transport: NoiseTransport | None = None
        self.payload: bytes | None = None
        self.received: list[Node] = []

    def receive(self, messages: list[bytes]) -> list[bytes]:
        """Take what the client sent; return the server's reply messages."""
        replies = []
        for message in messages:
            for frame in self.decoder.receive_data(message):
                if self.handshake is None and self.transport is None:
                    assert self.decoder.prologue is not None
                    self.handshake = NoiseResponder(self.static, self.chain, prologue=self.decoder.prologue)
                    self.handshake.read_client_hello(frame)
                    replies.append(encode_frame(self.handshake.server_hello()))
                elif self.handshake is not None:
                    _, self.payload = self.handshake.read_client_finish(frame)
                    self.transport = self.handshake.transport()
                    self.handshake = None
                else:
                    assert self.transport is not None
                    self.received.append(decode_node(self.transport.decrypt(frame)))
        return replies

    def node(self, node: Node) -> bytes:
        """One websocket message carrying ``node``."""
        assert self.transport is not None
        return encode_frame(self.transport.encrypt(encode_node(node)))


def make_core(root: KeyPair, now: float = NOW) -> ConnectionCore:
    return ConnectionCore(
        noise_key=generate_keypair(),
        client_payload=PAYLOAD,
        trusted_root=root.public,
        dict_version=3,
        keepalive_interval=INTERVAL,
        keepalive_grace=GRACE,
        now=now,
    )


def handshake(core: ConnectionCore, server: Server, now: float = NOW) -> None:
    core.connect()
    for reply in server.receive(core.data_to_send()):
        core.receive_data(reply, now)
    server.receive(core.data_to_send())


def logged_in(now: float = NOW) -> tuple[ConnectionCore, Server]:
    root = generate_keypair()
    core, server = make_core(root, now), Server(root)
    handshake(core, server, now)
    core.receive_data(server.node(Node("success", {"t": str(int(now))})), now)
    assert [type(e) for e in core.events_received()] == [LoggedIn]
    return core, server


def closed_info(core: ConnectionCore) -> CloseInfo:
    (event,) = core.events_received()
    assert isinstance(event, Closed)
    assert core.state is ReadyState.CLOSED and core.close_info == event.info
    return event.info


# -- handshake and login ---------------------------------------------------------------------


def test_handshake_delivers_the_payload_and_success_opens() -> None:
    root = generate_keypair()
    core, server = make_core(root), Server(root)
    core.connect()
    hello = core.data_to_send()
    assert len(hello) == 1 and hello[0].startswith(b"WA\x06\x03")
    with pytest.raises(InvalidState):
        core.connect()
    with pytest.raises(InvalidState):
        core.send_node(Node("iq"))
    handshake_replies = server.receive(hello)
    core.receive_data(handshake_replies[0], NOW)
    server.receive(core.data_to_send())
    assert server.payload == PAYLOAD
    assert core.events_received() == []
    before = core.state
    core.receive_data(server.node(Node("success", {"lid": "1@lid"})), NOW)
    (event,) = core.events_received()
    assert isinstance(event, LoggedIn) and event.node.attrs["lid"] == "1@lid"
    assert (before, core.state) == (ReadyState.CONNECTING, ReadyState.OPEN)


def test_nodes_before_login_and_after_arrive_in_order() -> None:
    root = generate_keypair()
    core, server = make_core(root), Server(root)
    handshake(core, server)
    pair = Node("iq", {"id": "1", "type": "set"}, [Node("pair-device")])
    ping = Node("iq", {"id": "2", "type": "get", "xmlns": "urn:xmpp:ping"})
    # Two frames in one websocket message, the second split across two messages.
    data = server.node(pair) + server.node(ping)
    core.receive_data(data[:-5], NOW)
    core.receive_data(data[-5:], NOW)
    assert core.events_received() == [NodeReceived(pair), NodeReceived(ping)]
    core.send_node(Node("iq", {"id": "2", "type": "result"}))
    server.receive(core.data_to_send())
    assert server.received == [Node("iq", {"id": "2", "type": "result"})]


def test_untrusted_certificate_closes_with_bad_session() -> None:
    core, server = make_core(generate_keypair()), Server(generate_keypair())
    core.connect()
    core.receive_data(server.receive(core.data_to_send())[0], NOW)
    info = closed_info(core)
    assert info.reason is DisconnectReason.BAD_SESSION and "CertificateError" in info.detail
    assert info.certificate_invalid
    assert core.data_to_send() == []


# -- closes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (Node("stream:error", {"code": "515"}), CloseInfo(DisconnectReason.RESTART_REQUIRED, 515)),
        (Node("stream:error", {"code": "503"}), CloseInfo(DisconnectReason.UNAVAILABLE_SERVICE, 503)),
        (
            Node("stream:error", {}, [Node("conflict", {"type": "replaced"})]),
            CloseInfo(DisconnectReason.CONNECTION_REPLACED, 440, "conflict:replaced"),
        ),
        (
            Node("stream:error", {"code": "401"}, [Node("conflict", {"type": "device_removed"})]),
            CloseInfo(DisconnectReason.LOGGED_OUT, 401, "conflict:device_removed", device_removed=True),
        ),
        (
            Node("stream:error", {}, [Node("xml-not-well-formed")]),
            CloseInfo(DisconnectReason.BAD_SESSION, 500, "xml-not-well-formed"),
        ),
        (Node("stream:error", {"code": "499"}), CloseInfo(DisconnectReason.BAD_SESSION, 499)),
        (Node("xmlstreamend"), CloseInfo(DisconnectReason.CONNECTION_CLOSED, 428, "stream ended by server")),
    ],
)
def test_stream_errors_close_with_their_reason(node: Node, expected: CloseInfo) -> None:
    core, server = logged_in()
    core.receive_data(server.node(node) + server.node(Node("message", {"id": "late"})), NOW)
    assert closed_info(core) == expected
    core.receive_data(server.node(Node("message")), NOW)
    assert core.events_received() == []
    with pytest.raises(InvalidState):
        core.send_node(Node("presence"))
    assert core.next_deadline() is None


def test_failure_at_login_is_a_close_with_its_location() -> None:
    root = generate_keypair()
    core, server = make_core(root), Server(root)
    handshake(core, server)
    core.receive_data(server.node(Node("failure", {"reason": "401", "location": "frc"})), NOW)
    assert closed_info(core) == CloseInfo(DisconnectReason.LOGGED_OUT, 401, "frc", at_login=True)


def test_garbage_frame_closes_with_bad_session() -> None:
    core, _ = logged_in()
    core.receive_data(encode_frame(b"\x00" * 40), NOW)
    info = closed_info(core)
    assert info.reason is DisconnectReason.BAD_SESSION and info.detail.startswith("CryptoError")


def test_eof_and_local_failures() -> None:
    core, _ = logged_in()
    core.receive_eof()
    assert closed_info(core).reason is DisconnectReason.CONNECTION_CLOSED
    other, _ = logged_in()
    other.begin_closing()
    assert other.state is ReadyState.CLOSING
    other.fail(CloseInfo.local(DisconnectReason.LOGGED_OUT, "logout"))
    assert closed_info(other) == CloseInfo(DisconnectReason.LOGGED_OUT, 401, "logout")
    other.fail(CloseInfo.local(DisconnectReason.TIMED_OUT, "second close is ignored"))
    assert other.events_received() == []


# -- keepalive with a fake clock -------------------------------------------------------------


def test_ping_is_due_after_an_interval() -> None:
    core, server = logged_in()
    assert core.next_deadline() == NOW + INTERVAL
    core.handle_timeout(NOW + INTERVAL - 1)
    assert core.data_to_send() == []
    core.handle_timeout(NOW + INTERVAL)
    server.receive(core.data_to_send())
    (ping,) = server.received
    assert ping.attrs["xmlns"] == "w:p" and ping.attrs["type"] == "get" and ping.get_child("ping")
    assert core.state is ReadyState.OPEN
    # Next: the dead-connection check comes before the next ping.
    assert core.next_deadline() == NOW + INTERVAL + GRACE


def test_the_answer_to_our_ping_is_consumed_and_postpones_the_dead_check() -> None:
    core, server = logged_in()
    core.handle_timeout(NOW + INTERVAL)
    server.receive(core.data_to_send())
    (ping,) = server.received
    later = NOW + INTERVAL + 1
    core.receive_data(server.node(Node("iq", {"id": ping.attrs["id"], "type": "result"})), later)
    assert core.events_received() == []
    core.handle_timeout(NOW + INTERVAL + GRACE)
    assert core.state is ReadyState.OPEN
    # A second answer with that id is no longer ours: it goes to the application.
    core.receive_data(server.node(Node("iq", {"id": ping.attrs["id"], "type": "result"})), later)
    assert len(core.events_received()) == 1


def test_silence_past_interval_and_grace_is_408() -> None:
    core, _ = logged_in()
    core.handle_timeout(NOW + INTERVAL)
    core.data_to_send()
    core.handle_timeout(NOW + INTERVAL + GRACE)
    info = closed_info(core)
    assert info.reason is DisconnectReason.TIMED_OUT and "keepalive" in info.detail


def test_anything_received_postpones_the_dead_check() -> None:
    core, server = logged_in()
    core.handle_timeout(NOW + INTERVAL)
    later = NOW + INTERVAL + 1
    core.receive_data(server.node(Node("iq", {"id": "x", "type": "result"})), later)
    core.events_received()
    core.handle_timeout(NOW + INTERVAL + GRACE)
    assert core.state is ReadyState.OPEN
    assert core.next_deadline() == min(later + INTERVAL + GRACE, NOW + 2 * INTERVAL)


def test_a_silent_handshake_is_also_408() -> None:
    root = generate_keypair()
    core = make_core(root)
    core.connect()
    core.data_to_send()
    assert core.next_deadline() == NOW + INTERVAL + GRACE
    core.handle_timeout(NOW + INTERVAL)
    assert core.data_to_send() == []
    core.handle_timeout(NOW + INTERVAL + GRACE)
    assert closed_info(core).reason is DisconnectReason.TIMED_OUT
