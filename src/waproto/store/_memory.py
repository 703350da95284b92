"""An in-memory store with the SQLite store's behaviour, for tests.

Each table is a dict keyed by tuples that start with the device id. A transaction
works on a copy-on-write view of the committed tables: a table is copied the first
time the transaction writes it, commit swaps the view in, rollback drops it. Reads
outside a transaction see the committed tables directly.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from waproto.errors import LeaseLost, StoreError
from waproto.store._credentials import Credentials
from waproto.store._leases import Lease
from waproto.store._protocols import ChatSettings, Contact
from waproto.store._transactions import DeviceView, Transaction, TransactionalDatabase

__all__ = ["MemoryDeviceStore", "MemoryStore"]

_Table = dict[tuple[Any, ...], Any]

_TABLES = (
    "devices",
    "credentials",
    "identities",
    "prekeys",
    "signed_prekeys",
    "sessions",
    "sender_keys",
    "processed_messages",
    "sent_messages",
    "kv",
    "lid_by_pn",
    "pn_by_lid",
    "app_state_keys",
    "app_state_versions",
    "app_state_macs",
    "contacts",
    "chat_settings",
    "leases",
)


class _View:
    """A transaction's tables: shared with the committed state until first written."""

    __slots__ = ("owned", "tables")

    def __init__(self, tables: dict[str, _Table], owned: set[str] | None = None) -> None:
        self.tables = tables
        self.owned = owned if owned is not None else set()

    def writable(self, name: str) -> _Table:
        if name not in self.owned:
            self.tables[name] = dict(self.tables[name])
            self.owned.add(name)
        return self.tables[name]

    def fork(self) -> _View:
        """A copy for a savepoint; from now on both sides copy a table before writing it."""
        saved = _View(dict(self.tables), self.owned)
        self.owned = set()
        return saved


class MemoryStore(TransactionalDatabase):
    """Many devices in process memory, with the same transaction semantics as SQLite.

    One view holds the open transaction's tables, so transactions run one at a time.
    """

    _parallel_devices = False

    def __init__(self) -> None:
        super().__init__()
        self._committed: dict[str, _Table] = {name: {} for name in _TABLES}
        self._view: _View | None = None
        self._saved: dict[str, _View] = {}

    async def _close(self) -> None:
        self._view = None

    # Transaction hooks.

    async def _begin(self, tx: Transaction) -> None:
        self._view = _View(dict(self._committed))

    async def _commit(self, tx: Transaction) -> None:
        assert self._view is not None
        leases = self._committed["leases"]
        for device_id, owner, epoch in self._fence_checks(tx):
            if leases.get((device_id,)) is None or leases[(device_id,)][:2] != (owner, epoch):
                self._view = None
                raise LeaseLost(f"lease lost: {(device_id, owner, epoch)}")
        self._committed = self._view.tables
        self._view = None

    async def _rollback(self, tx: Transaction) -> None:
        self._view = None

    async def _savepoint(self, tx: Transaction, name: str) -> None:
        assert self._view is not None
        self._saved[name] = self._view.fork()

    async def _release(self, tx: Transaction, name: str) -> None:
        assert self._view is not None
        self._view.owned |= self._saved.pop(name).owned

    async def _rollback_to(self, tx: Transaction, name: str) -> None:
        self._view = self._saved.pop(name)

    # Table access.

    def _read_table(self, name: str) -> _Table:
        self._check_open()
        if self._view is not None and self._current() is not None:
            return self._view.tables[name]
        return self._committed[name]

    def _write_table(self, name: str, device_id: str | None = None, *, touches: str | None = None) -> _Table:
        """The writable table of the current transaction; unknown devices fail like a foreign key.

        ``device_id`` (checked to exist) or ``touches`` names the device written, for fencing.
        """
        tx = self._current()
        assert self._view is not None and tx is not None
        if device_id is not None and (device_id,) not in self._view.tables["devices"]:
            raise StoreError(f"write failed: unknown device {device_id!r}")
        if device_id or touches:
            tx.devices.add(device_id or touches or "")
        return self._view.writable(name)

    # Leases (see waproto.store._leases); each is its own committed transaction.

    async def acquire_lease(self, device_id: str, owner: str, ttl: float) -> Lease | None:
        now = time.time()
        async with self.transaction():
            if (device_id,) not in self._read_table("devices"):
                raise StoreError(f"write failed: unknown device {device_id!r}")
            table = self._write_table("leases")
            current = table.get((device_id,))
            if current is not None and current[0] != owner and current[2] >= now:
                return None
            epoch = 1 if current is None else current[1] + 1
            table[(device_id,)] = (owner, epoch, now + ttl)
        return Lease(device_id, owner, epoch, now + ttl)

    async def renew_leases(self, leases: Sequence[Lease], ttl: float) -> list[Lease]:
        renewed = []
        async with self.transaction():
            table = self._write_table("leases")
            for lease in leases:
                key = (lease.device_id,)
                if table.get(key, ())[:2] == (lease.owner, lease.epoch):
                    table[key] = (lease.owner, lease.epoch, time.time() + ttl)
                    renewed.append(Lease(lease.device_id, lease.owner, lease.epoch, table[key][2]))
        return renewed

    async def release_lease(self, lease: Lease) -> None:
        async with self.transaction():
            table = self._write_table("leases")
            if table.get((lease.device_id,), ())[:2] == (lease.owner, lease.epoch):
                table[(lease.device_id,)] = (lease.owner, lease.epoch, 0.0)

    async def get_lease(self, device_id: str) -> Lease | None:
        row = self._read_table("leases").get((device_id,))
        return None if row is None else Lease(device_id, *row)

    # Devices.

    def device(self, device_id: str) -> MemoryDeviceStore:
        """A view bound to one device (the device may not exist yet)."""
        return MemoryDeviceStore(self, device_id)

    async def create_device(self, device_id: str) -> MemoryDeviceStore:
        """Create the device if missing and return its view."""
        async with self.transaction():
            self._write_table("devices")[(device_id,)] = None
        return self.device(device_id)

    async def delete_device(self, device_id: str) -> None:
        """Delete the device and every row keyed by it."""
        async with self.transaction():
            for name in _TABLES:
                table = self._write_table(name)
                for key in [key for key in table if key[0] == device_id]:
                    del table[key]

    async def list_devices(self) -> list[str]:
        """Every device id, sorted."""
        return sorted(key[0] for key in self._read_table("devices"))


class MemoryDeviceStore(DeviceView[MemoryStore]):
    """The stores of one device in a :class:`MemoryStore`."""

    __slots__ = ()

    def _get(self, table: str, *key: Any) -> Any:
        return self._db._read_table(table).get((self.device_id, *key))

    def _blob(self, table: str, *key: Any) -> bytes | None:
        value = self._get(table, *key)
        return None if value is None else bytes(value)

    async def _set(self, table: str, items: Iterable[tuple[tuple[Any, ...], Any]]) -> None:
        async with self._db.transaction():
            rows = self._db._write_table(table, self.device_id)
            for key, value in items:
                rows[(self.device_id, *key)] = value

    async def _delete(self, table: str, *key: Any) -> None:
        async with self._db.transaction():
            self._db._write_table(table, touches=self.device_id).pop((self.device_id, *key), None)

    def _rows(self, table: str) -> list[tuple[tuple[Any, ...], Any]]:
        return sorted(
            (key[1:], value) for key, value in self._db._read_table(table).items() if key[0] == self.device_id
        )

    # CredentialStore

    async def get_credentials(self) -> Credentials | None:
        data = self._get("credentials")
        return None if data is None else Credentials.from_bytes(data)

    async def put_credentials(self, credentials: Credentials) -> None:
        await self._set("credentials", [((), credentials.to_bytes())])

    # IdentityStore

    async def get_identity(self, address: str) -> bytes | None:
        return self._blob("identities", address)

    async def put_identity(self, address: str, key: bytes) -> None:
        await self._set("identities", [((address,), bytes(key))])

    async def delete_identity(self, address: str) -> None:
        await self._delete("identities", address)

    async def is_trusted_identity(self, address: str, key: bytes) -> bool:
        stored = await self.get_identity(address)
        return stored is None or stored == key

    # PreKeyStore

    async def get_prekey(self, key_id: int) -> bytes | None:
        row = self._get("prekeys", key_id)
        return None if row is None else bytes(row[0])

    async def put_prekeys(self, prekeys: Iterable[tuple[int, bytes]]) -> None:
        await self._set("prekeys", [((key_id,), (bytes(record), False)) for key_id, record in prekeys])

    async def remove_prekey(self, key_id: int) -> None:
        await self._delete("prekeys", key_id)

    async def get_unuploaded_prekeys(self, limit: int) -> list[tuple[int, bytes]]:
        pending = [(key[0], record) for key, (record, uploaded) in self._rows("prekeys") if not uploaded]
        return pending[:limit]

    async def mark_prekeys_uploaded(self, up_to_id: int) -> None:
        async with self._db.transaction():
            table = self._db._write_table("prekeys", touches=self.device_id)
            for key, (record, uploaded) in list(table.items()):
                if key[0] == self.device_id and key[1] <= up_to_id and not uploaded:
                    table[key] = (record, True)

    async def count_prekeys(self, *, uploaded: bool | None = None) -> int:
        return sum(1 for _, (_, flag) in self._rows("prekeys") if uploaded is None or flag == uploaded)

    # SignedPreKeyStore

    async def get_signed_prekey(self, key_id: int) -> bytes | None:
        return self._blob("signed_prekeys", key_id)

    async def put_signed_prekey(self, key_id: int, record: bytes) -> None:
        await self._set("signed_prekeys", [((key_id,), bytes(record))])

    async def remove_signed_prekey(self, key_id: int) -> None:
        await self._delete("signed_prekeys", key_id)

    async def list_signed_prekey_ids(self) -> list[int]:
        return [key[0] for key, _ in self._rows("signed_prekeys")]

    # SessionStore

    async def get_session(self, address: str) -> bytes | None:
        return self._blob("sessions", address)

    async def get_sessions(self, addresses: Sequence[str]) -> dict[str, bytes]:
        table = self._db._read_table("sessions")
        found = {address: table.get((self.device_id, address)) for address in addresses}
        return {address: record for address, record in found.items() if record is not None}

    async def put_session(self, address: str, record: bytes) -> None:
        await self.put_sessions({address: record})

    async def put_sessions(self, records: Mapping[str, bytes]) -> None:
        await self._set("sessions", [((address,), bytes(record)) for address, record in records.items()])

    async def delete_session(self, address: str) -> None:
        await self._delete("sessions", address)

    async def has_session(self, address: str) -> bool:
        return self._get("sessions", address) is not None

    # SenderKeyStore

    async def get_sender_key(self, group: str, sender: str) -> bytes | None:
        return self._blob("sender_keys", group, sender)

    async def put_sender_key(self, group: str, sender: str, record: bytes) -> None:
        await self._set("sender_keys", [((group, sender), bytes(record))])

    async def delete_sender_key(self, group: str, sender: str) -> None:
        await self._delete("sender_keys", group, sender)

    async def processed_and_session(
        self, keys: Sequence[tuple[str, str, str]], address: str
    ) -> tuple[bool, bytes | None]:
        processed = any(self._get("processed_messages", *key) is not None for key in keys)
        return processed, self._blob("sessions", address)

    # ProcessedMessageStore

    async def is_processed(self, chat: str, sender: str, message_id: str) -> bool:
        return self._get("processed_messages", chat, sender, message_id) is not None

    async def mark_processed(self, chat: str, sender: str, message_id: str, *, at: float) -> None:
        await self._set("processed_messages", [((chat, sender, message_id), float(at))])

    async def prune_processed(self, before: float) -> int:
        return await self._prune("processed_messages", lambda at: float(at) < before)

    # SentMessageStore

    async def get_sent_message(self, message_id: str) -> bytes | None:
        row = self._get("sent_messages", message_id)
        return bytes(row[1]) if row is not None else None

    async def put_sent_message(self, message_id: str, record: bytes, *, at: float) -> None:
        await self._set("sent_messages", [((message_id,), (float(at), bytes(record)))])

    async def prune_sent_messages(self, before: float) -> int:
        return await self._prune("sent_messages", lambda row: float(row[0]) < before)

    async def _prune(self, table_name: str, old: Callable[[Any], bool]) -> int:
        async with self._db.transaction():
            table = self._db._write_table(table_name, touches=self.device_id)
            keys = [key for key, value in table.items() if key[0] == self.device_id and old(value)]
            for key in keys:
                del table[key]
            return len(keys)

    # KeyValueStore

    async def get(self, namespace: str, key: str) -> bytes | None:
        return self._blob("kv", namespace, key)

    async def put(self, namespace: str, key: str, value: bytes) -> None:
        await self._set("kv", [((namespace, key), bytes(value))])

    async def delete(self, namespace: str, key: str) -> None:
        await self._delete("kv", namespace, key)

    async def delete_later(self, namespace: str, key: str) -> None:
        # A write here costs no commit: nothing to save by waiting.
        await self.delete(namespace, key)

    async def flush(self) -> None:
        """Nothing is ever pending (``delete_later`` deletes at once)."""

    async def items(self, namespace: str) -> dict[str, bytes]:
        return {key[1]: value for key, value in self._rows("kv") if key[0] == namespace}

    # LIDMappingStore

    async def put_lid_mappings(self, pairs: Iterable[tuple[str, str]]) -> None:
        async with self._db.transaction():
            lids = self._db._write_table("lid_by_pn", self.device_id)
            pns = self._db._write_table("pn_by_lid", self.device_id)
            for lid, pn in pairs:
                # Like the SQLite unique constraints: drop the pairs this one supersedes.
                old_pn = pns.pop((self.device_id, lid), None)
                old_lid = lids.pop((self.device_id, pn), None)
                lids.pop((self.device_id, old_pn), None)
                pns.pop((self.device_id, old_lid), None)
                lids[(self.device_id, pn)] = lid
                pns[(self.device_id, lid)] = pn

    def _lookup(self, table: str, keys: Sequence[str]) -> dict[str, str]:
        rows = self._db._read_table(table)
        found = {key: rows.get((self.device_id, key)) for key in keys}
        return {key: value for key, value in found.items() if value is not None}

    async def get_lids_for_pns(self, pn_users: Sequence[str]) -> dict[str, str]:
        return self._lookup("lid_by_pn", pn_users)

    async def get_pns_for_lids(self, lid_users: Sequence[str]) -> dict[str, str]:
        return self._lookup("pn_by_lid", lid_users)

    async def move_signal_user(self, old_name: str, new_name: str) -> int:
        old = f"{old_name}."
        moved = 0
        async with self._db.transaction():
            for name in ("sessions", "identities"):
                table = self._db._write_table(name)
                count = 0
                for key in [key for key in table if key[0] == self.device_id and key[1].startswith(old)]:
                    record = table.pop(key)
                    target = (self.device_id, f"{new_name}.{key[1][len(old) :]}")
                    if target not in table:
                        table[target] = record
                        count += 1
                if name == "sessions":
                    moved = count
        return moved

    # AppStateStore

    async def put_app_state_keys(self, keys: Iterable[tuple[bytes, bytes, int]]) -> None:
        await self._set("app_state_keys", [((bytes(k),), (bytes(d), int(ts))) for k, d, ts in keys])

    async def get_app_state_keys(self, key_ids: Sequence[bytes]) -> dict[bytes, bytes]:
        found = {bytes(k): self._get("app_state_keys", bytes(k)) for k in key_ids}
        return {k: v[0] for k, v in found.items() if v is not None}

    async def get_latest_app_state_key(self) -> tuple[bytes, bytes] | None:
        rows = self._rows("app_state_keys")
        if not rows:
            return None
        (key_id,), (data, _ts) = max(rows, key=lambda row: (row[1][1], row[0][0]))
        return key_id, data

    async def get_app_state_version(self, name: str) -> tuple[int, bytes] | None:
        found: tuple[int, bytes] | None = self._get("app_state_versions", name)
        return found

    async def get_app_state_macs(self, name: str, index_macs: Sequence[bytes]) -> dict[bytes, bytes]:
        found = {bytes(i): self._get("app_state_macs", name, bytes(i)) for i in index_macs}
        return {i: v for i, v in found.items() if v is not None}

    async def put_app_state_version(
        self,
        name: str,
        version: int,
        lthash: bytes,
        value_macs: Mapping[bytes, bytes | None],
        *,
        replace_all: bool = False,
    ) -> None:
        async with self._db.transaction():
            macs = self._db._write_table("app_state_macs", self.device_id)
            if replace_all:
                for key in [k for k in macs if k[0] == self.device_id and k[1] == name]:
                    del macs[key]
            for index, value in value_macs.items():
                if value is None:
                    macs.pop((self.device_id, name, bytes(index)), None)
                else:
                    macs[(self.device_id, name, bytes(index))] = bytes(value)
            versions = self._db._write_table("app_state_versions", self.device_id)
            versions[(self.device_id, name)] = (int(version), bytes(lthash))

    # ContactStore

    def _by_jid(self, table: str, jids: Sequence[str] | None) -> dict[str, Any]:
        if jids is None:
            return {key[0]: value for key, value in self._rows(table)}
        found = {jid: self._get(table, jid) for jid in jids}
        return {jid: value for jid, value in found.items() if value is not None}

    async def get_contacts(self, jids: Sequence[str] | None = None) -> dict[str, Contact]:
        return self._by_jid("contacts", jids)

    async def put_contacts(self, contacts: Iterable[Contact]) -> None:
        await self._set("contacts", [((c.jid,), c) for c in contacts])

    async def get_chat_settings(self, jids: Sequence[str] | None = None) -> dict[str, ChatSettings]:
        return self._by_jid("chat_settings", jids)

    async def put_chat_settings(self, chats: Iterable[ChatSettings]) -> None:
        await self._set("chat_settings", [((c.jid,), c) for c in chats])
