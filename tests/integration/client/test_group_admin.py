"""client.groups against the FakeServer: administration, permissions, w:gp2 events, cache, polls."""

from __future__ import annotations

import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from waproto import Message
from waproto.errors import IQError, WAError
from waproto.events import (
    EphemeralSettingChanged,
    GroupInfoChanged,
    GroupJoined,
    GroupParticipantsChanged,
    MessageRevoked,
    PollVote,
)

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_group_administration_and_events(paired: PairedClient) -> None:
    admin = await paired("15550008001")
    bob = await paired("15550008002")
    carol = await paired("15550008003")
    dave = await paired("15550008004")
    kinds = (
        Message,
        GroupJoined,
        GroupParticipantsChanged,
        GroupInfoChanged,
        EphemeralSettingChanged,
        MessageRevoked,
        PollVote,
    )
    logs = {c: EventLog(c, *kinds) for c in (admin, bob, carol, dave)}
    users = {c: c.own_jid.to_non_ad() for c in (admin, bob, carol, dave)}

    info = await admin.groups.create("Team", [users[bob], users[carol]])
    group = info.jid
    (joined,) = await logs[bob].wait_for(GroupJoined)
    assert joined.group == group and joined.subject == "Team"

    # Promote bob: carol sees who did what.
    (result,) = await admin.groups.promote(group, [users[bob]])
    assert result.ok
    (promoted,) = await logs[carol].wait_for(GroupParticipantsChanged)
    assert promoted.action == "promote" and promoted.actor is not None
    # Bob, now an admin, renames the group; the admin's cached metadata follows without a fetch.
    await bob.groups.set_subject(group, "Renamed")
    renamed = (await logs[admin].wait_for(GroupInfoChanged))[-1]
    assert renamed.subject == "Renamed"
    cached = await admin.groups.info(group)
    assert cached.subject == "Renamed"
    assert any(
        p.is_admin and p.jid.user in (users[bob].user, (bob.own_lid or users[bob]).user)
        for p in cached.participants
    )

    # Locked: carol (not an admin) may not change the subject.
    await admin.groups.set_locked(group, True)
    with pytest.raises(IQError) as refused:
        await carol.groups.set_subject(group, "Nope")
    assert refused.value.code == 403
    # Description and disappearing timer.
    await admin.groups.set_description(group, "About us")
    await admin.groups.set_disappearing(group, 604800)
    (timer,) = await logs[carol].wait_for(EphemeralSettingChanged)
    assert timer.chat == group and timer.expiration == 604800
    fresh = await admin.groups.info(group, refresh=True)
    assert (fresh.description, fresh.locked, fresh.ephemeral) == ("About us", True, 604800)

    # Invite link: dave joins; everyone hears it with reason "invite".
    link = await admin.groups.invite_link(group)
    assert link.startswith("https://chat.whatsapp.com/")
    assert (await dave.groups.preview(link)).jid == group
    assert await dave.groups.join(link) == group
    joins = await logs[carol].wait_for(GroupParticipantsChanged, 2)
    assert joins[-1].action == "add" and joins[-1].reason == "invite"

    # Announcement: only admins send; carol's text is refused by the server.
    await admin.groups.set_announcement(group, True)
    await logs[carol].wait_for(GroupInfoChanged, 4)
    with pytest.raises(WAError):
        await carol.send_text(group, "may I?")
    await admin.groups.set_announcement(group, False)

    # A poll in the group: the admin's tally sees bob's vote.
    poll = await admin.send_poll(group, "When?", ["today", "tomorrow"])
    await logs[bob].wait_for(Message)
    await bob.vote_poll(group, poll.id, ["tomorrow"])
    (vote,) = await logs[admin].wait_for(PollVote)
    assert vote.selected == ("tomorrow",)
    tally = await admin.poll_tally(group, poll.id)
    assert [v.user for v in tally["tomorrow"]] and tally["today"] == []

    # Bob (admin) deletes carol's message for everyone.
    await admin.groups.set_announcement(group, False)
    sent = await carol.send_text(group, "oops")
    await logs[bob].wait_for(Message, 2)
    await bob.revoke_message(group, sent.id, sender=carol.own_lid or users[carol])
    revoked = (await logs[admin].wait_for(MessageRevoked))[-1]
    assert revoked.target_id == sent.id and revoked.by_admin

    # Remove carol, then leave as dave; results per participant.
    (removed,) = await admin.groups.remove(group, [users[carol]])
    assert removed.ok
    await dave.groups.leave(group)
    final = await admin.groups.info(group, refresh=True)
    assert len(final.participants) == 2
