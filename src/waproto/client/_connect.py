"""Opening one connection of a client: websocket, protocol core and login payload; the version
it announces and what a 405 (version refused) does to it.

Functions rather than client methods so that what a connection is built from
(the credentials of the moment, the payload) lives in a frame that ends once the
connection runs: the serve task keeps only the connection for its whole life.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable, Callable

import anyio

from waproto.auth import ClientIdentity, build_login_payload, build_registration_payload
from waproto.binary import Node
from waproto.config import ClientConfig
from waproto.connection import CloseInfo, Connection, ConnectionCore, DisconnectReason
from waproto.errors import ConnectionClosed
from waproto.events import VersionRefreshed
from waproto.jid import JID
from waproto.noise import WA_CERT_ROOT_PUBLIC_KEY, usable_routing_info
from waproto.session import LiveSession
from waproto.store import Credentials
from waproto.transport import connect_websocket
from waproto.version import format_version

__all__ = ["announced_version", "open_connection", "refresh_version"]

logger = logging.getLogger("waproto.client")


def announced_version(config: ClientConfig) -> tuple[int, int, int]:
    """The configured version, or the version source's when that is newer."""
    source = config.version_source
    return config.version if source is None else max(config.version, source.current)


async def refresh_version(
    session: LiveSession, close: CloseInfo, refused: tuple[int, int, int], *, already: bool
) -> CloseInfo:
    """After a 405, ask the version source once; the close says in words what happened
    and, typed, whether a newer version makes reconnecting at once worthwhile."""
    source = session.config.version_source
    said = f"WA Web {format_version(refused)} refused"
    if source is None:
        why = "no version source configured"
    elif already:
        why = "refused again after a refresh"
    else:
        found = await source.latest(refused=refused)
        if found.version > refused:
            logger.warning("%s; retrying with %s", said, format_version(found.version))
            await session.emit(VersionRefreshed(refused=refused, version=found.version))
            detail = f"{said}; retrying with {format_version(found.version)}"
            return dataclasses.replace(close, detail=detail, version_refreshed=True)
        why = found.error or f"the version source has nothing newer ({source.url})"
    return dataclasses.replace(close, detail=f"{said}; {why}")


async def open_connection(
    session: LiveSession, identity: ClientIdentity, *, on_login: Callable[[Node], Awaitable[None]]
) -> Connection | CloseInfo:
    """A connection ready to run (inbound nodes go to the session's queue), or why none opened."""
    creds = session.credentials
    config = session.config
    if creds.routing_info is not None and not usable_routing_info(creds.routing_info):
        # Stored by an older version or damaged: connect without it rather than never.
        logger.warning("discarding unusable stored edge routing info (%d bytes)", len(creds.routing_info))
        await session.save_credentials(dataclasses.replace(creds, routing_info=None))
        creds = session.credentials
    try:
        websocket = await connect_websocket(
            config.url,
            origin=config.origin,
            ssl_context=config.ssl_context,
            connect_timeout=config.connect_timeout,
        )
    except ConnectionClosed as exc:
        return CloseInfo.local(DisconnectReason.TIMED_OUT, f"connect failed: {exc.reason}")
    core = ConnectionCore(
        noise_key=creds.noise_key,
        client_payload=_client_payload(identity, config, creds),
        trusted_root=config.trust_root_key or WA_CERT_ROOT_PUBLIC_KEY,
        dict_version=config.dict_version,
        keepalive_interval=config.keepalive_interval,
        keepalive_grace=config.keepalive_grace,
        now=anyio.current_time(),
        routing_info=creds.routing_info,
    )
    connection = Connection(
        websocket,
        core,
        on_node=lambda node: session.enqueue(connection, node),
        on_login=on_login,
    )
    return connection


def _client_payload(identity: ClientIdentity, config: ClientConfig, creds: Credentials) -> bytes:
    identity = dataclasses.replace(identity, version=announced_version(config))
    if creds.me is not None:
        me = JID.parse(creds.me)
        return build_login_payload(identity, username=int(me.user), device=me.device)
    return build_registration_payload(
        identity,
        registration_id=creds.registration_id,
        identity_public=creds.identity_key.public,
        signed_prekey_id=creds.signed_prekey_id,
        signed_prekey_public=creds.signed_prekey.public,
        signed_prekey_signature=creds.signed_prekey_signature,
    )
