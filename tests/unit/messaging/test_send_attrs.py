"""Stanza attributes that depend on the message: ``edit`` and ``decrypt-fail``."""

from __future__ import annotations

from waproto.messaging.send import edit_attribute, enc_attrs_of, message_type_of, stanza_extras
from waproto.proto import wa_e2e_pb2

Msg = wa_e2e_pb2.Message
Protocol = wa_e2e_pb2.Message.ProtocolMessage


def test_edit_attribute_values() -> None:
    key = wa_e2e_pb2.MessageKey(remoteJid="1@s.whatsapp.net", id="X", fromMe=True)
    revoke = Msg(protocolMessage=Protocol(key=key, type=Protocol.REVOKE))
    assert edit_attribute(revoke) == "7"
    admin = Msg(
        protocolMessage=Protocol(key=wa_e2e_pb2.MessageKey(id="X", fromMe=False), type=Protocol.REVOKE)
    )
    assert edit_attribute(admin) == "8"
    edit = Msg(
        protocolMessage=Protocol(key=key, type=Protocol.MESSAGE_EDIT, editedMessage=Msg(conversation="new"))
    )
    assert edit_attribute(edit) == "1"
    removed = Msg(reactionMessage=Msg.ReactionMessage(key=key, text=""))
    assert edit_attribute(removed) == "7"
    assert edit_attribute(Msg(conversation="plain")) is None


def test_reactions_and_edits_hide_on_decrypt_failure() -> None:
    key = wa_e2e_pb2.MessageKey(id="X", fromMe=True)
    reaction = Msg(reactionMessage=Msg.ReactionMessage(key=key, text="👍"))
    assert enc_attrs_of(reaction) == {"decrypt-fail": "hide"}
    edit = Msg(
        protocolMessage=Protocol(key=key, type=Protocol.MESSAGE_EDIT, editedMessage=Msg(conversation="n"))
    )
    assert enc_attrs_of(edit) == {"decrypt-fail": "hide"}
    assert enc_attrs_of(Msg(conversation="plain")) == {}


def test_polls_are_typed_poll_with_their_meta_and_votes_hide() -> None:
    creation = Msg(pollCreationMessageV3=Msg.PollCreationMessage(name="lunch?"))
    assert message_type_of(creation) == "poll"
    assert [(n.tag, n.attrs) for n in stanza_extras(creation)] == [("meta", {"polltype": "creation"})]
    vote = Msg(pollUpdateMessage=Msg.PollUpdateMessage())
    assert message_type_of(vote) == "poll" and stanza_extras(vote)[0].attrs == {"polltype": "vote"}
    assert enc_attrs_of(vote) == {"decrypt-fail": "hide"}
    assert message_type_of(Msg(conversation="x")) == "text" and stanza_extras(Msg(conversation="x")) == []
