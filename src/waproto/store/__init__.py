"""Persistent crypto state: small async Protocols, SQLite, PostgreSQL and memory stores.

One database holds many devices; ``store.device(device_id)`` is a cheap view that
implements every per-device Protocol. Records are opaque bytes. Writes grouped in
``async with store.transaction():`` commit together or not at all::

    async with SQLiteStore.open("waproto.db") as store:
        device = await store.create_device("session-1")
        async with store.transaction():
            await device.put_session("123.0", new_record)
            await device.mark_processed(chat, sender, message_id, at=now)
"""

from __future__ import annotations

from waproto.store._credentials import CREDENTIALS_FORMAT, Credentials, new_credentials
from waproto.store._leases import QUEUED, RELEASED, Lease, LeaseStore
from waproto.store._memory import MemoryDeviceStore, MemoryStore
from waproto.store._migrations import MIGRATIONS, SCHEMA_VERSION
from waproto.store._postgres import PostgresStore
from waproto.store._protocols import (
    AllStores,
    AppStateStore,
    ChatSettings,
    Contact,
    ContactStore,
    CredentialStore,
    Database,
    DeviceStore,
    IdentityStore,
    KeyValueStore,
    LIDMappingStore,
    PreKeyStore,
    ProcessedMessageStore,
    SenderKeyStore,
    SentMessageStore,
    SessionStore,
    SignedPreKeyStore,
)
from waproto.store._sql import SQLDeviceStore
from waproto.store._sqlite import SQLiteDeviceStore, SQLiteStore, Synchronous

__all__ = [
    "CREDENTIALS_FORMAT",
    "MIGRATIONS",
    "QUEUED",
    "RELEASED",
    "SCHEMA_VERSION",
    "AllStores",
    "AppStateStore",
    "ChatSettings",
    "Contact",
    "ContactStore",
    "CredentialStore",
    "Credentials",
    "Database",
    "DeviceStore",
    "IdentityStore",
    "KeyValueStore",
    "LIDMappingStore",
    "Lease",
    "LeaseStore",
    "MemoryDeviceStore",
    "MemoryStore",
    "PostgresStore",
    "PreKeyStore",
    "ProcessedMessageStore",
    "SQLDeviceStore",
    "SQLiteDeviceStore",
    "SQLiteStore",
    "SenderKeyStore",
    "SentMessageStore",
    "SessionStore",
    "SignedPreKeyStore",
    "Synchronous",
    "new_credentials",
]
