"""Numbered, forward-only schema migrations of the SQLite store.

``MIGRATIONS[i]`` moves a database from version ``i`` to ``i + 1``. Append new
scripts; never edit a released one. Every per-device table names its device in
the primary key and cascades from ``devices``, so deleting a device deletes its rows.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

_V1_SIGNAL = """
CREATE TABLE devices (
    device_id TEXT PRIMARY KEY NOT NULL
) WITHOUT ROWID;

CREATE TABLE credentials (
    device_id TEXT PRIMARY KEY NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    data BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE identities (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    identity_key BLOB NOT NULL,
    PRIMARY KEY (device_id, address)
) WITHOUT ROWID;

CREATE TABLE prekeys (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    key_id INTEGER NOT NULL CHECK (key_id >= 0 AND key_id < 16777216),
    record BLOB NOT NULL,
    uploaded INTEGER NOT NULL DEFAULT 0 CHECK (uploaded IN (0, 1)),
    PRIMARY KEY (device_id, key_id)
) WITHOUT ROWID;

CREATE TABLE signed_prekeys (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    key_id INTEGER NOT NULL CHECK (key_id >= 0 AND key_id < 16777216),
    record BLOB NOT NULL,
    PRIMARY KEY (device_id, key_id)
) WITHOUT ROWID;

CREATE TABLE sessions (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    record BLOB NOT NULL,
    PRIMARY KEY (device_id, address)
) WITHOUT ROWID;

CREATE TABLE sender_keys (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    record BLOB NOT NULL,
    PRIMARY KEY (device_id, group_id, sender)
) WITHOUT ROWID;
"""

_V2_MESSAGES_AND_KV = """
CREATE TABLE processed_messages (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    chat TEXT NOT NULL,
    sender TEXT NOT NULL,
    message_id TEXT NOT NULL,
    processed_at REAL NOT NULL,
    PRIMARY KEY (device_id, chat, sender, message_id)
) WITHOUT ROWID;

CREATE INDEX processed_messages_age ON processed_messages (device_id, processed_at);

CREATE TABLE kv (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (device_id, namespace, key)
) WITHOUT ROWID;
"""

_V3_LID_MAPPINGS = """
CREATE TABLE lid_mappings (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    lid TEXT NOT NULL,
    pn TEXT NOT NULL,
    PRIMARY KEY (device_id, lid)
) WITHOUT ROWID;

CREATE UNIQUE INDEX lid_mappings_pn ON lid_mappings (device_id, pn);
"""

_V4_APP_STATE = """
CREATE TABLE app_state_keys (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    key_id BLOB NOT NULL,
    key_data BLOB NOT NULL,
    timestamp INTEGER NOT NULL,
    PRIMARY KEY (device_id, key_id)
) WITHOUT ROWID;

CREATE TABLE app_state_versions (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    lthash BLOB NOT NULL,
    PRIMARY KEY (device_id, name)
) WITHOUT ROWID;

CREATE TABLE app_state_macs (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    index_mac BLOB NOT NULL,
    value_mac BLOB NOT NULL,
    PRIMARY KEY (device_id, name, index_mac)
) WITHOUT ROWID;

CREATE TABLE contacts (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    jid TEXT NOT NULL,
    full_name TEXT,
    first_name TEXT,
    push_name TEXT,
    PRIMARY KEY (device_id, jid)
) WITHOUT ROWID;

CREATE TABLE chat_settings (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    jid TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    muted_until INTEGER NOT NULL DEFAULT 0,
    unread INTEGER NOT NULL DEFAULT 0 CHECK (unread IN (0, 1)),
    PRIMARY KEY (device_id, jid)
) WITHOUT ROWID;
"""

# Sent messages move out of the key-value table into their own, with the send time as a
# column, so that retention deletes old rows through an index instead of parsing JSON.
# Rows from before carry no time both engines can read in SQL: they count as oldest.
_V5_SENT_MESSAGES = """
CREATE TABLE sent_messages (
    device_id TEXT NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    sent_at REAL NOT NULL,
    record BLOB NOT NULL,
    PRIMARY KEY (device_id, message_id)
) WITHOUT ROWID;

CREATE INDEX sent_messages_age ON sent_messages (device_id, sent_at);

INSERT INTO sent_messages (device_id, message_id, sent_at, record)
    SELECT device_id, key, 0, value FROM kv WHERE namespace = 'sent-messages';

DELETE FROM kv WHERE namespace = 'sent-messages';
"""

_V6_LEASES = """
CREATE TABLE leases (
    device_id TEXT PRIMARY KEY NOT NULL REFERENCES devices (device_id) ON DELETE CASCADE,
    owner TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    expires_at REAL NOT NULL
) WITHOUT ROWID;
"""

#: The migration scripts, in order: 1 = Signal state, 2 = processed ids and key-value,
#: 3 = PN<->LID mappings, 4 = app-state sync (keys, collection versions and index MACs,
#: contacts, chat settings), 5 = sent messages with their send time, 6 = device leases
#: (which host runs a device).
MIGRATIONS: tuple[str, ...] = (
    _V1_SIGNAL,
    _V2_MESSAGES_AND_KV,
    _V3_LID_MAPPINGS,
    _V4_APP_STATE,
    _V5_SENT_MESSAGES,
    _V6_LEASES,
)

#: The version a database has once every migration ran.
SCHEMA_VERSION = len(MIGRATIONS)
