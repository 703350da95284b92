"""Every decrypted message reaches the application; protocol messages reach the feature that registered."""

from __future__ import annotations

from typing import ClassVar

import anyio
import pytest

from tests.integration.client.conftest import POLL_FIELD, EventLog, PairedClient, field_numbers
from waproto import Message
from waproto.events import MessageInfo
from waproto.proto import wa_e2e_pb2
from waproto.session import ProtocolRoute

pytestmark = pytest.mark.anyio

ProtocolType = wa_e2e_pb2.Message.ProtocolMessage.Type

#: A field number no WhatsApp schema uses (yet).
FUTURE_FIELD = 4321


def _varint(value: int) -> bytes:
    out = bytearray()
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    return bytes([*out, value])


def _length_delimited(number: int, payload: bytes) -> bytes:
    """One protobuf field of wire type 2, by hand: the field is not in our schema."""
    return _varint((number << 3) | 2) + _varint(len(payload)) + payload


def _poll(question: str, options: list[str]) -> wa_e2e_pb2.Message:
    """A poll as WA and Baileys send it: ``pollCreationMessage`` (field 49) plus a message secret."""
    poll = wa_e2e_pb2.Message.PollCreationMessage(
        name=question, options=[wa_e2e_pb2.Message.PollCreationMessage.Option(optionName=o) for o in options]
    )
    return wa_e2e_pb2.Message(
        pollCreationMessage=poll, messageContextInfo=wa_e2e_pb2.MessageContextInfo(messageSecret=bytes(32))
    )


async def test_a_poll_and_an_unknown_future_field_both_reach_the_handler(paired: PairedClient) -> None:
    alice = await paired("15550501")
    bob = await paired("15550502")
    log = EventLog(bob, Message)
    future = wa_e2e_pb2.Message()
    future.MergeFromString(_length_delimited(FUTURE_FIELD, b"from a newer WhatsApp"))

    sent_poll = await alice.send_message(bob.own_jid.to_non_ad(), _poll("Lunch?", ["pizza", "sushi"]))
    sent_future = await alice.send_message(bob.own_jid.to_non_ad(), future)

    poll, newer = await log.wait_for(Message, 2)
    assert poll.info.id == sent_poll.id and POLL_FIELD in field_numbers(poll.message)
    created = poll.message.pollCreationMessage
    assert (created.name, [o.optionName for o in created.options]) == ("Lunch?", ["pizza", "sushi"])
    assert poll.text is None
    assert newer.info.id == sent_future.id and field_numbers(newer.message) == {FUTURE_FIELD}
    assert newer.message.SerializeToString() == future.SerializeToString()


class Revokes:
    """A stand-in feature that handles revokes."""

    protocol_routes: ClassVar[tuple[ProtocolRoute, ...]] = ((ProtocolType.REVOKE, "on_revoke"),)

    def __init__(self) -> None:
        self.seen: list[tuple[MessageInfo, wa_e2e_pb2.Message.ProtocolMessage]] = []

    async def on_revoke(self, info: MessageInfo, protocol: wa_e2e_pb2.Message.ProtocolMessage) -> None:
        self.seen.append((info, protocol))


async def test_protocol_messages_go_to_the_feature_that_registered_for_them(paired: PairedClient) -> None:
    alice = await paired("15550511")
    bob = await paired("15550512")
    log = EventLog(bob, Message)
    revoked = Revokes()
    # What a feature service does when it is built; there is no revoke feature yet.
    bob._session.router.register(revoked)
    first = await alice.send_text(bob.own_jid.to_non_ad(), "oops")
    key = wa_e2e_pb2.MessageKey(remoteJid=str(bob.own_jid.to_non_ad()), fromMe=True, id=first.id)
    revoke = wa_e2e_pb2.Message.ProtocolMessage(type=ProtocolType.REVOKE, key=key)
    sent_revoke = await alice.send_message(
        bob.own_jid.to_non_ad(), wa_e2e_pb2.Message(protocolMessage=revoke)
    )
    # A protocol message no feature claims (bot feedback) still reaches the application.
    feedback = wa_e2e_pb2.Message.ProtocolMessage(type=ProtocolType.BOT_FEEDBACK_MESSAGE, key=key)
    sent_feedback = await alice.send_message(
        bob.own_jid.to_non_ad(), wa_e2e_pb2.Message(protocolMessage=feedback)
    )

    text, unclaimed = await log.wait_for(Message, 2)
    assert text.text == "oops" and unclaimed.info.id == sent_feedback.id
    assert unclaimed.message.protocolMessage.type == ProtocolType.BOT_FEEDBACK_MESSAGE
    with anyio.fail_after(5):
        while not revoked.seen:
            await anyio.sleep(0.01)
    ((info, protocol),) = revoked.seen
    assert info.id == sent_revoke.id and info.sender == alice.own_lid  # the chat runs at the LIDs
    assert protocol.key.id == first.id
    assert all(m.info.id != sent_revoke.id for m in log.of(Message))
