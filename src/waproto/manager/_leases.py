"""The leases a manager holds when several hosts share one store (``host_id`` given).

A session connects only after its device's lease is taken (which fences the device
in the store: writes commit only while the lease holds). The manager's timer calls
:meth:`LeaseKeeper.overdue` and :meth:`LeaseKeeper.renew` every ``ttl / 5``: a lease
that could not be renewed within ``0.6 * ttl`` of its last renewal is given up locally
(its client closed) before it can expire (at the latest ``0.8 * ttl`` after that
renewal was sent), and one that another host took is closed at once. Times here are
monotonic; the store keeps wall-clock expiries.
"""

from __future__ import annotations

import logging
import time

import anyio

from waproto.errors import StoreError
from waproto.store import Lease, LeaseStore

__all__ = ["LeaseKeeper", "LeasedElsewhere"]

logger = logging.getLogger("waproto.manager")


class LeasedElsewhere(Exception):
    """Another host holds the device's lease; retry after ``delay`` seconds."""

    def __init__(self, owner: str, delay: float) -> None:
        super().__init__(f"leased by host {owner!r}")
        self.owner = owner
        self.delay = delay


class LeaseKeeper:
    """The leases of one host: take, renew, notice overdue ones, release."""

    __slots__ = ("_held", "_renewing", "_store", "host_id", "ttl")

    def __init__(self, store: LeaseStore, host_id: str, ttl: float) -> None:
        self._store = store
        self.host_id = host_id
        self.ttl = ttl
        #: session id -> (lease, monotonic time the renewal that produced it was sent)
        self._held: dict[str, tuple[Lease, float]] = {}
        self._renewing = False

    @property
    def store(self) -> LeaseStore:
        """The shared store."""
        return self._store

    @property
    def interval(self) -> float:
        """Seconds between renewal rounds."""
        return self.ttl / 5

    def holds(self, session_id: str) -> bool:
        return session_id in self._held

    async def acquire(self, session_id: str) -> None:
        """Take the lease and fence the device, or raise :class:`LeasedElsewhere`."""
        sent = anyio.current_time()
        lease = await self._store.acquire_lease(session_id, self.host_id, self.ttl)
        if lease is None:
            current = await self._store.get_lease(session_id)
            owner = current.owner if current is not None else "?"
            wait = (current.expires_at - time.time()) if current is not None else 0.0
            raise LeasedElsewhere(owner, max(wait, 0.0) + self.interval)
        self._store.fence(lease)
        self._held[session_id] = (lease, sent)
        logger.debug("host %s leased %s (epoch %d)", self.host_id, session_id, lease.epoch)

    def overdue(self, now: float) -> list[str]:
        """Sessions whose lease was not renewed in time: forget them (their clients must close now)."""
        late = [sid for sid, (_, renewed) in self._held.items() if now - renewed >= 0.6 * self.ttl]
        for session_id in late:
            del self._held[session_id]
        return late

    async def renew(self) -> list[str]:
        """Renew every held lease; return (and forget) the sessions whose lease another host took."""
        if not self._held or self._renewing:  # one round at a time, even when the store hangs
            return []
        sent = anyio.current_time()
        leases = [lease for lease, _ in self._held.values()]
        self._renewing = True
        try:
            renewed = await self._store.renew_leases(leases, self.ttl)
        except StoreError as exc:
            logger.warning("host %s: lease renewal failed: %s", self.host_id, exc)
            return []
        finally:
            self._renewing = False
        kept = {lease.device_id for lease in renewed}
        lost = []
        for lease in leases:
            if lease.device_id not in kept and self._held.get(lease.device_id, (None,))[0] == lease:
                del self._held[lease.device_id]
                lost.append(lease.device_id)
        for lease in renewed:
            held = self._held.get(lease.device_id)
            if held is not None and held[0].epoch == lease.epoch:
                self._held[lease.device_id] = (lease, sent)
        return lost

    async def release(self, session_id: str) -> None:
        """Give the lease up (the device stays fenced at its old epoch); standby hosts hear of it."""
        entry = self._held.pop(session_id, None)
        if entry is None:
            return
        try:
            await self._store.release_lease(entry[0])
            await self._store.notify_released(session_id)
        except StoreError as exc:
            logger.warning("host %s: lease of %s not released: %s", self.host_id, session_id, exc)
