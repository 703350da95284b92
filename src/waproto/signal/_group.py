"""Sender keys: the group layer WhatsApp uses for ``skmsg`` (Baileys' WASignalGroup port).

Each member has one sender key per group: a symmetric chain plus a signing key.
Its distribution message travels inside a 1:1 message; every group message is
encrypted with the next chain key and signed with the signing key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from waproto.crypto import (
    RandomSource,
    aes_cbc_decrypt,
    aes_cbc_encrypt,
    generate_keypair,
    serialize_public,
    unserialize_public,
    xeddsa_sign,
    xeddsa_verify,
)
from waproto.errors import (
    CryptoError,
    DecodeError,
    DuplicateMessage,
    InvalidMessage,
    InvalidSignature,
    NoSession,
)
from waproto.proto import decode_message, wa_signal_pb2
from waproto.proto import signal_records_pb2 as pb
from waproto.signal._kdf import GROUP_INFO, ZERO_SALT, chain_step, derive_secrets
from waproto.signal._session import MAX_SKIPPED_KEYS
from waproto.signal._wire import VERSION_BYTE, check_version

__all__ = [
    "MAX_SENDER_KEY_STATES",
    "SenderKeyRecord",
    "create_sender_key_distribution",
    "group_decrypt",
    "group_encrypt",
    "process_sender_key_distribution",
]

#: Sender key states kept per (group, sender); older ones go first (libsignal and Baileys: 5).
MAX_SENDER_KEY_STATES = 5
_SIGNATURE_LENGTH = 64
_VERSION = bytes((VERSION_BYTE,))
_RECORD_VERSION = 1


@dataclass(slots=True)
class _SenderKeyState:
    key_id: int
    iteration: int
    chain_key: bytes
    signing_public: bytes
    signing_private: bytes | None = None
    skipped: dict[int, bytes] = field(default_factory=dict)


class SenderKeyRecord:
    """The sender key states of one ``group::user::device`` name, oldest first.

    A value: functions return a new record. Store it with :meth:`serialize`.
    """

    __slots__ = ("_states",)

    def __init__(self, states: tuple[_SenderKeyState, ...] = ()) -> None:
        self._states = states[-MAX_SENDER_KEY_STATES:]

    @property
    def is_empty(self) -> bool:
        return not self._states

    @property
    def key_ids(self) -> list[int]:
        """Key ids of the states held, oldest first."""
        return [s.key_id for s in self._states]

    def _find(self, key_id: int) -> _SenderKeyState | None:
        for state in self._states:
            if state.key_id == key_id:
                return state
        return None

    def _replaced(self, old: _SenderKeyState, new: _SenderKeyState) -> SenderKeyRecord:
        return SenderKeyRecord(tuple(new if s is old else s for s in self._states))

    def serialize(self) -> bytes:
        """Compact protobuf bytes of the record (our own schema)."""
        return pb.SenderKeyRecord(
            version=_RECORD_VERSION,
            states=[
                pb.SenderKeyState(
                    key_id=s.key_id,
                    iteration=s.iteration,
                    chain_key=s.chain_key,
                    signing_public=s.signing_public,
                    signing_private=s.signing_private or b"",
                    skipped=[pb.SkippedKey(index=i, seed=k) for i, k in s.skipped.items()],
                )
                for s in self._states
            ],
        ).SerializeToString()

    @classmethod
    def deserialize(cls, data: bytes) -> SenderKeyRecord:
        """Read a record written by :meth:`serialize`; corrupt bytes raise :class:`DecodeError`."""
        message = decode_message(pb.SenderKeyRecord, data, "sender key record")
        if message.version != _RECORD_VERSION:
            raise DecodeError(f"unknown sender key record version {message.version}")
        return cls(
            tuple(
                _SenderKeyState(
                    s.key_id,
                    s.iteration,
                    s.chain_key,
                    s.signing_public,
                    s.signing_private or None,
                    {k.index: k.seed for k in s.skipped},
                )
                for s in message.states
            )
        )

    def __repr__(self) -> str:
        return f"SenderKeyRecord(key_ids={self.key_ids})"


def _distribution(state: _SenderKeyState) -> bytes:
    return (
        _VERSION
        + wa_signal_pb2.SenderKeyDistributionMessage(
            id=state.key_id,
            iteration=state.iteration,
            chainKey=state.chain_key,
            signingKey=state.signing_public,
        ).SerializeToString()
    )


def create_sender_key_distribution(
    record: SenderKeyRecord | None, *, random: RandomSource = os.urandom
) -> tuple[SenderKeyRecord, bytes]:
    """Our sender key for a group (created on first use) and its distribution message.

    The message carries the current iteration and chain key, so members who get
    it later cannot read what was sent before.
    """
    if record is not None and record._states and record._states[-1].signing_private is not None:
        state = record._states[-1]
    else:
        # Baileys draws the key id with randomInt(2**31 - 1).
        key_id = int.from_bytes(random(4), "big") & 0x7FFFFFFF
        chain_key = random(32)
        signing = generate_keypair(random)
        state = _SenderKeyState(key_id, 0, chain_key, serialize_public(signing.public), signing.private)
        record = SenderKeyRecord((state,))
    return record, _distribution(state)


def process_sender_key_distribution(record: SenderKeyRecord | None, data: bytes) -> SenderKeyRecord:
    """Add a member's sender key from its distribution message.

    A repeat of a key we hold (same id and signing key) leaves the record as it is,
    so a re-sent distribution message cannot rewind the chain.

    Raises:
        InvalidMessage: malformed message or key.
    """
    check_version(data, "SenderKeyDistributionMessage")
    proto = decode_message(
        wa_signal_pb2.SenderKeyDistributionMessage,
        data[1:],
        "SenderKeyDistributionMessage",
        error=InvalidMessage,
    )
    if not all(proto.HasField(name) for name in ("id", "iteration", "chainKey", "signingKey")):
        raise InvalidMessage("SenderKeyDistributionMessage lacks a required field")
    if len(proto.chainKey) != 32:
        raise InvalidMessage("sender chain key must be 32 bytes")
    try:
        signing_public = serialize_public(unserialize_public(proto.signingKey))
    except CryptoError as exc:
        raise InvalidMessage(f"bad sender signing key: {exc}") from None
    record = record or SenderKeyRecord()
    existing = record._find(proto.id)
    if existing is not None and existing.signing_public == signing_public:
        return record
    kept = tuple(s for s in record._states if s.key_id != proto.id)
    return SenderKeyRecord(
        (*kept, _SenderKeyState(proto.id, proto.iteration, proto.chainKey, signing_public))
    )


def _group_keys(seed: bytes) -> tuple[bytes, bytes]:
    """``(iv, cipher key)`` of a sender message key seed (HKDF "WhisperGroup")."""
    first, second = derive_secrets(seed, ZERO_SALT, GROUP_INFO, 2)
    return first[:16], first[16:] + second[:16]


def group_encrypt(
    record: SenderKeyRecord, plaintext: bytes, *, random: RandomSource = os.urandom
) -> tuple[SenderKeyRecord, bytes]:
    """Encrypt and sign a group message (``skmsg`` body) with our sender key.

    Iterations are consecutive (0, 1, 2, ...); Baileys skips one after the first
    message, which receivers absorb as a gap.

    Raises:
        NoSession: the record holds no sender key of ours (call
            :func:`create_sender_key_distribution` first).
    """
    state = record._states[-1] if record._states else None
    if state is None or state.signing_private is None:
        raise NoSession("no own sender key to encrypt with")
    seed, next_chain_key = chain_step(state.chain_key)
    iv, cipher_key = _group_keys(seed)
    body = (
        _VERSION
        + wa_signal_pb2.SenderKeyMessage(
            id=state.key_id,
            iteration=state.iteration,
            ciphertext=aes_cbc_encrypt(cipher_key, iv, plaintext),
        ).SerializeToString()
    )
    signature = xeddsa_sign(state.signing_private, body, random)
    new_state = replace(state, iteration=state.iteration + 1, chain_key=next_chain_key)
    return record._replaced(state, new_state), body + signature


def group_decrypt(record: SenderKeyRecord | None, data: bytes) -> tuple[SenderKeyRecord, bytes]:
    """Check and decrypt a group message from the member whose sender key ``record`` holds.

    Raises:
        NoSession: no sender key with the message's key id (the distribution message is missing).
        InvalidSignature: the signature does not verify.
        DuplicateMessage: the iteration's key was used already.
        InvalidMessage: malformed, more than 2,000 iterations ahead, or undecryptable.
    """
    check_version(data, "SenderKeyMessage")
    if len(data) < 1 + _SIGNATURE_LENGTH + 1:
        raise InvalidMessage("SenderKeyMessage too short")
    body, signature = data[:-_SIGNATURE_LENGTH], data[-_SIGNATURE_LENGTH:]
    proto = decode_message(wa_signal_pb2.SenderKeyMessage, body[1:], "SenderKeyMessage", error=InvalidMessage)
    if not all(proto.HasField(name) for name in ("id", "iteration", "ciphertext")):
        raise InvalidMessage("SenderKeyMessage lacks a required field")
    state = record._find(proto.id) if record is not None else None
    if record is None or state is None:
        raise NoSession(f"no sender key with id {proto.id}")
    if not xeddsa_verify(state.signing_public, body, signature):
        raise InvalidSignature("sender key message signature does not verify")
    new_state = replace(state, skipped=dict(state.skipped))
    seed = _take_key(new_state, proto.iteration)
    iv, cipher_key = _group_keys(seed)
    try:
        plaintext = aes_cbc_decrypt(cipher_key, iv, proto.ciphertext)
    except CryptoError as exc:
        raise InvalidMessage(str(exc)) from None
    return record._replaced(state, new_state), plaintext


def _take_key(state: _SenderKeyState, iteration: int) -> bytes:
    """The message key seed for ``iteration``, keeping the keys of skipped iterations."""
    if iteration < state.iteration:
        seed = state.skipped.pop(iteration, None)
        if seed is None:
            raise DuplicateMessage(f"sender key iteration {iteration} was used already")
        return seed
    if iteration - state.iteration > MAX_SKIPPED_KEYS:
        raise InvalidMessage(f"message is over {MAX_SKIPPED_KEYS} iterations into the future")
    key = state.chain_key
    for index in range(state.iteration, iteration):
        state.skipped[index], key = chain_step(key)
    while len(state.skipped) > MAX_SKIPPED_KEYS:
        del state.skipped[next(iter(state.skipped))]
    seed, state.chain_key = chain_step(key)
    state.iteration = iteration + 1
    return seed
