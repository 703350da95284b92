"""WhatsApp's Signal protocol (version 3, as libsignal-node 6.0.0 speaks it), pure and synchronous.

Every function takes a record (or None) and returns a new record with its output;
nothing here reads or writes storage, reads the clock or draws randomness except
through the ``random`` argument. Store the returned record (``serialize()``) in
the same transaction as whatever depends on it.
"""

from __future__ import annotations

from waproto.signal._group import (
    SenderKeyRecord,
    create_sender_key_distribution,
    group_decrypt,
    group_encrypt,
    process_sender_key_distribution,
)
from waproto.signal._keys import (
    MAX_PREKEY_ID,
    PreKey,
    PreKeyBundle,
    SignedPreKey,
    generate_prekeys,
    generate_registration_id,
    generate_signed_prekey,
    protocol_address,
    sender_key_name,
    verify_signed_prekey,
)
from waproto.signal._ratchet import (
    PreKeyDecryption,
    decrypt_message,
    decrypt_prekey_message,
    encrypt_message,
    initiate_session,
)
from waproto.signal._session import MAX_PREVIOUS_STATES, MAX_SKIPPED_KEYS, SessionRecord
from waproto.signal._wire import CiphertextMessage, MessageType, PreKeyMessage, parse_prekey_message

__all__ = [
    "MAX_PREKEY_ID",
    "MAX_PREVIOUS_STATES",
    "MAX_SKIPPED_KEYS",
    "CiphertextMessage",
    "MessageType",
    "PreKey",
    "PreKeyBundle",
    "PreKeyDecryption",
    "PreKeyMessage",
    "SenderKeyRecord",
    "SessionRecord",
    "SignedPreKey",
    "create_sender_key_distribution",
    "decrypt_message",
    "decrypt_prekey_message",
    "encrypt_message",
    "generate_prekeys",
    "generate_registration_id",
    "generate_signed_prekey",
    "group_decrypt",
    "group_encrypt",
    "initiate_session",
    "parse_prekey_message",
    "process_sender_key_distribution",
    "protocol_address",
    "sender_key_name",
    "verify_signed_prekey",
]
