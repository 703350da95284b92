"""Group metadata in both addressing modes, and who counts as us (reference 1.4, 1.5)."""

from __future__ import annotations

from waproto.binary import Node
from waproto.jid import JID
from waproto.messaging.receive import parse_message_info
from waproto.messaging.send import parse_group

OWN = JID.parse("15550001:3@s.whatsapp.net")
OWN_LID = JID.parse("9001:3@lid")


def test_lid_group_lists_members_by_lid_with_their_numbers() -> None:
    node = Node(
        "group",
        {"id": "1203", "subject": "s", "addressing_mode": "lid", "creator": "9001@lid"},
        [
            Node(
                "participant",
                {"jid": "9001@lid", "phone_number": "15550001@s.whatsapp.net", "type": "superadmin"},
            ),
            Node("participant", {"jid": "9002@lid", "phone_number": "15550002@s.whatsapp.net"}),
            Node("participant", {"jid": "9003@lid"}),
        ],
    )
    info = parse_group(node)
    assert info.jid == JID.parse("1203@g.us") and info.is_lid_addressed
    first, second, third = info.participants
    assert (first.jid, first.lid, first.phone_number) == (
        JID.parse("9001@lid"),
        JID.parse("9001@lid"),
        JID.parse("15550001@s.whatsapp.net"),
    )
    assert first.is_admin and first.is_super_admin and not second.is_admin
    assert second.phone_number == JID.parse("15550002@s.whatsapp.net")
    assert third.phone_number is None
    assert info.admins == (JID.parse("9001@lid"),)


def test_pn_group_lists_members_by_number_with_their_lids() -> None:
    node = Node(
        "group",
        {"id": "1204@g.us", "subject": "s", "addressing_mode": "pn"},
        [Node("participant", {"jid": "15550002@s.whatsapp.net", "lid": "9002@lid", "type": "admin"})],
    )
    info = parse_group(node)
    assert not info.is_lid_addressed
    (member,) = info.participants
    assert (member.jid, member.lid, member.is_admin) == (
        JID.parse("15550002@s.whatsapp.net"),
        JID.parse("9002@lid"),
        True,
    )


def test_missing_mode_follows_the_participants() -> None:
    node = Node("group", {"id": "1205"}, [Node("participant", {"jid": "9002@lid"})])
    assert parse_group(node).addressing_mode == "lid"
    assert parse_group(Node("group", {"id": "1206"})).addressing_mode == "pn"


def test_messages_from_our_lid_devices_are_from_me() -> None:
    group = Node("message", {"id": "1", "from": "1203@g.us", "participant": "9001:5@lid", "t": "1"})
    assert parse_message_info(group, OWN, OWN_LID).is_from_me
    assert not parse_message_info(group, OWN).is_from_me
    other = Node("message", {"id": "2", "from": "1203@g.us", "participant": "9002:5@lid", "t": "1"})
    assert not parse_message_info(other, OWN, OWN_LID).is_from_me
    direct = Node("message", {"id": "3", "from": "9001:5@lid", "recipient": "9002@lid", "t": "1"})
    info = parse_message_info(direct, OWN, OWN_LID)
    assert info.is_from_me and info.chat == JID.parse("9002@lid")
