"""The external vectors: HKDF, chain keys, X3DH, the libsignal-node transcript, the Baileys group run."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import load_vectors
from tests.unit.signal.helpers import KeyQueue
from waproto.crypto import agree, keypair_from_private, unserialize_public, xeddsa_verify
from waproto.proto import wa_signal_pb2
from waproto.signal import (
    PreKey,
    PreKeyBundle,
    SenderKeyRecord,
    SessionRecord,
    SignedPreKey,
    decrypt_message,
    decrypt_prekey_message,
    encrypt_message,
    group_decrypt,
    group_encrypt,
    initiate_session,
    parse_prekey_message,
    process_sender_key_distribution,
    protocol_address,
    sender_key_name,
)
from waproto.signal._group import _SenderKeyState
from waproto.signal._kdf import RATCHET_INFO, TEXT_INFO, ZERO_SALT, chain_step, derive_secrets, message_keys

h = bytes.fromhex


@pytest.fixture(scope="module")
def ratchet() -> Any:
    return load_vectors("signal/ratchet_vectors.json")


@pytest.fixture(scope="module")
def group() -> Any:
    return load_vectors("signal/sender_key_vectors.json")


def test_hkdf_v3(ratchet: Any) -> None:
    for v in ratchet["hkdf_v3"]["vectors"]:
        blocks = derive_secrets(h(v["ikm"]), h(v["salt"]), h(v["info"]), 3)
        assert b"".join(blocks)[: v["length"]] == h(v["okm"])


def test_chain_key_v3(ratchet: Any) -> None:
    v = ratchet["chain_key_v3"]
    seed, next_chain = chain_step(h(v["seed_chain_key"]))
    cipher_key, mac_key, _iv = message_keys(seed)
    assert cipher_key == h(v["message_cipher_key"])
    assert mac_key == h(v["message_mac_key"])
    assert next_chain == h(v["next_chain_key"])


def _x3dh(parts: list[bytes]) -> list[bytes]:
    return derive_secrets(b"\xff" * 32 + b"".join(parts), ZERO_SALT, TEXT_INFO, 3)


def test_x3dh_bob_side(ratchet: Any) -> None:
    """Bob (responder, no one-time prekey) derives the published chain key 9797caca..."""
    v = ratchet["ratcheting_session_x3dh"]
    i = v["inputs"]
    alice_base = h(i["aliceBasePublic"])
    parts = [
        agree(h(i["bobSignedPreKeyPrivate"]), h(i["aliceIdentityPublic"])),
        agree(h(i["bobIdentityPrivate"]), alice_base),
        agree(h(i["bobSignedPreKeyPrivate"]), alice_base),
    ]
    blocks = _x3dh(parts)
    assert blocks[1] == h(v["bob_sender_chain_key_expected"])
    assert blocks == [h(c) for c in v["libsignal_node_initSession_deriveSecrets"]["bob_side"][0]["chunks"]]


def test_x3dh_alice_side_matches_rust_and_libsignal_node(ratchet: Any) -> None:
    """The published aliceBasePrivate does not match its public key; the Rust value is right."""
    v = ratchet["ratcheting_session_x3dh"]
    i = v["inputs"]
    base = h(i["aliceBasePrivate"])
    bob_signed = h(i["bobSignedPreKeyPublic"])
    parts = [
        agree(h(i["aliceIdentityPrivate"]), bob_signed),
        agree(base, h(i["bobIdentityPublic"])),
        agree(base, bob_signed),
    ]
    blocks = _x3dh(parts)
    assert blocks[1] == h(v["alice_receiver_chain_key_expected_rust"])
    assert blocks[1] != h(v["alice_receiver_chain_key_expected_java_and_c"])
    node = v["libsignal_node_initSession_deriveSecrets"]["alice_side"]
    assert blocks == [h(c) for c in node[0]["chunks"]]
    # The first sending chain: WhisperRatchet over DH(aliceEphemeral, bob signed prekey), salt = root.
    ratchet_blocks = derive_secrets(
        agree(h(i["aliceEphemeralPrivate"]), bob_signed), blocks[0], RATCHET_INFO, 3
    )
    assert ratchet_blocks == [h(c) for c in node[1]["chunks"]]


class _Transcript:
    """Replays libsignal_node_session_transcript with the pinned keys."""

    def __init__(self, t: Any) -> None:
        ids = t["identities"]
        self.alice_identity = keypair_from_private(h(ids["alice_identity"]["private"]))
        self.bob_identity = keypair_from_private(h(ids["bob_identity"]["private"]))
        bundle = t["bob_bundle"]
        self.bob_signed = SignedPreKey(
            bundle["signedPreKey"]["keyId"],
            keypair_from_private(h(ids["bob_signed_prekey"]["private"])),
            h(bundle["signedPreKey"]["signature"]),
        )
        self.bob_prekey = PreKey(
            bundle["preKey"]["keyId"], keypair_from_private(h(ids["bob_one_time_prekey"]["private"]))
        )
        self.bundle = PreKeyBundle(
            registration_id=bundle["registrationId"],
            identity_key=h(bundle["identityKey"]),
            signed_prekey_id=bundle["signedPreKey"]["keyId"],
            signed_prekey_public=h(bundle["signedPreKey"]["publicKey"]),
            signed_prekey_signature=h(bundle["signedPreKey"]["signature"]),
            prekey_id=bundle["preKey"]["keyId"],
            prekey_public=h(bundle["preKey"]["publicKey"]),
        )
        self.keys = KeyQueue(h(k["private"]) for k in t["generated_key_pairs_in_order"])
        self.alice_registration_id = t["registration_ids"]["alice"]


def test_pinned_key_pairs_match(ratchet: Any) -> None:
    for pair in ratchet["libsignal_node_session_transcript"]["generated_key_pairs_in_order"]:
        assert keypair_from_private(h(pair["private"])).public == unserialize_public(h(pair["public_33"]))


def test_libsignal_node_transcript_replayed_byte_for_byte(ratchet: Any) -> None:
    t = ratchet["libsignal_node_session_transcript"]
    x = _Transcript(t)
    alice = initiate_session(None, x.alice_identity, x.alice_registration_id, x.bundle, random=x.keys)
    bob: SessionRecord | None = None
    bodies: dict[int, bytes] = {}
    for step in t["steps"]:
        if step["action"] == "encrypt":
            if step["sender"] == "alice":
                alice, out = encrypt_message(alice, h(step["plaintext_hex"]))
            else:
                assert bob is not None
                bob, out = encrypt_message(bob, h(step["plaintext_hex"]))
            assert out.type == step["wa_enc_type"]
            assert out.serialized.hex() == step["body_hex"], f"step {step['step']}"
            bodies[step["step"]] = out.serialized
            continue
        body = bodies[step["of_step"]]
        if step["receiver"] == "bob" and body[0] == 0x33 and step["of_step"] <= 2:
            parsed = parse_prekey_message(body)
            assert (parsed.prekey_id, parsed.signed_prekey_id) == (31, 7)
            result = decrypt_prekey_message(
                bob, x.bob_identity, x.bob_signed, x.bob_prekey, parsed, random=x.keys
            )
            bob, plaintext = result.record, result.plaintext
            assert result.consumed_prekey_id == (31 if step["of_step"] == 1 else None)
        elif step["receiver"] == "bob":
            bob, plaintext = decrypt_message(bob, body, random=x.keys)
        else:
            alice, plaintext = decrypt_message(alice, body, random=x.keys)
        assert plaintext == h(step["plaintext_hex"]), f"step {step['step']}"
    assert x.keys.remaining == 0


def test_libsignal_node_transcript_bodies_decrypt_from_vector_bytes(ratchet: Any) -> None:
    """Every body in the file, taken from the JSON (not re-encrypted), decrypts on the other side."""
    t = ratchet["libsignal_node_session_transcript"]
    x = _Transcript(t)
    alice = initiate_session(None, x.alice_identity, x.alice_registration_id, x.bundle, random=x.keys)
    bob: SessionRecord | None = None
    by_step = {s["step"]: s for s in t["steps"]}
    for step in t["steps"]:
        if step["action"] != "decrypt":
            continue
        sent = by_step[step["of_step"]]
        body = h(sent["body_hex"])
        if sent["wa_enc_type"] == "pkmsg":
            result = decrypt_prekey_message(
                bob, x.bob_identity, x.bob_signed, x.bob_prekey, body, random=x.keys
            )
            bob, plaintext = result.record, result.plaintext
        elif step["receiver"] == "bob":
            bob, plaintext = decrypt_message(bob, body, random=x.keys)
        else:
            alice, plaintext = decrypt_message(alice, body, random=x.keys)
        assert plaintext == h(step["plaintext_hex"])
    assert x.keys.remaining == 0


def test_group_vectors_decrypt_with_first_distribution_only(group: Any) -> None:
    messages = group["messages"]
    record = process_sender_key_distribution(None, h(messages[0]["sender_key_distribution_message_hex"]))
    for m in messages:
        record, plaintext = group_decrypt(record, h(m["sender_key_message_hex"]))
        assert plaintext == h(m["plaintext_hex"])


def test_group_vectors_reproduce_ciphertext(group: Any) -> None:
    """Our encryption matches Baileys up to the signature (curve25519-js signs with its own nonce)."""
    i = group["inputs"]
    signing = keypair_from_private(h(i["signing_private"]))
    state = _SenderKeyState(
        i["sender_key_id"], 0, h(i["chain_key_seed_iteration0"]), h(i["signing_public_33"]), signing.private
    )
    record = SenderKeyRecord((state,))
    first = group["messages"][0]
    record, out = group_encrypt(record, h(first["plaintext_hex"]))
    expected = h(first["sender_key_message_hex"])
    assert out[:-64] == expected[:-64]
    assert xeddsa_verify(h(i["signing_public_33"]), out[:-64], out[-64:])
    parsed = wa_signal_pb2.SenderKeyMessage.FromString(out[1:-64])
    assert parsed.iteration == 0


def test_group_distribution_messages_parse(group: Any) -> None:
    for m in group["messages"]:
        p = m["sender_key_distribution_message_parsed"]
        record = process_sender_key_distribution(None, h(m["sender_key_distribution_message_hex"]))
        assert record.key_ids == [p["id"]]


def test_address_names(group: Any) -> None:
    assert (
        sender_key_name(group["inputs"]["group_jid"], "15551234567", 3) == group["sender_key_store_names"][0]
    )
    assert (
        protocol_address("15551234567", 3)
        == group["jid_to_signal_protocol_address"]["15551234567:3@s.whatsapp.net"]
    )
