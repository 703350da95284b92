"""Hosts sharing one store: device leases with a fencing epoch, and queue wake-ups.

A lease row names the owner (a host id), an epoch and an expiry (wall-clock
seconds, so hosts compare it; their clocks must agree to well within the TTL).
Taking a lease that is free, expired or already ours bumps the epoch; renewing
keeps it. A store *fences* a device once its lease is taken: from then on every
transaction that writes the device also checks, inside the same database
transaction, that the lease row still has our owner and epoch, and fails with
:class:`~waproto.errors.LeaseLost` otherwise. A host that was paused past its
lease therefore writes nothing once another host took the device over.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

__all__ = ["LEASE_CHECK", "QUEUED", "RELEASED", "Lease", "LeaseStore", "SQLLeases"]

#: Leases per renewal statement (three parameters each; under both engines' limits).
_RENEW_CHUNK = 200

#: Notification kinds (see :meth:`LeaseStore.listen`).
QUEUED = "queue"
RELEASED = "released"

#: The fencing check run inside a commit: a row comes back only while the lease is ours.
LEASE_CHECK = "SELECT 1 FROM leases WHERE device_id = ? AND owner = ? AND epoch = ?"


@dataclass(frozen=True, slots=True)
class Lease:
    """One device's lease as a host holds it."""

    device_id: str
    owner: str
    epoch: int
    expires_at: float
    """Wall-clock seconds (``time.time()``)."""


@runtime_checkable
class LeaseStore(Protocol):
    """Leases and fencing, for stores that several hosts share."""

    async def acquire_lease(self, device_id: str, owner: str, ttl: float) -> Lease | None:
        """Take the device's lease for ``ttl`` seconds if it is free, expired or ``owner``'s (new epoch)."""

    async def renew_leases(self, leases: Sequence[Lease], ttl: float) -> list[Lease]:
        """Extend the leases still held (same owner and epoch); the others are missing from the result."""

    async def release_lease(self, lease: Lease) -> None:
        """Give the lease up (expires now; the epoch stays, so the next owner bumps it)."""

    async def get_lease(self, device_id: str) -> Lease | None:
        """The device's lease row as stored, expired or not."""

    def fence(self, lease: Lease) -> None:
        """From now on, writes to ``lease.device_id`` commit only while this lease holds."""

    def unfence(self, device_id: str) -> None:
        """Stop checking the device's lease (once this host no longer runs it)."""

    async def notify_queue(self, device_id: str) -> None:
        """Tell the listening hosts that the device's outbound queue has new rows."""

    async def notify_released(self, device_id: str) -> None:
        """Tell the listening hosts that the device's lease was given up (one may take it now)."""

    async def listen(self, callback: Callable[[str, str], None]) -> Callable[[], Awaitable[None]]:
        """Call ``callback(kind, device_id)`` on every notification (kind :data:`QUEUED` or
        :data:`RELEASED`); returns the coroutine that stops it.

        PostgreSQL delivers to every host (``LISTEN``/``NOTIFY``); the other stores only
        within this store object, so hosts on them poll instead.
        """


class SQLLeases(ABC):
    """The lease statements of the SQL stores (shared dialect; ``RETURNING`` needs SQLite 3.35)."""

    __slots__ = ()

    @abstractmethod
    async def _execute_committed(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        """Backend hook: one statement in a committed transaction of its own."""

    async def acquire_lease(self, device_id: str, owner: str, ttl: float) -> Lease | None:
        now = time.time()
        rows = await self._execute_committed(
            "INSERT INTO leases (device_id, owner, epoch, expires_at) VALUES (?, ?, 1, ?)"
            " ON CONFLICT (device_id) DO UPDATE SET owner = excluded.owner, epoch = leases.epoch + 1,"
            " expires_at = excluded.expires_at WHERE leases.owner = excluded.owner OR leases.expires_at < ?"
            " RETURNING epoch",
            (device_id, owner, now + ttl, now),
        )
        return Lease(device_id, owner, int(rows[0][0]), now + ttl) if rows else None

    async def renew_leases(self, leases: Sequence[Lease], ttl: float) -> list[Lease]:
        renewed: list[Lease] = []
        # One statement (one commit) per chunk: a host renews hundreds of leases at once.
        for start in range(0, len(leases), _RENEW_CHUNK):
            chunk = leases[start : start + _RENEW_CHUNK]
            expires = time.time() + ttl
            owners = {lease.owner for lease in chunk}
            if len(owners) != 1:
                raise ValueError("renew_leases renews the leases of one owner")
            marks = ", ".join("?" * len(chunk))
            rows = await self._execute_committed(
                f"UPDATE leases SET expires_at = ? WHERE owner = ? AND device_id IN ({marks})"  # noqa: S608
                " RETURNING device_id, epoch",
                (expires, chunk[0].owner, *(lease.device_id for lease in chunk)),
            )
            # Rows of ours with another epoch (this owner took the device again since) are
            # extended too, harmlessly, but the lease held here is not.
            current = {(str(device_id), int(epoch)) for device_id, epoch in rows}
            renewed += [
                Lease(x.device_id, x.owner, x.epoch, expires)
                for x in chunk
                if (x.device_id, x.epoch) in current
            ]
        return renewed

    async def release_lease(self, lease: Lease) -> None:
        await self._execute_committed(
            "UPDATE leases SET expires_at = 0 WHERE device_id = ? AND owner = ? AND epoch = ?"
            " RETURNING epoch",
            (lease.device_id, lease.owner, lease.epoch),
        )

    async def get_lease(self, device_id: str) -> Lease | None:
        rows = await self._execute_committed(
            "SELECT owner, epoch, expires_at FROM leases WHERE device_id = ?", (device_id,)
        )
        if not rows:
            return None
        owner, epoch, expires_at = rows[0]
        return Lease(device_id, str(owner), int(epoch), float(expires_at))
