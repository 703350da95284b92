"""The symmetric state and transport cipher against the published Noise XX vectors."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import load_vectors
from tests.unit.noise.xx_reference import run_xx
from waproto.crypto import KeyPair, aes_gcm_encrypt, keypair_from_private
from waproto.errors import CryptoError
from waproto.noise import MAX_NONCE, NOISE_PROTOCOL_NAME, NoiseTransport, SymmetricState


def _xx_vectors() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name in ("noise/xx_25519_aesgcm_sha256.json", "noise/cacophony_25519_aesgcm_sha256_all.json"):
        for index, vector in enumerate(load_vectors(name)["vectors"]):
            if (vector.get("protocol_name") or vector.get("name")) == "Noise_XX_25519_AESGCM_SHA256":
                found.append((f"{name}#{index}", vector))
    return found


def test_xx_vectors_are_present() -> None:
    # Three XX entries (cacophony, snow, noise-c) plus cacophony's own in the full file.
    assert len(_xx_vectors()) == 4


# Indexes, not labels: the vectors are read inside the test, so a missing
# ../shared/vectors skips the test instead of failing collection.
@pytest.mark.parametrize("index", range(4))
def test_xx_vector_byte_for_byte(index: int) -> None:
    vector = _xx_vectors()[index][1]
    assert vector["init_prologue"] == vector["resp_prologue"]

    def key(field: str) -> KeyPair:
        return keypair_from_private(bytes.fromhex(vector[field]))

    messages = vector["messages"]
    payloads = [bytes.fromhex(m["payload"]) for m in messages]
    run = run_xx(
        prologue=bytes.fromhex(vector["init_prologue"]),
        init_static=key("init_static"),
        init_ephemeral=key("init_ephemeral"),
        resp_static=key("resp_static"),
        resp_ephemeral=key("resp_ephemeral"),
        payloads=list(payloads[:3]),
    )
    assert [m.hex() for m in run.messages] == [m["ciphertext"] for m in messages[:3]]
    assert run.received_payloads == payloads[:3]
    assert run.initiator_hash == run.responder_hash
    if "handshake_hash" in vector:
        assert run.initiator_hash.hex() == vector["handshake_hash"]
    for index, message in enumerate(messages[3:], start=3):
        sender, receiver = (
            (run.initiator, run.responder) if index % 2 == 0 else (run.responder, run.initiator)
        )
        ciphertext = sender.encrypt(payloads[index])
        assert ciphertext.hex() == message["ciphertext"]
        assert receiver.decrypt(ciphertext) == payloads[index]


def test_protocol_name_is_the_initial_hash() -> None:
    assert len(NOISE_PROTOCOL_NAME) == 32
    state = SymmetricState(prologue=b"")
    assert state.ck == NOISE_PROTOCOL_NAME
    assert not state.has_key
    # Short names are zero-padded, so WhatsApp's padded name equals the plain one.
    assert SymmetricState(b"Noise_XX_25519_AESGCM_SHA256").h == state.h


def test_no_key_means_plaintext_but_still_hashed() -> None:
    state = SymmetricState()
    before = state.h
    assert state.encrypt_and_hash(b"abc") == b"abc"
    assert state.h != before


def test_transport_nonce_is_eight_zero_bytes_and_big_endian_counter() -> None:
    send_key, receive_key = bytes(range(32)), bytes(range(32, 64))
    transport = NoiseTransport(send_key, receive_key)
    for counter in range(3):
        expected = aes_gcm_encrypt(send_key, bytes(8) + counter.to_bytes(4, "big"), b"frame")
        assert transport.encrypt(b"frame") == expected
    assert transport.counters == (3, 0)


def test_directions_have_independent_counters() -> None:
    a = NoiseTransport(b"\x01" * 32, b"\x02" * 32)
    b = NoiseTransport(b"\x02" * 32, b"\x01" * 32)
    first, second = a.encrypt(b"one"), a.encrypt(b"two")
    reply = b.encrypt(b"reply")
    assert b.decrypt(first) == b"one"
    assert a.decrypt(reply) == b"reply"
    assert b.decrypt(second) == b"two"
    assert a.counters == (2, 1) and b.counters == (1, 2)


def test_tampered_or_reordered_frame_is_refused_without_advancing() -> None:
    a = NoiseTransport(b"\x01" * 32, b"\x02" * 32)
    b = NoiseTransport(b"\x02" * 32, b"\x01" * 32)
    first, second = a.encrypt(b"one"), a.encrypt(b"two")
    tampered = bytes([first[0] ^ 1]) + first[1:]
    for bad in (tampered, second, b"", b"short"):
        with pytest.raises(CryptoError):
            b.decrypt(bad)
    assert b.decrypt(first) == b"one"


def test_nonce_exhaustion_is_refused() -> None:
    transport = NoiseTransport(b"\x01" * 32, b"\x02" * 32)
    transport._send_counter = MAX_NONCE
    transport.encrypt(b"last")
    with pytest.raises(CryptoError):
        transport.encrypt(b"one too many")
