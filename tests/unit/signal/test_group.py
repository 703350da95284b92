"""Sender keys: distribution, order, duplicates, signatures, bounds, records."""

from __future__ import annotations

import random

import pytest

from waproto.errors import DecodeError, DuplicateMessage, InvalidMessage, InvalidSignature, NoSession
from waproto.signal import (
    MAX_SKIPPED_KEYS,
    SenderKeyRecord,
    create_sender_key_distribution,
    group_decrypt,
    group_encrypt,
    process_sender_key_distribution,
)

rng = random.Random(11).randbytes


def _setup() -> tuple[SenderKeyRecord, SenderKeyRecord]:
    own, skdm = create_sender_key_distribution(None, random=rng)
    return own, process_sender_key_distribution(None, skdm)


def test_round_trip_out_of_order_and_duplicates() -> None:
    own, theirs = _setup()
    bodies = []
    for i in range(20):
        own, body = group_encrypt(own, b"m%d" % i, random=rng)
        bodies.append((i, body))
    random.Random(1).shuffle(bodies)
    for i, body in bodies:
        theirs, plaintext = group_decrypt(theirs, body)
        assert plaintext == b"m%d" % i
    before = theirs.serialize()
    with pytest.raises(DuplicateMessage):
        group_decrypt(theirs, bodies[0][1])
    assert theirs.serialize() == before


def test_create_is_idempotent_and_distribution_mid_chain() -> None:
    own, theirs = _setup()
    own, early = group_encrypt(own, b"early", random=rng)
    own, skdm = create_sender_key_distribution(own, random=rng)
    late_member = process_sender_key_distribution(None, skdm)
    with pytest.raises(DuplicateMessage):
        group_decrypt(late_member, early)
    own, body = group_encrypt(own, b"later", random=rng)
    assert group_decrypt(late_member, body)[1] == b"later"
    assert group_decrypt(theirs, body)[1] == b"later"
    # Re-processing a known key does not rewind it.
    assert process_sender_key_distribution(late_member, skdm) is late_member


def test_bad_signature_and_unknown_key() -> None:
    own, theirs = _setup()
    own, body = group_encrypt(own, b"x", random=rng)
    tampered = body[:-1] + bytes((body[-1] ^ 1,))
    with pytest.raises(InvalidSignature):
        group_decrypt(theirs, tampered)
    other, _ = create_sender_key_distribution(None, random=rng)
    other, foreign = group_encrypt(other, b"y", random=rng)
    with pytest.raises(NoSession):
        group_decrypt(theirs, foreign)
    with pytest.raises(NoSession):
        group_encrypt(theirs, b"not ours")
    for junk in (b"", b"\x33", b"\x33" + b"\xff" * 70):
        with pytest.raises(InvalidMessage):
            group_decrypt(theirs, junk)
    with pytest.raises(InvalidMessage):
        process_sender_key_distribution(None, b"\x33\x08\x01")


def test_future_bound_and_record_round_trip() -> None:
    own, theirs = _setup()
    far = None
    for i in range(MAX_SKIPPED_KEYS + 2):
        own, body = group_encrypt(own, b"%d" % i, random=rng)
        if i == MAX_SKIPPED_KEYS + 1:
            far = body
    assert far is not None
    with pytest.raises(InvalidMessage, match="future"):
        group_decrypt(theirs, far)
    theirs = SenderKeyRecord.deserialize(theirs.serialize())
    own = SenderKeyRecord.deserialize(own.serialize())
    own, body = group_encrypt(own, b"after reload", random=rng)
    assert len(SenderKeyRecord.deserialize(theirs.serialize()).key_ids) == 1
    with pytest.raises(DecodeError):
        SenderKeyRecord.deserialize(b"\xff\xff")


def test_states_bounded_to_five() -> None:
    record = None
    for _ in range(7):
        _, skdm = create_sender_key_distribution(None, random=rng)
        record = process_sender_key_distribution(record, skdm)
    assert record is not None and len(record.key_ids) == 5
