"""Message-secret encryption: poll votes, encrypted reactions, event responses.

A message that others may answer privately (a poll, an event) carries a random
32-byte ``messageContextInfo.messageSecret``. An answer is encrypted with a key
derived from that secret, the original message id, its author and the answering
user, so only members who saw the original can read it (the server cannot).

The derivation is HKDF-SHA256 with an all-zero salt (written out as two HMACs in
Baileys' ``decryptPollVote``; whatsmeow ``msgsecret.go`` uses its HKDF helper):
``info = msg_id ‖ creator ‖ modifier ‖ use_case``, JIDs without device. The payload
is AES-256-GCM with a random 12-byte IV and the 16-byte tag appended; poll votes
and event responses also bind ``msg_id ‖ 0x00 ‖ modifier`` as associated data.

Pure functions over bytes; no I/O.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from waproto.errors import CryptoError
from waproto.jid import JID

__all__ = [
    "IV_SIZE",
    "SECRET_SIZE",
    "SecretScope",
    "SecretUseCase",
    "decrypt_with_secret",
    "derive_secret_key",
    "encrypt_with_secret",
    "new_message_secret",
    "poll_option_hash",
    "tally_votes",
]

#: Size of ``messageContextInfo.messageSecret``.
SECRET_SIZE = 32
#: AES-GCM nonce size used by WhatsApp for these payloads.
IV_SIZE = 12


class SecretUseCase(Enum):
    """The info string that separates keys derived from one secret, and whether AAD is bound."""

    POLL_VOTE = ("Poll Vote", True)
    EVENT_RESPONSE = ("Event Response", True)
    ENC_REACTION = ("Enc Reaction", False)
    ENC_COMMENT = ("Enc Comment", False)

    @property
    def label(self) -> bytes:
        return self.value[0].encode()

    @property
    def binds_aad(self) -> bool:
        return self.value[1]


@dataclass(frozen=True, slots=True)
class SecretScope:
    """Whose answer to which message: ``modifier`` answers ``creator``'s message ``msg_id``."""

    msg_id: str
    creator: JID
    modifier: JID
    use_case: SecretUseCase

    @property
    def aad(self) -> bytes | None:
        if not self.use_case.binds_aad:
            return None
        return self.msg_id.encode() + b"\x00" + _user(self.modifier)


def new_message_secret(random: Callable[[int], bytes] = os.urandom) -> bytes:
    """A fresh ``messageSecret`` for a poll or event we create."""
    return random(SECRET_SIZE)


def _user(jid: JID) -> bytes:
    return str(jid.to_non_ad()).encode()


def derive_secret_key(secret: bytes, scope: SecretScope) -> bytes:
    """The 32-byte AES key for the answer ``scope`` describes."""
    if len(secret) != SECRET_SIZE:
        raise CryptoError(f"message secret must be {SECRET_SIZE} bytes, got {len(secret)}")
    info = scope.msg_id.encode() + _user(scope.creator) + _user(scope.modifier) + scope.use_case.label
    prk = hmac.new(bytes(32), secret, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()


def encrypt_with_secret(
    plaintext: bytes, secret: bytes, scope: SecretScope, *, random: Callable[[int], bytes] = os.urandom
) -> tuple[bytes, bytes]:
    """Encrypt an answer; returns ``(enc_payload, enc_iv)`` as the protobufs carry them."""
    iv = random(IV_SIZE)
    return AESGCM(derive_secret_key(secret, scope)).encrypt(iv, plaintext, scope.aad), iv


def decrypt_with_secret(enc_payload: bytes, enc_iv: bytes, secret: bytes, scope: SecretScope) -> bytes:
    """Decrypt an answer.

    Raises:
        CryptoError: wrong key, tampered payload or malformed IV.
    """
    if len(enc_iv) != IV_SIZE:
        raise CryptoError(f"secret-encrypted payload has a {len(enc_iv)}-byte IV, expected {IV_SIZE}")
    try:
        return AESGCM(derive_secret_key(secret, scope)).decrypt(enc_iv, enc_payload, scope.aad)
    except InvalidTag:
        raise CryptoError("secret-encrypted payload failed authentication") from None


def poll_option_hash(option_name: str) -> bytes:
    """A vote names options by the SHA-256 of their text (``PollVoteMessage.selectedOptions``)."""
    return hashlib.sha256(option_name.encode()).digest()


def tally_votes(options: Iterable[str], votes: Mapping[JID, Iterable[bytes]]) -> dict[str, list[JID]]:
    """Voters per option, from each voter's latest selection (hashes); unknown hashes are ignored.

    ``votes`` maps a voter (without device) to the hashes of their current
    selection; a later vote replaces an earlier one, so callers keep only the latest.
    """
    names = list(options)
    by_hash = {poll_option_hash(name): name for name in names}
    result: dict[str, list[JID]] = {name: [] for name in names}
    for voter, selection in votes.items():
        for digest in dict.fromkeys(selection):
            name = by_hash.get(digest)
            if name is not None:
                result[name].append(voter)
    return result
