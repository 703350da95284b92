"""One managed session's mutable record: state, its client, counters, queue and caches."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import anyio

from waproto._lazy import LazyEvent, LazyLock
from waproto.backoff import Backoff
from waproto.cache import TTLCache
from waproto.client import Client
from waproto.config import ClientConfig
from waproto.jid import JID
from waproto.manager.config import ManagerConfig
from waproto.manager.outbound import OutboundQueue, QueuedMessage, RateLimiter
from waproto.manager.policy import SessionState
from waproto.messaging.send import MessageCaches
from waproto.store import DeviceStore

__all__ = ["CACHE_KINDS", "MANAGER_NAMESPACE", "QUEUE_NAMESPACE", "ManagedSession", "RunRecord"]

#: Key-value namespace of a session's device that holds the manager's record of it.
MANAGER_NAMESPACE = "waproto.manager"
#: Key-value namespace holding the session's queued outbound messages, one row per message id.
QUEUE_NAMESPACE = "waproto.manager.queue"
_RUN_KEY = "run"

#: Cache kinds reported by ``stats()``.
CACHE_KINDS = ("contacts", "phones", "devices", "groups")


@dataclass(frozen=True, slots=True)
class RunRecord:
    """What survives a process restart about a session: whether it should run, and why not."""

    state: str
    """``running``, or the :class:`SessionState` value it stopped in."""
    reason: str = ""

    def to_bytes(self) -> bytes:
        return json.dumps({"state": self.state, "reason": self.reason}).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> RunRecord | None:
        """Parse a stored record; an unreadable one counts as absent."""
        try:
            data = json.loads(raw)
            return cls(str(data["state"]), str(data.get("reason", "")))
        except (ValueError, TypeError, KeyError):
            return None


class ManagedSession:
    """Everything the manager keeps for one session id (= one device of the database)."""

    __slots__ = (
        "attempt",
        "awaiting_pairing",
        "backoff",
        "cancel_reason",
        "changed",
        "client",
        "client_config",
        "contacts",
        "created_at",
        "drain_at",
        "draining",
        "generation",
        "id",
        "leased_to",
        "loaded",
        "lock",
        "message_caches",
        "phones",
        "queue",
        "reason",
        "reconnects",
        "runner_done",
        "scope",
        "state",
        "store",
        "wanted",
    )

    def __init__(
        self,
        session_id: str,
        store: DeviceStore,
        config: ManagerConfig,
        uniform: Callable[[float, float], float],
        *,
        shared_queue: bool = False,
    ) -> None:
        self.id = session_id
        self.store = store
        self.state = SessionState.STOPPED
        self.reason = ""
        self.client: Client | None = None
        self.client_config: ClientConfig = config.client
        # Lazy: an idle session's lock and events are never waited on (no 0.7 KiB deque each).
        self.lock = LazyLock()
        self.changed = LazyEvent()
        self.scope: anyio.CancelScope | None = None
        self.runner_done = LazyEvent()
        self.runner_done.set()
        self.cancel_reason: str | None = None
        self.wanted = False
        #: Standing by: the host that held the device's lease at the last attempt here.
        self.leased_to: str | None = None
        self.awaiting_pairing = False
        self.attempt = 0
        # Handed to every client of this session, so consecutive failures count across clients.
        self.backoff = Backoff(config.client.reconnect, uniform)
        self.reconnects = 0
        self.generation = 0
        self.created_at: float | None = None
        self.drain_at: float | None = None
        self.draining = False
        self.loaded = False
        self.queue = OutboundQueue(
            config.queue_size,
            RateLimiter(
                recipient_limit=config.recipient_rate_limit,
                session_limit=config.session_rate_limit,
                window=config.rate_window,
            ),
            shared=shared_queue,
        )
        self.contacts: TTLCache[JID, str] = TTLCache(config.cache_size, config.contact_cache_ttl)
        self.phones: TTLCache[str, tuple[JID | None]] = TTLCache(config.cache_size, config.phone_cache_ttl)
        # Handed to every client of this session, so the entries survive reconnects.
        self.message_caches = MessageCaches(
            TTLCache(config.cache_size, config.device_cache_ttl),
            TTLCache(config.cache_size, config.group_cache_ttl),
        )

    def notify(self) -> None:
        """Wake everyone waiting for this session to change."""
        changed, self.changed = self.changed, LazyEvent()
        changed.set()

    def caches(self) -> dict[str, TTLCache[Any, Any]]:
        """The session's caches by kind."""
        return {
            "contacts": self.contacts,
            "phones": self.phones,
            "devices": self.message_caches.devices,
            "groups": self.message_caches.groups,
        }

    def trim_caches(self, fraction: float) -> int:
        """Trim every cache of the session; returns the entries dropped."""
        return sum(cache.trim(fraction) for cache in self.caches().values())

    def clear_caches(self) -> None:
        """Forget every cached entry (counts are kept)."""
        for cache in self.caches().values():
            cache.clear()

    async def load(self) -> None:
        """Read the persisted queue once (after a restart it resumes where it was)."""
        if self.loaded:
            return
        rows = await self.store.items(QUEUE_NAMESPACE)
        self.queue.restore([QueuedMessage.from_bytes(raw) for raw in rows.values()])
        self.loaded = True

    async def save_run(self, record: RunRecord) -> None:
        """Persist whether the session should run after a restart."""
        await self.store.put(MANAGER_NAMESPACE, _RUN_KEY, record.to_bytes())

    @staticmethod
    async def read_run(store: DeviceStore) -> RunRecord | None:
        """The persisted run record of a device, if the manager wrote one."""
        raw = await store.get(MANAGER_NAMESPACE, _RUN_KEY)
        return RunRecord.from_bytes(raw) if raw is not None else None
