"""Settings of a :class:`~waproto.manager.SessionManager`: one frozen dataclass per concern.

Every default is documented with its unit and why it was chosen. Tests shorten
the delays; production keeps the defaults, which are the lessons of gateways
that hammered the server (408 retried at once) or fought other devices (440 loops).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from waproto.config import ClientConfig

__all__ = ["ManagerConfig"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ManagerConfig:
    """How a manager runs its sessions.

    Example (``ReconnectPolicy`` from ``waproto``)::

        ManagerConfig(
            client=ClientConfig(url=server.ws_url, reconnect=ReconnectPolicy(timeout_delay=0.1)),
            min_restart_interval=0.1,
        )
    """

    client: ClientConfig = field(default_factory=ClientConfig)
    """Connection settings of every session (``start`` may override per session).

    Its ``reconnect`` policy is the one the manager applies: the client decides on each
    close as a lone client would, and with ``auto_reconnect`` turned off it leaves the wait
    to the manager's timer.
    """
    min_restart_interval: float = 30.0
    """At most one (re)creation of a session's client per this many seconds, unless forced."""
    watchdog_interval: float = 30.0
    """Seconds between watchdog rounds (restart CLOSED sessions, session age, memory budget)."""
    idle_cleanup_interval: float = 600.0
    """Seconds between releases of what stopped sessions hold (caches, queue buffers) and between
    prunes of every session's old sent messages and processed ids (``client.retention``)."""
    max_session_age: float | None = None
    """Restart a session's connection cleanly after this many seconds (e.g. 86400); None never."""
    queue_size: int = 1000
    """Queued outbound messages per session; a full queue raises ``QueueFull``."""
    recipient_rate_limit: int = 30
    """Messages to one recipient per :attr:`rate_window` (30 per minute)."""
    session_rate_limit: int = 120
    """Messages from one session per :attr:`rate_window`, all recipients together."""
    rate_window: float = 60.0
    """Length of the sliding window of both rate limits (s)."""
    send_retries: int = 3
    """Retries of a queued message after a transient failure (connection closed, timeout)."""
    send_retry_delay: float = 5.0
    """Delay before the first retry (s); doubles per retry."""
    contact_cache_ttl: float = 1800.0
    """Seconds a contact's push name stays cached (30 minutes)."""
    group_cache_ttl: float = 1800.0
    """Seconds group metadata stays cached (30 minutes)."""
    device_cache_ttl: float = 300.0
    """Seconds a user's device list stays cached (5 minutes, as Baileys)."""
    phone_cache_ttl: float = 1800.0
    """Seconds an ``is_on_whatsapp`` answer stays cached (30 minutes)."""
    cache_size: int = 1024
    """Entries per cache per session at most."""
    memory_budget_mb: float | None = None
    """Process RSS budget; at 70 % caches are trimmed, 80 % a warning, 90 % a hard trim and
    ``gc.collect()``, 120 % a ``MemoryBudgetExceeded`` event. None turns the checks off."""
    stop_timeout: float = 10.0
    """Seconds ``stop`` waits for a session's client to close."""
    lease_ttl: float = 30.0
    """With ``host_id`` (several hosts, one store): seconds a device lease lasts unrenewed.
    Renewed every fifth of it; a session whose lease was not renewed within 0.6 of it is
    closed, so it is closed before another host may take the device over."""
