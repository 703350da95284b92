"""Reading PN<->LID pairs and alternate addresses out of stanzas (reference 1.4-1.8)."""

from __future__ import annotations

import pytest

from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.jid import JID
from waproto.lid import (
    pair_of,
    pairs_from_device_notification,
    pairs_from_group,
    pairs_from_history,
    pairs_from_migration_sync,
    pairs_from_stanza,
    pairs_from_sync_actions,
    pairs_from_usync,
    read_addressing,
)
from waproto.proto.wa_e2e_pb2 import LIDMigrationMapping, LIDMigrationMappingSyncPayload
from waproto.proto.wa_history_pb2 import Conversation, HistorySync, PhoneNumberToLIDMapping
from waproto.proto.wa_sync_pb2 import SyncActionValue


def test_pair_of_needs_one_of_each_kind() -> None:
    lid, pn = JID.parse("9001:2@lid"), JID.parse("555@s.whatsapp.net")
    assert pair_of(lid, pn) == ("9001", "555") == pair_of(pn, lid)
    assert pair_of(lid, lid) is None and pair_of(pn, None) is None
    assert pair_of(JID.parse("1203@g.us"), lid) is None


def test_one_to_one_from_a_lid_with_sender_pn() -> None:
    node = Node("message", {"from": "9001:3@lid", "sender_pn": "555@s.whatsapp.net", "id": "1"})
    addressing = read_addressing(node)
    assert addressing.mode == "lid"
    assert addressing.sender_alt == JID.parse("555:3@s.whatsapp.net")  # the device carries over
    assert addressing.chat_alt is None
    assert pairs_from_stanza(node) == [("9001", "555")]


def test_one_to_one_from_a_pn_with_sender_lid() -> None:
    node = Node("receipt", {"from": "555:3@s.whatsapp.net", "sender_lid": "9001@lid", "id": "1"})
    assert read_addressing(node).sender_alt == JID.parse("9001:3@lid")
    assert read_addressing(node).mode == "pn"
    assert pairs_from_stanza(node) == [("9001", "555")]


def test_group_participant_alts_follow_the_mode() -> None:
    lid_group = Node(
        "message",
        {
            "from": "1203@g.us",
            "participant": "9001:1@lid",
            "participant_pn": "555@s.whatsapp.net",
            "addressing_mode": "lid",
        },
    )
    assert read_addressing(lid_group).sender_alt == JID.parse("555:1@s.whatsapp.net")
    pn_group = Node(
        "message",
        {
            "from": "1203@g.us",
            "participant": "555:1@s.whatsapp.net",
            "participant_lid": "9001@lid",
            "addressing_mode": "pn",
        },
    )
    assert read_addressing(pn_group).sender_alt == JID.parse("9001:1@lid")
    assert pairs_from_stanza(lid_group) == pairs_from_stanza(pn_group) == [("9001", "555")]


def test_own_send_copies_carry_the_chat_alt() -> None:
    node = Node(
        "message",
        {"from": "7001:2@lid", "recipient": "9001@lid", "peer_recipient_pn": "555@s.whatsapp.net"},
    )
    addressing = read_addressing(node)
    assert addressing.sender_alt is None
    assert addressing.chat_alt == JID.parse("555@s.whatsapp.net")
    assert pairs_from_stanza(node) == [("9001", "555")]


def test_bad_jids_are_skipped_not_raised() -> None:
    node = Node("message", {"from": "9001:3@lid", "sender_pn": "not a jid@@"})
    assert read_addressing(node).sender_alt is None
    assert pairs_from_stanza(node) == []
    assert pairs_from_stanza(Node("message", {})) == []


def test_group_metadata_pairs() -> None:
    group = Node(
        "group",
        {
            "id": "1203",
            "creator": "9001@lid",
            "creator_pn": "555@s.whatsapp.net",
            "s_o": "9002@lid",
            "s_o_pn": "556@s.whatsapp.net",
        },
        [
            Node("participant", {"jid": "9001@lid", "phone_number": "555@s.whatsapp.net"}),
            Node("participant", {"jid": "557@s.whatsapp.net", "lid": "9003@lid"}),
            Node("participant", {"jid": "9004@lid"}),
        ],
    )
    assert pairs_from_group(group) == [("9001", "555"), ("9003", "557"), ("9002", "556")]


def test_usync_and_device_notification_pairs() -> None:
    usync = Node(
        "usync",
        {},
        [
            Node(
                "list",
                {},
                [
                    Node("user", {"jid": "555@s.whatsapp.net"}, [Node("lid", {"val": "9001@lid"})]),
                    Node("user", {"jid": "9002@lid", "pn_jid": "556@s.whatsapp.net"}),
                    Node("user", {"jid": "557@s.whatsapp.net"}, [Node("lid", {})]),
                ],
            )
        ],
    )
    assert pairs_from_usync(usync) == [("9001", "555"), ("9002", "556")]
    notification = Node(
        "notification",
        {"type": "devices", "from": "555@s.whatsapp.net", "lid": "9001@lid"},
        [Node("add", {}, [Node("device", {"jid": "558:4@s.whatsapp.net", "lid": "9005:4@lid"})])],
    )
    assert pairs_from_device_notification(notification) == [("9001", "555"), ("9005", "558")]


def test_history_pairs_from_mappings_and_conversations() -> None:
    history = HistorySync(
        syncType="INITIAL_BOOTSTRAP",
        phoneNumberToLidMappings=[
            PhoneNumberToLIDMapping(pnJid="555@s.whatsapp.net", lidJid="9001@lid"),
            PhoneNumberToLIDMapping(pnJid="556@c.us", lidJid="9002@lid"),  # legacy server: a number
            PhoneNumberToLIDMapping(pnJid="nonsense", lidJid="9003@lid"),
            PhoneNumberToLIDMapping(pnJid="557@s.whatsapp.net"),
        ],
    )
    assert pairs_from_history(history) == [("9001", "555"), ("9002", "556")]
    by_lid = Conversation(id="9004@lid", pnJid="558@s.whatsapp.net")
    by_pn = Conversation(id="559@s.whatsapp.net", lidJid="9005@lid")
    assert pairs_from_history(conversation=by_lid) == [("9004", "558")]
    assert pairs_from_history(conversation=by_pn) == [("9005", "559")]
    assert pairs_from_history(conversation=Conversation(id="1203@g.us")) == []


def test_migration_sync_pairs_prefer_the_latest_lid() -> None:
    payload = LIDMigrationMappingSyncPayload(
        pnToLidMappings=[
            LIDMigrationMapping(pn=555, assignedLid=9001),
            LIDMigrationMapping(pn=556, assignedLid=9002, latestLid=9012),
            LIDMigrationMapping(pn=557),  # no LID: skipped
        ],
        chatDbMigrationTimestamp=1_700_000_000,
    )
    assert pairs_from_migration_sync(payload.SerializeToString()) == [("9001", "555"), ("9012", "556")]
    with pytest.raises(DecodeError):
        pairs_from_migration_sync(b"\xff\xff")


def test_app_state_pairs_from_contacts_and_pn_for_lid_chats() -> None:
    contact = SyncActionValue(contactAction=SyncActionValue.ContactAction(fullName="B", lidJid="9001@lid"))
    lid_contact = SyncActionValue(contactAction=SyncActionValue.ContactAction(pnJid="556@s.whatsapp.net"))
    pn_for_lid = SyncActionValue(
        pnForLidChatAction=SyncActionValue.PnForLidChatAction(pnJid="557@s.whatsapp.net")
    )
    assert pairs_from_sync_actions(
        [
            (["contact", "555@s.whatsapp.net"], contact),
            (["contact", "9002@lid"], lid_contact),
            (["pnForLidChat", "9003@lid"], pn_for_lid),
            (["archive", "558@s.whatsapp.net"], contact),  # not a pair source
            (["contact"], contact),
        ]
    ) == [("9001", "555"), ("9002", "556"), ("9003", "557")]
