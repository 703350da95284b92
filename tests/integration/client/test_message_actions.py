"""Edits, revokes, reactions, polls and disappearing timers between two clients through the FakeServer."""

from __future__ import annotations

import dataclasses

import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from waproto import Message
from waproto.events import EphemeralSettingChanged, MessageEdited, MessageRevoked, PollVote, Reaction
from waproto.proto import wa_e2e_pb2

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_one_to_one_actions(paired: PairedClient) -> None:
    alice = await paired("15550007001")
    bob = await paired("15550007002")
    bob_log = EventLog(
        bob, Message, MessageEdited, MessageRevoked, Reaction, PollVote, EphemeralSettingChanged
    )
    alice_log = EventLog(alice, Message, Reaction, PollVote)

    sent = await alice.send_text(bob.own_jid.to_non_ad(), "helo")
    (received,) = await bob_log.wait_for(Message)
    assert received.text == "helo"

    # An edit arrives as MessageEdited naming the original, not as a new Message.
    await alice.edit_message(bob.own_jid.to_non_ad(), sent.id, "hello")
    (edited,) = await bob_log.wait_for(MessageEdited)
    assert (edited.target_id, edited.text) == (sent.id, "hello")

    # A reaction to alice's message, and its removal; alice sees it aimed at her message.
    await bob.send_reaction(received, "👍")
    (reaction,) = await alice_log.wait_for(Reaction)
    assert (reaction.target_id, reaction.emoji, reaction.target_from_me) == (sent.id, "👍", True)
    await bob.send_reaction(received, "")
    removed = (await alice_log.wait_for(Reaction, 2))[1]
    assert removed.emoji == ""

    # Revoke for everyone.
    await alice.revoke_message(bob.own_jid.to_non_ad(), sent.id)
    (revoked,) = await bob_log.wait_for(MessageRevoked)
    assert revoked.target_id == sent.id and not revoked.by_admin

    # A poll: bob sees it as a Message (with the poll), votes; alice's tally counts the vote.
    poll = await alice.send_poll(bob.own_jid.to_non_ad(), "Lunch?", ["pizza", "sushi"])
    poll_message = (await bob_log.wait_for(Message, 2))[1]
    assert poll_message.info.id == poll.id
    assert poll_message.message.pollCreationMessageV3.name == "Lunch?"
    await bob.vote_poll(alice.own_jid.to_non_ad(), poll.id, ["sushi"])
    (vote,) = await alice_log.wait_for(PollVote)
    assert (vote.poll_id, vote.selected) == (poll.id, ("sushi",))
    tally = await alice.poll_tally(bob.own_jid.to_non_ad(), poll.id)
    # Bob voted from his LID (the chat runs there); his number is the other form.
    assert tally == {"pizza": [], "sushi": [bob.own_lid.to_non_ad()]}
    # A changed vote replaces the earlier one, on both sides.
    await bob.vote_poll(alice.own_jid.to_non_ad(), poll.id, ["pizza"])
    await alice_log.wait_for(PollVote, 2)
    assert await alice.poll_tally(bob.own_jid.to_non_ad(), poll.id) == {
        "pizza": [bob.own_lid.to_non_ad()],
        "sushi": [],
    }
    assert await bob.poll_tally(alice.own_jid.to_non_ad(), poll.id) == {
        "pizza": [bob.own_lid.to_non_ad()],
        "sushi": [],
    }

    # Disappearing messages: bob is told, and alice's next text carries the timer.
    await alice.set_disappearing(bob.own_jid.to_non_ad(), 86400)
    (setting,) = await bob_log.wait_for(EphemeralSettingChanged)
    assert setting.expiration == 86400
    await alice.send_text(bob.own_jid.to_non_ad(), "gone tomorrow")
    latest = (await bob_log.wait_for(Message, 3))[2]
    assert latest.text == "gone tomorrow"
    assert latest.message.extendedTextMessage.contextInfo.expiration == 86400


async def test_group_reaction_keys_name_the_author_only_for_others_messages(
    paired: PairedClient, sent_messages: list[wa_e2e_pb2.Message]
) -> None:
    """A reaction to a member's message names them; one to our own has fromMe and no participant
    (whatsmeow BuildMessageKey; Baileys 7's keys of what it sent)."""
    alice = await paired("15550007101")
    bob = await paired("15550007102")
    alice_log, bob_log = EventLog(alice, Reaction), EventLog(bob, Message, Reaction)
    group = (await alice.create_group("reactions", [bob.own_jid.to_non_ad()])).jid
    posted = await alice.send_text(group, "react to me")
    received = next(m for m in await bob_log.wait_for(Message) if m.info.id == posted.id)

    await bob.send_reaction(received, "👍")
    (theirs,) = await alice_log.wait_for(Reaction)
    assert theirs.target_from_me
    ours = dataclasses.replace(received.info, sender=alice.own_jid, is_from_me=True)
    own = Message(info=ours, message=received.message)
    await alice.send_reaction(own, "🎉")
    (mine,) = await bob_log.wait_for(Reaction)
    assert (mine.target_id, mine.emoji, mine.target_from_me) == (posted.id, "🎉", False)

    bob_key, alice_key = [m.reactionMessage.key for m in sent_messages if m.HasField("reactionMessage")]
    assert (bob_key.fromMe, bob_key.participant) == (False, str(received.info.sender.to_non_ad()))
    assert (alice_key.fromMe, alice_key.HasField("participant")) == (True, False)
    assert alice_key.remoteJid == bob_key.remoteJid == str(group)
