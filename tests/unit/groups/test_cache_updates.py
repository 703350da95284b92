"""apply_change: the cached group metadata follows each w:gp2 change."""

from __future__ import annotations

from waproto.groups import (
    DescriptionChanged,
    EphemeralChanged,
    ParticipantsChanged,
    SettingChanged,
    SubjectChanged,
)
from waproto.groups.service import apply_change
from waproto.jid import JID
from waproto.messaging.send import GroupInfo, GroupParticipant

GROUP = JID.parse("120363000000000001@g.us")
A, B = JID.parse("1111@lid"), JID.parse("2222@lid")
PN_B = JID.parse("15550000002@s.whatsapp.net")


def test_changes_apply_in_order() -> None:
    info = GroupInfo(jid=GROUP, subject="S", participants=(GroupParticipant(A, None, A, is_admin=True),))
    info = apply_change(info, ParticipantsChanged("add", (B,), ((B, PN_B),)))
    assert [(p.jid, p.phone_number, p.lid) for p in info.participants] == [(A, None, A), (B, PN_B, B)]
    info = apply_change(info, ParticipantsChanged("promote", (B,)))
    assert info.admins == (A, B)
    info = apply_change(info, ParticipantsChanged("demote", (A,)))
    assert info.admins == (B,)
    info = apply_change(info, ParticipantsChanged("remove", (A,)))
    assert [p.jid for p in info.participants] == [B]
    info = apply_change(info, SubjectChanged("New", B, 5))
    info = apply_change(info, DescriptionChanged("D1", "text"))
    info = apply_change(info, SettingChanged("locked", True))
    info = apply_change(info, SettingChanged("announcement", True))
    info = apply_change(info, EphemeralChanged(86400))
    assert (info.subject, info.description, info.description_id) == ("New", "text", "D1")
    assert (info.locked, info.announcement, info.ephemeral) == (True, True, 86400)
    assert apply_change(info, SettingChanged("suspended", True)) == info
