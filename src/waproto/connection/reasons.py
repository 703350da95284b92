"""Why a connection ended: every close code has a name, and stream errors map onto them.

Codes follow what WhatsApp sends (``<failure reason>``, ``<stream:error code>``) and
the client-side codes Baileys made familiar (408 lost, 428 closed, 440 replaced), so
that users coming from Baileys read the same numbers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from waproto.binary import Node

__all__ = [
    "CloseInfo",
    "DisconnectReason",
    "close_from_failure",
    "close_from_stream_error",
]


class DisconnectReason(enum.IntEnum):
    """A close code with its meaning; ``str()`` gives ``"401: logged out"``."""

    LOGGED_OUT = 401
    FORBIDDEN = 403
    CLIENT_OUTDATED = 405
    TIMED_OUT = 408
    MULTIDEVICE_MISMATCH = 411
    CONNECTION_CLOSED = 428
    CONNECTION_REPLACED = 440
    BAD_SESSION = 500
    UNAVAILABLE_SERVICE = 503
    RESTART_REQUIRED = 515

    def __str__(self) -> str:
        return f"{self.value}: {_EXPLANATIONS[self]}"

    @property
    def is_logged_out(self) -> bool:
        """The device is no longer linked: reconnecting cannot help."""
        return self is DisconnectReason.LOGGED_OUT

    @property
    def is_permanent(self) -> bool:
        """Reconnecting without a change (new pairing, new version) cannot succeed."""
        return self in _PERMANENT

    @classmethod
    def from_code(cls, code: int) -> DisconnectReason:
        """The reason for a numeric code; unknown codes count as BAD_SESSION (500)."""
        try:
            return cls(code)
        except ValueError:
            return cls.BAD_SESSION


_EXPLANATIONS = {
    DisconnectReason.LOGGED_OUT: "logged out",
    DisconnectReason.FORBIDDEN: "forbidden",
    DisconnectReason.CLIENT_OUTDATED: "client version outdated",
    DisconnectReason.TIMED_OUT: "timed out or connection lost",
    DisconnectReason.MULTIDEVICE_MISMATCH: "multi-device mismatch",
    DisconnectReason.CONNECTION_CLOSED: "connection closed by server",
    DisconnectReason.CONNECTION_REPLACED: "connection replaced by another session",
    DisconnectReason.BAD_SESSION: "bad session or server error",
    DisconnectReason.UNAVAILABLE_SERVICE: "service unavailable",
    DisconnectReason.RESTART_REQUIRED: "restart required",
}

_PERMANENT = frozenset(
    {DisconnectReason.LOGGED_OUT, DisconnectReason.FORBIDDEN, DisconnectReason.CLIENT_OUTDATED}
)


@dataclass(frozen=True, slots=True)
class CloseInfo:
    """Why a connection ended, typed, as it travels from the socket to whoever decides what next.

    Decisions read the reason and the flags, never ``detail`` (which is for people).

    Attributes:
        reason: the named close code.
        code: the numeric code as received (kept even when it has no name).
        detail: the server's words: a stream error child tag, a failure location, or a local cause.
        device_removed: the server said this companion was removed (``conflict type=device_removed``).
        qr_exhausted: every QR ref of a pairing was shown and none was scanned.
        certificate_invalid: the server's certificate chain did not verify (wrong trust root or
            an impostor): permanent, reconnecting meets the same certificate.
        at_login: the server refused the login (``<failure>``) rather than ending a live stream.
        version_refreshed: a 405 after which the version source named a newer version:
            reconnect at once with it (once; a second 405 is final).
        store_failed: we closed because a received message could not be committed (disk
            full): the server redelivers after the reconnect, and a login proves nothing
            about the store, so the backoff keeps growing until a commit succeeds.
    """

    reason: DisconnectReason
    code: int
    detail: str = ""
    device_removed: bool = False
    qr_exhausted: bool = False
    certificate_invalid: bool = False
    at_login: bool = False
    version_refreshed: bool = False
    store_failed: bool = False

    @classmethod
    def local(
        cls,
        reason: DisconnectReason,
        detail: str,
        *,
        qr_exhausted: bool = False,
        certificate_invalid: bool = False,
        store_failed: bool = False,
    ) -> CloseInfo:
        """A close decided on our side (keepalive timeout, socket lost, QR codes ran out)."""
        return cls(
            reason,
            int(reason),
            detail,
            qr_exhausted=qr_exhausted,
            certificate_invalid=certificate_invalid,
            store_failed=store_failed,
        )

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}" if self.detail else str(self.reason)


def close_from_stream_error(node: Node) -> CloseInfo:
    """Map a ``<stream:error>`` to its close reason.

    WhatsApp puts the code in ``code`` when there is one; otherwise the first child
    names the cause: ``conflict`` means another session took over (440), anything
    else is a server-side error (500). ``conflict type=device_removed`` is a logout.
    """
    children = node.get_children()
    first = children[0] if children else None
    conflict = node.get_child("conflict")
    device_removed = conflict is not None and conflict.attr("type") == "device_removed"
    code_attr = node.attr_int("code")
    if device_removed:
        code = int(DisconnectReason.LOGGED_OUT)
    elif code_attr is not None:
        code = code_attr
    elif conflict is not None:
        code = int(DisconnectReason.CONNECTION_REPLACED)
    else:
        code = int(DisconnectReason.BAD_SESSION)
    detail = first.tag if first is not None else ""
    if conflict is not None and conflict.attr("type"):
        detail = f"conflict:{conflict.attr('type')}"
    return CloseInfo(DisconnectReason.from_code(code), code, detail, device_removed)


def close_from_failure(node: Node) -> CloseInfo:
    """Map a ``<failure reason=... location=...>`` sent instead of ``success`` at login."""
    code = node.attr_int("reason", int(DisconnectReason.BAD_SESSION))
    assert code is not None
    return CloseInfo(
        DisconnectReason.from_code(code), code, node.attr("location") or "failure", at_login=True
    )
