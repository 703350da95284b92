"""``waproto listen --json`` message lines carry chat, sender and their other addresses."""

from __future__ import annotations

import json

import pytest

from waproto.cli import _event_as_json
from waproto.events import Message, MessageInfo
from waproto.jid import JID
from waproto.proto import wa_e2e_pb2


def test_message_line_has_sender_and_chat_with_alternates(capsys: pytest.CaptureFixture[str]) -> None:
    info = MessageInfo(
        id="M1",
        chat=JID.parse("9001@lid"),
        sender=JID.parse("9001:2@lid"),
        is_from_me=False,
        is_group=False,
        timestamp=1700000000,
        sender_alt=JID.parse("555:2@s.whatsapp.net"),
        chat_alt=JID.parse("555@s.whatsapp.net"),
    )
    _event_as_json(Message(info=info, message=wa_e2e_pb2.Message(conversation="hi")))
    line = json.loads(capsys.readouterr().out)
    assert line["event"] == "message" and line["text"] == "hi"
    assert (line["chat"], line["sender"], line["sender_alt"], line["chat_alt"]) == (
        "9001@lid",
        "9001:2@lid",
        "555:2@s.whatsapp.net",
        "555@s.whatsapp.net",
    )
    group = MessageInfo(
        id="M2",
        chat=JID.parse("1203@g.us"),
        sender=JID.parse("555:2@s.whatsapp.net"),
        is_from_me=False,
        is_group=True,
        timestamp=1700000000,
    )
    _event_as_json(Message(info=group, message=wa_e2e_pb2.Message(conversation="yo")))
    line = json.loads(capsys.readouterr().out)
    assert line["sender_alt"] is None and line["chat"] == "1203@g.us"
