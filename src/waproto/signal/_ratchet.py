"""X3DH session building and the double ratchet, matching libsignal-node 6.0.0 byte for byte.

libsignal-node quirks reproduced here (see ``shared/vectors/README.md``):

* the responder's first ratchet key is its signed prekey, and neither side uses
  the X3DH chain key: the first chains come from the first ratchet step;
* ``previousCounter`` is the index of the last message sent on the previous
  chain (not the count), and the receiver derives keys up to it inclusive;
* the MAC covers ``sender identity (33) || receiver identity (33) || body``.
"""

from __future__ import annotations

import hmac
import logging
import os
from dataclasses import replace
from typing import NamedTuple

from waproto.crypto import (
    KeyPair,
    RandomSource,
    aes_cbc_decrypt,
    aes_cbc_encrypt,
    agree,
    generate_keypair,
    serialize_public,
)
from waproto.errors import (
    CryptoError,
    DuplicateMessage,
    InvalidKey,
    InvalidMessage,
    InvalidSignature,
    NoSession,
    UntrustedIdentity,
)
from waproto.proto import wa_signal_pb2
from waproto.signal._kdf import RATCHET_INFO, TEXT_INFO, ZERO_SALT, chain_step, derive_secrets, message_keys
from waproto.signal._keys import PreKey, PreKeyBundle, SignedPreKey, require_public_key, verify_signed_prekey
from waproto.signal._session import (
    MAX_SKIPPED_KEYS,
    Chain,
    PendingPreKey,
    SessionRecord,
    SessionState,
)
from waproto.signal._wire import (
    MAC_LENGTH,
    VERSION_BYTE,
    CiphertextMessage,
    PreKeyMessage,
    SignalMessage,
    parse_prekey_message,
    parse_signal_message,
)

__all__ = [
    "PreKeyDecryption",
    "decrypt_message",
    "decrypt_prekey_message",
    "encrypt_message",
    "initiate_session",
]

logger = logging.getLogger("waproto.signal")

_VERSION = bytes((VERSION_BYTE,))
_X3DH_PREFIX = b"\xff" * 32


class PreKeyDecryption(NamedTuple):
    """Result of :func:`decrypt_prekey_message`.

    ``consumed_prekey_id`` names the one-time prekey the new session used; the
    caller deletes it in the same transaction that stores ``record``.
    """

    record: SessionRecord
    plaintext: bytes
    consumed_prekey_id: int | None


def _root_key(parts: list[bytes]) -> bytes:
    # libsignal-node derives [root, chain] here but never uses that chain key.
    return derive_secrets(_X3DH_PREFIX + b"".join(parts), ZERO_SALT, TEXT_INFO, 1)[0]


def _ratchet(root_key: bytes, our_private: bytes, their_public: bytes) -> tuple[bytes, bytes]:
    """Root-key step: ``(new root key, new chain key)`` from a ratchet agreement."""
    root, chain = derive_secrets(agree(our_private, their_public), root_key, RATCHET_INFO, 2)
    return root, chain


def _check_trust(identity: bytes, trusted_identity: bytes | None) -> None:
    if trusted_identity is not None and require_public_key(trusted_identity, "trusted identity") != identity:
        raise UntrustedIdentity("the peer's identity key differs from the trusted one")


def initiate_session(
    record: SessionRecord | None,
    our_identity: KeyPair,
    our_registration_id: int,
    bundle: PreKeyBundle,
    *,
    random: RandomSource = os.urandom,
    trusted_identity: bytes | None = None,
) -> SessionRecord:
    """Start an outgoing session from a prekey bundle (X3DH, then the first sending chain).

    An open session in ``record`` is archived, as libsignal-node does. Until the
    peer answers, :func:`encrypt_message` produces ``pkmsg`` bodies.

    Args:
        record: the stored record for the peer's address, or None.
        our_identity: our identity key pair.
        our_registration_id: repeated in every ``pkmsg`` so the peer can tell our installs apart.
        bundle: the peer device's keys as the server returned them.
        random: source of the base key and the first ratchet key.
        trusted_identity: the identity we already trust for the address, if any.

    Raises:
        InvalidKey: a key in the bundle is malformed.
        InvalidSignature: the signed prekey's signature does not verify.
        UntrustedIdentity: the bundle's identity differs from ``trusted_identity``.
    """
    their_identity = require_public_key(bundle.identity_key, "identity key")
    _check_trust(their_identity, trusted_identity)
    signed_prekey = require_public_key(bundle.signed_prekey_public, "signed prekey")
    if not verify_signed_prekey(their_identity, signed_prekey, bundle.signed_prekey_signature):
        raise InvalidSignature("signed prekey signature does not verify")
    one_time = None
    if bundle.prekey_public is not None:
        if bundle.prekey_id is None:
            raise InvalidKey("bundle has a one-time prekey without an id")
        one_time = require_public_key(bundle.prekey_public, "one-time prekey")

    base = generate_keypair(random)
    parts = [
        agree(our_identity.private, signed_prekey),
        agree(base.private, their_identity),
        agree(base.private, signed_prekey),
    ]
    if one_time is not None:
        parts.append(agree(base.private, one_time))
    ratchet = generate_keypair(random)
    root, sending = _ratchet(_root_key(parts), ratchet.private, signed_prekey)
    base_key = serialize_public(base.public)
    state = SessionState(
        remote_registration_id=bundle.registration_id,
        local_identity=serialize_public(our_identity.public),
        remote_identity=their_identity,
        root_key=root,
        base_key=base_key,
        base_key_ours=True,
        ratchet=ratchet,
        remote_ratchet_key=signed_prekey,
        sender_chain=Chain(serialize_public(ratchet.public), sending),
        pending_prekey=PendingPreKey(
            bundle.prekey_id if one_time is not None else None,
            bundle.signed_prekey_id,
            base_key,
            our_registration_id,
        ),
    )
    return (record or SessionRecord()).with_new_current(state)


def encrypt_message(record: SessionRecord, plaintext: bytes) -> tuple[SessionRecord, CiphertextMessage]:
    """Encrypt with the open session; a ``pkmsg`` until the peer has answered, then ``msg``.

    Raises:
        NoSession: the record has no open session.
    """
    state = record.current
    if state is None or state.sender_chain is None or state.sender_chain.chain_key is None:
        raise NoSession("no open session to encrypt with")
    chain = state.sender_chain
    assert chain.chain_key is not None
    seed, next_chain_key = chain_step(chain.chain_key)
    cipher_key, mac_key, iv = message_keys(seed)
    body = wa_signal_pb2.SignalMessage(
        ratchetKey=chain.ratchet_key,
        counter=chain.next_index,
        previousCounter=state.previous_counter,
        ciphertext=aes_cbc_encrypt(cipher_key, iv, plaintext),
    ).SerializeToString()
    signed = _VERSION + body
    mac = hmac.digest(mac_key, state.local_identity + state.remote_identity + signed, "sha256")
    serialized = signed + mac[:MAC_LENGTH]
    new_state = replace(state, sender_chain=Chain(chain.ratchet_key, next_chain_key, chain.next_index + 1))
    pending = state.pending_prekey
    if pending is None:
        return record.with_replaced(state, new_state), CiphertextMessage("msg", serialized)
    prekey_message = wa_signal_pb2.PreKeySignalMessage(
        registrationId=pending.local_registration_id,
        signedPreKeyId=pending.signed_prekey_id,
        baseKey=pending.base_key,
        identityKey=state.local_identity,
        message=serialized,
    )
    if pending.prekey_id is not None:
        prekey_message.preKeyId = pending.prekey_id
    wrapped = _VERSION + prekey_message.SerializeToString()
    return record.with_replaced(state, new_state), CiphertextMessage("pkmsg", wrapped)


def decrypt_message(
    record: SessionRecord | None, body: bytes, *, random: RandomSource = os.urandom
) -> tuple[SessionRecord, bytes]:
    """Decrypt a ``msg`` body with the open session or, for late messages, a previous one.

    Raises:
        NoSession: there is no session to try.
        DuplicateMessage: the message key was used before (a redelivery).
        InvalidMessage: malformed, bad MAC, too far ahead, or no session fits.
    """
    if record is None or not record.states():
        raise NoSession("no session to decrypt with")
    message = parse_signal_message(body)
    duplicate: DuplicateMessage | None = None
    failure: InvalidMessage | None = None
    for state in record.states():
        try:
            new_state, plaintext = _decrypt_with_state(state, message, random)
        except DuplicateMessage as exc:
            duplicate = exc
        except InvalidMessage as exc:
            failure = failure or exc
        else:
            return record.with_replaced(state, new_state), plaintext
    if duplicate is not None:
        raise duplicate
    assert failure is not None
    raise InvalidMessage(f"no session could decrypt the message ({failure})")


def decrypt_prekey_message(
    record: SessionRecord | None,
    our_identity: KeyPair,
    signed_prekey: SignedPreKey | None,
    one_time_prekey: PreKey | None,
    message: PreKeyMessage | bytes,
    *,
    random: RandomSource = os.urandom,
    trusted_identity: bytes | None = None,
) -> PreKeyDecryption:
    """Decrypt a ``pkmsg``, building the incoming session unless its base key is known.

    Parse the body first with :func:`parse_prekey_message` to learn which signed
    and one-time prekeys to load. A new base key archives the open session (the
    peer started over). The prekeys are not needed when the session exists.

    Raises:
        InvalidKey: the signed or one-time prekey the message names was not supplied.
        UntrustedIdentity: the sender's identity differs from ``trusted_identity``.
        DuplicateMessage, InvalidMessage: as for :func:`decrypt_message`.
    """
    if isinstance(message, bytes):
        message = parse_prekey_message(message)
    _check_trust(message.identity_key, trusted_identity)
    inner = parse_signal_message(message.message)
    record = record or SessionRecord()
    existing = record.find_base_key(message.base_key)
    if existing is not None:
        new_state, plaintext = _decrypt_with_state(existing, inner, random)
        return PreKeyDecryption(record.with_replaced(existing, new_state), plaintext, None)
    if signed_prekey is None or signed_prekey.key_id != message.signed_prekey_id:
        raise InvalidKey(f"missing signed prekey {message.signed_prekey_id}")
    if message.prekey_id is not None and (
        one_time_prekey is None or one_time_prekey.key_id != message.prekey_id
    ):
        raise InvalidKey(f"invalid one-time prekey id {message.prekey_id}")
    parts = [
        agree(signed_prekey.key_pair.private, message.identity_key),
        agree(our_identity.private, message.base_key),
        agree(signed_prekey.key_pair.private, message.base_key),
    ]
    if message.prekey_id is not None and one_time_prekey is not None:
        parts.append(agree(one_time_prekey.key_pair.private, message.base_key))
    state = SessionState(
        remote_registration_id=message.registration_id,
        local_identity=serialize_public(our_identity.public),
        remote_identity=message.identity_key,
        root_key=_root_key(parts),
        base_key=message.base_key,
        base_key_ours=False,
        ratchet=signed_prekey.key_pair,
        remote_ratchet_key=message.base_key,
    )
    new_state, plaintext = _decrypt_with_state(state, inner, random)
    if record.has_open_session:
        logger.debug("new base key from peer: archiving the open session")
    return PreKeyDecryption(record.with_new_current(new_state), plaintext, message.prekey_id)


def _decrypt_with_state(
    state: SessionState, message: SignalMessage, random: RandomSource
) -> tuple[SessionState, bytes]:
    """Decrypt with one session state; returns the advanced copy, ``state`` stays as it was."""
    if state.sender_chain is not None and state.sender_chain.ratchet_key == message.ratchet_key:
        raise InvalidMessage("message names our own sending chain")
    new = state.copy()
    chain = new.receiver_chain(message.ratchet_key)
    if chain is None:
        chain = _step(new, message.ratchet_key, message.previous_counter, random)
    seed = _message_key(chain, message.counter)
    cipher_key, mac_key, iv = message_keys(seed)
    mac = hmac.digest(mac_key, new.remote_identity + new.local_identity + message.signed, "sha256")
    if not hmac.compare_digest(mac[:MAC_LENGTH], message.mac):
        raise InvalidMessage("bad MAC")
    try:
        plaintext = aes_cbc_decrypt(cipher_key, iv, message.ciphertext)
    except CryptoError as exc:
        raise InvalidMessage(str(exc)) from None
    new.pending_prekey = None
    return new, plaintext


def _step(state: SessionState, remote_key: bytes, previous_counter: int, random: RandomSource) -> Chain:
    """DH ratchet step on a new remote ratchet key (libsignal-node ``maybeStepRatchet``)."""
    previous = state.receiver_chain(state.remote_ratchet_key)
    if previous is not None:
        _fill(previous, previous_counter + 1)
        previous.chain_key = None
    root, receiving = _ratchet(state.root_key, state.ratchet.private, remote_key)
    chain = Chain(remote_key, receiving)
    state.add_receiver_chain(chain)
    if state.sender_chain is not None:
        state.previous_counter = max(state.sender_chain.next_index - 1, 0)
    state.ratchet = generate_keypair(random)
    state.root_key, sending = _ratchet(root, state.ratchet.private, remote_key)
    state.sender_chain = Chain(serialize_public(state.ratchet.public), sending)
    state.remote_ratchet_key = remote_key
    return chain


def _fill(chain: Chain, until: int) -> None:
    """Derive and keep the message keys of ``chain`` below index ``until``."""
    if chain.next_index >= until:
        return
    if until - chain.next_index > MAX_SKIPPED_KEYS:
        raise InvalidMessage(f"message is over {MAX_SKIPPED_KEYS} messages into the future")
    if chain.chain_key is None:
        raise InvalidMessage("chain is closed")
    key = chain.chain_key
    skipped = chain.skipped
    for index in range(chain.next_index, until):
        skipped[index], key = chain_step(key)
    chain.chain_key = key
    chain.next_index = until
    while len(skipped) > MAX_SKIPPED_KEYS:
        del skipped[next(iter(skipped))]


def _message_key(chain: Chain, counter: int) -> bytes:
    """Take the message key seed for ``counter`` out of ``chain``."""
    if counter >= chain.next_index:
        _fill(chain, counter + 1)
    seed = chain.skipped.pop(counter, None)
    if seed is None:
        raise DuplicateMessage(f"message key {counter} was used already")
    return seed
