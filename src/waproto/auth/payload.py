"""The ClientPayload a companion sends, encrypted, in the Noise ``clientFinish``.

Two shapes exist: the *login* payload of a device that is already paired (it names
the account and the device number) and the *registration* payload of a fresh device,
which carries its Signal identity and signed pre-key so the server can hand them to the
phone that scans the QR code. Both follow Baileys ``validate-connection`` field for field
(reference/baileys.md §1 "ClientPayload"); the server side of the test harness decodes
them with :func:`decode_client_payload` and :func:`parse_registration`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import IntEnum

from waproto.config import DEFAULT_BROWSER, DEFAULT_VERSION
from waproto.crypto import DJB_TYPE
from waproto.errors import DecodeError
from waproto.proto import decode_message
from waproto.proto import wa_client_payload_pb2 as pb

__all__ = [
    "ClientIdentity",
    "CompanionWebClientType",
    "Registration",
    "build_login_payload",
    "build_registration_payload",
    "decode_client_payload",
    "device_props",
    "parse_registration",
]

_ClientPayload = pb.ClientPayload
_UserAgent = pb.ClientPayload.UserAgent
_WebInfo = pb.ClientPayload.WebInfo
_DeviceProps = pb.DeviceProps

#: ``webSubPlatform`` for desktop apps that ask for a full history sync (Baileys PLATFORM_MAP).
_DESKTOP_SUB_PLATFORMS = {"Mac OS": _WebInfo.DARWIN, "Windows": _WebInfo.WIN32}


class CompanionWebClientType(IntEnum):
    """Companion platform ids shown to the phone (QR ``#…,<id>`` suffix, link-code ``companion_platform_id``).

    Values of WA Web's CompanionWebClientType (whatsmeow ``PairClient*``, Baileys rc13
    ``companion-reg-client-utils``).
    """

    UNKNOWN = 0
    CHROME = 1
    EDGE = 2
    FIREFOX = 3
    IE = 4
    OPERA = 5
    SAFARI = 6
    ELECTRON = 7
    UWP = 8
    OTHER_WEB_CLIENT = 9


_BROWSER_CLIENT_TYPES = {
    "Chrome": CompanionWebClientType.CHROME,
    "Edge": CompanionWebClientType.EDGE,
    "Firefox": CompanionWebClientType.FIREFOX,
    "IE": CompanionWebClientType.IE,
    "Opera": CompanionWebClientType.OPERA,
    "Safari": CompanionWebClientType.SAFARI,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientIdentity:
    """How the companion presents itself on the wire; defaults are those of Baileys 7.0.0-rc13.

    Example::

        ClientIdentity(browser=("Windows", "Firefox", "10"), country="DE")
    """

    version: tuple[int, int, int] = DEFAULT_VERSION
    """WA Web version; a stale one gets ``<failure reason="405">``."""
    browser: tuple[str, str, str] = DEFAULT_BROWSER
    """(operating system, browser name, OS version) as shown in the phone's linked-devices list."""
    country: str = "US"
    """ISO 3166-1 alpha-2 country code (``localeCountryIso31661Alpha2``)."""
    language: str = "en"
    """ISO 639-1 language code (``localeLanguageIso6391``)."""
    platform: int = _UserAgent.WEB
    """``UserAgent.Platform``; WA Web is WEB (14)."""
    release_channel: int = _UserAgent.RELEASE
    """``UserAgent.ReleaseChannel``."""
    os_version: str = "0.1"
    """``UserAgent.osVersion`` as WA Web sends it."""
    device: str = "Desktop"
    """``UserAgent.device`` as WA Web sends it."""
    os_build_number: str = "0.1"
    """``UserAgent.osBuildNumber`` as WA Web sends it."""
    mcc: str = "000"
    """Mobile country code; WA Web has none."""
    mnc: str = "000"
    """Mobile network code; WA Web has none."""
    sync_full_history: bool = False
    """Ask the phone for the full history (``DeviceProps.requireFullSync``)."""
    push_name: str | None = None
    """Display name sent as ``pushName`` (Baileys rc13 sends it when configured)."""

    @property
    def companion_platform_id(self) -> CompanionWebClientType:
        """The :class:`CompanionWebClientType` the phone shows for this browser."""
        os_name, browser_name, _ = self.browser
        if browser_name == "Desktop":
            return CompanionWebClientType.UWP if os_name == "Windows" else CompanionWebClientType.ELECTRON
        return _BROWSER_CLIENT_TYPES.get(browser_name, CompanionWebClientType.OTHER_WEB_CLIENT)

    @property
    def platform_display(self) -> str:
        """``Browser (OS)``, the form the link-code ``companion_platform_display`` must take."""
        return f"{self.browser[1]} ({self.browser[0]})"


def _common_payload(identity: ClientIdentity) -> pb.ClientPayload:
    major, minor, patch = identity.version
    sub_platform = _WebInfo.WEB_BROWSER
    os_name, browser_name, _ = identity.browser
    # Baileys rc13 claims a desktop sub-platform only for the desktop app asking for full history.
    if identity.sync_full_history and browser_name == "Desktop" and os_name in _DESKTOP_SUB_PLATFORMS:
        sub_platform = _DESKTOP_SUB_PLATFORMS[os_name]
    payload = _ClientPayload(
        connectType=_ClientPayload.WIFI_UNKNOWN,
        connectReason=_ClientPayload.USER_ACTIVATED,
        userAgent=_UserAgent(
            platform=identity.platform,  # type: ignore[arg-type]
            appVersion=_UserAgent.AppVersion(primary=major, secondary=minor, tertiary=patch),
            mcc=identity.mcc,
            mnc=identity.mnc,
            osVersion=identity.os_version,
            device=identity.device,
            osBuildNumber=identity.os_build_number,
            releaseChannel=identity.release_channel,  # type: ignore[arg-type]
            localeLanguageIso6391=identity.language,
            localeCountryIso31661Alpha2=identity.country,
        ),
        webInfo=_WebInfo(webSubPlatform=sub_platform),
    )
    if identity.push_name:
        payload.pushName = identity.push_name
    return payload


def build_login_payload(
    identity: ClientIdentity,
    *,
    username: int,
    device: int,
    passive: bool = True,
    lid_db_migrated: bool | None = True,
    lc: int | None = 1,
) -> bytes:
    """Serialize the ClientPayload of an already paired device.

    Args:
        identity: how the client presents itself.
        username: the account's phone number, the user part of its JID, as an integer.
        device: this companion's device number (the ``:N`` of its JID).
        passive: log in passively; the server holds offline messages back until the
            client sends ``<iq xmlns="passive"><active/>`` after its prekey check.
            Both references do this (Baileys 7 ``generateLoginNode``: ``passive: true``;
            whatsmeow ``getLoginPayload``: ``Passive=true`` then ``SetPassive(false)``).
        lid_db_migrated: sent as ``lidDbMigrated``: whether the client keeps chats and
            Signal state by LID. True, as whatsmeow sends it (store/clientpayload.go
            ``getLoginPayload``: ``LidDbMigrated = true``): waproto keeps a PN-LID store,
            moves sessions to the LID and writes 1:1s to LIDs by default (issue 12).
            Baileys 7 hard-sets False (validate-connection ``generateLoginNode``),
            Baileys 6 leaves it out (None).
        lc: sent as ``lc``; 1 as whatsmeow's ``getLoginPayload`` sets it since March 2026
            (commit 7e66fe5e, "new default client payload fields"). Baileys leaves it
            out (None).

    Returns:
        The protobuf bytes to encrypt into ``clientFinish.payload``.
    """
    if username <= 0:
        raise ValueError("username must be the positive phone number of the account")
    payload = _common_payload(identity)
    payload.username = username
    payload.device = device
    payload.passive = passive
    payload.pull = True
    if lc is not None:
        payload.lc = lc
    if lid_db_migrated is not None:
        payload.lidDbMigrated = lid_db_migrated
    return payload.SerializeToString()


def device_props(identity: ClientIdentity) -> bytes:
    """Serialize the DeviceProps the phone stores for this companion.

    The history sync capabilities are Baileys 7's (``generateRegistrationNode``):
    whatsmeow's ``DeviceProps`` claims the same set, except that it also says it
    supports call-log and group history, which waproto does not process.
    """
    os_name, browser_name, _ = identity.browser
    platform_type = _DeviceProps.PlatformType.DESCRIPTOR.values_by_name.get(browser_name.upper())
    props = _DeviceProps(
        os=os_name,
        version=_DeviceProps.AppVersion(primary=10, secondary=15, tertiary=7),
        platformType=platform_type.number if platform_type else _DeviceProps.CHROME,  # type: ignore[arg-type]
        requireFullSync=identity.sync_full_history,
        historySyncConfig=_DeviceProps.HistorySyncConfig(
            storageQuotaMb=10240,
            inlineInitialPayloadInE2EeMsg=True,
            supportCallLogHistory=False,
            supportBotUserAgentChatHistory=True,
            supportCagReactionsAndPolls=True,
            supportBizHostedMsg=True,
            supportRecentSyncChunkMessageCountTuning=True,
            supportHostedGroupMsg=True,
            supportFbidBotChatHistory=True,
            supportMessageAssociation=True,
            supportGroupHistory=False,
        ),
    )
    return props.SerializeToString()


def build_registration_payload(
    identity: ClientIdentity,
    *,
    registration_id: int,
    identity_public: bytes,
    signed_prekey_id: int,
    signed_prekey_public: bytes,
    signed_prekey_signature: bytes,
) -> bytes:
    """Serialize the ClientPayload of a device that is not paired yet.

    Args:
        identity: how the client presents itself.
        registration_id: the Signal registration id (14 bits in practice), sent as 4 bytes big-endian.
        identity_public: the raw 32-byte Signal identity public key.
        signed_prekey_id: id of the signed pre-key, sent as 3 bytes big-endian.
        signed_prekey_public: its raw 32-byte public key.
        signed_prekey_signature: the 64-byte XEdDSA signature of ``05 || signed_prekey_public``.

    Returns:
        The protobuf bytes to encrypt into ``clientFinish.payload``.
    """
    _check_len("identity_public", identity_public, 32)
    _check_len("signed_prekey_public", signed_prekey_public, 32)
    _check_len("signed_prekey_signature", signed_prekey_signature, 64)
    if not 0 <= registration_id < 1 << 32:
        raise ValueError("registration_id must fit in 4 bytes")
    if not 0 <= signed_prekey_id < 1 << 24:
        raise ValueError("signed_prekey_id must fit in 3 bytes")
    # WA Web hashes the dotted version string, e.g. md5("2.3000.1035194821").
    version_text = ".".join(map(str, identity.version)).encode()
    payload = _common_payload(identity)
    payload.passive = False
    payload.pull = False
    payload.devicePairingData.CopyFrom(
        _ClientPayload.DevicePairingRegistrationData(
            buildHash=hashlib.md5(version_text, usedforsecurity=False).digest(),
            deviceProps=device_props(identity),
            eRegid=registration_id.to_bytes(4, "big"),
            eKeytype=bytes([DJB_TYPE]),
            eIdent=identity_public,
            eSkeyId=signed_prekey_id.to_bytes(3, "big"),
            eSkeyVal=signed_prekey_public,
            eSkeySig=signed_prekey_signature,
        )
    )
    return payload.SerializeToString()


def _check_len(name: str, value: bytes, size: int) -> None:
    if len(value) != size:
        raise ValueError(f"{name} must be {size} bytes, got {len(value)}")


def decode_client_payload(data: bytes) -> pb.ClientPayload:
    """Parse ClientPayload bytes received from a client (server side).

    Raises:
        DecodeError: the bytes are not a ClientPayload.
    """
    return decode_message(_ClientPayload, data, "ClientPayload")


@dataclass(frozen=True, slots=True)
class Registration:
    """The Signal material a registering companion announced, checked for size."""

    registration_id: int
    identity_public: bytes
    signed_prekey_id: int
    signed_prekey_public: bytes
    signed_prekey_signature: bytes
    build_hash: bytes
    device_props: bytes


def parse_registration(payload: pb.ClientPayload) -> Registration:
    """Extract and check ``devicePairingData`` of a registration payload (server side).

    Raises:
        DecodeError: the payload has no pairing data or a field has the wrong size or key type.
    """
    if not payload.HasField("devicePairingData"):
        raise DecodeError("ClientPayload has no devicePairingData")
    data = payload.devicePairingData
    sizes = {"eRegid": 4, "eKeytype": 1, "eIdent": 32, "eSkeyId": 3, "eSkeyVal": 32, "eSkeySig": 64}
    for name, size in sizes.items():
        if len(getattr(data, name)) != size:
            raise DecodeError(f"devicePairingData.{name} must be {size} bytes")
    if data.eKeytype[0] != DJB_TYPE:
        raise DecodeError(f"devicePairingData.eKeytype must be {DJB_TYPE:#04x}")
    return Registration(
        registration_id=int.from_bytes(data.eRegid, "big"),
        identity_public=data.eIdent,
        signed_prekey_id=int.from_bytes(data.eSkeyId, "big"),
        signed_prekey_public=data.eSkeyVal,
        signed_prekey_signature=data.eSkeySig,
        build_hash=data.buildHash,
        device_props=data.deviceProps,
    )
