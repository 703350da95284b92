"""The store's small interfaces, one concern each, all async.

Records cross these interfaces as opaque ``bytes``: the store never looks inside a
session or sender-key record, so it never imports ``waproto.signal``. Addresses are
opaque strings too (the Signal layer's ``"user.device"`` names or JIDs).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from waproto.store._credentials import Credentials

__all__ = [
    "AllStores",
    "AppStateStore",
    "ChatSettings",
    "Contact",
    "ContactStore",
    "CredentialStore",
    "Database",
    "DeviceStore",
    "IdentityStore",
    "KeyValueStore",
    "LIDMappingStore",
    "PreKeyStore",
    "ProcessedMessageStore",
    "SenderKeyStore",
    "SentMessageStore",
    "SessionStore",
    "SignedPreKeyStore",
]


@runtime_checkable
class CredentialStore(Protocol):
    """The device's own keys and counters."""

    async def get_credentials(self) -> Credentials | None:
        """Return the stored credentials, or None before the first put."""

    async def put_credentials(self, credentials: Credentials) -> None:
        """Replace the stored credentials."""


@runtime_checkable
class IdentityStore(Protocol):
    """Identity keys of peers, trusted on first use."""

    async def get_identity(self, address: str) -> bytes | None:
        """Return the identity key stored for ``address``."""

    async def put_identity(self, address: str, key: bytes) -> None:
        """Store (or replace) the identity key of ``address``."""

    async def delete_identity(self, address: str) -> None:
        """Forget the identity key of ``address``."""

    async def is_trusted_identity(self, address: str, key: bytes) -> bool:
        """True when nothing is stored for ``address`` or the stored key equals ``key``."""


@runtime_checkable
class PreKeyStore(Protocol):
    """One-time prekeys and whether the server has them yet."""

    async def get_prekey(self, key_id: int) -> bytes | None:
        """Return the record of prekey ``key_id``."""

    async def put_prekeys(self, prekeys: Iterable[tuple[int, bytes]]) -> None:
        """Store ``(key_id, record)`` pairs, not yet uploaded."""

    async def remove_prekey(self, key_id: int) -> None:
        """Delete a prekey once a session consumed it."""

    async def get_unuploaded_prekeys(self, limit: int) -> list[tuple[int, bytes]]:
        """Up to ``limit`` prekeys not yet uploaded, lowest id first."""

    async def mark_prekeys_uploaded(self, up_to_id: int) -> None:
        """Flag every prekey with id <= ``up_to_id`` as uploaded."""

    async def count_prekeys(self, *, uploaded: bool | None = None) -> int:
        """Count all prekeys, or only the uploaded (True) or pending (False) ones."""


@runtime_checkable
class SignedPreKeyStore(Protocol):
    """Signed prekeys kept after rotation, so late pkmsgs still decrypt."""

    async def get_signed_prekey(self, key_id: int) -> bytes | None:
        """Return the record of signed prekey ``key_id``."""

    async def put_signed_prekey(self, key_id: int, record: bytes) -> None:
        """Store (or replace) a signed prekey record."""

    async def remove_signed_prekey(self, key_id: int) -> None:
        """Delete a retired signed prekey."""

    async def list_signed_prekey_ids(self) -> list[int]:
        """All stored signed prekey ids, ascending."""


@runtime_checkable
class SessionStore(Protocol):
    """Pairwise Signal session records."""

    async def get_session(self, address: str) -> bytes | None:
        """Return the session record of ``address``."""

    async def get_sessions(self, addresses: Sequence[str]) -> dict[str, bytes]:
        """Return the records that exist among ``addresses`` (one query for a fan-out)."""

    async def put_session(self, address: str, record: bytes) -> None:
        """Store (or replace) the session record of ``address``."""

    async def put_sessions(self, records: Mapping[str, bytes]) -> None:
        """Store many session records at once."""

    async def delete_session(self, address: str) -> None:
        """Delete the session of ``address``."""

    async def has_session(self, address: str) -> bool:
        """True when a session record exists for ``address``."""


@runtime_checkable
class SenderKeyStore(Protocol):
    """Group sender-key records, keyed by (group, sender address)."""

    async def get_sender_key(self, group: str, sender: str) -> bytes | None:
        """Return the sender-key record of ``sender`` in ``group``."""

    async def put_sender_key(self, group: str, sender: str, record: bytes) -> None:
        """Store (or replace) a sender-key record."""

    async def delete_sender_key(self, group: str, sender: str) -> None:
        """Delete a sender-key record (forces a new distribution)."""


@runtime_checkable
class ProcessedMessageStore(Protocol):
    """Ids of messages already decrypted, so a redelivery is acked without decrypting twice."""

    async def is_processed(self, chat: str, sender: str, message_id: str) -> bool:
        """True when the message was marked processed."""

    async def mark_processed(self, chat: str, sender: str, message_id: str, *, at: float) -> None:
        """Record the message as processed at time ``at`` (seconds, caller's clock)."""

    async def prune_processed(self, before: float) -> int:
        """Forget marks older than ``before``; return how many were removed."""


@runtime_checkable
class SentMessageStore(Protocol):
    """Messages we sent, kept for a while so a retry receipt can be answered by encrypting again."""

    async def get_sent_message(self, message_id: str) -> bytes | None:
        """Return the record of a sent message."""

    async def put_sent_message(self, message_id: str, record: bytes, *, at: float) -> None:
        """Keep the record of a message sent at time ``at`` (seconds, caller's clock)."""

    async def prune_sent_messages(self, before: float) -> int:
        """Forget messages sent before ``before``; return how many were removed."""


@runtime_checkable
class KeyValueStore(Protocol):
    """Namespaced bytes for later needs (app-state keys, caches, settings)."""

    async def get(self, namespace: str, key: str) -> bytes | None:
        """Return the value of ``key`` in ``namespace``."""

    async def put(self, namespace: str, key: str, value: bytes) -> None:
        """Store (or replace) a value."""

    async def delete(self, namespace: str, key: str) -> None:
        """Delete a value."""

    async def delete_later(self, namespace: str, key: str) -> None:
        """Delete a value with the device's next commit instead of a commit of its own.

        Until then (:meth:`flush`, the device's next write, or closing the store) the
        row is still there for readers, and a crash keeps it.
        """

    async def flush(self) -> None:
        """Commit the deletes :meth:`delete_later` left pending for this device."""

    async def items(self, namespace: str) -> dict[str, bytes]:
        """Every key and value in ``namespace``."""


@runtime_checkable
class LIDMappingStore(Protocol):
    """Which LID belongs to which phone number, and moving Signal state from one to the other.

    Mappings hold user parts only (``"123"`` for ``123@lid``, ``"555"`` for
    ``555@s.whatsapp.net``): a LID and a PN belong to one account, whatever the device.
    """

    async def put_lid_mappings(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Store ``(lid_user, pn_user)`` pairs; each replaces any pair sharing its LID or its PN."""

    async def get_lids_for_pns(self, pn_users: Sequence[str]) -> dict[str, str]:
        """Map each known PN user among ``pn_users`` to its LID user (one query for a fan-out)."""

    async def get_pns_for_lids(self, lid_users: Sequence[str]) -> dict[str, str]:
        """Map each known LID user among ``lid_users`` to its PN user."""

    async def move_signal_user(self, old_name: str, new_name: str) -> int:
        """Re-key sessions and identities from ``old_name.<device>`` to ``new_name.<device>``.

        Runs as one transaction (or inside the caller's). A record already stored under
        the new address wins over the old one, which is dropped. Returns the number of
        sessions moved.
        """


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact as the account's app-state and history know it (None: not known)."""

    jid: str
    full_name: str | None = None
    first_name: str | None = None
    push_name: str | None = None


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """A chat's settings from app-state: archive, pin, mute (ms; -1 forever, 0 not muted), unread."""

    jid: str
    archived: bool = False
    pinned: bool = False
    muted_until: int = 0
    unread: bool = False


@runtime_checkable
class AppStateStore(Protocol):
    """App-state sync keys from the phone and, per collection, what has been applied."""

    async def put_app_state_keys(self, keys: Iterable[tuple[bytes, bytes, int]]) -> None:
        """Store ``(key_id, key_data, timestamp_ms)`` sync keys; a stored id is replaced."""

    async def get_app_state_keys(self, key_ids: Sequence[bytes]) -> dict[bytes, bytes]:
        """The key data of the stored keys among ``key_ids``."""

    async def get_latest_app_state_key(self) -> tuple[bytes, bytes] | None:
        """``(key_id, key_data)`` of the key with the largest timestamp (what we encrypt with)."""

    async def get_app_state_version(self, name: str) -> tuple[int, bytes] | None:
        """``(version, LTHash)`` of a collection, or None before its first sync."""

    async def get_app_state_macs(self, name: str, index_macs: Sequence[bytes]) -> dict[bytes, bytes]:
        """The stored value MAC of each known index MAC among ``index_macs``."""

    async def put_app_state_version(
        self,
        name: str,
        version: int,
        lthash: bytes,
        value_macs: Mapping[bytes, bytes | None],
        *,
        replace_all: bool = False,
    ) -> None:
        """Commit a verified snapshot or patch: version, LTHash, index MACs (None removes one).

        ``replace_all`` (a snapshot) drops the collection's other index MACs first.
        """


@runtime_checkable
class ContactStore(Protocol):
    """Contacts and chat settings, the queryable state app-state and history sync build."""

    async def get_contacts(self, jids: Sequence[str] | None = None) -> dict[str, Contact]:
        """The stored contacts among ``jids`` (every contact when None), by JID."""

    async def put_contacts(self, contacts: Iterable[Contact]) -> None:
        """Store contacts, each replacing the stored row of its JID."""

    async def get_chat_settings(self, jids: Sequence[str] | None = None) -> dict[str, ChatSettings]:
        """The stored chat settings among ``jids`` (every chat when None), by JID."""

    async def put_chat_settings(self, chats: Iterable[ChatSettings]) -> None:
        """Store chat settings, each replacing the stored row of its JID."""


@runtime_checkable
class AllStores(
    CredentialStore,
    IdentityStore,
    PreKeyStore,
    SignedPreKeyStore,
    SessionStore,
    SenderKeyStore,
    ProcessedMessageStore,
    SentMessageStore,
    KeyValueStore,
    LIDMappingStore,
    AppStateStore,
    ContactStore,
    Protocol,
):
    """Every per-device concern in one object."""


@runtime_checkable
class DeviceStore(AllStores, Protocol):
    """All stores of one device plus the database-wide transaction."""

    @property
    def device_id(self) -> str:
        """The opaque key this view is bound to."""

    def transaction(self) -> AbstractAsyncContextManager[None]:
        """Group writes atomically (see :meth:`Database.transaction`)."""

    async def processed_and_session(
        self, keys: Sequence[tuple[str, str, str]], address: str
    ) -> tuple[bool, bytes | None]:
        """The receive path's two reads in one: whether any ``(chat, sender, message id)`` of
        ``keys`` is marked processed, and the session record of ``address``."""


@runtime_checkable
class Database(Protocol):
    """One database that holds many devices."""

    def device(self, device_id: str) -> DeviceStore:
        """A cheap view bound to one device; it does not create the device."""

    async def create_device(self, device_id: str) -> DeviceStore:
        """Create the device if it does not exist and return its view."""

    async def delete_device(self, device_id: str) -> None:
        """Delete a device and every row it owns."""

    async def list_devices(self) -> list[str]:
        """Every device id, sorted."""

    def transaction(self) -> AbstractAsyncContextManager[None]:
        """Group writes of any devices atomically.

        Reads inside see the block's own writes; an exception escaping the block
        rolls everything back; a nested block joins the outer transaction as a
        savepoint (its exception undoes only its own writes).
        """

    async def close(self) -> None:
        """Release the database; idempotent."""
