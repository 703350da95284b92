"""A session's states, their legal transitions, and the reconnect decision, as data and pure functions.

The manager's I/O shell asks :func:`decide` what to do when a session's client
has stopped and moves the session with :func:`check_transition`; neither reads
the clock or draws randomness on its own, so both are tested without sockets.
"""

from __future__ import annotations

import enum
import random as _random
from collections.abc import Callable
from dataclasses import dataclass

from waproto.backoff import backoff_delay
from waproto.connection import CloseInfo, DisconnectReason
from waproto.errors import InvalidState
from waproto.manager.config import ReconnectPolicy

__all__ = ["TERMINAL_STATES", "Decision", "SessionState", "check_transition", "decide"]


class SessionState(enum.Enum):
    """Where a managed session is; only CONNECTING and OPEN hold a client."""

    STOPPED = "stopped"
    """Not running, on purpose (never started, or ``stop()``)."""
    CONNECTING = "connecting"
    """A client exists and is connecting, logging in or pairing."""
    OPEN = "open"
    """Logged in and ready."""
    BACKOFF = "backoff"
    """Closed; a reconnect is scheduled."""
    CLOSED = "closed"
    """Closed with nothing scheduled; the watchdog restarts it."""
    LOGGED_OUT = "logged_out"
    """Unlinked (401, ``device_removed``, ``logout()``); credentials kept until ``remove()``."""
    REPLACED = "replaced"
    """Gave up after repeated 440 conflicts: another client uses these credentials."""
    FAILED = "failed"
    """Stopped for a reason retrying cannot fix (403, 405, attempts exhausted)."""


#: States in which a session stays until someone acts on it.
TERMINAL_STATES = frozenset(
    {SessionState.STOPPED, SessionState.LOGGED_OUT, SessionState.REPLACED, SessionState.FAILED}
)

_AFTER_CLIENT = frozenset(
    {
        SessionState.OPEN,
        SessionState.BACKOFF,
        SessionState.CLOSED,
        SessionState.STOPPED,
        SessionState.LOGGED_OUT,
        SessionState.REPLACED,
        SessionState.FAILED,
    }
)

_TRANSITIONS: dict[SessionState, frozenset[SessionState]] = {
    SessionState.STOPPED: frozenset({SessionState.CONNECTING, SessionState.BACKOFF}),
    SessionState.CONNECTING: _AFTER_CLIENT,
    SessionState.OPEN: (_AFTER_CLIENT - {SessionState.OPEN}) | {SessionState.CONNECTING},
    SessionState.BACKOFF: frozenset({SessionState.CONNECTING, SessionState.STOPPED, SessionState.CLOSED}),
    SessionState.CLOSED: frozenset({SessionState.CONNECTING, SessionState.STOPPED, SessionState.BACKOFF}),
    SessionState.LOGGED_OUT: frozenset({SessionState.STOPPED}),
    SessionState.REPLACED: frozenset({SessionState.CONNECTING, SessionState.STOPPED}),
    SessionState.FAILED: frozenset({SessionState.CONNECTING, SessionState.STOPPED}),
}


def check_transition(current: SessionState, new: SessionState) -> SessionState:
    """Return ``new`` if a session may move there from ``current``, else raise :class:`InvalidState`."""
    if new is not current and new not in _TRANSITIONS[current]:
        raise InvalidState(f"can't move a session from {current.name} to {new.name}")
    return new


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do after a session's client stopped.

    Attributes:
        state: BACKOFF (reconnect after ``delay``) or the terminal state to stop in.
        delay: seconds to wait before the next attempt (BACKOFF only).
        failures: consecutive failures, counting this one.
        conflicts: consecutive 440 conflicts, counting this one.
        reason: why, for logs and ``sessions()``.
    """

    state: SessionState
    delay: float
    failures: int
    conflicts: int
    reason: str


def decide(
    policy: ReconnectPolicy,
    close: CloseInfo,
    *,
    failures: int,
    conflicts: int,
    uniform: Callable[[float, float], float] = _random.uniform,
) -> Decision:
    """Apply ``policy`` to a close.

    Args:
        policy: the session's reconnect policy.
        close: why the last connection ended (``device_removed`` set for logouts).
        failures: consecutive failures before this one (a login resets them).
        conflicts: consecutive 440s before this one (any other close resets them).
        uniform: random source for the jitter.
    """
    reason = close.reason
    text = str(close)
    if close.device_removed or reason is DisconnectReason.LOGGED_OUT:
        return Decision(SessionState.LOGGED_OUT, 0.0, failures + 1, 0, text)
    if reason.is_permanent:
        return Decision(SessionState.FAILED, 0.0, failures + 1, 0, text)
    if close.detail.startswith("QR refs"):
        return Decision(SessionState.FAILED, 0.0, failures + 1, 0, "QR codes ran out without a scan")
    if reason is DisconnectReason.CONNECTION_REPLACED:
        conflicts += 1
        if conflicts > policy.max_conflict_retries:
            return Decision(SessionState.REPLACED, 0.0, failures + 1, conflicts, text)
        base = policy.conflict_delay
    else:
        conflicts = 0
        base = {
            DisconnectReason.RESTART_REQUIRED: policy.restart_delay,
            DisconnectReason.TIMED_OUT: policy.timeout_delay,
        }.get(reason, policy.default_delay)
    if policy.max_attempts is not None and failures + 1 > policy.max_attempts:
        return Decision(SessionState.FAILED, 0.0, failures + 1, conflicts, f"{text} (attempts exhausted)")
    delay = backoff_delay(
        failures, base=base, factor=policy.factor, cap=policy.max_delay, jitter=policy.jitter, uniform=uniform
    )
    return Decision(SessionState.BACKOFF, delay, failures + 1, conflicts, text)
