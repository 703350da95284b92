"""JID parsing, formatting and the Signal address name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waproto.errors import JIDError
from waproto.jid import (
    BROADCAST_SERVER,
    GROUP_SERVER,
    JID,
    LEGACY_USER_SERVER,
    LID_SERVER,
    NEWSLETTER_SERVER,
    SERVER_JID,
    STATUS_BROADCAST,
    USER_SERVER,
    as_recipient,
    normalize_phone,
)


@pytest.mark.parametrize(
    ("text", "expected", "formatted"),
    [
        ("15551234567@s.whatsapp.net", JID("15551234567", USER_SERVER), None),
        ("15551234567:12@s.whatsapp.net", JID("15551234567", USER_SERVER, 12), None),
        ("15551234567:0@s.whatsapp.net", JID("15551234567", USER_SERVER), "15551234567@s.whatsapp.net"),
        (
            "15551234567_1:3@s.whatsapp.net",
            JID("15551234567", USER_SERVER, 3, 1),
            "15551234567.1:3@s.whatsapp.net",
        ),
        ("15551234567.1:3@s.whatsapp.net", JID("15551234567", USER_SERVER, 3, 1), None),
        (
            "15551234567.2@s.whatsapp.net",
            JID("15551234567", USER_SERVER, 0, 2),
            "15551234567.2:0@s.whatsapp.net",
        ),
        ("120363025246125888@g.us", JID("120363025246125888", GROUP_SERVER), None),
        ("15551234567-1612345678@g.us", JID("15551234567-1612345678", GROUP_SERVER), None),
        ("123456789012345@lid", JID("123456789012345", LID_SERVER), None),
        ("123456789012345:7@lid", JID("123456789012345", LID_SERVER, 7), None),
        ("status@broadcast", STATUS_BROADCAST, None),
        ("120363144038483540@newsletter", JID("120363144038483540", NEWSLETTER_SERVER), None),
        ("16505361212@c.us", JID("16505361212", LEGACY_USER_SERVER), None),
        ("s.whatsapp.net", SERVER_JID, None),
        ("@s.whatsapp.net", SERVER_JID, "s.whatsapp.net"),
    ],
)
def test_parse_and_format(text: str, expected: JID, formatted: str | None) -> None:
    jid = JID.parse(text)
    assert jid == expected
    assert str(jid) == (formatted or text)
    assert JID.parse(str(jid)) == jid


@pytest.mark.parametrize(
    "text",
    [
        "",
        "user@",
        "a@b@c",
        "user:x@s.whatsapp.net",
        "user:@s.whatsapp.net",
        "user:99999@s.whatsapp.net",
        "user:-1@s.whatsapp.net",
        "user.256:1@s.whatsapp.net",
        "user_x@s.whatsapp.net",
        "user:1:2@s.whatsapp.net",
        "user:\u0661@s.whatsapp.net",
        "not a jid",
        "15551234567",
        "hello world@s.whatsapp.net",
        "1555@not a server",
        "1555@S.WhatsApp.net",
        "+1 555 123 4567@s.whatsapp.net",
        "1555\n@s.whatsapp.net",
        "1555@s.whatsapp.net ",
    ],
)
def test_bad_input_raises_jid_error(text: str) -> None:
    with pytest.raises(JIDError):
        JID.parse(text)


def test_constructor_validates() -> None:
    with pytest.raises(JIDError):
        JID("user", "")
    with pytest.raises(JIDError):
        JID("user", USER_SERVER, device=70000)
    with pytest.raises(JIDError):
        JID("user", USER_SERVER, agent=300)


def test_signal_address_name_and_non_ad() -> None:
    assert JID.parse("15551234567:3@s.whatsapp.net").signal_address_name == "15551234567"
    assert JID.parse("123456789012345:7@lid").signal_address_name == "123456789012345_1"
    assert JID("555", "hosted", 2).signal_address_name == "555_128"
    assert JID("555", "hosted.lid").signal_address_name == "555_129"
    # A raw agent on a server without an implied domain is kept (whatsmeow ActualAgent).
    assert JID("555", "msgr", 1, agent=5).signal_address_name == "555_5"
    assert JID.parse("15551234567.1:3@s.whatsapp.net").to_non_ad() == JID("15551234567", USER_SERVER)
    lid = JID.parse("123:7@lid")
    assert lid.to_non_ad() == JID("123", LID_SERVER)
    assert lid.device == 7 and lid.agent == 0


def test_predicates() -> None:
    assert JID.parse("1@s.whatsapp.net").is_user
    assert JID.parse("1@c.us").is_user
    assert not SERVER_JID.is_user and SERVER_JID.is_server
    assert JID.parse("1@lid").is_lid
    assert JID.parse("1-2@g.us").is_group
    assert STATUS_BROADCAST.is_broadcast and STATUS_BROADCAST.is_status_broadcast
    assert JID("123", BROADCAST_SERVER).is_broadcast and not JID("123", BROADCAST_SERVER).is_status_broadcast
    assert JID.parse("1@newsletter").is_newsletter


def test_hashable_and_immutable() -> None:
    jid = JID.parse("1:2@s.whatsapp.net")
    assert {jid: 1}[JID("1", USER_SERVER, 2)] == 1
    with pytest.raises(AttributeError):
        jid.device = 3  # type: ignore[misc]


_users = st.text(alphabet="0123456789-", min_size=1, max_size=20)
_servers = st.sampled_from(
    [USER_SERVER, GROUP_SERVER, LID_SERVER, BROADCAST_SERVER, NEWSLETTER_SERVER, "c.us"]
)


@given(_users, _servers, st.integers(0, 0xFFFF), st.integers(0, 0xFF))
def test_format_parse_round_trip(user: str, server: str, device: int, agent: int) -> None:
    jid = JID(user, server, device, agent)
    assert JID.parse(str(jid)) == jid


@pytest.mark.parametrize(
    ("text", "user"),
    [
        ("+1 555 000 0001", "15550000001"),
        ("15550000001", "15550000001"),
        ("+1 (555) 000-0001", "15550000001"),
        ("1-555-000-0001", "15550000001"),
        ("+44 (0)20 7946 0958", "442079460958"),
        ("0044 20 7946 0958", "442079460958"),
        (" +49 30 123456 ", "4930123456"),
    ],
)
def test_phone_numbers_become_user_jids(text: str, user: str) -> None:
    assert JID.parse_recipient(text) == JID(user, USER_SERVER)
    assert normalize_phone(text) == "+" + user


@pytest.mark.parametrize("text", ["", "12", "abc", "+1 555 CALL NOW", "not a jid", "+999 123", "1" * 20])
def test_junk_is_neither_phone_nor_jid(text: str) -> None:
    with pytest.raises(JIDError):
        JID.parse_recipient(text)


def test_recipient_keeps_jids_and_parses_strings() -> None:
    group = JID("1-2", GROUP_SERVER)
    assert as_recipient(group) is group
    assert as_recipient("1-2@g.us") == group
    assert as_recipient("+1 555 000 0001") == JID("15550000001", USER_SERVER)
