"""ClientPayload builders: byte-equal to Baileys where the versions agree, checked field by field."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from waproto.auth import (
    ClientIdentity,
    CompanionWebClientType,
    build_login_payload,
    build_registration_payload,
    decode_client_payload,
    parse_registration,
)
from waproto.errors import DecodeError
from waproto.proto import wa_client_payload_pb2 as pb
from waproto.version import DEFAULT_VERSION

VERSION = (2, 3000, 1035194821)


def _registration(vec: dict[str, Any], identity: ClientIdentity | None = None) -> bytes:
    return build_registration_payload(
        identity or ClientIdentity(version=VERSION),
        registration_id=vec["registration_id"],
        identity_public=bytes.fromhex(vec["identity_public"]),
        signed_prekey_id=vec["signed_prekey_id"],
        signed_prekey_public=bytes.fromhex(vec["signed_prekey_public"]),
        signed_prekey_signature=bytes.fromhex(vec["signed_prekey_signature"]),
    )


def test_login_payload_is_byte_equal_to_baileys(baileys: dict[str, Any]) -> None:
    data = build_login_payload(
        ClientIdentity(version=VERSION),
        username=15551234567,
        device=7,
        passive=False,
        lid_db_migrated=None,
        lc=None,
    )
    assert data.hex() == baileys["login"]["payload_hex"]


def test_login_payload_defaults_are_baileys_7s_with_whatsmeows_lid_flag() -> None:
    data = build_login_payload(ClientIdentity(push_name="bot"), username=1, device=2)
    payload = decode_client_payload(data)
    assert payload.passive and payload.pull
    # waproto keeps its state by LID (issue 12): true like whatsmeow; Baileys 7 says false.
    assert payload.HasField("lidDbMigrated") and payload.lidDbMigrated
    assert payload.lc == 1  # whatsmeow's default since March 2026; Baileys sends none
    assert payload.pushName == "bot"
    assert payload.userAgent.appVersion.tertiary == DEFAULT_VERSION[2]


def test_login_payload_rejects_missing_username() -> None:
    with pytest.raises(ValueError):
        build_login_payload(ClientIdentity(), username=0, device=1)


def test_registration_payload_matches_baileys_apart_from_device_props(baileys: dict[str, Any]) -> None:
    vec = baileys["registration"]
    ours = decode_client_payload(_registration(vec))
    theirs = decode_client_payload(bytes.fromhex(vec["payload_hex"]))
    # Baileys 6.x sends DeviceProps without version/historySyncConfig; rc13 (and we) add them.
    ours_props = pb.DeviceProps.FromString(ours.devicePairingData.deviceProps)
    theirs_props = pb.DeviceProps.FromString(theirs.devicePairingData.deviceProps)
    assert (ours_props.os, ours_props.platformType, ours_props.requireFullSync) == (
        theirs_props.os,
        theirs_props.platformType,
        theirs_props.requireFullSync,
    )
    assert ours_props.historySyncConfig.storageQuotaMb == 10240
    ours.devicePairingData.ClearField("deviceProps")
    theirs.devicePairingData.ClearField("deviceProps")
    assert ours.SerializeToString() == theirs.SerializeToString()


def test_registration_fields(baileys: dict[str, Any]) -> None:
    vec = baileys["registration"]
    payload = decode_client_payload(_registration(vec))
    pairing = payload.devicePairingData
    assert pairing.buildHash == hashlib.md5(b"2.3000.1035194821").digest()
    assert pairing.eRegid == b"\x00\x00\x12\x34"
    assert pairing.eKeytype == b"\x05"
    assert pairing.eSkeyId == b"\x01\x02\x03"
    assert not payload.passive and not payload.pull
    assert not payload.HasField("username")


def test_parse_registration_round_trip(baileys: dict[str, Any]) -> None:
    vec = baileys["registration"]
    reg = parse_registration(decode_client_payload(_registration(vec)))
    assert reg.registration_id == vec["registration_id"]
    assert reg.signed_prekey_id == vec["signed_prekey_id"]
    assert reg.identity_public.hex() == vec["identity_public"]
    assert reg.signed_prekey_signature.hex() == vec["signed_prekey_signature"]


def test_parse_registration_rejects_bad_sizes(baileys: dict[str, Any]) -> None:
    payload = decode_client_payload(_registration(baileys["registration"]))
    payload.devicePairingData.eIdent = b"short"
    with pytest.raises(DecodeError):
        parse_registration(payload)
    payload.ClearField("devicePairingData")
    with pytest.raises(DecodeError):
        parse_registration(payload)


def test_registration_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        build_registration_payload(
            ClientIdentity(),
            registration_id=1,
            identity_public=b"\x00" * 33,
            signed_prekey_id=1,
            signed_prekey_public=bytes(32),
            signed_prekey_signature=bytes(64),
        )
    with pytest.raises(ValueError):
        build_registration_payload(
            ClientIdentity(),
            registration_id=1,
            identity_public=bytes(32),
            signed_prekey_id=1 << 24,
            signed_prekey_public=bytes(32),
            signed_prekey_signature=bytes(64),
        )


def test_decode_client_payload_rejects_garbage() -> None:
    with pytest.raises(DecodeError):
        decode_client_payload(b"\xff\xff\xff")


@pytest.mark.parametrize(
    ("browser", "expected"),
    [
        (("Mac OS", "Chrome", "1"), CompanionWebClientType.CHROME),
        (("Windows", "Edge", "1"), CompanionWebClientType.EDGE),
        (("Ubuntu", "Firefox", "1"), CompanionWebClientType.FIREFOX),
        (("Windows", "Desktop", "1"), CompanionWebClientType.UWP),
        (("Mac OS", "Desktop", "1"), CompanionWebClientType.ELECTRON),
        (("Linux", "Lynx", "1"), CompanionWebClientType.OTHER_WEB_CLIENT),
    ],
)
def test_companion_platform_id(browser: tuple[str, str, str], expected: int) -> None:
    assert ClientIdentity(browser=browser).companion_platform_id == expected


def test_platform_display_and_desktop_sub_platform() -> None:
    identity = ClientIdentity(browser=("Mac OS", "Desktop", "14"), sync_full_history=True)
    assert identity.platform_display == "Desktop (Mac OS)"
    payload = decode_client_payload(build_login_payload(identity, username=1, device=1))
    assert payload.webInfo.webSubPlatform == pb.ClientPayload.WebInfo.DARWIN
    browser = decode_client_payload(build_login_payload(ClientIdentity(), username=1, device=1))
    assert browser.webInfo.HasField("webSubPlatform")
    assert browser.webInfo.webSubPlatform == pb.ClientPayload.WebInfo.WEB_BROWSER


def test_unknown_browser_falls_back_to_chrome_platform_type() -> None:
    identity = ClientIdentity(browser=("Linux", "Lynx", "1"))
    data = build_registration_payload(
        identity,
        registration_id=1,
        identity_public=bytes(32),
        signed_prekey_id=1,
        signed_prekey_public=bytes(32),
        signed_prekey_signature=bytes(64),
    )
    props = pb.DeviceProps.FromString(decode_client_payload(data).devicePairingData.deviceProps)
    assert props.platformType == pb.DeviceProps.CHROME
