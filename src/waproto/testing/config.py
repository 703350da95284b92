"""Settings of the test server, one frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from waproto.version import DEFAULT_VERSION

__all__ = ["FakeServerConfig"]


def _default_props() -> dict[str, str]:
    return {"web_abprops_enabled": "1"}


@dataclass(frozen=True, slots=True)
class FakeServerConfig:
    """How the fake server listens and behaves.

    Args:
        host: interface to listen on (loopback by default; the server is for tests).
        port: websocket port; 0 picks a free one.
        tls: serve ``wss://`` with a generated test certificate authority.
        control: also serve the HTTP control API.
        control_port: control API port; 0 picks a free one.
        qr_ref_count: refs offered in ``pair-device`` (WhatsApp sends 6; the client
            shows the first for 60 s and each later one for 20 s).
        pairing_timeout: seconds a registering connection may wait for a scan
            before the server ends it with 408.
        prekey_low_watermark: below this many one-time prekeys the server sends
            ``<notification type=encrypt><count/>`` (Baileys' MIN_PREKEY_COUNT is 5).
        max_offline_queue: stanzas kept per offline device; the oldest go first.
        tick_interval: period of the one shared timer (pairing expiry), seconds.
        props: the ``<prop name value>`` pairs answered to the props iq.
        media: serve the HTTPS media host (``media_conn``, uploads, downloads).
        media_conn_ttl: seconds clients may cache the ``media_conn`` answer.
        post_handshake_delay: seconds between the client finish and the server's
            first node. Baileys 6 installs its transport keys only once its
            clientFinish write has completed; on loopback a faster reply is lost.
        group_addressing: how new groups address members. ``"lid"`` (WhatsApp's default
            since 2025): participants, senders and metadata carry LIDs with the phone
            number beside them. ``"pn"``: phone numbers with the LID beside them, which
            Baileys 6 needs (it encodes a group's member devices on ``s.whatsapp.net``).
        lid_hints: whether stanzas and usync tell a PN's LID and a LID's PN (``sender_lid``,
            ``participant_pn``, ``<lid val>``...). Off models WhatsApp before LIDs, the
            service Baileys 6 was written against: nobody learns a peer's LID, so every
            1:1 message is addressed and sent by phone number (pair with
            ``group_addressing="pn"``). :attr:`ServerCore.lid_hints` switches it at run time.
        phone_sync: the account's phone acts like a real one (the default): toward each newly
            linked companion, once it has uploaded prekeys, it shares the app-state sync key
            and sends history sync notifications (blobs on the media host) for the chats,
            messages and push names seeded with :meth:`FakeServer.phone`; it holds the
            account's push name in app-state and takes the companions' messages to it.
            False: a silent phone that sends companions nothing (messages to it are queued).
        min_version: refuse logins and registrations announcing an older WA Web version
            with ``<failure reason="405">``, as WhatsApp refuses stale clients (None: any).
        web_version: the current version served at ``GET /sw.js`` by the control API.
        record_shapes: keep the shape of every node and ClientPayload clients send
            (:mod:`waproto.testing.shapes`), for comparing clients on the wire.
    """

    host: str = "127.0.0.1"
    port: int = 0
    tls: bool = False
    control: bool = True
    control_port: int = 0
    qr_ref_count: int = 6
    pairing_timeout: float = 180.0
    prekey_low_watermark: int = 5
    max_offline_queue: int = 10_000
    tick_interval: float = 1.0
    props: dict[str, str] = field(default_factory=_default_props)
    post_handshake_delay: float = 0.05
    group_addressing: Literal["lid", "pn"] = "lid"
    lid_hints: bool = True
    media: bool = True
    media_conn_ttl: int = 3600
    phone_sync: bool = True
    min_version: tuple[int, int, int] | None = None
    web_version: tuple[int, int, int] = DEFAULT_VERSION
    record_shapes: bool = False
