"""Issue 15 against Baileys: edits, revokes, polls and group administration both ways.

One Baileys peer and two waproto clients through the FakeServer. Baileys cannot send
poll votes (it has no builder for pollUpdateMessage), so votes go waproto -> Baileys,
and Baileys tallies them with its own decryptPollVote and getAggregateVotesInPollMessage.
"""

from __future__ import annotations

import pytest

from tests.integration.client.conftest import EventLog, client_config, pair_by_qr
from tests.interop.baileys.conftest import Driver, interop_server
from waproto import JID, Client, Message
from waproto.events import (
    GroupJoined,
    GroupParticipantsChanged,
    MessageEdited,
    MessageRevoked,
)
from waproto.store import MemoryStore

pytestmark = [pytest.mark.interop, pytest.mark.slow, pytest.mark.anyio]

OURS, OTHER, THEIRS = "15552350001", "15552350003", "15552350002"


async def test_actions_and_groups_with_baileys(baileys: tuple[str, Driver]) -> None:
    version, call = baileys
    addressing = "lid" if version == "v7" else "pn"
    async with interop_server(version) as server:
        for phone in (OURS, OTHER, THEIRS):
            server.create_account(phone)
        root = server.root_public_key.hex() if version == "v7" else None
        await call("start", name="b", url=server.ws_url, root=root, media_host=server.media_host)
        server.scan_qr(THEIRS, (await call("wait_qr", name="b"))["qr"])
        await call("wait_open", name="b")
        client = Client(MemoryStore(), config=client_config(server))
        other = Client(MemoryStore(), config=client_config(server))
        await pair_by_qr(server, client, OURS)
        await pair_by_qr(server, other, OTHER)
        try:
            log = EventLog(
                client, Message, MessageEdited, MessageRevoked, GroupJoined, GroupParticipantsChanged
            )
            ours, theirs = f"{OURS}@s.whatsapp.net", f"{THEIRS}@s.whatsapp.net"

            # waproto edits and then revokes its message; Baileys applies both.
            sent = await client.send_text(theirs, "typo")
            await call("wait_text", name="b", text="typo")
            await client.edit_message(theirs, sent.id, "fixed")
            await call("wait_update", name="b", msg_id=sent.id, text="fixed")
            await client.revoke_message(theirs, sent.id)
            await call("wait_update", name="b", msg_id=sent.id, revoked=True)

            # Baileys edits and revokes its message; waproto sees MessageEdited / MessageRevoked.
            theirs_sent = await call("send_text_keep", name="b", jid=ours, text="their typo")
            await log.wait_for(Message)
            await call("edit_text", name="b", jid=ours, msg_id=theirs_sent["msg_id"], text="their fix")
            (edited,) = await log.wait_for(MessageEdited)
            assert (edited.target_id, edited.text) == (theirs_sent["msg_id"], "their fix")
            await call("revoke", name="b", jid=ours, msg_id=theirs_sent["msg_id"])
            (revoked,) = await log.wait_for(MessageRevoked)
            assert revoked.target_id == theirs_sent["msg_id"]

            # A Baileys poll; waproto votes twice (the second replaces the first); Baileys'
            # own tally and waproto's agree.
            poll = await call(
                "send_poll", name="b", jid=ours, question="Lunch?", options=["pizza", "sushi"], selectable=1
            )
            await log.wait_for(Message, 2)
            await client.vote_poll(theirs, poll["msg_id"], ["pizza"])
            await client.vote_poll(theirs, poll["msg_id"], ["sushi"])
            tally = (await call("poll_tally", name="b", poll_id=poll["msg_id"], count=2))["tally"]
            # Baileys 7 names voters by LID where it knows one; map it back to the number.
            by_lid = {server.core.accounts.require(OURS).lid_user: OURS}
            theirs_view = {t["name"]: [by_lid.get(u, u) for u in map(_user, t["voters"])] for t in tally}
            ours_view = await client.poll_tally(theirs, poll["msg_id"])
            assert theirs_view == {"pizza": [], "sushi": [OURS]}
            # waproto votes from its LID where the chat runs at one (Baileys 7's server).
            assert {k: [by_lid.get(v.user, v.user) for v in vs] for k, vs in ours_view.items()} == theirs_view

            # Baileys makes a group with both waproto clients and promotes ours.
            made = await call(
                "group_create", name="b", subject="by baileys", participants=[ours, f"{OTHER}@s.whatsapp.net"]
            )
            group = JID.parse(made["group"])
            (joined,) = await log.wait_for(GroupJoined)
            assert joined.group == group
            own_in_group = client.own_lid if addressing == "lid" else client.own_jid
            assert own_in_group is not None
            await call(
                "group_participants",
                name="b",
                group=made["group"],
                participants=[str(own_in_group.to_non_ad())],
                action="promote",
            )
            promoted = (await log.wait_for(GroupParticipantsChanged))[-1]
            assert promoted.action == "promote" and promoted.participants[0].user == own_in_group.user

            # Now an admin, waproto renames the group and removes the other member;
            # Baileys' groups.update and group-participants.update show both.
            await client.groups.set_subject(group, "renamed by waproto")
            await call(
                "wait_group_event", name="b", group=made["group"], kind="group", subject="renamed by waproto"
            )
            other_in_group = other.own_lid if addressing == "lid" else other.own_jid
            assert other_in_group is not None
            (result,) = await client.groups.remove(group, [other_in_group.to_non_ad()])
            assert result.ok
            await call(
                "wait_group_event", name="b", group=made["group"], kind="participants", action="remove"
            )
            info = await client.groups.info(group, refresh=True)
            assert info.subject == "renamed by waproto" and len(info.participants) == 2
        finally:
            await other.aclose()  # opened last: its task group closes first
            await client.aclose()
            await call("stop", name="b")


def _user(jid: str) -> str:
    return jid.split("@", maxsplit=1)[0].split(":", maxsplit=1)[0]
