"""``FakeServer``: the I/O shell around the routing core.

One task per connection reads websocket messages and feeds its
:class:`~waproto.testing.session.ServerSession`; output queued for a
connection from elsewhere (a message routed to it, a fault, a scan) is
flushed by a short task started on demand. One shared timer task handles
pairing expiry. The control API, when enabled, runs beside the websocket
listener.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import anyio
from anyio.abc import TaskGroup

from waproto.crypto import KeyPair
from waproto.errors import ConnectionClosed, InvalidState
from waproto.jid import JID
from waproto.media.crypto import MEDIA_KEY_LENGTH, encrypt_media
from waproto.media.message import MediaDetails, MediaKind, build_media_message, guess_mimetype
from waproto.media.probe import HEAD_BYTES, TAIL_BYTES, probe
from waproto.media.types import UploadedMedia
from waproto.proto import wa_e2e_pb2
from waproto.testing.accounts import Account
from waproto.testing.config import FakeServerConfig
from waproto.testing.control import ControlServer
from waproto.testing.core import ProvisionedDevice, ServerCore
from waproto.testing.faults import Fault, FaultKind
from waproto.testing.mediahost import MediaHost
from waproto.testing.phone import PhoneAgent
from waproto.testing.profile import place_call
from waproto.testing.provision import provision_device
from waproto.testing.session import CloseMode, Phase, ServerSession
from waproto.transport import WebSocketConnection, WebSocketServer, serve_websocket
from waproto.transport.testcerts import TestCA, make_test_ca

__all__ = ["FakeServer"]

_log = logging.getLogger("waproto.testing.server")


class _Link:
    """Ties a session to its websocket and serialises sends on it."""

    __slots__ = ("flushing", "pumping", "server", "session", "ws")

    def __init__(self, server: FakeServer, session: ServerSession, ws: WebSocketConnection) -> None:
        self.server = server
        self.session = session
        self.ws = ws
        self.pumping = False
        self.flushing = False

    def wake(self, session: ServerSession) -> None:
        if not (self.pumping or self.flushing):
            self.server.spawn(self.flush)

    async def flush(self) -> None:
        if self.flushing:
            return
        self.flushing = True
        session = self.session
        try:
            while True:
                if session.close_mode is CloseMode.ABORT:
                    session.data_to_send()
                    await self.ws.abort()
                    return
                data = session.data_to_send()
                if not data:
                    break
                if session.faults is not None and session.faults.delay > 0:
                    await anyio.sleep(session.faults.delay)
                for message in data:
                    await self.ws.send(message)
            if session.close_mode is CloseMode.CLOSE:
                await self.ws.aclose()
        except ConnectionClosed:
            session.receive_eof()
        finally:
            self.flushing = False


class FakeServer:
    """A WhatsApp-like server on loopback: Noise, login, pairing, routing, faults.

    Use as ``async with FakeServer() as server:``; ``server.ws_url`` is the
    websocket URL and ``server.root_public_key`` the root a client must trust.

    Args:
        config: listening and behaviour settings.
        random: randomness for keys, refs and ids (``os.urandom`` by default).
        clock: the current Unix time (``time.time`` by default).
        test_ca: the CA that signs the ``wss://`` and media host certificates (a new one by
            default); pass one to peers that must trust it before the server exists.
    """

    def __init__(
        self,
        config: FakeServerConfig | None = None,
        *,
        random: Callable[[int], bytes] = os.urandom,
        clock: Callable[[], float] = time.time,
        test_ca: TestCA | None = None,
    ) -> None:
        self.config = config or FakeServerConfig()
        self.core = ServerCore(self.config, random=random, clock=clock)
        self._clock = clock
        self._random = random
        self._tg: TaskGroup | None = None
        self._ws: WebSocketServer | None = None
        self._control: ControlServer | None = None
        self._links: set[_Link] = set()
        self._media: MediaHost | None = None
        # The CA signs the wss:// certificate (with tls=True) and the media host's, always HTTPS.
        self.test_ca: TestCA = test_ca or make_test_ca()

    # -- lifecycle --------------------------------------------------------------------------------

    async def __aenter__(self) -> FakeServer:
        if self._tg is not None:
            raise InvalidState("can't enter a FakeServer twice")
        self._tg = anyio.create_task_group()
        await self._tg.__aenter__()
        try:
            ssl_context = self.test_ca.server_context() if self.config.tls else None
            self._ws = await serve_websocket(
                self._handle,
                task_group=self._tg,
                host=self.config.host,
                port=self.config.port,
                ssl_context=ssl_context,
            )
            if self.config.control:
                self._control = ControlServer(self)
                await self._control.start(self._tg, host=self.config.host, port=self.config.control_port)
            if self.config.media:
                self._media = MediaHost(self.core.media, self.test_ca.server_context())
                await self._media.start(self._tg, host=self.config.host)
                self.core.store_blob = self._media.store
            self._tg.start_soon(self._tick)
        except BaseException:
            if self._media is not None:
                self._media.close()
            self._tg.cancel_scope.cancel()
            await self._tg.__aexit__(None, None, None)
            raise
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._tg is not None
        # Drop every socket first: a polite close would wait for each peer's answer.
        with anyio.CancelScope(shield=True):
            for link in list(self._links):
                await link.ws.abort()
        self._tg.cancel_scope.cancel()
        try:
            await self._tg.__aexit__(exc_type, exc, tb)
        finally:
            if self._media is not None:
                self._media.close()

    async def serve_forever(self) -> None:
        """Run until cancelled (the CLI's main loop)."""
        await anyio.sleep_forever()

    def spawn(self, func: Callable[[], object]) -> None:
        """Start a short task in the server's task group."""
        if self._tg is not None:
            self._tg.start_soon(func)  # type: ignore[arg-type]

    @property
    def ws_url(self) -> str:
        """The websocket URL clients connect to (``ws://…/ws/chat`` or ``wss://``)."""
        if self._ws is None:
            raise InvalidState("the server is not running")
        return self._ws.url

    @property
    def control_url(self) -> str | None:
        """The base URL of the control API (``http://host:port``), when enabled."""
        return None if self._control is None else self._control.url

    @property
    def root_public_key(self) -> bytes:
        """The Noise certificate root clients must trust (32 bytes)."""
        return self.core.root_key.public

    @property
    def media_host(self) -> str:
        """``host:port`` of the HTTPS media host (what ``media_conn`` names)."""
        if not self.core.media.hostname:
            raise InvalidState("the media host is not running")
        return self.core.media.hostname

    def write_ca_pem(self, path: str | Path) -> Path:
        """Write the test CA certificate (``wss://`` and the media host) for clients configured by file."""
        return self.test_ca.write_ca_pem(path)

    def send_media(
        self,
        from_phone: str,
        to: str,
        data: bytes,
        *,
        kind: str = "image",
        caption: str | None = None,
        mimetype: str | None = None,
        filename: str | None = None,
        ptt: bool = False,
    ) -> str:
        """The phone of ``from_phone`` sends ``data`` as a media message to ``to``'s clients.

        The phone encrypts and uploads the file to the media host, then sends the message
        end-to-end encrypted to every companion of ``to``; it remembers the media so it can
        answer a media-retry request once the blob expired. Returns the message id.
        """
        media_kind = MediaKind(kind)
        media_key = self._random(MEDIA_KEY_LENGTH)
        encrypted = encrypt_media(data, media_key, media_kind.media_type)
        answer = self.store_media(encrypted.blob, media_kind.media_type.mms_type)
        uploaded = UploadedMedia(str(answer["url"]), str(answer["direct_path"]), media_key,
                                 encrypted.file_sha256, encrypted.file_enc_sha256, encrypted.file_length)
        found = probe(data[:HEAD_BYTES], data[-TAIL_BYTES:])
        details = MediaDetails(
            mimetype=mimetype or guess_mimetype(media_kind, filename, found.mimetype),
            caption=caption, filename=filename, width=found.width, height=found.height,
            seconds=found.seconds, ptt=ptt,
        )
        message = build_media_message(media_kind, uploaded, details, now=self._clock())
        account = self.core.accounts.require(from_phone)
        phones = self.core.phones
        message_id = phones.send(account, JID.parse(to), message, now=self._clock())
        phones.remember_media(message_id, media_key, str(answer["object_id"]))
        return message_id

    def send_text(self, from_phone: str, to: str, text: str) -> str:
        """The phone of ``from_phone`` sends ``text``, end-to-end encrypted, to ``to``'s companions."""
        account = self.core.accounts.require(from_phone)
        message = wa_e2e_pb2.Message(conversation=text)
        return self.core.phones.send(account, JID.parse(to), message, now=self._clock())

    def reregister_phone(self, phone: str, *, notify: bool = True) -> None:
        """The phone of ``phone`` reinstalls WhatsApp with a new identity key.

        ``notify`` sends every other logged-in device the server's identity-change notice;
        without it, clients only learn of the new key from the phone's next message or a key fetch.
        """
        self.core.reregister_phone(self.core.accounts.require(phone), notify=notify, now=self._clock())

    def store_media(self, blob: bytes, mms_type: str) -> dict[str, object]:
        """Store an encrypted blob as if uploaded (the simulated phones' uploads); returns the upload JSON."""
        if self._media is None:
            raise InvalidState("the media host is not running")
        return self._media.store(blob, mms_type)

    # -- connections -------------------------------------------------------------------------------

    async def _handle(self, ws: WebSocketConnection) -> None:
        session = self.core.new_session(now=self._clock())
        link = _Link(self, session, ws)
        session.wake = link.wake
        self._links.add(link)
        try:
            while session.close_mode is None:
                data = await ws.receive()
                handshaking = session.phase is Phase.FINISH
                link.pumping = True
                try:
                    session.receive_data(data, now=self._clock())
                finally:
                    link.pumping = False
                if handshaking and self.config.post_handshake_delay > 0:
                    # Baileys 6 switches to the transport keys only after its clientFinish
                    # write completes; a reply that beats it is lost (and the next frame fails).
                    await anyio.sleep(self.config.post_handshake_delay)
                await link.flush()
        except ConnectionClosed:
            pass
        finally:
            self._links.discard(link)
            session.receive_eof()
            session.wake = None
        if session.close_mode is not None and not link.flushing:
            with anyio.CancelScope(shield=True):
                await link.flush()

    async def _tick(self) -> None:
        while True:
            await anyio.sleep(self.config.tick_interval)
            self.core.pairing.expire(self._clock())

    # -- Python API ------------------------------------------------------------------------------

    def create_account(
        self,
        phone: str,
        *,
        push_name: str | None = None,
        require_privacy_token: bool = False,
        hide_number: bool = False,
    ) -> Account:
        """Create (or return) an account with its simulated phone (device 0).

        ``require_privacy_token``: 1:1 messages to it need the privacy token it issued
        to the sender, as for WhatsApp accounts that restrict strangers (else ack 463).
        ``hide_number``: the server never names its number beside its LID (no ``sender_pn``,
        ``participant_pn``, ``phone_number`` in LID groups), so others know it by LID only.
        """
        return self.core.create_account(
            phone, push_name=push_name, require_privacy_token=require_privacy_token, hide_number=hide_number
        )

    def phone(self, phone: str) -> PhoneAgent:
        """The simulated phone of an account: seed chats, messages, push names; change settings."""
        return self.core.phone(self.core.accounts.require(phone))

    def provision_device(
        self,
        phone: str,
        *,
        identity: KeyPair,
        noise_public: bytes,
        registration_id: int,
        signed_prekey_id: int,
        signed_prekey_public: bytes,
        signed_prekey_signature: bytes,
        platform: str = "Chrome",
    ) -> ProvisionedDevice:
        """Link a companion as pairing would, without a websocket (for benchmarks and tests)."""
        return provision_device(
            self.core,
            phone,
            identity=identity,
            noise_public=noise_public,
            registration_id=registration_id,
            signed_prekey_id=signed_prekey_id,
            signed_prekey_public=signed_prekey_public,
            signed_prekey_signature=signed_prekey_signature,
            platform=platform,
        )

    def scan_qr(self, phone: str, qr: str) -> None:
        """The phone of ``phone`` scans a QR string shown by a registering client."""
        self.core.pairing.scan_qr(phone, qr, now=self._clock())

    def enter_pairing_code(self, phone: str, code: str) -> None:
        """The phone of ``phone`` types the code a client showed (link-code pairing)."""
        self.core.enter_pairing_code(phone, code, now=self._clock())

    def place_call(self, caller: str, callee: str, *, video: bool = False) -> str:
        """``caller``'s phone calls ``callee``: every device of the callee gets an offer; returns the call id.

        ``core.call_log`` shows whether a device rejected it.
        """
        return place_call(self.core, caller, callee, video=video)

    def kick(self, jid: str, code: int, conflict: str | None = None) -> int:
        """End the connections of ``jid`` with ``<stream:error code>``; returns how many."""
        return self.core.apply_fault(Fault(FaultKind.STREAM_ERROR, code=code, conflict=conflict), jid)

    def fault(self, fault: Fault, jid: str | None = None) -> int:
        """Apply a fault to the connections of ``jid`` (all when None); returns how many."""
        return self.core.apply_fault(fault, jid)

    def state(self) -> dict[str, object]:
        """A JSON-ready snapshot of accounts, devices, connections and queues."""
        return self.core.state()
