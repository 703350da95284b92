"""Many WhatsApp sessions in one process: :class:`SessionManager` and its settings.

The manager keeps each session up by policy (reconnect delays per close reason,
a throttle per session, a watchdog), never opens a second connection for a
session, queues outbound messages behind rate limits, caches lookups, and
reports stats against an optional memory budget.
"""

from __future__ import annotations

from waproto.backoff import ReconnectPolicy
from waproto.manager._manager import SessionManager
from waproto.manager.config import ManagerConfig
from waproto.manager.events import (
    MemoryBudgetExceeded,
    QueuedMessageFailed,
    QueuedMessageSent,
    SessionStateChanged,
)
from waproto.manager.outbound import Enqueued
from waproto.manager.policy import SessionState
from waproto.manager.remote import RemoteSession
from waproto.manager.stats import ManagerStats, SessionStats

__all__ = [
    "Enqueued",
    "ManagerConfig",
    "ManagerStats",
    "MemoryBudgetExceeded",
    "QueuedMessageFailed",
    "QueuedMessageSent",
    "ReconnectPolicy",
    "RemoteSession",
    "SessionManager",
    "SessionState",
    "SessionStateChanged",
    "SessionStats",
]
