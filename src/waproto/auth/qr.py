"""The QR code a fresh companion shows and the phone scans.

The server sends a batch of ``<ref>`` strings in ``<pair-device>``; the companion shows
one ref at a time, joined with its Noise public key, Signal identity public key and ADV
secret. The phone that scans it uses the keys to tell the server which companion to link
and the ADV secret to authenticate the ``pair-success`` it causes (see :mod:`.pairing`).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from waproto.errors import PairingError

__all__ = [
    "QR_FIRST_REF_TIMEOUT",
    "QR_NEXT_REF_TIMEOUT",
    "QR_URL_PREFIX",
    "QRData",
    "make_qr_string",
    "parse_qr_string",
    "qr_ref_timeout",
]

#: Seconds the first ref stays on screen (Baileys ``qrTimeout`` default; WA Web shows it 60 s).
QR_FIRST_REF_TIMEOUT = 60.0
#: Seconds each later ref stays on screen (Baileys, whatsmeow ``qrchan``).
QR_NEXT_REF_TIMEOUT = 20.0
#: Prefix of the newer QR form (WA Web, Baileys rc13), which also names the companion platform.
QR_URL_PREFIX = "https://wa.me/settings/linked_devices#"


def qr_ref_timeout(index: int) -> float:
    """Return how long the ``index``-th ref (0-based) of a batch stays valid, in seconds."""
    return QR_FIRST_REF_TIMEOUT if index == 0 else QR_NEXT_REF_TIMEOUT


@dataclass(frozen=True, slots=True)
class QRData:
    """The fields of a scanned QR code."""

    ref: str
    """The server's pairing ref, e.g. ``2@…``."""
    noise_public: bytes
    """The companion's 32-byte Noise static public key."""
    identity_public: bytes
    """The companion's 32-byte Signal identity public key."""
    adv_secret: bytes
    """The 32-byte secret the phone keys the pair-success HMAC with."""
    platform_id: int | None = None
    """The companion platform (:class:`~waproto.auth.payload.CompanionWebClientType`), URL form only."""

    def __repr__(self) -> str:
        return f"QRData(ref={self.ref!r}, platform_id={self.platform_id!r})"


def make_qr_string(
    ref: str,
    noise_public: bytes,
    identity_public: bytes,
    adv_secret: bytes,
    *,
    platform_id: int | None = None,
) -> str:
    """Build the text to render as a QR code.

    Args:
        ref: one ref from the server's ``<pair-device>``.
        noise_public: the companion's Noise static public key.
        identity_public: the companion's Signal identity public key.
        adv_secret: the companion's ADV secret.
        platform_id: when given, the newer ``https://wa.me/settings/linked_devices#…`` form
            with this platform id appended; otherwise the classic comma-separated form.
    """
    fields = [
        ref,
        *(base64.b64encode(key).decode("ascii") for key in (noise_public, identity_public, adv_secret)),
    ]
    if platform_id is None:
        return ",".join(fields)
    return QR_URL_PREFIX + ",".join([*fields, str(int(platform_id))])


def parse_qr_string(text: str) -> QRData:
    """Parse a QR string in either form (what the test server's simulated phone does).

    Raises:
        PairingError: the text is not a WhatsApp pairing QR string.
    """
    url_form = text.startswith(QR_URL_PREFIX)
    parts = text[len(QR_URL_PREFIX) :].split(",") if url_form else text.split(",")
    if len(parts) != (5 if url_form else 4) or not parts[0]:
        raise PairingError("QR string must be ref,noise,identity,adv (URL form: plus a platform id)")
    try:
        keys = [base64.b64decode(part, validate=True) for part in parts[1:4]]
    except (binascii.Error, ValueError):
        raise PairingError("QR string holds invalid base64") from None
    if any(len(key) != 32 for key in keys):
        raise PairingError("QR string keys must be 32 bytes each")
    platform_id = None
    if url_form:
        if not parts[4].isdigit():
            raise PairingError("QR platform id must be a number")
        platform_id = int(parts[4])
    return QRData(parts[0], keys[0], keys[1], keys[2], platform_id)
