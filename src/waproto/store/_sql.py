"""The per-device stores written once in SQL that SQLite and PostgreSQL both run.

Statements use ``?`` placeholders and ``INSERT ... ON CONFLICT`` upserts, which both
engines understand; :class:`SQLDatabase` subclasses run them (PostgreSQL renumbers
the placeholders). Writes are buffered in the transaction and sent at commit, so a
device's writes cost no round trip until then.
"""

from __future__ import annotations

import contextlib
import functools
from abc import abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from waproto.errors import LeaseLost, StoreError
from waproto.store._credentials import Credentials
from waproto.store._leases import LEASE_CHECK, SQLLeases
from waproto.store._protocols import ChatSettings, Contact
from waproto.store._transactions import BufferedDatabase, Check, DeviceView, Transaction, Write

__all__ = ["SQLDatabase", "SQLDeviceStore"]

#: Addresses per ``IN (...)`` query; well under both engines' bound-parameter limits.
_IN_CHUNK = 500

_Row = tuple[Any, ...]


@functools.cache
def _upsert(table: str, keys: str, values: str) -> str:
    """``INSERT`` that replaces the non-key columns of an existing row."""
    columns = f"{keys}, {values}"
    marks = ", ".join("?" * len(columns.split(", ")))
    updates = ", ".join(f"{c} = excluded.{c}" for c in values.split(", "))
    return f"INSERT INTO {table} ({columns}) VALUES ({marks}) ON CONFLICT ({keys}) DO UPDATE SET {updates}"  # noqa: S608


class SQLDatabase(SQLLeases, BufferedDatabase):
    """A SQL backend: run reads (seeing the transaction's writes), buffer writes, commit.

    A *deferred* write (:meth:`SQLDeviceStore.delete_later`) costs no commit of its own:
    it rides on the device's next commit, or is committed by ``flush`` and ``close``.
    """

    def __init__(self) -> None:
        super().__init__()
        #: device id -> writes waiting for that device's next commit
        self._deferred: dict[str, list[Write]] = {}

    @abstractmethod
    async def _run_fetch(self, sql: str, params: Sequence[Any], pending: Sequence[Write]) -> list[_Row]:
        """Backend hook: rows of one query as seen after ``pending`` (the open transaction's writes)."""

    @abstractmethod
    async def _run_count(self, write: Write, pending: Sequence[Write]) -> int:
        """Backend hook: rows ``write`` changes after ``pending``, changing nothing."""

    async def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[_Row]:
        """Rows of a query: committed state, plus the caller's own uncommitted writes."""
        self._check_open()
        tx = self._current()
        return await self._run_fetch(sql, params, tx.writes if tx is not None else ())

    async def _fetch_value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = await self._fetch(sql, params)
        return rows[0][0] if rows else None

    async def _write(self, sql: str, params: Sequence[Any] = (), *, device: str | None = None) -> None:
        """Buffer one statement in the caller's transaction, or commit it alone (scoped to ``device``)."""
        await self._write_many(sql, (params,), device=device)

    async def _write_many(
        self, sql: str, rows: Iterable[Sequence[Any]], *, device: str | None = None
    ) -> None:
        listed = list(rows)
        if not listed:
            return
        async with self._writing(device) as tx:
            tx.writes.append((sql, listed))

    async def _write_counted(self, sql: str, params: Sequence[Any], *, device: str | None = None) -> int:
        """Like :meth:`_write`, and return how many rows it changes (one extra round trip)."""
        async with self._writing(device) as tx:
            count = await self._run_count((sql, [params]), tx.writes)
            tx.writes.append((sql, [params]))
            return count

    async def _commit(self, tx: Transaction) -> None:
        deferred = {d: self._deferred.pop(d) for d in sorted(tx.devices) if d in self._deferred}
        writes = [write for pending in deferred.values() for write in pending] + tx.writes
        if not writes:
            return
        try:
            await self._commit_writes(writes, [(LEASE_CHECK, check) for check in self._fence_checks(tx)])
        except LeaseLost:
            raise  # the device runs elsewhere now: its deferred writes are that host's business
        except BaseException:
            for device_id, pending in deferred.items():
                self._deferred[device_id] = pending + self._deferred.get(device_id, [])
            raise

    def _defer(self, device_id: str, write: Write) -> None:
        self._deferred.setdefault(device_id, []).append(write)

    async def _flush(self, device_id: str) -> None:
        """Commit the device's deferred writes now (with the caller's transaction, when in one)."""
        if device_id in self._deferred:
            async with self._writing(device_id):
                pass

    async def close(self) -> None:
        """Commit every deferred write, then close (see :meth:`TransactionalDatabase.close`)."""
        if not self._closed and self._current() is None:
            for device_id in list(self._deferred):
                with contextlib.suppress(StoreError):
                    await self._flush(device_id)
        await super().close()

    @abstractmethod
    async def _commit_writes(self, writes: list[Write], checks: list[Check]) -> None:
        """Backend hook: apply ``writes`` as one durable transaction; return once it is durable.

        Each check is a query that must return a row inside that transaction, else
        nothing is applied and :class:`~waproto.errors.LeaseLost` is raised.
        """

    @abstractmethod
    async def _execute_committed(self, sql: str, params: Sequence[Any]) -> list[_Row]:
        """Backend hook: run one statement in a transaction of its own, committed; return its rows."""

    # Devices.

    def device(self, device_id: str) -> SQLDeviceStore:
        """A view bound to one device (no query; the device may not exist yet)."""
        return SQLDeviceStore(self, device_id)

    async def create_device(self, device_id: str) -> SQLDeviceStore:
        """Create the device row if missing and return the device's view."""
        sql = "INSERT INTO devices (device_id) VALUES (?) ON CONFLICT (device_id) DO NOTHING"
        await self._write(sql, (device_id,), device=device_id)
        return self.device(device_id)

    async def delete_device(self, device_id: str) -> None:
        """Delete the device; foreign keys cascade to every row it owns."""
        self._deferred.pop(device_id, None)
        await self._write("DELETE FROM devices WHERE device_id = ?", (device_id,), device=device_id)

    async def list_devices(self) -> list[str]:
        """Every device id, sorted."""
        return [row[0] for row in await self._fetch("SELECT device_id FROM devices ORDER BY device_id")]


class SQLDeviceStore(DeviceView[SQLDatabase]):
    """The stores of one device in a SQL database: a two-field view, no state."""

    __slots__ = ()

    async def _get(self, sql: str, *params: Any) -> bytes | None:
        value = await self._db._fetch_value(sql, (self.device_id, *params))
        return None if value is None else bytes(value)

    async def _exists(self, sql: str, *params: Any) -> bool:
        return await self._db._fetch_value(sql, (self.device_id, *params)) is not None

    async def _count(self, sql: str, *params: Any) -> int:
        return int(await self._db._fetch_value(sql, (self.device_id, *params)) or 0)

    async def _put(self, sql: str, *params: Any) -> None:
        await self._db._write(sql, (self.device_id, *params), device=self.device_id)

    async def _fetch_in(self, select: str, keys: Sequence[Any], *params: Any) -> list[_Row]:
        """Run ``select`` + ``IN (...)`` over ``keys`` in chunks; ``select`` binds the device first."""
        rows: list[_Row] = []
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _IN_CHUNK):
            chunk = unique[start : start + _IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows += await self._db._fetch(f"{select} IN ({marks})", (self.device_id, *params, *chunk))
        return rows

    async def _put_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        device_id = self.device_id
        await self._db._write_many(sql, [(device_id, *row) for row in rows], device=device_id)

    # CredentialStore

    async def get_credentials(self) -> Credentials | None:
        data = await self._get("SELECT data FROM credentials WHERE device_id = ?")
        return None if data is None else Credentials.from_bytes(data)

    async def put_credentials(self, credentials: Credentials) -> None:
        await self._put(_upsert("credentials", "device_id", "data"), credentials.to_bytes())

    # IdentityStore

    async def get_identity(self, address: str) -> bytes | None:
        sql = "SELECT identity_key FROM identities WHERE device_id = ? AND address = ?"
        return await self._get(sql, address)

    async def put_identity(self, address: str, key: bytes) -> None:
        await self._put(_upsert("identities", "device_id, address", "identity_key"), address, bytes(key))

    async def delete_identity(self, address: str) -> None:
        await self._put("DELETE FROM identities WHERE device_id = ? AND address = ?", address)

    async def is_trusted_identity(self, address: str, key: bytes) -> bool:
        stored = await self.get_identity(address)
        return stored is None or stored == key

    # PreKeyStore

    async def get_prekey(self, key_id: int) -> bytes | None:
        return await self._get("SELECT record FROM prekeys WHERE device_id = ? AND key_id = ?", key_id)

    async def put_prekeys(self, prekeys: Iterable[tuple[int, bytes]]) -> None:
        sql = _upsert("prekeys", "device_id, key_id", "record, uploaded")
        await self._put_many(sql, [(key_id, bytes(record), 0) for key_id, record in prekeys])

    async def remove_prekey(self, key_id: int) -> None:
        await self._put("DELETE FROM prekeys WHERE device_id = ? AND key_id = ?", key_id)

    async def get_unuploaded_prekeys(self, limit: int) -> list[tuple[int, bytes]]:
        rows = await self._db._fetch(
            "SELECT key_id, record FROM prekeys WHERE device_id = ? AND uploaded = 0 ORDER BY key_id LIMIT ?",
            (self.device_id, limit),
        )
        return [(int(key_id), bytes(record)) for key_id, record in rows]

    async def mark_prekeys_uploaded(self, up_to_id: int) -> None:
        await self._put("UPDATE prekeys SET uploaded = 1 WHERE device_id = ? AND key_id <= ?", up_to_id)

    async def count_prekeys(self, *, uploaded: bool | None = None) -> int:
        if uploaded is None:
            return await self._count("SELECT COUNT(*) FROM prekeys WHERE device_id = ?")
        return await self._count(
            "SELECT COUNT(*) FROM prekeys WHERE device_id = ? AND uploaded = ?", int(uploaded)
        )

    # SignedPreKeyStore

    async def get_signed_prekey(self, key_id: int) -> bytes | None:
        sql = "SELECT record FROM signed_prekeys WHERE device_id = ? AND key_id = ?"
        return await self._get(sql, key_id)

    async def put_signed_prekey(self, key_id: int, record: bytes) -> None:
        await self._put(_upsert("signed_prekeys", "device_id, key_id", "record"), key_id, bytes(record))

    async def remove_signed_prekey(self, key_id: int) -> None:
        await self._put("DELETE FROM signed_prekeys WHERE device_id = ? AND key_id = ?", key_id)

    async def list_signed_prekey_ids(self) -> list[int]:
        rows = await self._db._fetch(
            "SELECT key_id FROM signed_prekeys WHERE device_id = ? ORDER BY key_id", (self.device_id,)
        )
        return [int(row[0]) for row in rows]

    # SessionStore

    async def get_session(self, address: str) -> bytes | None:
        return await self._get("SELECT record FROM sessions WHERE device_id = ? AND address = ?", address)

    async def get_sessions(self, addresses: Sequence[str]) -> dict[str, bytes]:
        sql = "SELECT address, record FROM sessions WHERE device_id = ? AND address"
        return {str(address): bytes(record) for address, record in await self._fetch_in(sql, addresses)}

    async def put_session(self, address: str, record: bytes) -> None:
        await self.put_sessions({address: record})

    async def put_sessions(self, records: Mapping[str, bytes]) -> None:
        sql = _upsert("sessions", "device_id, address", "record")
        await self._put_many(sql, [(address, bytes(record)) for address, record in records.items()])

    async def delete_session(self, address: str) -> None:
        await self._put("DELETE FROM sessions WHERE device_id = ? AND address = ?", address)

    async def has_session(self, address: str) -> bool:
        return await self._exists("SELECT 1 FROM sessions WHERE device_id = ? AND address = ?", address)

    # SenderKeyStore

    async def get_sender_key(self, group: str, sender: str) -> bytes | None:
        sql = "SELECT record FROM sender_keys WHERE device_id = ? AND group_id = ? AND sender = ?"
        return await self._get(sql, group, sender)

    async def put_sender_key(self, group: str, sender: str, record: bytes) -> None:
        sql = _upsert("sender_keys", "device_id, group_id, sender", "record")
        await self._put(sql, group, sender, bytes(record))

    async def delete_sender_key(self, group: str, sender: str) -> None:
        await self._put(
            "DELETE FROM sender_keys WHERE device_id = ? AND group_id = ? AND sender = ?", group, sender
        )

    async def processed_and_session(
        self, keys: Sequence[tuple[str, str, str]], address: str
    ) -> tuple[bool, bytes | None]:
        match = " OR ".join(["(chat = ? AND sender = ? AND message_id = ?)"] * len(keys)) or "FALSE"
        rows = await self._db._fetch(
            "SELECT EXISTS (SELECT 1 FROM processed_messages WHERE device_id = ? AND ("  # noqa: S608
            + match
            + ")), (SELECT record FROM sessions WHERE device_id = ? AND address = ?)",
            (self.device_id, *(part for key in keys for part in key), self.device_id, address),
        )
        processed, record = rows[0]
        return bool(processed), None if record is None else bytes(record)

    # ProcessedMessageStore

    async def is_processed(self, chat: str, sender: str, message_id: str) -> bool:
        sql = (
            "SELECT 1 FROM processed_messages"
            " WHERE device_id = ? AND chat = ? AND sender = ? AND message_id = ?"
        )
        return await self._exists(sql, chat, sender, message_id)

    async def mark_processed(self, chat: str, sender: str, message_id: str, *, at: float) -> None:
        sql = _upsert("processed_messages", "device_id, chat, sender, message_id", "processed_at")
        await self._put(sql, chat, sender, message_id, float(at))

    async def prune_processed(self, before: float) -> int:
        return await self._db._write_counted(
            "DELETE FROM processed_messages WHERE device_id = ? AND processed_at < ?",
            (self.device_id, float(before)),
            device=self.device_id,
        )

    # SentMessageStore

    async def get_sent_message(self, message_id: str) -> bytes | None:
        sql = "SELECT record FROM sent_messages WHERE device_id = ? AND message_id = ?"
        return await self._get(sql, message_id)

    async def put_sent_message(self, message_id: str, record: bytes, *, at: float) -> None:
        sql = _upsert("sent_messages", "device_id, message_id", "sent_at, record")
        await self._put(sql, message_id, float(at), bytes(record))

    async def prune_sent_messages(self, before: float) -> int:
        return await self._db._write_counted(
            "DELETE FROM sent_messages WHERE device_id = ? AND sent_at < ?",
            (self.device_id, float(before)),
            device=self.device_id,
        )

    # KeyValueStore

    async def get(self, namespace: str, key: str) -> bytes | None:
        return await self._get(
            "SELECT value FROM kv WHERE device_id = ? AND namespace = ? AND key = ?", namespace, key
        )

    async def put(self, namespace: str, key: str, value: bytes) -> None:
        await self._put(_upsert("kv", "device_id, namespace, key", "value"), namespace, key, bytes(value))

    async def delete(self, namespace: str, key: str) -> None:
        await self._put("DELETE FROM kv WHERE device_id = ? AND namespace = ? AND key = ?", namespace, key)

    async def delete_later(self, namespace: str, key: str) -> None:
        sql = "DELETE FROM kv WHERE device_id = ? AND namespace = ? AND key = ?"
        self._db._defer(self.device_id, (sql, [(self.device_id, namespace, key)]))

    async def flush(self) -> None:
        await self._db._flush(self.device_id)

    async def items(self, namespace: str) -> dict[str, bytes]:
        rows = await self._db._fetch(
            "SELECT key, value FROM kv WHERE device_id = ? AND namespace = ? ORDER BY key",
            (self.device_id, namespace),
        )
        return {str(key): bytes(value) for key, value in rows}

    # LIDMappingStore

    async def put_lid_mappings(self, pairs: Iterable[tuple[str, str]]) -> None:
        # Delete-then-insert drops the pairs that share the LID or the PN (both are unique).
        async with self.transaction():
            for lid, pn in pairs:
                await self._put(
                    "DELETE FROM lid_mappings WHERE device_id = ? AND (lid = ? OR pn = ?)", lid, pn
                )
                await self._put("INSERT INTO lid_mappings (device_id, lid, pn) VALUES (?, ?, ?)", lid, pn)

    async def get_lids_for_pns(self, pn_users: Sequence[str]) -> dict[str, str]:
        rows = await self._fetch_in("SELECT pn, lid FROM lid_mappings WHERE device_id = ? AND pn", pn_users)
        return {str(pn): str(lid) for pn, lid in rows}

    async def get_pns_for_lids(self, lid_users: Sequence[str]) -> dict[str, str]:
        rows = await self._fetch_in("SELECT lid, pn FROM lid_mappings WHERE device_id = ? AND lid", lid_users)
        return {str(lid): str(pn) for lid, pn in rows}

    async def move_signal_user(self, old_name: str, new_name: str) -> int:
        old, new = f"{old_name}.", f"{new_name}."
        cut = len(old)
        moved = 0
        async with self.transaction():
            for table in ("sessions", "identities"):
                # A record already under the new address wins: drop the old twin first.
                await self._put(
                    f"DELETE FROM {table} WHERE device_id = ? AND substr(address, 1, ?) = ?"  # noqa: S608
                    f" AND ? || substr(address, ?) IN (SELECT address FROM {table} WHERE device_id = ?)",
                    cut,
                    old,
                    new,
                    cut + 1,
                    self.device_id,
                )
                count = await self._db._write_counted(
                    f"UPDATE {table} SET address = ? || substr(address, ?)"  # noqa: S608
                    " WHERE device_id = ? AND substr(address, 1, ?) = ?",
                    (new, cut + 1, self.device_id, cut, old),
                    device=self.device_id,
                )
                if table == "sessions":
                    moved = count
        return moved

    # AppStateStore

    async def put_app_state_keys(self, keys: Iterable[tuple[bytes, bytes, int]]) -> None:
        sql = _upsert("app_state_keys", "device_id, key_id", "key_data, timestamp")
        await self._put_many(sql, [(bytes(key_id), bytes(data), int(ts)) for key_id, data, ts in keys])

    async def get_app_state_keys(self, key_ids: Sequence[bytes]) -> dict[bytes, bytes]:
        sql = "SELECT key_id, key_data FROM app_state_keys WHERE device_id = ? AND key_id"
        return {bytes(k): bytes(v) for k, v in await self._fetch_in(sql, [bytes(k) for k in key_ids])}

    async def get_latest_app_state_key(self) -> tuple[bytes, bytes] | None:
        rows = await self._db._fetch(
            "SELECT key_id, key_data FROM app_state_keys WHERE device_id = ?"
            " ORDER BY timestamp DESC, key_id DESC LIMIT 1",
            (self.device_id,),
        )
        return (bytes(rows[0][0]), bytes(rows[0][1])) if rows else None

    async def get_app_state_version(self, name: str) -> tuple[int, bytes] | None:
        rows = await self._db._fetch(
            "SELECT version, lthash FROM app_state_versions WHERE device_id = ? AND name = ?",
            (self.device_id, name),
        )
        return (int(rows[0][0]), bytes(rows[0][1])) if rows else None

    async def get_app_state_macs(self, name: str, index_macs: Sequence[bytes]) -> dict[bytes, bytes]:
        sql = "SELECT index_mac, value_mac FROM app_state_macs WHERE device_id = ? AND name = ? AND index_mac"
        rows = await self._fetch_in(sql, [bytes(m) for m in index_macs], name)
        return {bytes(k): bytes(v) for k, v in rows}

    async def put_app_state_version(
        self,
        name: str,
        version: int,
        lthash: bytes,
        value_macs: Mapping[bytes, bytes | None],
        *,
        replace_all: bool = False,
    ) -> None:
        async with self.transaction():
            if replace_all:
                await self._put("DELETE FROM app_state_macs WHERE device_id = ? AND name = ?", name)
            removed = [(name, bytes(index)) for index, value in value_macs.items() if value is None]
            await self._put_many(
                "DELETE FROM app_state_macs WHERE device_id = ? AND name = ? AND index_mac = ?", removed
            )
            sql = _upsert("app_state_macs", "device_id, name, index_mac", "value_mac")
            await self._put_many(
                sql, [(name, bytes(i), bytes(v)) for i, v in value_macs.items() if v is not None]
            )
            sql = _upsert("app_state_versions", "device_id, name", "version, lthash")
            await self._put(sql, name, int(version), bytes(lthash))

    # ContactStore

    async def get_contacts(self, jids: Sequence[str] | None = None) -> dict[str, Contact]:
        select = "SELECT jid, full_name, first_name, push_name FROM contacts WHERE device_id = ?"
        if jids is None:
            rows = await self._db._fetch(select + " ORDER BY jid", (self.device_id,))
        else:
            rows = await self._fetch_in(select + " AND jid", jids)
        return {str(row[0]): Contact(str(row[0]), row[1], row[2], row[3]) for row in rows}

    async def put_contacts(self, contacts: Iterable[Contact]) -> None:
        sql = _upsert("contacts", "device_id, jid", "full_name, first_name, push_name")
        await self._put_many(sql, [(c.jid, c.full_name, c.first_name, c.push_name) for c in contacts])

    async def get_chat_settings(self, jids: Sequence[str] | None = None) -> dict[str, ChatSettings]:
        select = "SELECT jid, archived, pinned, muted_until, unread FROM chat_settings WHERE device_id = ?"
        if jids is None:
            rows = await self._db._fetch(select + " ORDER BY jid", (self.device_id,))
        else:
            rows = await self._fetch_in(select + " AND jid", jids)
        return {
            str(jid): ChatSettings(str(jid), bool(archived), bool(pinned), int(muted), bool(unread))
            for jid, archived, pinned, muted, unread in rows
        }

    async def put_chat_settings(self, chats: Iterable[ChatSettings]) -> None:
        sql = _upsert("chat_settings", "device_id, jid", "archived, pinned, muted_until, unread")
        await self._put_many(
            sql, [(c.jid, int(c.archived), int(c.pinned), int(c.muted_until), int(c.unread)) for c in chats]
        )
