"""Linking a new device, as a service: QR refs with rotation, pairing by phone code, pair-success.

Runs while the connection is in registration mode (no ``<success>`` yet). The
server sends ``pair-device`` with refs; each ref becomes a QR string shown for
60 s (the first) or 20 s (later ones). When the phone scans one, the server
sends ``pair-success``; we verify the HMAC and the account signature, sign the
device identity, store the new identity and reply. The server then restarts the
stream with 515 and the client logs in with the stored credentials.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import ClassVar

import anyio

from waproto._lazy import LazyEvent
from waproto.auth import (
    ClientIdentity,
    companion_finish,
    companion_finish_iq,
    companion_hello_iq,
    format_link_code,
    generate_link_code,
    make_qr_string,
    pair_device_ack,
    pair_device_sign_reply,
    pair_error_reply,
    parse_link_code_notification,
    parse_pair_device,
    parse_pair_success,
    verify_pair_success,
    wrap_ephemeral,
)
from waproto.binary import Node
from waproto.connection import CloseInfo, DisconnectReason
from waproto.crypto import KeyPair, generate_keypair
from waproto.errors import DecodeError, InvalidState, PairingError
from waproto.events import PairingCode, PairSuccess, QRCode
from waproto.jid import JID
from waproto.session import Session, StanzaRoute

__all__ = ["PairingService"]

logger = logging.getLogger("waproto.pairing")


class PairingService:
    """Pairing state of one registration connection.

    Args:
        session: the session it runs in; the service registers its handlers there.
        identity: how this client presents itself (sent with a pairing-code request).
    """

    __slots__ = ("_code", "_ephemeral", "_identity", "_offered", "_phone", "_qr_scope", "_session")

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (
        StanzaRoute.of("iq", "_on_pair_device", child="pair-device"),
        StanzaRoute.of("iq", "_on_pair_success", child="pair-success"),
        StanzaRoute.of("notification", "_on_link_code_notification", type="link_code_companion_reg"),
    )

    def __init__(self, session: Session, identity: ClientIdentity) -> None:
        self._session = session
        self._identity = identity
        self._qr_scope: anyio.CancelScope | None = None
        self._offered = LazyEvent()
        self._code: str | None = None
        self._ephemeral: KeyPair | None = None
        self._phone: JID | None = None
        session.router.register(self)

    def stop(self) -> None:
        """Stop showing QR codes (paired, or the connection ended)."""
        if self._qr_scope is not None:
            self._qr_scope.cancel()
            self._qr_scope = None
        if self._offered.is_set():
            self._offered = LazyEvent()

    async def wait_offered(self) -> None:
        """Wait for ``pair-device`` on the current connection.

        Pairing iqs sent earlier would race the Noise handshake (no transport yet)
        or reach a server that has not put the connection into registration.
        """
        await self._offered.wait()

    async def _on_pair_device(self, iq: Node) -> None:
        """Acknowledge the refs and start showing them as QR codes."""
        session = self._session
        refs = parse_pair_device(iq)
        await session.send_node(pair_device_ack(iq))
        self.stop()
        self._offered.set()
        session.spawn(self._rotate_qr, refs)

    async def _rotate_qr(self, refs: list[str]) -> None:
        session = self._session
        creds = session.credentials
        with anyio.CancelScope() as scope:
            self._qr_scope = scope
            for index, ref in enumerate(refs):
                if self._code is not None:
                    return
                config = session.config
                timeout = config.qr_first_timeout if index == 0 else config.qr_timeout
                code = make_qr_string(
                    ref, creds.noise_key.public, creds.identity_key.public, creds.adv_secret_key
                )
                await session.emit(QRCode(code=code, timeout=timeout))
                await anyio.sleep(timeout)
            logger.info("QR refs ran out without a scan")
            await session.close_connection(
                CloseInfo.local(DisconnectReason.TIMED_OUT, "QR codes ran out", qr_exhausted=True)
            )

    async def _on_pair_success(self, iq: Node) -> None:
        """Verify the phone's signature, store our new identity, send our device signature."""
        session = self._session
        self.stop()
        creds = session.credentials
        try:
            stanza = parse_pair_success(iq)
            result = verify_pair_success(
                stanza.device_identity, adv_secret=creds.adv_secret_key, identity=creds.identity_key
            )
        except (DecodeError, PairingError) as exc:
            logger.warning("< pair-success refused: %s", exc)
            await session.send_node(pair_error_reply(iq.require_attr("id")))
            return
        updated = dataclasses.replace(
            creds,
            me=str(stanza.jid),
            lid=str(stanza.lid) if stanza.lid is not None else None,
            account=result.account,
            platform=stanza.platform or "",
            registered=True,
        )
        async with session.store.transaction():
            await session.save_credentials(updated)
            await session.store.put_identity(
                f"{stanza.jid.signal_address_name}.0", result.account_signature_key
            )
        await session.send_node(pair_device_sign_reply(stanza.iq_id, result))
        await session.emit(
            PairSuccess(
                jid=stanza.jid,
                lid=stanza.lid,
                platform=stanza.platform or "",
                business_name=stanza.business_name or "",
            )
        )

    async def request_code(self, phone: str) -> str:
        """Ask the server to let the phone link us with a code; returns the code to show."""
        session = self._session
        digits = "".join(ch for ch in phone if ch.isdigit())
        if not digits:
            raise ValueError(f"not a phone number: {phone!r}")
        self.stop()
        self._phone = JID(digits, "s.whatsapp.net")
        self._code = generate_link_code()
        self._ephemeral = generate_keypair()
        creds = session.credentials
        await session.query(
            companion_hello_iq(
                session.next_id(),
                phone=self._phone,
                wrapped_ephemeral=wrap_ephemeral(self._code, self._ephemeral.public),
                noise_public=creds.noise_key.public,
                identity=self._identity,
            )
        )
        shown = format_link_code(self._code)
        await session.emit(PairingCode(code=shown))
        return shown

    async def _on_link_code_notification(self, node: Node) -> None:
        # Spawned: its round trip to the server must not hold up the next node.
        self._session.spawn(self._finish_link_code, node)

    async def _finish_link_code(self, node: Node) -> None:
        """The phone entered the code: finish the exchange and adopt the derived ADV secret."""
        session = self._session
        if self._code is None or self._ephemeral is None or self._phone is None:
            raise InvalidState("link code notification without a pending pairing code")
        notification = parse_link_code_notification(node)
        creds = session.credentials
        finish = companion_finish(
            code=self._code,
            companion_ephemeral=self._ephemeral,
            companion_identity=creds.identity_key,
            primary_identity_public=notification.primary_identity_public,
            wrapped_primary_ephemeral=notification.wrapped_primary_ephemeral,
        )
        await session.save_credentials(dataclasses.replace(creds, adv_secret_key=finish.adv_secret))
        await session.query(
            companion_finish_iq(
                session.next_id(),
                phone=self._phone,
                wrapped_key_bundle=finish.wrapped_key_bundle,
                identity_public=creds.identity_key.public,
                ref=notification.ref,
            )
        )
