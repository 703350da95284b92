"""A session's states and their legal transitions, as data and pure functions.

The reconnect decision itself is :class:`waproto.backoff.Backoff`'s, made once per
close (by the client, or by the manager for a client that stopped without a close);
:func:`state_after` says which session state a decision leads to.
"""

from __future__ import annotations

import enum

from waproto.backoff import Action, Decision
from waproto.errors import InvalidState

__all__ = ["TERMINAL_STATES", "SessionState", "check_transition", "state_after"]


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


#: The state a session stops in (or waits in) after each kind of decision.
_STATE_AFTER = {
    Action.RESTART: SessionState.BACKOFF,
    Action.RETRY: SessionState.BACKOFF,
    Action.LOGGED_OUT: SessionState.LOGGED_OUT,
    Action.REPLACED: SessionState.REPLACED,
    Action.FAILED: SessionState.FAILED,
}


def state_after(decision: Decision) -> SessionState:
    """Where a session goes after its client stopped with ``decision``."""
    return _STATE_AFTER[decision.action]
