"""Our Noise symmetric state agrees with the ``noiseprotocol`` package, byte for byte.

WhatsApp's handshake differs from standard Noise in one point (the empty first
payload is not hashed), so the client uses our own state; here the standard XX
pattern run on that state must equal the independent implementation's output.
"""

from __future__ import annotations

import pytest
from noise.connection import Keypair, NoiseConnection

from tests.unit.noise.xx_reference import run_xx
from waproto.crypto import keypair_from_private


def _connection(*, initiator: bool, static: bytes, ephemeral: bytes, prologue: bytes) -> NoiseConnection:
    conn = NoiseConnection.from_name(b"Noise_XX_25519_AESGCM_SHA256")
    if initiator:
        conn.set_as_initiator()
    else:
        conn.set_as_responder()
    conn.set_keypair_from_private_bytes(Keypair.STATIC, static)
    conn.set_keypair_from_private_bytes(Keypair.EPHEMERAL, ephemeral)
    conn.set_prologue(prologue)
    conn.start_handshake()
    return conn


@pytest.mark.filterwarnings("ignore:One of ephemeral keypairs is already set")
@pytest.mark.parametrize("prologue", [b"", b"WA\x06\x03"])
def test_standard_xx_matches_noiseprotocol(prologue: bytes) -> None:
    keys = [bytes([i]) * 32 for i in (1, 2, 3, 4)]
    payloads = [b"hello", b"certificate chain", b"client payload"]
    ours = run_xx(
        prologue=prologue,
        init_static=keypair_from_private(keys[0]),
        init_ephemeral=keypair_from_private(keys[1]),
        resp_static=keypair_from_private(keys[2]),
        resp_ephemeral=keypair_from_private(keys[3]),
        payloads=list(payloads),
    )
    initiator = _connection(initiator=True, static=keys[0], ephemeral=keys[1], prologue=prologue)
    responder = _connection(initiator=False, static=keys[2], ephemeral=keys[3], prologue=prologue)
    theirs = []
    for index, payload in enumerate(payloads):
        sender, receiver = (initiator, responder) if index % 2 == 0 else (responder, initiator)
        message = sender.write_message(payload)
        assert receiver.read_message(message) == payload
        theirs.append(bytes(message))
    assert theirs == ours.messages
    assert initiator.get_handshake_hash() == ours.initiator_hash
    for plaintext in (b"", b"transport data", bytes(1000)):
        assert initiator.encrypt(plaintext) == ours.initiator.encrypt(plaintext)
        assert responder.encrypt(plaintext) == ours.responder.encrypt(plaintext)
