"""w:g2 builders and parsers, w:gp2 change parsing, on nodes alone (protocol-wave2.md section 5)."""

from __future__ import annotations

import pytest

from waproto.binary import Node, decode_node, encode_node
from waproto.errors import DecodeError
from waproto.groups import (
    DescriptionChanged,
    EphemeralChanged,
    GroupCreated,
    MembershipApprovalChanged,
    ParticipantAction,
    ParticipantsChanged,
    SettingChanged,
    SubjectChanged,
    UnknownChange,
    invite_code_from,
    parse_group_notification,
)
from waproto.groups import requests as rq
from waproto.jid import JID

GROUP = JID.parse("120363000000000001@g.us")
LID = JID.parse("99887766@lid")
PN = JID.parse("15550000002@s.whatsapp.net")


def test_participant_change_carries_phone_number_for_lids() -> None:
    members = [LID, JID.parse("15550000003:4@s.whatsapp.net")]
    node = rq.build_participants_change(GROUP, ParticipantAction.ADD, members, phone_numbers={LID: PN})
    assert node.tag == "iq" and node.attrs == {"to": str(GROUP), "type": "set", "xmlns": "w:g2"}
    (add,) = node.get_children()
    assert add.tag == "add"
    assert [c.attrs for c in add.get_children("participant")] == [
        {"jid": "99887766@lid", "phone_number": "15550000002@s.whatsapp.net"},
        {"jid": "15550000003@s.whatsapp.net"},
    ]
    with pytest.raises(ValueError):
        rq.build_participants_change(GROUP, ParticipantAction.REMOVE, [])


def test_participant_results_per_member() -> None:
    answer = Node(
        "iq",
        {"type": "result"},
        [
            Node(
                "add",
                {},
                [
                    Node("participant", {"jid": str(PN)}),
                    Node(
                        "participant",
                        {"jid": "15550000004@s.whatsapp.net", "error": "403"},
                        [Node("add_request", {"code": "AbC123", "expiration": "1767225600"})],
                    ),
                    Node("participant", {"jid": "15550000005@s.whatsapp.net", "error": "409"}),
                ],
            )
        ],
    )
    results = rq.parse_participant_results(answer, ParticipantAction.ADD)
    assert [(str(r.jid), r.status, r.ok) for r in results] == [
        ("15550000002@s.whatsapp.net", 200, True),
        ("15550000004@s.whatsapp.net", 403, False),
        ("15550000005@s.whatsapp.net", 409, False),
    ]
    assert results[1].add_request == rq.AddRequest("AbC123", 1767225600)
    with pytest.raises(DecodeError):
        rq.parse_participant_results(Node("iq", {}, [Node("remove")]), ParticipantAction.ADD)


def test_settings_description_invites_and_leave() -> None:
    assert rq.build_subject(GROUP, "Team ✨").get_children()[0].content == "Team ✨".encode()
    with pytest.raises(ValueError):
        rq.build_subject(GROUP, "  ")
    desc = rq.build_description(GROUP, "about", new_id="N1", previous_id="P0").get_children()[0]
    assert desc.attrs == {"id": "N1", "prev": "P0"}
    assert desc.require_child("body").content == b"about"
    delete = rq.build_description(GROUP, None, new_id="N2", previous_id=None).get_children()[0]
    assert delete.attrs == {"id": "N2", "delete": "true"} and delete.content is None
    assert rq.build_setting(GROUP, rq.GroupSetting.LOCKED).get_children()[0].tag == "locked"
    assert rq.build_ephemeral(GROUP, 0).get_children()[0].tag == "not_ephemeral"
    assert rq.build_ephemeral(GROUP, 86400).get_children()[0].attrs == {"expiration": "86400"}
    mode = rq.build_membership_approval(GROUP, True).get_children()[0]
    assert mode.require_child("group_join").attrs == {"state": "on"}
    assert rq.build_member_add_mode(GROUP, admins_only=True).get_children()[0].content == b"admin_add"
    assert rq.build_get_invite(GROUP).attrs["type"] == "get"
    assert rq.build_reset_invite(GROUP).attrs["type"] == "set"
    assert rq.parse_invite_code(Node("iq", {}, [Node("invite", {"code": "XyZ"})])) == "XyZ"
    join = rq.build_join("https://chat.whatsapp.com/AbCdEf123")
    assert join.attrs["to"] == "@g.us" and join.get_children()[0].attrs == {"code": "AbCdEf123"}
    leave = rq.build_leave([GROUP]).get_children()[0]
    assert [g.attrs for g in leave.get_children("group")] == [{"id": str(GROUP)}]
    # The builders' nodes survive the binary codec.
    for node in (join, rq.build_leave([GROUP]), rq.build_subject(GROUP, "x")):
        assert decode_node(encode_node(node)).tag == "iq"


def test_join_answers() -> None:
    assert rq.parse_join(Node("iq", {}, [Node("group", {"jid": str(GROUP)})])) == (GROUP, False)
    pending = Node("iq", {}, [Node("membership_approval_request", {"jid": str(GROUP)})])
    assert rq.parse_join(pending) == (GROUP, True)
    assert rq.parse_join(Node("iq", {}, [Node("group", {"id": "120363000000000001"})])) == (GROUP, False)


@pytest.mark.parametrize("bad", ["", "https://chat.whatsapp.com/", "not a code!", "../x"])
def test_invite_code_validation(bad: str) -> None:
    with pytest.raises(ValueError):
        invite_code_from(bad)


def _notification(*children: Node, **attrs: str) -> Node:
    base = {"type": "w:gp2", "from": str(GROUP), "participant": "11112222@lid", "id": "N1", "t": "1767225600"}
    return Node("notification", {**base, **attrs}, list(children))


def test_group_notification_changes() -> None:
    node = _notification(
        Node(
            "add",
            {"reason": "invite"},
            [Node("participant", {"jid": str(LID), "phone_number": str(PN)})],
        ),
        Node("promote", {}, [Node("participant", {"jid": str(LID)})]),
        Node("subject", {"subject": "New", "s_o": "11112222@lid", "s_t": "1767225601"}),
        Node("description", {"id": "D1"}, [Node("body", {}, b"text")]),
        Node("description", {"id": "D2"}, [Node("delete")]),
        Node("announcement", {"v_id": "3"}),
        Node("unlocked"),
        Node("ephemeral", {"expiration": "604800"}),
        Node("not_ephemeral"),
        Node("membership_approval_mode", {}, [Node("group_join", {"state": "on"})]),
        Node("create", {"reason": "invite"}, [Node("group", {"id": "120363000000000001", "subject": "S"})]),
        Node("future_thing", {"x": "1"}),
        participant_pn="15550000001@s.whatsapp.net",
    )
    parsed = parse_group_notification(node)
    assert parsed.group == GROUP and parsed.timestamp == 1767225600
    assert str(parsed.actor) == "11112222@lid" and str(parsed.actor_pn) == "15550000001@s.whatsapp.net"
    changes = parsed.changes
    assert changes[0] == ParticipantsChanged("add", (LID,), ((LID, PN),), "invite")
    assert changes[1] == ParticipantsChanged("promote", (LID,))
    assert changes[2] == SubjectChanged("New", JID.parse("11112222@lid"), 1767225601)
    assert changes[3] == DescriptionChanged("D1", "text")
    assert changes[4] == DescriptionChanged("D2", None)
    assert changes[5] == SettingChanged("announcement", True)
    assert changes[6] == SettingChanged("locked", False)
    assert changes[7] == EphemeralChanged(604800)
    assert changes[8] == EphemeralChanged(0)
    assert changes[9] == MembershipApprovalChanged(True)
    assert isinstance(changes[10], GroupCreated) and changes[10].group.attrs["subject"] == "S"
    assert isinstance(changes[11], UnknownChange) and changes[11].node.tag == "future_thing"


@pytest.mark.parametrize(
    "node",
    [
        Node("notification", {"type": "w:gp2", "from": "15550000001@s.whatsapp.net"}),
        Node("notification", {"type": "w:gp2"}),
        _notification(Node("add", {}, [Node("participant")])),
        _notification(Node("create")),
        _notification(t="soon"),
    ],
)
def test_malformed_notifications_raise_decode_error(node: Node) -> None:
    with pytest.raises(DecodeError):
        parse_group_notification(node)
