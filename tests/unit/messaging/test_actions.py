"""Message action builders and the classifier: shapes from protocol-wave2.md section 6."""

from __future__ import annotations

import pytest

from waproto.errors import CryptoError
from waproto.jid import JID
from waproto.messaging import actions
from waproto.messaging.msgsecret import poll_option_hash
from waproto.proto import wa_e2e_pb2

Message = wa_e2e_pb2.Message
CHAT = JID.parse("15550000002@s.whatsapp.net")
ME = JID.parse("15550000001:3@s.whatsapp.net")
GROUP = JID.parse("120363000000000001@g.us")


def test_message_key_forms() -> None:
    own = actions.message_key(CHAT, "ID1", from_me=True, participant=ME)
    assert (own.remoteJid, own.fromMe, own.id, own.HasField("participant")) == (str(CHAT), True, "ID1", False)
    other = actions.message_key(
        GROUP, "ID2", from_me=False, participant=JID.parse("15550000009:2@s.whatsapp.net")
    )
    assert other.participant == "15550000009@s.whatsapp.net"


def test_edit_round_trips_through_classify_in_both_forms() -> None:
    key = actions.message_key(CHAT, "ID1", from_me=True)
    edit = actions.build_edit(key, Message(conversation="fixed"), timestamp_ms=1767225600123)
    protocol = edit.protocolMessage
    assert protocol.type == Message.ProtocolMessage.MESSAGE_EDIT and protocol.timestampMs == 1767225600123
    parsed = actions.classify(edit)
    assert isinstance(parsed, actions.EditAction) and parsed.new_content.conversation == "fixed"
    # whatsmeow wraps the same protocol message in editedMessage (58).
    wrapped = Message(editedMessage=Message.FutureProofMessage(message=edit))
    assert actions.classify(wrapped) == parsed
    with pytest.raises(ValueError):
        actions.build_edit(
            actions.message_key(CHAT, "X", from_me=False), Message(conversation="x"), timestamp_ms=1
        )


def test_revoke_reaction_and_ephemeral() -> None:
    key = actions.message_key(GROUP, "ID3", from_me=False, participant=CHAT)
    revoke = actions.classify(actions.build_revoke(key))
    assert isinstance(revoke, actions.RevokeAction) and revoke.key.participant == str(CHAT)
    reaction = actions.classify(actions.build_reaction(key, "👍", timestamp_ms=5))
    assert reaction == actions.ReactionAction(key, "👍", 5)
    removed = actions.classify(actions.build_reaction(key, "", timestamp_ms=6))
    assert isinstance(removed, actions.ReactionAction) and removed.emoji == ""
    setting = actions.classify(actions.build_ephemeral_setting(604800, timestamp=1767225600))
    assert setting == actions.EphemeralSettingAction(604800, 1767225600)
    # An ephemeral wrapper (as Baileys sends the setting) is looked through.
    wrapped = Message(ephemeralMessage=Message.FutureProofMessage(message=actions.build_revoke(key)))
    assert isinstance(actions.classify(wrapped), actions.RevokeAction)
    assert actions.classify(Message(conversation="hi")) is None
    with pytest.raises(ValueError):
        actions.build_ephemeral_setting(-1, timestamp=0)


def test_poll_creation_versions_and_validation() -> None:
    single = actions.build_poll_creation("Lunch?", ["pizza", "sushi"], random=lambda n: b"\x07" * n)
    assert single.HasField("pollCreationMessageV3") and not single.HasField("pollCreationMessage")
    assert single.messageContextInfo.messageSecret == b"\x07" * 32
    multi = actions.build_poll_creation("Pick", ["a", "b", "c"], selectable=0)
    assert multi.HasField("pollCreationMessage") and multi.pollCreationMessage.selectableOptionsCount == 0
    poll = actions.poll_of(multi)
    assert poll is not None and [o.optionName for o in poll.options] == ["a", "b", "c"]
    assert actions.poll_of(Message(conversation="x")) is None
    for args in (("", ["a", "b"]), ("q", ["a"]), ("q", ["a", "a"]), ("q", ["a", " "])):
        with pytest.raises(ValueError):
            actions.build_poll_creation(*args)
    with pytest.raises(ValueError):
        actions.build_poll_creation("q", ["a", "b"], selectable=3)


def test_poll_vote_encrypts_and_decrypts() -> None:
    poll = actions.build_poll_creation("Lunch?", ["pizza", "sushi"])
    secret = poll.messageContextInfo.messageSecret
    poll_key = actions.message_key(GROUP, "POLL1", from_me=False, participant=ME)
    voter = JID.parse("15550000002:5@s.whatsapp.net")
    vote = actions.build_poll_vote(poll_key, secret, ME, voter, [poll_option_hash("sushi")], timestamp_ms=9)
    parsed = actions.classify(vote)
    assert isinstance(parsed, actions.PollVoteAction) and parsed.update.senderTimestampMs == 9
    assert actions.decrypt_poll_vote(parsed.update, secret, ME, voter) == [poll_option_hash("sushi")]
    with pytest.raises(CryptoError):
        actions.decrypt_poll_vote(parsed.update, secret, ME, JID.parse("1@s.whatsapp.net"))


def test_unwrap_is_bounded_and_reports_wrappers() -> None:
    inner = Message(conversation="deep")
    message = Message(
        viewOnceMessageV2=Message.FutureProofMessage(
            message=Message(ephemeralMessage=Message.FutureProofMessage(message=inner))
        )
    )
    content, wrappers = actions.unwrap(message)
    assert content.conversation == "deep" and wrappers == {"viewOnceMessageV2", "ephemeralMessage"}
    # A hostile chain of the same wrapper does not loop forever.
    chain = inner
    for _ in range(50):
        chain = Message(ephemeralMessage=Message.FutureProofMessage(message=chain))
    content, _ = actions.unwrap(chain)
    assert content.HasField("ephemeralMessage")


def test_with_expiration_sets_the_context_where_there_is_one() -> None:
    text = actions.with_expiration(Message(conversation="hi"), 86400)
    assert not text.HasField("conversation")
    assert text.extendedTextMessage.text == "hi" and text.extendedTextMessage.contextInfo.expiration == 86400
    image = actions.with_expiration(Message(imageMessage=Message.ImageMessage(caption="c")), 604800)
    assert image.imageMessage.contextInfo.expiration == 604800
    reaction = actions.build_reaction(actions.message_key(CHAT, "A", from_me=True), "x", timestamp_ms=1)
    assert actions.with_expiration(reaction, 86400) == reaction
    original = Message(conversation="keep")
    assert actions.with_expiration(original, 0) is original
    assert original.conversation == "keep"


def test_view_once_is_flagged_and_looked_through() -> None:
    from waproto.events import Message as MessageEvent
    from waproto.events import MessageInfo

    info = MessageInfo(id="V1", chat=CHAT, sender=CHAT, is_from_me=False, is_group=False, timestamp=1)
    image = Message.ImageMessage(caption="once", mimetype="image/jpeg", mediaKey=b"k" * 32, directPath="/v/x")
    wrapped = Message(viewOnceMessageV2=Message.FutureProofMessage(message=Message(imageMessage=image)))
    event = MessageEvent(info=info, message=wrapped)
    assert event.is_view_once and event.text == "once" and event.media is not None
    flagged = Message(imageMessage=Message.ImageMessage(caption="x", viewOnce=True))
    assert MessageEvent(info=info, message=flagged).is_view_once
    assert not MessageEvent(info=info, message=Message(imageMessage=image)).is_view_once
