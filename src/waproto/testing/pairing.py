"""Linking companions: QR pairing and pairing by phone code, with the phone simulated.

After a registration handshake the server sends ``pair-device`` with refs. When
the phone scans the QR the client shows (:meth:`PairingDesk.scan_qr`), the
server sends ``pair-success`` carrying the phone's signed identity for the
companion; the companion answers ``pair-device-sign``, the phone checks the
device signature, the device is registered, and the stream ends with 515 so the
client logs in afresh. The link-code path replaces the QR scan with the
``link_code_companion_reg`` exchange and the phone typing the code.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from waproto.auth.link_code import normalize_link_code, primary_finish, unwrap_ephemeral, wrap_ephemeral
from waproto.auth.qr import parse_qr_string
from waproto.binary import Node
from waproto.crypto import KeyPair, generate_keypair
from waproto.errors import DecodeError, InvalidState, PairingError
from waproto.testing import nodes
from waproto.testing.accounts import Account, DeviceKeys, RandomSource
from waproto.testing.adv import sign_companion, verify_companion_reply
from waproto.testing.session import CloseMode, Phase, ServerSession

if TYPE_CHECKING:
    from waproto.testing.core import ServerCore

__all__ = ["PairingDesk", "PendingPairing"]

_log = logging.getLogger("waproto.testing.pairing")


@dataclass(slots=True)
class PendingPairing:
    """A registering connection's state until its device is linked."""

    refs: list[str]
    noise_public: bytes
    keys: DeviceKeys
    platform: str
    expires: float
    account: str | None = None
    device_id: int = 0
    key_index: int = 0
    details: bytes = b""
    iq_id: str = ""
    link_code: LinkCodeState | None = None


@dataclass(slots=True)
class LinkCodeState:
    """What the companion sent in ``companion_hello``, kept for the phone and the finish stage."""

    phone: str
    ref: str
    wrapped_companion_ephemeral: bytes
    companion_ephemeral: bytes = b""
    primary_ephemeral: KeyPair | None = None


class PairingDesk:
    """Pairing flows for all registering connections, keyed by ref."""

    __slots__ = ("_by_ref", "_core", "_random")

    def __init__(self, core: ServerCore, random: RandomSource) -> None:
        self._core = core
        self._random = random
        self._by_ref: dict[str, ServerSession] = {}

    def __len__(self) -> int:
        return len(self._by_ref)

    def _new_ref(self) -> str:
        return "2@" + base64.b64encode(self._random(48)).decode("ascii")

    def start(self, session: ServerSession, pending: PendingPairing) -> None:
        """Offer QR refs to a registering connection."""
        pending.refs = [self._new_ref() for _ in range(self._core.config.qr_ref_count)]
        session.pairing = pending
        session.phase = Phase.PAIRING
        for ref in pending.refs:
            self._by_ref[ref] = session
        session.send_node(nodes.pair_device(self._core.next_id(), pending.refs))

    def forget(self, session: ServerSession) -> None:
        """Drop a registering connection's refs (it closed or was linked)."""
        if session.pairing is not None:
            for ref in session.pairing.refs:
                self._by_ref.pop(ref, None)
            if session.pairing.link_code is not None:
                self._by_ref.pop(session.pairing.link_code.ref, None)

    def expire(self, now: float) -> None:
        """Close registering connections whose pairing window ran out (shared timer)."""
        for session in {s for s in self._by_ref.values() if s.pairing and s.pairing.expires <= now}:
            session.send_node(nodes.stream_error(408))
            session.close()

    def scan_qr(self, phone: str, qr: str, *, now: float) -> ServerSession:
        """The phone of ``phone`` scans ``qr``: send ``pair-success`` to that connection.

        Raises:
            PairingError: unknown or stale ref, or keys that do not match the connection.
            InvalidState: no such account.
        """
        data = parse_qr_string(qr)
        session = self._by_ref.get(data.ref)
        if session is None or session.pairing is None or session.phase is not Phase.PAIRING:
            raise PairingError("QR ref is unknown or expired")
        pending = session.pairing
        if data.noise_public != pending.noise_public or data.identity_public != pending.keys.identity:
            raise PairingError("QR keys do not match the connection that showed the ref")
        account = self._core.accounts.require(phone)
        self._send_pair_success(session, account, data.adv_secret, now=now)
        return session

    def _send_pair_success(
        self, session: ServerSession, account: Account, adv_secret: bytes, *, now: float
    ) -> None:
        pending = session.pairing
        assert pending is not None
        if pending.account is not None:
            raise PairingError("this connection is already being paired")
        pending.account = account.phone_number
        pending.device_id = account.next_device_id
        pending.key_index = account.next_key_index
        container, pending.details = sign_companion(
            account,
            companion_identity=pending.keys.identity,
            adv_secret=adv_secret,
            key_index=pending.key_index,
            now=now,
            random=self._random,
        )
        pending.iq_id = self._core.next_id()
        device_jid = account.device_jid(pending.device_id)
        lid_jid = account.device_jid(pending.device_id, lid=True)
        success = Node(
            "pair-success",
            {},
            [
                Node("device-identity", {}, container),
                Node("platform", {"name": "android"}),
                Node("device", {"jid": str(device_jid), "lid": str(lid_jid)}),
                Node("biz", {"name": ""}),
            ],
        )
        session.send_node(
            Node("iq", {"id": pending.iq_id, "type": "set", "from": nodes.SERVER, "xmlns": "md"}, [success])
        )

    def handle_result(self, session: ServerSession, iq: Node) -> bool:
        """Take an iq result during pairing; True when it was the ``pair-device-sign`` reply."""
        pending = session.pairing
        sign = iq.get_child("pair-device-sign")
        if pending is None or sign is None:
            return False
        if pending.account is None or iq.attrs.get("id") != pending.iq_id:
            _log.info("#%d: unexpected pair-device-sign", session.conn_id)
            session.close()
            return True
        account = self._core.accounts.require(pending.account)
        identity = sign.require_child("device-identity")
        try:
            verify_companion_reply(
                account,
                reply_identity=identity.content_bytes(),
                companion_identity=pending.keys.identity,
                expected_details=pending.details,
            )
        except PairingError as exc:
            _log.info("#%d: pairing refused: %s", session.conn_id, exc)
            session.send_node(nodes.stream_error(401))
            session.close()
            return True
        device = account.add_companion(
            noise_public=pending.noise_public, keys=pending.keys, platform=pending.platform
        )
        if device.device_id != pending.device_id:
            raise InvalidState("device id changed during pairing")
        self._core.device_linked(account, device.device_id)
        # WhatsApp ends the registration stream with 515: the client must log in again.
        session.send_node(nodes.stream_error(515))
        session.close(CloseMode.CLOSE)
        return True

    # -- pairing by phone code ------------------------------------------------------------------

    def link_code_iq(self, session: ServerSession, iq: Node, *, now: float) -> Node | None:
        """Answer a ``link_code_companion_reg`` stage from a registering connection."""
        request = iq.get_child("link_code_companion_reg")
        pending = session.pairing
        if request is None or pending is None or session.phase is not Phase.PAIRING:
            return nodes.iq_error(iq, 400)
        try:
            if request.attrs.get("stage") == "companion_hello":
                return self._companion_hello(session, pending, iq, request)
            if request.attrs.get("stage") == "companion_finish":
                self._companion_finish(session, pending, iq, request, now=now)
                return None
        except (PairingError, DecodeError, InvalidState) as exc:
            _log.info("#%d: link code refused: %s", session.conn_id, exc)
            return nodes.iq_error(iq, 400)
        return nodes.iq_error(iq, 501)

    def _companion_hello(
        self, session: ServerSession, pending: PendingPairing, iq: Node, request: Node
    ) -> Node:
        phone = request.require_attr("jid").split("@", 1)[0]
        self._core.accounts.require(phone)
        wrapped = request.require_child("link_code_pairing_wrapped_companion_ephemeral_pub").content_bytes()
        noise = request.require_child("companion_server_auth_key_pub").content_bytes()
        if noise != pending.noise_public:
            raise PairingError("companion_server_auth_key_pub is not this connection's noise key")
        ref = self._new_ref()
        pending.link_code = LinkCodeState(phone=phone, ref=ref, wrapped_companion_ephemeral=wrapped)
        self._by_ref[ref] = session
        content = [Node("link_code_pairing_ref", {}, ref.encode())]
        return nodes.iq_result(iq, [Node("link_code_companion_reg", {}, content)])

    def enter_pairing_code(self, phone: str, code: str, *, now: float) -> ServerSession:
        """The phone of ``phone`` types ``code``: send the primary's hello to the companion.

        Raises:
            PairingError: no connection is waiting for a code for this phone.
        """
        for session in set(self._by_ref.values()):
            pending = session.pairing
            link = None if pending is None else pending.link_code
            if link is not None and link.phone == phone and link.primary_ephemeral is None:
                break
        else:
            raise PairingError(f"no companion is waiting for a pairing code for {phone}")
        account = self._core.accounts.require(phone)
        code = normalize_link_code(code)
        link.companion_ephemeral = unwrap_ephemeral(code, link.wrapped_companion_ephemeral)
        link.primary_ephemeral = generate_keypair(self._random)
        wrapped = wrap_ephemeral(code, link.primary_ephemeral.public, random=self._random)
        stage = Node(
            "link_code_companion_reg",
            {"stage": "primary_hello"},
            [
                Node("link_code_pairing_ref", {}, link.ref.encode()),
                Node("primary_identity_pub", {}, account.phone.identity.public),
                Node("link_code_pairing_wrapped_primary_ephemeral_pub", {}, wrapped),
            ],
        )
        attrs = {
            "from": nodes.SERVER,
            "type": "link_code_companion_reg",
            "id": self._core.next_id(),
            "t": str(int(now)),
        }
        session.send_node(Node("notification", attrs, [stage]))
        return session

    def _companion_finish(
        self, session: ServerSession, pending: PendingPairing, iq: Node, request: Node, *, now: float
    ) -> None:
        link = pending.link_code
        if link is None or link.primary_ephemeral is None:
            raise PairingError("companion_finish before the phone entered the code")
        identity = request.require_child("companion_identity_public").content_bytes()
        if identity != pending.keys.identity:
            raise PairingError("companion_identity_public differs from the registration identity")
        account = self._core.accounts.require(link.phone)
        adv_secret = primary_finish(
            primary_ephemeral=link.primary_ephemeral,
            primary_identity=account.phone.identity,
            companion_ephemeral_public=link.companion_ephemeral,
            companion_identity_public=identity,
            wrapped_key_bundle=request.require_child("link_code_pairing_wrapped_key_bundle").content_bytes(),
        )
        # The result must precede pair-success, so it is sent here rather than returned.
        session.send_node(nodes.iq_result(iq))
        self._send_pair_success(session, account, adv_secret, now=now)
