from __future__ import annotations

import pytest

from tests.conftest import load_vectors
from waproto.crypto import (
    aes_cbc_decrypt,
    aes_cbc_encrypt,
    aes_ctr,
    aes_gcm_decrypt,
    aes_gcm_encrypt,
    agree,
    generate_keypair,
    hkdf,
    keypair_from_private,
    serialize_public,
    unserialize_public,
    xeddsa_sign,
    xeddsa_verify,
)
from waproto.errors import CryptoError

SIG = "signal/curve25519_signatures.json"


def test_x25519_agreement_vector() -> None:
    v = load_vectors(SIG)["x25519_agreement"]
    alice = keypair_from_private(bytes.fromhex(v["alice_private"]))
    bob = keypair_from_private(bytes.fromhex(v["bob_private"]))
    assert serialize_public(alice.public).hex() == v["alice_public"]
    assert serialize_public(bob.public).hex() == v["bob_public"]
    shared = bytes.fromhex(v["shared"])
    assert agree(alice.private, bytes.fromhex(v["bob_public"])) == shared
    assert agree(bob.private, alice.public) == shared


def test_public_from_private_vector() -> None:
    v = load_vectors(SIG)["x25519_public_from_private"]
    pair = keypair_from_private(bytes.fromhex(v["private"]))
    assert serialize_public(pair.public).hex() == v["public"]


def test_libsignal_java_signature_verifies_and_every_bit_flip_fails() -> None:
    v = load_vectors(SIG)["signature_verify_vector"]
    public = bytes.fromhex(v["identity_public"])
    message = bytes.fromhex(v["message"])
    signature = bytes.fromhex(v["signature"])
    assert xeddsa_verify(public, message, signature)
    for i in range(64):
        for bit in range(8):
            tampered = bytearray(signature)
            tampered[i] ^= 1 << bit
            assert not xeddsa_verify(public, message, bytes(tampered)), (i, bit)


def test_libsignal_c_deterministic_vectors() -> None:
    v = load_vectors(SIG)["libsignal_c_deterministic_sign_vectors"]
    private = bytes.fromhex(v["private_key"])
    public = bytes.fromhex(v["public_key"])
    message = bytes.fromhex(v["message"])
    random = bytes.fromhex(v["random"])
    assert keypair_from_private(private).public == public
    # Our signer is XEdDSA: with the same random input it reproduces libsignal-c exactly.
    assert xeddsa_sign(private, message, lambda n: random[:n]).hex() == v["xed25519_sign_signature"]
    for key in ("curve25519_sign_signature", "xed25519_sign_signature"):
        signature = bytes.fromhex(v[key])
        assert xeddsa_verify(public, message, signature)
        flipped = bytearray(signature)
        flipped[0] ^= 1
        assert not xeddsa_verify(public, message, bytes(flipped))
    assert not xeddsa_verify(b"\xff" * 32, message, bytes.fromhex(v["xed25519_sign_signature"]))


def test_libsignal_node_signatures_verify() -> None:
    for v in load_vectors(SIG)["libsignal_node_deterministic_signatures"]["vectors"]:
        pair = keypair_from_private(bytes.fromhex(v["private_key"]))
        assert serialize_public(pair.public).hex() == v["public_key_33"]
        assert xeddsa_verify(
            bytes.fromhex(v["public_key_33"]), bytes.fromhex(v["message"]), bytes.fromhex(v["signature"])
        ) is v["verify_curve25519_js"]


@pytest.mark.parametrize("length", [0, 1, 33, 200, 1000])
def test_sign_verify_roundtrip(length: int) -> None:
    pair = generate_keypair()
    message = bytes(range(256))[:length] * 1
    signature = xeddsa_sign(pair.private, message)
    assert signature[63] & 0x80 == 0
    assert xeddsa_verify(pair.public, message, signature)
    assert not xeddsa_verify(pair.public, message + b"x", signature)
    assert not xeddsa_verify(generate_keypair().public, message, signature)


def test_verify_rejects_malformed_inputs() -> None:
    pair = generate_keypair()
    signature = xeddsa_sign(pair.private, b"m")
    assert not xeddsa_verify(pair.public, b"m", signature[:63])
    assert not xeddsa_verify(pair.public[:31], b"m", signature)


def test_hkdf_rfc5869_vectors() -> None:
    for v in load_vectors("signal/ratchet_vectors.json")["hkdf_v3"]["vectors"]:
        okm = hkdf(
            bytes.fromhex(v["ikm"]), v["length"], salt=bytes.fromhex(v["salt"]), info=bytes.fromhex(v["info"])
        )
        assert okm.hex() == v["okm"]


def test_aes_modes_roundtrip_and_errors() -> None:
    key, iv12, iv16 = b"k" * 32, b"i" * 12, b"v" * 16
    sealed = aes_gcm_encrypt(key, iv12, b"hello", b"aad")
    assert aes_gcm_decrypt(key, iv12, sealed, b"aad") == b"hello"
    with pytest.raises(CryptoError):
        aes_gcm_decrypt(key, iv12, sealed, b"other")
    for size in (0, 15, 16, 17):
        data = bytes(size)
        assert aes_cbc_decrypt(key, iv16, aes_cbc_encrypt(key, iv16, data)) == data
    with pytest.raises(CryptoError):
        aes_cbc_decrypt(key, iv16, b"short")
    with pytest.raises(CryptoError):
        aes_cbc_decrypt(b"x" * 32, iv16, aes_cbc_encrypt(key, iv16, b"data"))
    assert aes_ctr(key, iv16, aes_ctr(key, iv16, b"abc")) == b"abc"


def test_key_validation() -> None:
    with pytest.raises(CryptoError):
        keypair_from_private(b"short")
    with pytest.raises(CryptoError):
        unserialize_public(b"\x06" + b"\x00" * 32)
    assert "private" not in repr(generate_keypair())
