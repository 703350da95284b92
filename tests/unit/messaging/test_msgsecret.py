"""Message-secret crypto: HKDF key derivation as the references describe, round trips, tampering fails."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from waproto.errors import CryptoError
from waproto.jid import JID
from waproto.messaging.msgsecret import (
    SecretScope,
    SecretUseCase,
    decrypt_with_secret,
    derive_secret_key,
    encrypt_with_secret,
    poll_option_hash,
    tally_votes,
)

SECRET = bytes(range(32))
CREATOR = JID.parse("15550000001:3@s.whatsapp.net")
VOTER = JID.parse("15550000002@s.whatsapp.net")
VOTE = SecretScope("ID1", CREATOR, VOTER, SecretUseCase.POLL_VOTE)


def test_key_is_hkdf_over_ids_without_devices() -> None:
    info = b"3EB0ABCDEF" + b"15550000001@s.whatsapp.net" + b"15550000002@s.whatsapp.net" + b"Poll Vote"
    expected = HKDF(hashes.SHA256(), 32, salt=bytes(32), info=info).derive(SECRET)
    scope = SecretScope("3EB0ABCDEF", CREATOR, VOTER, SecretUseCase.POLL_VOTE)
    assert derive_secret_key(SECRET, scope) == expected
    # The device part of either JID does not change the key.
    device = JID.parse("15550000002:7@s.whatsapp.net")
    with_device = SecretScope("3EB0ABCDEF", CREATOR, device, scope.use_case)
    assert derive_secret_key(SECRET, with_device) == expected


@pytest.mark.parametrize("use_case", list(SecretUseCase))
def test_round_trip(use_case: SecretUseCase) -> None:
    scope = SecretScope("ID1", CREATOR, VOTER, use_case)
    payload, iv = encrypt_with_secret(b"vote", SECRET, scope)
    assert len(iv) == 12
    assert decrypt_with_secret(payload, iv, SECRET, scope) == b"vote"
    assert (scope.aad is not None) == use_case.binds_aad


def test_poll_vote_binds_message_and_voter() -> None:
    payload, iv = encrypt_with_secret(b"vote", SECRET, VOTE)
    other = JID.parse("15550000009@s.whatsapp.net")
    for secret, scope in (
        (SECRET, SecretScope("ID2", CREATOR, VOTER, SecretUseCase.POLL_VOTE)),
        (SECRET, SecretScope("ID1", CREATOR, other, SecretUseCase.POLL_VOTE)),
        (SECRET, SecretScope("ID1", CREATOR, VOTER, SecretUseCase.EVENT_RESPONSE)),
        (bytes(32), VOTE),
    ):
        with pytest.raises(CryptoError):
            decrypt_with_secret(payload, iv, secret, scope)
    tampered = bytes([payload[0] ^ 1]) + payload[1:]
    with pytest.raises(CryptoError):
        decrypt_with_secret(tampered, iv, SECRET, VOTE)
    with pytest.raises(CryptoError):
        decrypt_with_secret(payload, iv[:8], SECRET, VOTE)
    with pytest.raises(CryptoError):
        derive_secret_key(b"short", VOTE)


def test_tally_counts_latest_selection_per_voter() -> None:
    a, b = JID.parse("1@s.whatsapp.net"), JID.parse("2@s.whatsapp.net")
    votes = {
        a: [poll_option_hash("red"), poll_option_hash("red")],
        b: [poll_option_hash("blue"), b"\x00" * 32],
    }
    assert tally_votes(["red", "blue", "green"], votes) == {"red": [a], "blue": [b], "green": []}
