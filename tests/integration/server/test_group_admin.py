"""FakeServer group administration over real sockets: permissions, w:gp2 notifications, invites.

Driven by the raw protocol client and the sans-I/O builders and parsers of
``waproto.groups``, so the server's answers are checked with the parsers the
client uses.
"""

from __future__ import annotations

import pytest

from tests.integration.server.rawclient import RawClient
from tests.integration.server.test_fake_server import login, provision
from waproto.binary import Node
from waproto.groups import (
    GroupCreated,
    GroupSetting,
    ParticipantAction,
    ParticipantsChanged,
    SettingChanged,
    SubjectChanged,
    parse_group_notification,
)
from waproto.groups import requests as rq
from waproto.jid import JID
from waproto.messaging.send import parse_group
from waproto.testing import FakeServer, FakeServerConfig

pytestmark = pytest.mark.anyio

PHONES = ["15550003001", "15550003002", "15550003003", "15550003004"]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def _gp2(client: RawClient) -> Node:
    """The next w:gp2 notification, acked as a client would."""
    while True:
        node = await client.expect("notification")
        await client.send(
            Node("ack", {"id": node.attrs["id"], "class": "notification", "to": node.attrs["from"]})
        )
        if node.attrs.get("type") == "w:gp2":
            return node


def _error(answer: Node) -> int | None:
    error = answer.get_child("error")
    return None if error is None else int(error.attrs["code"])


@pytest.mark.parametrize("addressing", ["lid", "pn"])
async def test_group_administration(addressing: str) -> None:
    config = FakeServerConfig(control=False, group_addressing=addressing)  # type: ignore[arg-type]
    async with FakeServer(config) as server:
        clients = []
        for phone in PHONES:
            server.create_account(phone)
            keys, device = provision(server, phone)
            clients.append(await login(server, keys, phone, device))
        admin, member, other, outsider = clients
        jids = [JID(phone, "s.whatsapp.net") for phone in PHONES]

        create = Node(
            "iq",
            {"to": "@g.us", "type": "set", "xmlns": "w:g2"},
            [
                Node(
                    "create",
                    {"subject": "Team", "key": "K1"},
                    [Node("participant", {"jid": str(j)}) for j in jids[1:3]],
                )
            ],
        )
        info = parse_group(rq_result(await admin.query(create)).require_child("group"))
        group = info.jid
        for client in (member, other):
            created = parse_group_notification(await _gp2(client))
            assert isinstance(created.changes[0], GroupCreated)
            assert created.group == group

        # A member that is not an admin can neither add nor change settings.
        refused = await member.query(rq.build_participants_change(group, ParticipantAction.ADD, [jids[3]]))
        assert _error(refused) == 403
        assert _error(await member.query(rq.build_setting(group, GroupSetting.LOCKED))) == 403
        assert _error(await member.query(rq.build_get_invite(group))) == 403

        # The admin promotes the member; everyone hears it, with the actor.
        answer = await admin.query(rq.build_participants_change(group, ParticipantAction.PROMOTE, [jids[1]]))
        results = rq.parse_participant_results(rq_result(answer), ParticipantAction.PROMOTE)
        assert [r.status for r in results] == [200]
        for client in (member, other):
            change = parse_group_notification(await _gp2(client))
            assert (
                isinstance(change.changes[0], ParticipantsChanged) and change.changes[0].action == "promote"
            )
            assert change.actor is not None and change.actor.user in (
                PHONES[0],
                str(server.core.accounts.require(PHONES[0]).lid.user),
            )

        # Adding an existing member is 409, an unknown number 404, per participant.
        answer = await admin.query(
            rq.build_participants_change(
                group, ParticipantAction.ADD, [jids[2], JID("15559999999", "s.whatsapp.net")]
            )
        )
        statuses = [r.status for r in rq.parse_participant_results(rq_result(answer), ParticipantAction.ADD)]
        assert statuses == [409, 404]

        # Locked: only admins edit the subject; the promoted member may.
        assert _error(await admin.query(rq.build_setting(group, GroupSetting.LOCKED))) is None
        locked = parse_group_notification(await _gp2(other))
        assert locked.changes == (SettingChanged("locked", True),)
        assert _error(await other.query(rq.build_subject(group, "Nope"))) == 403
        assert _error(await member.query(rq.build_subject(group, "Renamed"))) is None
        renamed = parse_group_notification(await _gp2(other))
        assert isinstance(renamed.changes[0], SubjectChanged) and renamed.changes[0].subject == "Renamed"

        # Announcement: a non-admin's message is refused with ack error 403.
        assert _error(await admin.query(rq.build_setting(group, GroupSetting.ANNOUNCEMENT))) is None
        await _gp2(other)
        await other.send(
            Node(
                "message",
                {"to": str(group), "id": "M1", "type": "text"},
                [Node("enc", {"type": "skmsg", "v": "2"}, b"x")],
            )
        )
        ack = await other.expect("ack")
        assert ack.attrs.get("error") == "403"

        # Invite link: read, join by code from outside, reset invalidates the old code.
        code = rq.parse_invite_code(rq_result(await admin.query(rq.build_get_invite(group))))
        preview = parse_group(rq_result(await outsider.query(rq.build_preview(code))).require_child("group"))
        assert preview.jid == group
        joined = rq.parse_join(rq_result(await outsider.query(rq.build_join(code))))
        assert joined == (group, False)
        added = parse_group_notification(await _gp2(other))
        assert isinstance(added.changes[0], ParticipantsChanged) and added.changes[0].reason == "invite"
        new_code = rq.parse_invite_code(rq_result(await admin.query(rq.build_reset_invite(group))))
        assert new_code != code
        assert _error(await other.query(rq.build_join(code))) == 406

        # Leaving is announced to the rest and to the leaver.
        assert _error(await outsider.query(rq.build_leave([group]))) is None
        left = parse_group_notification(await _gp2(other))
        assert left.changes[0] == ParticipantsChanged(
            "remove", left.changes[0].participants, left.changes[0].phone_numbers, "leave"
        )
        metadata = parse_group(
            rq_result(
                await admin.query(
                    Node(
                        "iq",
                        {"to": str(group), "type": "get", "xmlns": "w:g2"},
                        [Node("query", {"request": "interactive"})],
                    )
                )
            ).require_child("group")
        )
        assert metadata.subject == "Renamed" and len(metadata.participants) == 3
        for client in clients:
            await client.close()


def rq_result(answer: Node) -> Node:
    assert answer.attrs.get("type") == "result", answer
    return answer
