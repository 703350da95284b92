"""Faults the server injects on command, from Python or the control API.

A :class:`Fault` is a value; the server applies it to the connections it
targets (``media_*`` faults go to the media host instead). Stream errors and
drops end a connection at once; ``stop_pings`` and ``delay`` set per-connection
flags that stay until the connection ends (or a ``resume`` fault clears them);
``corrupt_message`` spoils the next message only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from waproto.errors import InvalidState

__all__ = ["DEFAULT_CONFLICT", "Fault", "FaultKind", "SessionFaults", "parse_fault"]


class FaultKind(StrEnum):
    """What the server does to the targeted connections."""

    STREAM_ERROR = "stream_error"
    """Send ``<stream:error code>`` (with a conflict child where WhatsApp has one), then close."""
    STREAM_END = "stream_end"
    """Send ``<xmlstreamend/>`` and close (Baileys: 428)."""
    DROP = "drop"
    """Drop the TCP connection without a websocket close."""
    STOP_PINGS = "stop_pings"
    """Stop answering ``w:p`` pings (the client's keepalive must notice)."""
    DELAY = "delay"
    """Hold every reply for ``delay`` seconds before sending it."""
    MALFORMED_FRAME = "malformed_frame"
    """Send a frame that does not decrypt."""
    CORRUPT_MESSAGE = "corrupt_message"
    """Flip the last ciphertext byte of the next message delivered (its MAC fails: a retry)."""
    RESUME = "resume"
    """Clear ``stop_pings``, ``delay``, a pending ``corrupt_message`` (and the media host's
    ``media_corrupt``/``media_slow``)."""
    MEDIA_EXPIRED = "media_expired"
    """Every blob stored so far answers ``code`` (404 or 410, default 410) to downloads."""
    MEDIA_CORRUPT = "media_corrupt"
    """Downloads from the media host come with one bit flipped."""
    MEDIA_SLOW = "media_slow"
    """The media host waits ``delay`` seconds before each 256 KiB of a download."""
    MEDIA_ROTATE_AUTH = "media_rotate_auth"
    """The media host changes its upload auth: a cached ``media_conn`` gets 401."""


#: The conflict child WhatsApp sends with these stream error codes.
DEFAULT_CONFLICT: dict[int, str] = {401: "device_removed", 440: "replaced"}


@dataclass(frozen=True, slots=True)
class Fault:
    """One fault to apply.

    Args:
        kind: what to do.
        code: the stream error code (``STREAM_ERROR`` only).
        conflict: the ``<conflict type>`` child; defaults from :data:`DEFAULT_CONFLICT`.
        delay: seconds to hold replies (``DELAY`` only).
    """

    kind: FaultKind
    code: int | None = None
    conflict: str | None = None
    delay: float = 0.0

    def __post_init__(self) -> None:
        if self.kind is FaultKind.STREAM_ERROR and self.code is None:
            raise InvalidState("a stream_error fault needs a code")
        if self.kind in (FaultKind.DELAY, FaultKind.MEDIA_SLOW) and self.delay <= 0:
            raise InvalidState("a delay fault needs a positive delay")

    @property
    def conflict_type(self) -> str | None:
        """The conflict child to send, explicit or WhatsApp's default for the code."""
        if self.conflict is not None:
            return self.conflict or None
        return DEFAULT_CONFLICT.get(self.code or 0)


class SessionFaults:
    """Sticky per-connection fault flags; allocated only for faulted connections."""

    __slots__ = ("corrupt_next", "delay", "ignore_pings")

    def __init__(self) -> None:
        self.ignore_pings = False
        self.delay = 0.0
        self.corrupt_next = False


def parse_fault(data: dict[str, Any]) -> Fault:
    """Build a Fault from control-API JSON (``{"kind", "code"?, "conflict"?, "delay"?}``).

    Raises:
        InvalidState: unknown kind or missing parameter.
    """
    kind_name = str(data.get("kind", ""))
    try:
        kind = FaultKind(kind_name)
    except ValueError:
        valid = ", ".join(kind.value for kind in FaultKind)
        raise InvalidState(f"bad fault: unknown kind {kind_name!r}; valid kinds: {valid}") from None
    try:
        code = data.get("code")
        conflict = data.get("conflict")
        return Fault(
            kind,
            code=None if code is None else int(code),
            conflict=None if conflict is None else str(conflict),
            delay=float(data.get("delay", 0.0)),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise InvalidState(f"bad fault: {exc}") from exc
