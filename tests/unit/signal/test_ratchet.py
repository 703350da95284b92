"""Behaviour of sessions: out of order, duplicates, bounds, resets, records as values, errors."""

from __future__ import annotations

import random

import pytest

from tests.unit.signal.helpers import Party
from waproto.crypto import serialize_public
from waproto.errors import (
    DecodeError,
    DuplicateMessage,
    InvalidKey,
    InvalidMessage,
    InvalidSignature,
    NoSession,
    UntrustedIdentity,
)
from waproto.signal import (
    MAX_PREVIOUS_STATES,
    MAX_SKIPPED_KEYS,
    SessionRecord,
    decrypt_message,
    decrypt_prekey_message,
    encrypt_message,
    generate_prekeys,
    generate_registration_id,
    initiate_session,
    parse_prekey_message,
    verify_signed_prekey,
)


class Pair:
    """Alice (initiator) and Bob with established records after one round trip."""

    def __init__(self, seed: int = 1) -> None:
        self.alice, self.bob = Party(seed, 1111), Party(seed + 100, 2222)
        self.a = initiate_session(
            None, self.alice.identity, 1111, self.bob.bundle(), random=self.alice.random
        )
        self.a, first = encrypt_message(self.a, b"hi")
        result = decrypt_prekey_message(
            None,
            self.bob.identity,
            self.bob.signed_prekey,
            self.bob.prekeys[100],
            first.serialized,
            random=self.bob.random,
        )
        self.b = result.record
        self.b, reply = encrypt_message(self.b, b"hello")
        self.a, _ = decrypt_message(self.a, reply.serialized, random=self.alice.random)

    def a_to_b(self, text: bytes) -> bytes:
        self.a, out = encrypt_message(self.a, text)
        return out.serialized

    def b_to_a(self, text: bytes) -> bytes:
        self.b, out = encrypt_message(self.b, text)
        return out.serialized


def test_prekey_messages_until_reply_then_msg() -> None:
    alice, bob = Party(1, 1), Party(2, 2)
    record = initiate_session(None, alice.identity, 1, bob.bundle(), random=alice.random)
    record, first = encrypt_message(record, b"a")
    record, second = encrypt_message(record, b"b")
    assert (first.type, second.type) == ("pkmsg", "pkmsg")
    parsed = parse_prekey_message(second.serialized)
    assert (parsed.registration_id, parsed.prekey_id, parsed.signed_prekey_id) == (1, 100, 1)
    r = decrypt_prekey_message(
        None, bob.identity, bob.signed_prekey, bob.prekeys[100], parsed, random=bob.random
    )
    assert (r.plaintext, r.consumed_prekey_id) == (b"b", 100)
    # The second pkmsg with the same base key needs no prekey and consumes none.
    r2 = decrypt_prekey_message(r.record, bob.identity, None, None, first.serialized, random=bob.random)
    assert (r2.plaintext, r2.consumed_prekey_id) == (b"a", None)
    bob_record, reply = encrypt_message(r2.record, b"c")
    assert reply.type == "msg"
    record, plaintext = decrypt_message(record, reply.serialized, random=alice.random)
    assert plaintext == b"c"
    assert encrypt_message(record, b"d")[1].type == "msg"
    assert record.remote_identity == serialize_public(bob.identity.public)
    assert bob_record.remote_registration_id == 1


def test_out_of_order_across_ratchet_turns() -> None:
    p = Pair()
    first_chain = [(i, p.a_to_b(b"x%d" % i)) for i in range(30)]
    p.b, _ = decrypt_message(p.b, first_chain[0][1], random=p.bob.random)
    p.a, _ = decrypt_message(p.a, p.b_to_a(b"turn"), random=p.alice.random)
    second_chain = [(100 + i, p.a_to_b(b"x%d" % (100 + i))) for i in range(30)]
    mixed = first_chain[1:] + second_chain
    random.Random(3).shuffle(mixed)
    for i, body in mixed:
        p.b, plaintext = decrypt_message(p.b, body, random=p.bob.random)
        assert plaintext == b"x%d" % i


def test_duplicate_message_raises_and_record_unchanged() -> None:
    p = Pair()
    body = p.a_to_b(b"once")
    p.b, _ = decrypt_message(p.b, body, random=p.bob.random)
    before = p.b.serialize()
    with pytest.raises(DuplicateMessage):
        decrypt_message(p.b, body, random=p.bob.random)
    assert p.b.serialize() == before


def test_failed_decrypt_never_changes_the_record() -> None:
    p = Pair()
    body = bytearray(p.a_to_b(b"tamper"))
    body[-1] ^= 1
    before = p.b.serialize()
    with pytest.raises(InvalidMessage, match="MAC"):
        decrypt_message(p.b, bytes(body), random=p.bob.random)
    assert p.b.serialize() == before
    body[-1] ^= 1
    p.b, plaintext = decrypt_message(p.b, bytes(body), random=p.bob.random)
    assert plaintext == b"tamper"


def test_records_are_values() -> None:
    p = Pair()
    old = p.a
    old_bytes = old.serialize()
    encrypt_message(old, b"one")
    encrypt_message(old, b"two")
    assert old.serialize() == old_bytes


def test_skipped_key_bound() -> None:
    """Like libsignal-node: at most 2,000 keys derived ahead (counters 0..1999 on a fresh chain)."""
    p = Pair()
    bodies = [p.a_to_b(b"%d" % i) for i in range(MAX_SKIPPED_KEYS + 1)]
    with pytest.raises(InvalidMessage, match="future"):
        decrypt_message(p.b, bodies[MAX_SKIPPED_KEYS], random=p.bob.random)
    p.b, plaintext = decrypt_message(p.b, bodies[MAX_SKIPPED_KEYS - 1], random=p.bob.random)
    assert plaintext == b"%d" % (MAX_SKIPPED_KEYS - 1)
    assert p.b.current is not None
    assert len(p.b.current.receiver_chains[-1].skipped) == MAX_SKIPPED_KEYS - 1
    p.b, plaintext = decrypt_message(p.b, bodies[0], random=p.bob.random)
    assert plaintext == b"0"


def test_serialize_round_trip_keeps_working() -> None:
    p = Pair()
    skipped = p.a_to_b(b"skipped")
    p.b, _ = decrypt_message(p.b, p.a_to_b(b"next"), random=p.bob.random)
    a = SessionRecord.deserialize(p.a.serialize())
    b = SessionRecord.deserialize(p.b.serialize())
    assert b.serialize() == p.b.serialize()
    b, plaintext = decrypt_message(b, skipped, random=p.bob.random)
    assert plaintext == b"skipped"
    a, out = encrypt_message(a, b"after reload")
    assert decrypt_message(b, out.serialized, random=p.bob.random)[1] == b"after reload"


def test_corrupt_record_raises_decode_error() -> None:
    with pytest.raises(DecodeError):
        SessionRecord.deserialize(b"\xff\xff\xff")


def test_session_reset_archives_and_late_messages_still_decrypt() -> None:
    p = Pair()
    late = p.b_to_a(b"late")
    p.a = initiate_session(p.a, p.alice.identity, 1111, p.bob.bundle(101), random=p.alice.random)
    assert len(p.a.previous) == 1
    p.a, out = encrypt_message(p.a, b"restart")
    result = decrypt_prekey_message(
        p.b, p.bob.identity, p.bob.signed_prekey, p.bob.prekeys[101], out.serialized, random=p.bob.random
    )
    assert result.plaintext == b"restart" and len(result.record.previous) == 1
    p.a, plaintext = decrypt_message(p.a, late, random=p.alice.random)
    assert plaintext == b"late"


def test_previous_states_are_bounded() -> None:
    alice, bob = Party(1, 1), Party(2, 2)
    record = None
    for _ in range(MAX_PREVIOUS_STATES + 3):
        record = initiate_session(record, alice.identity, 1, bob.bundle(None), random=alice.random)
    assert record is not None and len(record.previous) == MAX_PREVIOUS_STATES


def test_errors() -> None:
    alice, bob = Party(1, 1), Party(2, 2)
    with pytest.raises(NoSession):
        decrypt_message(None, b"\x33" + b"\x00" * 20)
    with pytest.raises(NoSession):
        encrypt_message(SessionRecord(), b"x")
    bad = bob.bundle()
    with pytest.raises(InvalidSignature):
        initiate_session(
            None, alice.identity, 1, type(bad)(**{**_fields(bad), "signed_prekey_signature": bytes(64)})
        )
    with pytest.raises(InvalidKey):
        initiate_session(None, alice.identity, 1, type(bad)(**{**_fields(bad), "identity_key": b"\x05" * 5}))
    with pytest.raises(UntrustedIdentity):
        initiate_session(
            None, alice.identity, 1, bad, trusted_identity=serialize_public(alice.identity.public)
        )
    record = initiate_session(None, alice.identity, 1, bob.bundle(), random=alice.random)
    _, out = encrypt_message(record, b"x")
    with pytest.raises(InvalidKey, match="prekey"):
        decrypt_prekey_message(None, bob.identity, bob.signed_prekey, None, out.serialized)
    with pytest.raises(InvalidKey, match="signed"):
        decrypt_prekey_message(None, bob.identity, None, bob.prekeys[100], out.serialized)
    for junk in (b"", b"\x22abc", b"\x33\xff\xff\xff", b"\x33" + b"\x0a\x05abc"):
        with pytest.raises(InvalidMessage):
            parse_prekey_message(junk)


def _fields(bundle: object) -> dict[str, object]:
    return {name: getattr(bundle, name) for name in bundle.__slots__}  # type: ignore[attr-defined]


def test_key_generation() -> None:
    rng = random.Random(5).randbytes
    assert all(1 <= generate_registration_id(rng) < 0x4000 for _ in range(100))
    keys = generate_prekeys((1 << 24) - 2, 4, rng)
    assert [k.key_id for k in keys] == [(1 << 24) - 2, (1 << 24) - 1, 1, 2]
    party = Party(9, 1)
    assert verify_signed_prekey(
        serialize_public(party.identity.public),
        party.signed_prekey.key_pair.public,
        party.signed_prekey.signature,
    )
