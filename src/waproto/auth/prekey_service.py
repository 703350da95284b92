"""One-time prekeys as a service: generated locally, uploaded in batches, topped up when the server runs low.

The server hands one prekey to each peer that starts a session with us; when
fewer than ``min_prekeys_on_server`` remain (at login, or on a
``<notification type=encrypt><count>``) we upload ``prekey_upload_count`` more.
Prekey records in the store are the 32-byte private key.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import ClassVar

from waproto.auth.pairing import encode_device_identity
from waproto.binary import Node
from waproto.connection import check_iq_error
from waproto.jid import USER_SERVER
from waproto.session import Session, StanzaRoute
from waproto.signal import MAX_PREKEY_ID, PreKey, generate_prekeys
from waproto.store import Credentials

__all__ = ["PrekeyService", "prekey_node", "signed_prekey_node"]

logger = logging.getLogger("waproto.prekeys")

#: Signal's key type byte (Curve25519) as WA sends it in ``<type>``.
KEY_BUNDLE_TYPE = b"\x05"


def prekey_node(prekey: PreKey) -> Node:
    """``<key><id/><value/></key>`` for one prekey."""
    return Node(
        "key",
        {},
        [Node("id", {}, prekey.key_id.to_bytes(3, "big")), Node("value", {}, prekey.key_pair.public)],
    )


def signed_prekey_node(credentials: Credentials) -> Node:
    """``<skey>`` with our signed prekey and its signature."""
    return Node(
        "skey",
        {},
        [
            Node("id", {}, credentials.signed_prekey_id.to_bytes(3, "big")),
            Node("value", {}, credentials.signed_prekey.public),
            Node("signature", {}, credentials.signed_prekey_signature),
        ],
    )


class PrekeyService:
    """Generates, stores and uploads one device's one-time prekeys."""

    __slots__ = ("_session",)

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (
        StanzaRoute.of("notification", "_on_count", type="encrypt", child="count"),
    )

    def __init__(self, session: Session) -> None:
        self._session = session
        session.router.register(self)

    async def server_count(self) -> int:
        """How many of our one-time prekeys the server still holds."""
        answer = await self._session.query(
            Node("iq", {"to": USER_SERVER, "type": "get", "xmlns": "encrypt"}, [Node("count")])
        )
        count = check_iq_error(answer).require_child("count").attr_int("value", 0)
        return count or 0

    async def upload_if_needed(self) -> None:
        """Top up the server's prekeys when it holds fewer than the configured minimum."""
        count = await self.server_count()
        if count < self._session.config.min_prekeys_on_server:
            await self.upload(self._session.config.prekey_upload_count)

    async def upload(self, count: int) -> None:
        """Generate ``count`` prekeys, store them, upload them, mark them uploaded."""
        session = self._session
        prekeys = await self._generate(count)
        creds = session.credentials
        node = Node(
            "iq",
            {"to": USER_SERVER, "type": "set", "xmlns": "encrypt"},
            [
                Node("registration", {}, creds.registration_id.to_bytes(4, "big")),
                Node("type", {}, KEY_BUNDLE_TYPE),
                Node("identity", {}, creds.identity_key.public),
                Node("list", {}, [prekey_node(p) for p in prekeys]),
                signed_prekey_node(creds),
            ],
        )
        check_iq_error(await session.query(node))
        await session.store.mark_prekeys_uploaded(prekeys[-1].key_id)
        logger.info("uploaded %d prekeys", len(prekeys))

    async def _on_count(self, node: Node) -> None:
        session = self._session
        count = node.require_child("count").attr_int("value", 0) or 0
        if count < session.config.min_prekeys_on_server:
            session.spawn(self.upload, session.config.prekey_upload_count)

    async def retry_keys(self) -> Node:
        """``<keys>`` for a retry receipt: identity, one fresh prekey, signed prekey, device identity.

        The sender can then rebuild the session without fetching our keys.
        """
        creds = self._session.credentials
        device_identity = encode_device_identity(creds.account or b"")
        (prekey,) = await self._generate(1)
        return Node(
            "keys",
            {},
            [
                Node("type", {}, KEY_BUNDLE_TYPE),
                Node("identity", {}, creds.identity_key.public),
                prekey_node(prekey),
                signed_prekey_node(creds),
                Node("device-identity", {}, device_identity),
            ],
        )

    async def _generate(self, count: int) -> list[PreKey]:
        session = self._session
        creds = session.credentials
        prekeys = generate_prekeys(creds.next_prekey_id, count)
        next_id = prekeys[-1].key_id % (MAX_PREKEY_ID - 1) + 1
        async with session.store.transaction():
            await session.store.put_prekeys([(p.key_id, p.key_pair.private) for p in prekeys])
            await session.save_credentials(dataclasses.replace(creds, next_prekey_id=next_id))
        return prekeys
