"""A minimal protocol client for server tests: handshake, nodes in and out, nothing else.

Built from the pure layers (noise, binary, auth payloads) so the server can be
tested without the real client.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

import anyio

from waproto.auth.payload import ClientIdentity, build_login_payload, build_registration_payload
from waproto.binary import Node, decode_node, encode_node
from waproto.crypto import KeyPair, generate_keypair
from waproto.noise import FrameDecoder, FrameEncoder, NoiseInitiator, NoiseTransport, noise_prologue
from waproto.signal import generate_registration_id, generate_signed_prekey
from waproto.transport import WebSocketConnection, connect_websocket

TIMEOUT = 10.0


@dataclass
class Keys:
    """A companion's long-term keys."""

    noise: KeyPair = field(default_factory=generate_keypair)
    identity: KeyPair = field(default_factory=generate_keypair)
    registration_id: int = field(default_factory=generate_registration_id)
    adv_secret: bytes = field(default_factory=lambda: os.urandom(32))

    def __post_init__(self) -> None:
        self.signed_prekey = generate_signed_prekey(self.identity, 1)

    def registration_payload(self) -> bytes:
        return build_registration_payload(
            ClientIdentity(),
            registration_id=self.registration_id,
            identity_public=self.identity.public,
            signed_prekey_id=self.signed_prekey.key_id,
            signed_prekey_public=self.signed_prekey.key_pair.public,
            signed_prekey_signature=self.signed_prekey.signature,
        )


class RawClient:
    """One connection: ``await RawClient.connect(url, root, keys, payload)``, then send/receive nodes."""

    def __init__(
        self, ws: WebSocketConnection, transport: NoiseTransport, decoder: FrameDecoder, dict_version: int
    ):
        self.ws = ws
        self.transport = transport
        self.decoder = decoder
        self.dict_version = dict_version
        self.pending: list[bytes] = []
        self.counter = 0

    @classmethod
    async def connect(
        cls, url: str, root: bytes, keys: Keys, payload: bytes, *, dict_version: int = 3
    ) -> RawClient:
        ws = await connect_websocket(url, connect_timeout=TIMEOUT)
        prologue = noise_prologue(dict_version)
        encoder = FrameEncoder(prologue)
        decoder = FrameDecoder()
        handshake = NoiseInitiator(keys.noise, prologue=prologue, trusted_root=root)
        await ws.send(encoder.encode(handshake.client_hello()))
        frames: list[bytes] = []
        with anyio.fail_after(TIMEOUT):
            while not frames:
                frames = decoder.receive_data(await ws.receive())
        handshake.read_server_hello(frames.pop(0), now=time.time())
        await ws.send(encoder.encode(handshake.client_finish(payload)))
        client = cls(ws, handshake.transport(), decoder, dict_version)
        client.pending = frames
        return client

    @classmethod
    async def login(cls, url: str, root: bytes, keys: Keys, phone: str, device: int) -> RawClient:
        payload = build_login_payload(ClientIdentity(), username=int(phone), device=device)
        return await cls.connect(url, root, keys, payload)

    def next_id(self) -> str:
        self.counter += 1
        return f"t.{self.counter}"

    async def send(self, node: Node) -> None:
        payload = encode_node(node, dict_version=self.dict_version)
        await self.ws.send(FrameEncoder().encode(self.transport.encrypt(payload)))

    async def receive(self) -> Node:
        with anyio.fail_after(TIMEOUT):
            while not self.pending:
                self.pending.extend(self.decoder.receive_data(await self.ws.receive()))
        return decode_node(self.transport.decrypt(self.pending.pop(0)), dict_version=self.dict_version)

    async def expect(self, tag: str) -> Node:
        """Receive until a node with ``tag`` arrives (skipping others)."""
        while True:
            node = await self.receive()
            if node.tag == tag:
                return node

    async def query(self, node: Node) -> Node:
        node.attrs.setdefault("id", self.next_id())
        await self.send(node)
        while True:
            reply = await self.receive()
            if reply.tag == "iq" and reply.attrs.get("id") == node.attrs["id"]:
                return reply

    async def close(self) -> None:
        await self.ws.aclose()
