"""Client configuration: one frozen dataclass, every default documented with its unit and source."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field

from waproto.backoff import ReconnectPolicy
from waproto.errors import ConfigError
from waproto.retention import RetentionPolicy
from waproto.version import DEFAULT_VERSION, VersionSource

__all__ = [
    "DEFAULT_BROWSER",
    "DEFAULT_URL",
    "DEFAULT_VERSION",
    "WA_ORIGIN",
    "ClientConfig",
]

#: Length of the certificate root key (a Curve25519 public key).
_ROOT_KEY_SIZE = 32

#: WhatsApp Web's websocket endpoint.
DEFAULT_URL = "wss://web.whatsapp.com/ws/chat"
#: The Origin header WA Web sends; the server checks it.
WA_ORIGIN = "https://web.whatsapp.com"
#: (OS, browser, OS version) shown in the phone's linked-devices list (Baileys 7 default).
DEFAULT_BROWSER = ("Mac OS", "Chrome", "14.4.1")


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientConfig:
    """How one client connects, times out and presents itself.

    Example::

        ClientConfig(url=server.ws_url, trust_root=server.root_public_key, keepalive_interval=5.0)
    """

    url: str = DEFAULT_URL
    """Websocket URL of the chat endpoint."""
    origin: str | None = WA_ORIGIN
    """Origin header of the websocket handshake."""
    trust_root: bytes | str | None = None
    """Root public key of the Noise certificate chain (32 bytes or 64 hex digits); None means
    WhatsApp's pinned root. Checked here, so a wrong value fails at construction, not at login."""
    ssl_context: ssl.SSLContext | None = field(default=None, compare=False)
    """TLS context for ``wss://`` and the HTTPS media hosts; None means the system trust store."""
    version: tuple[int, int, int] = DEFAULT_VERSION
    """WA Web version announced at login (a stale one gets 405)."""
    version_source: VersionSource | None = field(default=None, compare=False)
    """Where to read a newer version after a 405 (refresh once, then retry); the client
    announces the newer of :attr:`version` and what the source knows. Share one source
    between clients (a ``SessionManager`` config does) so one refresh serves them all."""
    browser: tuple[str, str, str] = DEFAULT_BROWSER
    """(OS, browser, OS version) shown in the phone's linked-devices list."""
    push_name: str = ""
    """Display name sent with presence; empty means none."""
    dict_version: int = 3
    """Binary token dictionary announced in the ``WA 06 <v>`` intro (WA Web and whatsmeow: 3)."""
    connect_timeout: float = 120.0
    """Seconds for TCP+TLS+websocket+Noise handshake and login (s)."""
    query_timeout: float = 120.0
    """Seconds to wait for the answer to an iq (s)."""
    keepalive_interval: float = 45.0
    """Seconds between ``w:p`` pings (WA Web: 20-30 s; Baileys: 30 s)."""
    keepalive_grace: float = 10.0
    """Extra seconds of silence after an interval before the connection counts as dead (408)."""
    retry_request_delay: float = 5.0
    """Seconds before asking a peer to resend a message we could not decrypt."""
    max_retry_receipts: int = 5
    """Retry receipts sent or answered per message before giving up (Baileys, whatsmeow: 5)."""
    send_to_lid: bool = True
    """Send a 1:1 message for a phone number whose LID we know to the LID and its devices,
    with ``peer_recipient_pn`` naming the number and our LID as the sender, as whatsmeow
    does (send.go ``SendMessage``) and WhatsApp's own clients do since 2025. Replies then
    come from the LID: events give ``chat`` as it arrived and the number as ``chat_alt``, and
    ``SendResult.chat`` says where a message went. Off: address the JID given, Baileys 7's
    way (messages-send ``relayMessage``; its sessions still live under the LID, as ours do)."""
    device_cache_ttl: float = 300.0
    """Seconds a usync device list stays cached (Baileys USER_DEVICES: 300 s)."""
    device_cache_size: int = 1024
    """Users whose device lists (and groups whose metadata) are cached at most."""
    group_cache_ttl: float = 1800.0
    """Seconds group metadata stays cached (30 min, as gateways commonly use)."""
    qr_first_timeout: float = 60.0
    """Seconds the first QR ref is shown before the next one (WA Web: 60 s)."""
    qr_timeout: float = 20.0
    """Seconds each later QR ref is shown (WA Web: 20 s)."""
    min_prekeys_on_server: int = 5
    """Upload more one-time prekeys when the server holds fewer (Baileys MIN_PREKEY_COUNT)."""
    prekey_upload_count: int = 30
    """One-time prekeys uploaded per batch (Baileys 6.x INITIAL_PREKEY_COUNT)."""
    reconnect: ReconnectPolicy = field(default_factory=ReconnectPolicy)
    """When to reconnect after a close, by reason (the same policy a ``SessionManager`` applies)."""
    auto_reconnect: bool = True
    """Reconnect after transient closes; off, the client stops and leaves the delay to its owner
    (a ``SessionManager`` turns it off and schedules the policy's delay on its own timer)."""
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    """How long sent messages (for retry receipts) and processed ids are kept, and how often
    a lone client prunes them."""
    mark_online_on_connect: bool = False
    """Send ``presence available`` after login (phones then stop showing notifications)."""

    def __post_init__(self) -> None:
        root = self.trust_root
        if isinstance(root, str):
            try:
                root = bytes.fromhex(root)
            except ValueError:
                raise ConfigError("trust_root: not a hex string") from None
        if root is not None:
            if not isinstance(root, bytes | bytearray):
                raise ConfigError(f"trust_root: expected bytes or hex, not {type(root).__name__}")
            if len(root) != _ROOT_KEY_SIZE:
                raise ConfigError(f"trust_root: expected {_ROOT_KEY_SIZE} bytes, got {len(root)}")
            object.__setattr__(self, "trust_root", bytes(root))
        if not self.url.startswith(("ws://", "wss://")):
            raise ConfigError(f"url: expected ws:// or wss://, got {self.url!r}")
        for name in ("connect_timeout", "query_timeout", "keepalive_interval"):
            if not getattr(self, name) > 0:
                raise ConfigError(f"{name}: must be positive")

    @property
    def trust_root_key(self) -> bytes | None:
        """:attr:`trust_root` as bytes (hex was converted at construction)."""
        assert not isinstance(self.trust_root, str)
        return self.trust_root
