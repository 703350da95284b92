"""Every exception waproto raises, in one shallow tree.

Callers catch a branch (``except waproto.errors.SignalError``) or the root
(``except WAError``); foreign exceptions (``zlib.error``, ``InvalidTag``,
``sqlite3.Error``, socket errors) are translated once, at the layer that
meets them, so nothing else leaks out of the library::

    WAError
    ├── DecodeError              malformed bytes from the peer (binary nodes, protobufs, frames)
    │   └── LimitExceeded        well-formed so far, but over a hard size/depth limit
    ├── JIDError                 a string that is not a JID (also a ValueError)
    ├── ConfigError              a setting that cannot work, refused at construction (also a ValueError)
    ├── CryptoError              failed authenticated decryption, bad padding, bad key length
    ├── ProtocolError            the peer broke the protocol flow
    │   ├── HandshakeError       Noise handshake failed
    │   ├── CertificateError     server certificate chain refused
    │   └── PairingError         pairing data failed verification
    ├── SignalError              end-to-end layer
    │   ├── InvalidMessage, InvalidKey, InvalidSignature,
    │   ├── DuplicateMessage, NoSession, UntrustedIdentity
    ├── StoreError               the store could not read or commit
    │   └── LeaseLost            a fenced device's lease moved on; the write was refused
    ├── AppStateError            app-state sync data could not be used (nothing of it applied)
    │   ├── AppStateIntegrityError  a MAC or the LTHash of a patch/snapshot did not verify
    │   └── AppStateKeyMissing   the sync key a patch names is not stored yet
    ├── MediaError               media could not be transferred or verified
    │   ├── MediaIntegrityError  a blob failed verification: MediaMACMismatch, MediaHashMismatch,
    │   │                        MediaTruncated (no plaintext of it is handed over)
    │   └── MediaTransferError   the media host refused or failed; MediaExpired (404/410)
    ├── ConnectionClosed         the connection ended; carries the close reason
    ├── ConnectTimeout           not connected within connect_timeout (also a TimeoutError)
    ├── NotOnWhatsApp            the recipient has no WhatsApp account
    ├── IQError                  the server answered an iq with <error code text>
    ├── QueryTimeout             no answer in time (also a TimeoutError)
    ├── QueueFull                an outbound queue is at its bound
    └── InvalidState             API misuse for the object's state (also a RuntimeError)
        └── NotConnected         the client is not started (or already closed)
"""

from __future__ import annotations

__all__ = [
    "AppStateError",
    "AppStateIntegrityError",
    "AppStateKeyMissing",
    "CertificateError",
    "ConfigError",
    "ConnectTimeout",
    "ConnectionClosed",
    "CryptoError",
    "DecodeError",
    "DuplicateMessage",
    "HandshakeError",
    "IQError",
    "InvalidKey",
    "InvalidMessage",
    "InvalidSignature",
    "InvalidState",
    "JIDError",
    "LeaseLost",
    "LimitExceeded",
    "MediaError",
    "MediaExpired",
    "MediaHashMismatch",
    "MediaIntegrityError",
    "MediaMACMismatch",
    "MediaTransferError",
    "MediaTruncated",
    "NoSession",
    "NotConnected",
    "NotOnWhatsApp",
    "PairingError",
    "ProtocolError",
    "QueryTimeout",
    "QueueFull",
    "SignalError",
    "StoreError",
    "UntrustedIdentity",
    "WAError",
]


class WAError(Exception):
    """Root of every exception raised by waproto."""


class DecodeError(WAError, ValueError):
    """Bytes from the peer could not be decoded.

    Args:
        message: what was wrong.
        offset: position in the input where decoding stopped, when known.
    """

    def __init__(self, message: str, *, offset: int | None = None) -> None:
        self.offset = offset
        super().__init__(message if offset is None else f"{message} (at offset {offset})")


class LimitExceeded(DecodeError):
    """Input went past a hard limit (size, depth, count) meant to stop hostile peers."""


class JIDError(WAError, ValueError):
    """A string or value is not a valid JID."""


class ConfigError(WAError, ValueError):
    """A setting can never work (wrong key length, bad URL); raised when the config is built."""


class CryptoError(WAError):
    """Authenticated decryption failed, padding was wrong, or a key had the wrong size."""


class ProtocolError(WAError):
    """The peer did something the protocol does not allow at this point."""


class HandshakeError(ProtocolError):
    """The Noise handshake could not be completed."""


class CertificateError(HandshakeError):
    """The server's certificate chain does not verify against the trusted root."""


class PairingError(ProtocolError):
    """Pairing data (HMAC, account signature, link-code material) failed verification."""


class SignalError(WAError):
    """Base for errors of the end-to-end (Signal) layer."""


class InvalidMessage(SignalError):
    """A Signal message is malformed, has a bad MAC, or cannot be decrypted."""


class InvalidKey(SignalError):
    """A key is malformed, has the wrong type byte, or an unknown prekey id was used."""


class InvalidSignature(SignalError):
    """A signature (signed prekey, sender key message) does not verify."""


class DuplicateMessage(SignalError):
    """The message key was already used: the message was decrypted before."""


class NoSession(SignalError):
    """There is no session (or sender key) to decrypt or encrypt with."""


class UntrustedIdentity(SignalError):
    """The peer's identity key differs from the one we trust for that address."""


class StoreError(WAError):
    """The store failed to read or commit; the last committed state is intact."""


class LeaseLost(StoreError):
    """A fenced device's lease now belongs to another owner or epoch: the write was refused."""


class AppStateError(WAError):
    """An app-state patch or snapshot was refused; none of it was applied."""


class AppStateIntegrityError(AppStateError):
    """A MAC (index, value, snapshot, patch) or the LTHash did not verify.

    Args:
        message: what failed.
        which: ``"index"``, ``"value"``, ``"snapshot"``, ``"patch"`` or ``"lthash"``.
    """

    def __init__(self, message: str, *, which: str) -> None:
        self.which = which
        super().__init__(message)


class AppStateKeyMissing(AppStateError):
    """The app-state sync key a record or patch names is not stored (ask the phone for it).

    Args:
        key_id: the missing key's id.
    """

    def __init__(self, key_id: bytes) -> None:
        self.key_id = key_id
        super().__init__(f"app-state sync key {key_id.hex()} is not stored")


class MediaError(WAError):
    """Base for media upload, download and verification failures."""


class MediaIntegrityError(MediaError):
    """A downloaded blob failed verification; none of its plaintext is handed over."""


class MediaMACMismatch(MediaIntegrityError):
    """The blob's 10-byte HMAC does not match: tampered, corrupted or the wrong key."""


class MediaHashMismatch(MediaIntegrityError):
    """SHA-256 of the blob (``which="enc"``) or of its plaintext (``which="plain"``) is wrong."""

    def __init__(self, message: str, *, which: str) -> None:
        self.which = which
        super().__init__(message)


class MediaTruncated(MediaIntegrityError):
    """The blob is shorter than a MAC plus one AES block, or not whole blocks."""


class MediaTransferError(MediaError):
    """The media host answered with an error status, or no host could be reached.

    Args:
        message: what failed.
        status: the HTTP status when there was an answer.
    """

    def __init__(self, message: str, *, status: int | None = None) -> None:
        self.status = status
        super().__init__(message)


class MediaExpired(MediaTransferError):
    """The host no longer has the blob (404 or 410): ask the sender's phone to re-upload."""


class ConnectionClosed(WAError):
    """The connection ended.

    Args:
        reason: the close reason (a ``DisconnectReason`` or a text), kept for the caller.
        code: the numeric protocol close code when there is one.
    """

    def __init__(self, reason: object, code: int | None = None) -> None:
        self.reason = reason
        self.code = code
        super().__init__(f"connection closed: {reason}")


class ConnectTimeout(WAError, TimeoutError):
    """The client did not get connected within ``connect_timeout``.

    ``__cause__`` is a :class:`ConnectionClosed` with the last close reason, when there was one.
    """


class NotOnWhatsApp(WAError, LookupError):
    """The recipient's number has no WhatsApp account: there is no device to send to."""

    def __init__(self, jid: object) -> None:
        self.jid = jid
        super().__init__(f"{jid} is not on WhatsApp")


class IQError(WAError):
    """The server answered an iq with an ``<error code text>`` child."""

    def __init__(self, code: int, text: str = "") -> None:
        self.code = code
        self.text = text
        super().__init__(f"iq error {code}: {text}" if text else f"iq error {code}")


class QueryTimeout(WAError, TimeoutError):
    """A query got no answer before its timeout."""


class QueueFull(WAError):
    """An outbound queue is full; the message was not accepted (never dropped silently)."""


class InvalidState(WAError, RuntimeError):
    """An operation was attempted in a state that does not allow it."""


class NotConnected(InvalidState):
    """The client is not started (``async with`` / ``serve()``) or was closed."""
