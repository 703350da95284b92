"""The ready state of a connection and its legal transitions, as data."""

from __future__ import annotations

import enum

from waproto.errors import InvalidState

__all__ = ["ReadyState", "check_transition"]


class ReadyState(enum.Enum):
    """Where a connection is in its life; a closed connection is never reopened."""

    CONNECTING = "connecting"
    OPEN = "open"
    CLOSING = "closing"
    CLOSED = "closed"


_TRANSITIONS: dict[ReadyState, frozenset[ReadyState]] = {
    ReadyState.CONNECTING: frozenset({ReadyState.OPEN, ReadyState.CLOSING, ReadyState.CLOSED}),
    ReadyState.OPEN: frozenset({ReadyState.CLOSING, ReadyState.CLOSED}),
    ReadyState.CLOSING: frozenset({ReadyState.CLOSED}),
    ReadyState.CLOSED: frozenset(),
}


def check_transition(current: ReadyState, new: ReadyState) -> ReadyState:
    """Return ``new`` if the move is legal, else raise :class:`InvalidState`."""
    if new not in _TRANSITIONS[current]:
        raise InvalidState(f"can't move from {current.name} to {new.name}")
    return new
