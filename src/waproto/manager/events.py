"""Events only a :class:`~waproto.manager.SessionManager` emits (client events come through it too)."""

from __future__ import annotations

from dataclasses import dataclass

from waproto.events import Event

__all__ = [
    "MemoryBudgetExceeded",
    "QueuedMessageFailed",
    "QueuedMessageSent",
    "SessionStateChanged",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionStateChanged(Event):
    """A session moved to another state (see ``SessionState``)."""

    old: str
    new: str
    reason: str = ""
    """Why: the close that caused it, or the call that asked for it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class QueuedMessageSent(Event):
    """A queued message was acknowledged by the server."""

    message_id: str
    to: str
    attempts: int
    """Tries it took (1 when the first succeeded)."""
    started_at: float
    """Monotonic time the successful try began (when the rate limits counted it)."""
    timestamp: int
    """The server's timestamp of the message."""


@dataclass(frozen=True, slots=True, kw_only=True)
class QueuedMessageFailed(Event):
    """A queued message was given up: retries exhausted, or the server refused it."""

    message_id: str
    to: str
    attempts: int
    error: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MemoryBudgetExceeded(Event):
    """The process uses 120 % of ``memory_budget_mb`` even after trimming; restart it.

    Emitted by the watchdog with an empty ``session_id``.
    """

    rss_bytes: int
    budget_bytes: int
