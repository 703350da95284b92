"""The server's shared state and its decisions, with no I/O: the routing core.

Every connection's :class:`~waproto.testing.session.ServerSession` hands its
client's payload and nodes here. The core logs devices in, starts pairing,
dispatches nodes by tag, routes messages through the
:class:`~waproto.testing.routing.Router`, applies faults and offers the Python
API behind the control endpoints. Time comes in as ``now``; randomness from
the injected source.
"""

from __future__ import annotations

import hmac
import itertools
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from waproto.auth.payload import decode_client_payload, parse_registration
from waproto.binary import Node
from waproto.crypto import KeyPair, generate_keypair
from waproto.errors import InvalidState, WAError
from waproto.jid import JID
from waproto.messaging.privacy import cs_token
from waproto.noise import make_cert_chain
from waproto.testing import nodes
from waproto.testing.accounts import Account, AccountRegistry, Device, DeviceKeys, Phone, SignedPreKey
from waproto.testing.appsync import BlobStore
from waproto.testing.config import FakeServerConfig
from waproto.testing.faults import Fault, FaultKind, SessionFaults
from waproto.testing.groups import Group
from waproto.testing.iq import handle_iq
from waproto.testing.media import MEDIA_FAULTS, MediaDesk
from waproto.testing.pairing import PairingDesk, PendingPairing
from waproto.testing.phone import PhoneAgent
from waproto.testing.phones import PhoneOutbox
from waproto.testing.profile import handle_call
from waproto.testing.routing import Router
from waproto.testing.session import CloseMode, Phase, ServerSession
from waproto.testing.shapes import ShapeRecorder

__all__ = ["ProvisionedDevice", "ServerCore"]

_log = logging.getLogger("waproto.testing.core")

#: Validity of the generated certificate chain around server start (seconds).
_CERT_VALIDITY = 10 * 365 * 24 * 3600


@dataclass(frozen=True, slots=True)
class ProvisionedDevice:
    """What a client store needs after a device was linked without the websocket dance."""

    jid: JID
    """The device JID (``phone:device@s.whatsapp.net``)."""
    lid: JID
    """The device's lid JID."""
    account_identity: bytes
    """The companion's ADVSignedDeviceIdentity (with account and device signatures)."""
    phone_identity: bytes
    """The phone's 32-byte identity public key (the account signature key)."""
    push_name: str
    platform: str


class ServerCore:
    """Accounts, connections, queues and groups shared by all connections.

    Args:
        config: server settings.
        random: the randomness source (keys, refs, ids).
        clock: the current Unix time; only read where no ``now`` is passed in.
    """

    def __init__(
        self,
        config: FakeServerConfig,
        *,
        random: Callable[[int], bytes] = os.urandom,
        clock: Callable[[], float],
    ) -> None:
        self.config = config
        self.random = random
        self.clock = clock
        self.accounts = AccountRegistry(random)
        self.pairing = PairingDesk(self, random)
        self.router = Router(self)
        self.groups: dict[str, Group] = {}
        #: Whether stanzas and usync tell a PN's LID and a LID's PN (``sender_lid``, ``<lid val>``...).
        #: Off models WhatsApp before LIDs, so tests can build PN sessions and then switch it on.
        self.lid_hints = config.lid_hints
        self.media = MediaDesk(random, ttl=config.media_conn_ttl)
        self.phones = PhoneOutbox(self)
        self.sessions: set[ServerSession] = set()
        #: Calls placed with :meth:`place_call`: call id, caller, callee, state.
        self.call_log: list[dict[str, str]] = []
        self.phone_agents: dict[str, PhoneAgent] = {}
        #: Stores a blob on the media host (set by the server shell while the host runs).
        self.store_blob: BlobStore | None = None
        self._ids = itertools.count(1)
        self._conn_ids = itertools.count(1)
        self.recorder = ShapeRecorder() if config.record_shapes else None
        #: Oldest WA Web version let in (None: any) and the one ``/sw.js`` names; tests may change both.
        self.min_version = config.min_version
        self.web_version = config.web_version
        self.root_key = generate_keypair(random)
        self._static = generate_keypair(random)
        now = int(clock())
        self._cert_chain = make_cert_chain(
            self.root_key,
            generate_keypair(random),
            self._static.public,
            not_before=now - 3600,
            not_after=now + _CERT_VALIDITY,
            random=random,
        )
        self._handlers: dict[str, Callable[[ServerSession, Node, float], None]] = {
            "iq": lambda s, n, t: handle_iq(self, s, n, t),
            "message": lambda s, n, t: self.router.message(s, n, now=t),
            "receipt": self._receipt,
            "ack": lambda s, n, t: self.router.ack(s, n),
            "chatstate": lambda s, n, t: self.router.chatstate(s, n),
            "presence": self._presence,
            "notification": self._ack_only,
            "call": lambda s, n, t: handle_call(self, s, n, t),
        }

    # -- connection lifecycle -------------------------------------------------------------------

    def new_session(self, *, now: float) -> ServerSession:
        """A session object for a freshly accepted socket."""
        session = ServerSession(self, next(self._conn_ids), now=now)
        self.sessions.add(session)
        return session

    def noise_identity(self) -> tuple[KeyPair, bytes]:
        """The server's static key and the certificate chain naming it."""
        return self._static, self._cert_chain

    def next_id(self) -> str:
        """A fresh id for a server-originated stanza."""
        return f"srv.{next(self._ids)}"

    def client_finished(
        self, session: ServerSession, client_static: bytes, payload: bytes, *, now: float
    ) -> None:
        """Decide what a completed handshake becomes: registration or login."""
        message = decode_client_payload(payload)
        if self.recorder is not None:
            self.recorder.payload(session.conn_id, message)
        app = message.userAgent.appVersion
        announced = (app.primary, app.secondary, app.tertiary)
        if self.min_version is not None and announced < self.min_version:
            _log.info("#%d: version %s refused (405)", session.conn_id, announced)
            session.send_node(nodes.failure(405))
            session.close()
            return
        if message.HasField("devicePairingData") and not message.HasField("username"):
            registration = parse_registration(message)
            keys = DeviceKeys(
                registration.registration_id,
                registration.identity_public,
                SignedPreKey(
                    registration.signed_prekey_id,
                    registration.signed_prekey_public,
                    registration.signed_prekey_signature,
                ),
            )
            pending = PendingPairing(
                refs=[],
                noise_public=client_static,
                keys=keys,
                platform="Chrome",
                expires=now + self.config.pairing_timeout,
            )
            self.pairing.start(session, pending)
            return
        account = self.accounts.get(str(message.username))
        device = None if account is None else account.devices.get(message.device)
        if (
            account is None
            or device is None
            or device.removed
            or device.device_id == 0
            or device.noise_public is None
            or not hmac.compare_digest(device.noise_public, client_static)
        ):
            _log.info("#%d: login refused for %s.%s", session.conn_id, message.username, message.device)
            session.send_node(nodes.failure(401))
            session.close()
            return
        self._log_in(session, account, device, now=now)

    def _log_in(self, session: ServerSession, account: Account, device: Device, *, now: float) -> None:
        key = (account.phone_number, device.device_id)
        previous = self.router.online.get(key)
        if previous is not None:
            # A second login of the same device replaces the first, as WhatsApp does (440).
            previous.send_node(nodes.stream_error(conflict="replaced"))
            previous.close()
        session.account = account.phone_number
        session.device_id = device.device_id
        session.phase = Phase.OPEN
        lid = account.device_jid(device.device_id, lid=True)
        session.send_node(
            nodes.success(now=now, lid=str(lid), push_name=account.push_name, creation=account.created)
        )
        self.router.went_online(session)
        self.companion_ready(account, device)

    def phone(self, account: Account) -> PhoneAgent:
        """The account's simulated phone (its app-state, history and key share)."""
        agent = self.phone_agents.get(account.phone_number)
        if agent is None:
            agent = self.phone_agents[account.phone_number] = PhoneAgent(self, account)
        return agent

    def companion_ready(self, account: Account, device: Device) -> None:
        """A companion logged in or uploaded prekeys: the phone welcomes it once it can encrypt to it."""
        online = (account.phone_number, device.device_id) in self.router.online
        if (
            self.config.phone_sync
            and online
            and device.device_id != 0
            and device.keys
            and device.keys.prekeys
        ):
            self.phone(account).welcome(device, self.store_blob)

    def session_closed(self, session: ServerSession) -> None:
        """A connection ended (any reason): release what it held."""
        self.sessions.discard(session)
        self.pairing.forget(session)
        self.router.went_offline(session)

    def handle_node(self, session: ServerSession, node: Node, *, now: float) -> None:
        """Dispatch one node from a client by tag."""
        if _log.isEnabledFor(logging.DEBUG):
            _log.debug("#%d < %s %s", session.conn_id, node.tag, node.attrs)
        if self.recorder is not None:
            self.recorder.node(session.conn_id, session.account, node)
        if session.phase is not Phase.OPEN and node.tag != "iq":
            return
        handler = self._handlers.get(node.tag)
        if handler is None:
            _log.debug("#%d: ignoring <%s>", session.conn_id, node.tag)
            return
        handler(session, node, now)

    def session_account(self, session: ServerSession) -> tuple[Account, int]:
        """The account and device id of a logged-in connection."""
        if session.account is None:
            raise InvalidState(f"{session!r} is not logged in")
        return self.accounts.require(session.account), session.device_id

    def _presence(self, session: ServerSession, node: Node, now: float) -> None:
        account, _ = self.session_account(session)
        name = node.attrs.get("name")
        if name:
            account.push_name = name
        kind = node.attrs.get("type")
        if kind == "subscribe":
            try:
                target = self.accounts.for_jid(JID.parse(node.attrs.get("to", "")))
            except WAError:
                return
            if target is None:
                return
            target.presence_subscribers.add((account.phone_number, session.device_id))
            online = any(key[0] == target.phone_number for key in self.router.online)
            attrs = {"from": str(target.jid), "type": "available" if online else "unavailable"}
            if not online:
                attrs["last"] = str(int(now))
            session.send_node(Node("presence", attrs))
        elif kind in ("available", "unavailable"):
            # Subscribers hear each change while they are online (presence is never queued).
            attrs = {"from": str(account.jid), "type": kind}
            if kind == "unavailable":
                attrs["last"] = str(int(now))
            for key in account.presence_subscribers:
                subscriber = self.router.online.get(key)
                if subscriber is not None:
                    subscriber.send_node(Node("presence", dict(attrs)))

    def _receipt(self, session: ServerSession, node: Node, now: float) -> None:
        # A media-retry request goes to the asker's own phone, which answers it (WhatsApp
        # relays it to the phone; here the phone is simulated beside the server).
        if node.attrs.get("type") == "server-error" and node.get_child("rmr") is not None:
            session.send_node(nodes.ack(node, now=now))
            self.phones.answer_retry(session, node, now=now)
        else:
            self.router.receipt(session, node, now=now)

    def _ack_only(self, session: ServerSession, node: Node, now: float) -> None:
        session.send_node(nodes.ack(node, now=now))

    # -- privacy tokens ---------------------------------------------------------------------------

    def issue_privacy_tokens(self, session: ServerSession, tokens: Node, *, now: float) -> None:
        """``<iq xmlns=privacy type=set><tokens><token jid t type=trusted_contact/>``: the
        sender trusts each named contact; WhatsApp mints a token and hands it to that
        contact's devices in a ``privacy_token`` notification (whatsmeow notification.go
        handlePrivacyTokenNotification reads it), for the contact's 1:1 messages to carry."""
        issuer, _ = self.session_account(session)
        for child in tokens.get_children("token"):
            if child.attrs.get("type") != "trusted_contact":
                continue
            try:
                holder = self.accounts.for_jid(JID.parse(child.attrs.get("jid", "")))
            except WAError:
                continue
            if holder is None or holder is issuer:
                continue
            token = self.random(24)
            stamp = child.attrs.get("t", "")
            issued = int(stamp) if stamp.isdigit() else int(now)
            issuer.issued_tokens[holder.phone_number] = (token, issued)
            notification = Node(
                "notification",
                {
                    "from": str(issuer.jid),
                    "sender_lid": str(issuer.lid),
                    "type": "privacy_token",
                    "id": self.next_id(),
                    "t": str(int(now)),
                },
                [
                    Node(
                        "tokens",
                        {},
                        [
                            Node(
                                "token",
                                {"jid": str(holder.jid), "t": str(issued), "type": "trusted_contact"},
                                token,
                            )
                        ],
                    )
                ],
            )
            for device in holder.active_devices():
                self.router.deliver((holder.phone_number, device.device_id), notification, track=False)

    def privacy_token_valid(self, target: Account | None, sender: Account, message: Node) -> bool:
        """Whether a 1:1 message may reach ``target``: it does not ask for tokens, or the
        message carries the token ``target`` issued to ``sender``, or else a ``<cstoken>``:
        HMAC-SHA256 of ``target``'s ``<lid>@lid`` under ``sender``'s NCT salt, which WhatsApp
        knows because it provisioned it (whatsmeow cstoken.go; Baileys PR 2438 and
        whatsapp-rust PR 433: tctoken, then cstoken, then 463). Anything else acks 463."""
        if target is None or not target.require_privacy_token or target is sender:
            return True
        issued = target.issued_tokens.get(sender.phone_number)
        carried = message.get_child("tctoken")
        if issued is not None and carried is not None:
            return hmac.compare_digest(carried.content_bytes(), issued[0])
        cstoken = message.get_child("cstoken")
        if cstoken is None or not sender.nct_salt:
            return False
        return hmac.compare_digest(cstoken.content_bytes(), cs_token(sender.nct_salt, target.lid))

    # -- pairing and prekeys ----------------------------------------------------------------------

    def device_linked(self, account: Account, device_id: int) -> None:
        """A companion finished pairing: the account's other devices and its peers are told."""
        _log.info("account %s: device %d linked", account.phone_number, device_id)
        self.router.devices_changed(account, device_id, added=True, now=self.clock())

    def device_unlinked(self, account: Account, device_id: int) -> None:
        """Unlink a companion (its next login fails with 401) and tell the others."""
        account.remove_device(device_id)
        self.router.devices_changed(account, device_id, added=False, now=self.clock())

    def link_code_iq(self, session: ServerSession, iq: Node, *, now: float) -> Node | None:
        """``md`` iqs: the link-code companion stages (``link_code_companion_reg``)."""
        return self.pairing.link_code_iq(session, iq, now=now)

    def enter_pairing_code(self, phone: str, code: str, *, now: float) -> None:
        """The phone of ``phone`` types the code a companion showed."""
        self.pairing.enter_pairing_code(phone, code, now=now)

    def prekeys_consumed(self, account: Account, device: Device, *, now: float) -> None:
        """A key fetch used a one-time prekey; tell the device when it runs low."""
        keys = device.keys
        if keys is None or len(keys.prekeys) >= self.config.prekey_low_watermark:
            return
        notification = Node(
            "notification",
            {"from": nodes.SERVER, "type": "encrypt", "id": self.next_id(), "t": str(int(now))},
            [Node("count", {"value": str(len(keys.prekeys))})],
        )
        self.router.deliver((account.phone_number, device.device_id), notification, track=False)

    def reregister_phone(self, account: Account, *, notify: bool, now: float) -> None:
        """The account's phone reinstalls WhatsApp: new identity and prekeys for device 0.

        With ``notify`` every other logged-in device gets ``<notification type="encrypt">
        <identity/>`` from the account, as WhatsApp tells a user's contacts. The account's
        companions stay linked (a real reinstall unlinks them; tests that need that remove them).
        """
        phone = Phone.generate(self.random)
        account.phone = phone
        account.devices[0].keys = phone.public_keys()
        self.phones.forget(account)
        if not notify:
            return
        for key in [k for k in self.router.online if k[0] != account.phone_number]:
            attrs = {"from": str(account.jid), "type": "encrypt", "id": self.next_id(), "t": str(int(now))}
            self.router.deliver(key, Node("notification", attrs, [Node("identity")]), track=False)

    # -- Python API behind the control endpoints -------------------------------------------------

    def sessions_for(self, target: str | None) -> list[ServerSession]:
        """Logged-in sessions matching a device JID, a user JID (all devices) or None (all)."""
        if target is None:
            return [s for s in self.sessions if s.phase is not Phase.CLOSED]
        jid = JID.parse(target)
        account = self.accounts.for_jid(jid)
        if account is None:
            return []
        keys: Iterable[tuple[str, int]]
        if ":" in target.split("@", 1)[0]:
            keys = [(account.phone_number, jid.device)]
        else:
            keys = [k for k in self.router.online if k[0] == account.phone_number]
        return [self.router.online[k] for k in keys if k in self.router.online]

    def apply_fault(self, fault: Fault, target: str | None = None) -> int:
        """Apply a fault to the matching connections (or the media host); returns how many it hit."""
        if fault.kind in MEDIA_FAULTS:
            return self.media.apply_fault(fault)
        if fault.kind is FaultKind.RESUME:
            self.media.apply_fault(fault)
        sessions = self.sessions_for(target)
        for session in sessions:
            self._apply(session, fault, target)
        return len(sessions)

    def _apply(self, session: ServerSession, fault: Fault, target: str | None) -> None:
        kind = fault.kind
        if kind is FaultKind.STREAM_ERROR:
            if fault.code == 401 and session.account is not None:
                account = self.accounts.require(session.account)
                if session.device_id != 0:
                    self.device_unlinked(account, session.device_id)
            session.send_node(nodes.stream_error(fault.code, fault.conflict_type))
            session.close()
        elif kind is FaultKind.STREAM_END:
            session.send_node(nodes.stream_end())
            session.close()
        elif kind is FaultKind.DROP:
            session.close(CloseMode.ABORT)
        elif kind is FaultKind.MALFORMED_FRAME:
            session.send_malformed_frame()
        else:
            if session.faults is None:
                session.faults = SessionFaults()
            if kind is FaultKind.STOP_PINGS:
                session.faults.ignore_pings = True
            elif kind is FaultKind.DELAY:
                session.faults.delay = fault.delay
            elif kind is FaultKind.CORRUPT_MESSAGE:
                session.faults.corrupt_next = True
            else:
                session.faults = None

    def create_account(
        self,
        phone: str,
        *,
        push_name: str | None = None,
        require_privacy_token: bool = False,
        hide_number: bool = False,
    ) -> Account:
        """Create (or return) the account of a phone number, with its simulated phone.

        ``require_privacy_token``: 1:1 messages to it need its token (else ack error 463).
        ``hide_number``: its LID is never accompanied by its number (LID-only delivery).
        """
        account = self.accounts.create(phone, now=self.clock(), push_name=push_name)
        account.require_privacy_token = account.require_privacy_token or require_privacy_token
        account.hides_number = account.hides_number or hide_number
        return account

    def state(self) -> dict[str, Any]:
        """A JSON-ready snapshot: accounts, devices, connections, queues, groups."""
        accounts = []
        for account in self.accounts:
            devices = []
            for device in account.devices.values():
                key = (account.phone_number, device.device_id)
                devices.append(
                    {
                        "id": device.device_id,
                        "jid": str(account.device_jid(device.device_id)),
                        "removed": device.removed,
                        "online": key in self.router.online,
                        "queued": len(self.router.queues.get(key, ())),
                        "prekeys": 0 if device.keys is None else len(device.keys.prekeys),
                    }
                )
            accounts.append(
                {
                    "phone": account.phone_number,
                    "jid": str(account.jid),
                    "lid": str(account.lid),
                    "devices": devices,
                }
            )
        return {
            "accounts": accounts,
            "connections": len(self.sessions),
            "online": len(self.router.online),
            "pairing": len(self.pairing),
            "queued_messages": self.router.queued_count(),
            "groups": [
                {"id": str(g.jid), "subject": g.subject, "participants": sorted(g.participants)}
                for g in self.groups.values()
            ],
        }
