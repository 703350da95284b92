"""waproto and Baileys talk to each other through the FakeServer.

A waproto client and a Baileys client (6.17.16 with dictionary v2, 7.0.0-rc14
with v3) each pair by QR, then exchange end-to-end encrypted messages both ways,
1:1 and in groups: one created by waproto and one created by Baileys, which the
waproto client joins by being added.
"""

from __future__ import annotations

import pytest

from tests.integration.client.conftest import POLL_FIELD, EventLog, client_config, field_numbers, pair_by_qr
from tests.interop.baileys.conftest import Driver, interop_server
from waproto import JID, Client, Message
from waproto.store import MemoryStore

pytestmark = [pytest.mark.interop, pytest.mark.slow, pytest.mark.anyio]

OURS = "15552340001"
THEIRS = "15552340002"


async def test_waproto_and_baileys_chat_both_ways(baileys: tuple[str, Driver]) -> None:
    version, call = baileys
    # Baileys 6 cannot send in LID-addressed groups (it puts member devices on s.whatsapp.net);
    # its server is WhatsApp before LIDs (conftest.interop_server).
    addressing = "lid" if version == "v7" else "pn"
    async with interop_server(version) as server:
        server.create_account(OURS)
        server.create_account(THEIRS)
        root = server.root_public_key.hex() if version == "v7" else None
        await call("start", name="b", url=server.ws_url, root=root, media_host=server.media_host)
        server.scan_qr(THEIRS, (await call("wait_qr", name="b"))["qr"])
        await call("wait_open", name="b")

        # Default config: Baileys 7 gets 1:1s at its LID once we know it; Baileys 6's server
        # (WhatsApp before LIDs) never tells one, so it gets them at its number.
        client = Client(MemoryStore(), config=client_config(server))
        await pair_by_qr(server, client, OURS)
        try:
            log = EventLog(client, Message)
            ours, theirs = f"{OURS}@s.whatsapp.net", f"{THEIRS}@s.whatsapp.net"

            # 1:1, both directions, twice each so both sides also use an established session.
            for round_ in range(2):
                await client.send_text(theirs, f"waproto to baileys {round_}")
                await call("wait_text", name="b", text=f"waproto to baileys {round_}")
                await call("send_text", name="b", jid=ours, text=f"baileys to waproto {round_}")
                received = await log.wait_for(Message, round_ + 1)
                assert received[-1].text == f"baileys to waproto {round_}"
                assert received[-1].info.sender.user == THEIRS
                assert not received[-1].info.is_group

            # A poll with no limit on choices (field 49 in Baileys 6 and 7; their counted polls
            # use pollCreationMessageV3), with its message secret, reaches the handler.
            options = ["pizza", "sushi"]
            sent = await call(
                "send_poll", name="b", jid=ours, question="Lunch?", options=options, selectable=0
            )
            poll = (await log.wait_for(Message, 3))[-1]
            assert (poll.info.id, poll.info.sender.user, poll.text) == (sent["msg_id"], THEIRS, None)
            assert POLL_FIELD in field_numbers(poll.message)
            created = poll.message.pollCreationMessage
            assert (created.name, [o.optionName for o in created.options]) == ("Lunch?", options)
            assert poll.message.messageContextInfo.messageSecret

            # A group created by waproto.
            group = await client.create_group("made by waproto", [JID.parse(theirs)])
            await client.send_text(group.jid, "hello from waproto")
            got = await call("wait_text", name="b", text="hello from waproto")
            assert got["remoteJid"] == str(group.jid)
            await call("send_text", name="b", jid=str(group.jid), text="baileys in our group")
            msg = (await log.wait_for(Message, 4))[-1]
            assert (msg.text, msg.info.chat, msg.info.is_group) == ("baileys in our group", group.jid, True)

            # A group created by Baileys that adds us: we receive in it and send to it.
            made = await call("group_create", name="b", subject="made by baileys", participants=[ours])
            their_group = JID.parse(made["group"])
            await call("send_text", name="b", jid=made["group"], text="welcome waproto")
            msg = (await log.wait_for(Message, 5))[-1]
            assert (msg.text, msg.info.chat) == ("welcome waproto", their_group)
            info = await client.group_info(their_group)
            numbers = {p.phone_number.user for p in info.participants if p.phone_number is not None}
            assert numbers == {OURS, THEIRS}
            assert info.addressing_mode == addressing
            assert all(p.lid is not None and p.lid.is_lid for p in info.participants)
            await client.send_text(their_group, "thanks baileys")
            got = await call("wait_text", name="b", text="thanks baileys")
            assert got["remoteJid"] == made["group"]
        finally:
            await client.aclose()
            await call("stop", name="b")
