"""The hand-written schemas keep WhatsApp's field numbers and round-trip their messages."""

from __future__ import annotations

import pytest
from google.protobuf.message import Message as PbMessage

from waproto.proto import wa_adv_pb2, wa_client_payload_pb2, wa_e2e_pb2, wa_history_pb2, wa_sync_pb2

ClientPayload = wa_client_payload_pb2.ClientPayload
E2EMessage = wa_e2e_pb2.Message


def _number(message: type[PbMessage], field: str) -> int:
    return int(message.DESCRIPTOR.fields_by_name[field].number)


@pytest.mark.parametrize(
    ("message", "field", "number"),
    [
        (ClientPayload, "username", 1),
        (ClientPayload, "passive", 3),
        (ClientPayload, "userAgent", 5),
        (ClientPayload, "webInfo", 6),
        (ClientPayload, "pushName", 7),
        (ClientPayload, "connectType", 12),
        (ClientPayload, "connectReason", 13),
        (ClientPayload, "device", 18),
        (ClientPayload, "devicePairingData", 19),
        (ClientPayload, "pull", 33),
        (ClientPayload, "lidDbMigrated", 41),
        (ClientPayload.UserAgent, "releaseChannel", 10),
        (ClientPayload.UserAgent, "localeCountryIso31661Alpha2", 12),
        (ClientPayload.WebInfo, "webSubPlatform", 4),
        (ClientPayload.DevicePairingRegistrationData, "buildHash", 7),
        (ClientPayload.DevicePairingRegistrationData, "deviceProps", 8),
        (wa_client_payload_pb2.DeviceProps, "historySyncConfig", 5),
        (wa_adv_pb2.ADVSignedDeviceIdentityHMAC, "accountType", 3),
        (wa_adv_pb2.ADVSignedDeviceIdentity, "deviceSignature", 4),
        (wa_adv_pb2.ADVDeviceIdentity, "deviceType", 5),
        (wa_adv_pb2.ADVSignedKeyIndexList, "accountSignatureKey", 3),
        (E2EMessage, "conversation", 1),
        (E2EMessage, "senderKeyDistributionMessage", 2),
        (E2EMessage, "extendedTextMessage", 6),
        (E2EMessage, "protocolMessage", 12),
        (E2EMessage, "stickerMessage", 26),
        (E2EMessage, "deviceSentMessage", 31),
        (E2EMessage, "messageContextInfo", 35),
        (E2EMessage, "ephemeralMessage", 40),
        (E2EMessage, "reactionMessage", 46),
        (E2EMessage.ExtendedTextMessage, "contextInfo", 17),
        (E2EMessage.ImageMessage, "mediaKey", 8),
        (E2EMessage.AudioMessage, "ptt", 6),
        (wa_e2e_pb2.ContextInfo, "quotedMessage", 3),
        (wa_e2e_pb2.ContextInfo, "mentionedJid", 15),
        (wa_e2e_pb2.MessageKey, "participant", 4),
        (E2EMessage, "pollCreationMessage", 49),
        (E2EMessage, "pollUpdateMessage", 50),
        (E2EMessage, "pollCreationMessageV3", 64),
        (E2EMessage.PollUpdateMessage, "vote", 2),
        (wa_history_pb2.HistorySync, "conversations", 2),
        (wa_history_pb2.HistorySync, "pushnames", 7),
        (wa_history_pb2.Conversation, "messages", 2),
        (wa_history_pb2.HistorySyncMsg, "message", 1),
        (wa_history_pb2.WebMessageInfo, "message", 2),
        (wa_sync_pb2.SyncActionValue, "contactAction", 3),
        (wa_sync_pb2.SyncActionValue, "archiveChatAction", 17),
        (wa_sync_pb2.SyncdPatch, "patchMac", 5),
        (wa_sync_pb2.SyncdSnapshot, "mac", 3),
        (wa_sync_pb2.SyncdMutation, "operation", 1),
    ],
)
def test_field_numbers_are_whatsapps(message: type[PbMessage], field: str, number: int) -> None:
    assert _number(message, field) == number


def test_enum_values_are_whatsapps() -> None:
    assert ClientPayload.UserAgent.WEB == 14
    assert ClientPayload.WIFI_UNKNOWN == 1
    assert ClientPayload.USER_ACTIVATED == 1
    assert ClientPayload.WebInfo.WEB_BROWSER == 0
    assert ClientPayload.WebInfo.DARWIN == 3
    assert wa_client_payload_pb2.DeviceProps.CHROME == 1
    assert wa_client_payload_pb2.DeviceProps.DESKTOP == 7
    assert wa_adv_pb2.HOSTED == 1
    assert E2EMessage.ProtocolMessage.REVOKE == 0
    assert E2EMessage.ProtocolMessage.APP_STATE_SYNC_KEY_SHARE == 6


def test_conversation_wire_bytes() -> None:
    # Field 1, wire type 2: tag 0x0a, then the length and the UTF-8 text.
    assert E2EMessage(conversation="hi").SerializeToString() == b"\x0a\x02hi"


def test_quoted_reply_with_mentions_round_trips() -> None:
    quoted = E2EMessage(conversation="original")
    msg = E2EMessage(
        extendedTextMessage=E2EMessage.ExtendedTextMessage(
            text="@15551234567 yes",
            contextInfo=wa_e2e_pb2.ContextInfo(
                stanzaId="3EB0ABCDEF",
                participant="15551234567@s.whatsapp.net",
                remoteJid="120363000000000000@g.us",
                quotedMessage=quoted,
                mentionedJid=["15551234567@s.whatsapp.net"],
            ),
        ),
        messageContextInfo=wa_e2e_pb2.MessageContextInfo(messageSecret=bytes(32)),
    )
    back = E2EMessage.FromString(msg.SerializeToString())
    assert back == msg
    assert back.extendedTextMessage.contextInfo.quotedMessage.conversation == "original"


def test_revoke_and_reaction_round_trip() -> None:
    key = wa_e2e_pb2.MessageKey(remoteJid="15551234567@s.whatsapp.net", fromMe=True, id="3EB0AA")
    revoke = E2EMessage(
        protocolMessage=E2EMessage.ProtocolMessage(key=key, type=E2EMessage.ProtocolMessage.REVOKE)
    )
    reaction = E2EMessage(reactionMessage=E2EMessage.ReactionMessage(key=key, text="👍", senderTimestampMs=1))
    for msg in (revoke, reaction):
        assert E2EMessage.FromString(msg.SerializeToString()) == msg
    decoded = E2EMessage.FromString(revoke.SerializeToString()).protocolMessage
    assert decoded.HasField("type") and decoded.type == E2EMessage.ProtocolMessage.REVOKE


def test_device_sent_wraps_a_message() -> None:
    inner = E2EMessage(conversation="to bob")
    outer = E2EMessage(
        deviceSentMessage=E2EMessage.DeviceSentMessage(destinationJid="bob@s.whatsapp.net", message=inner)
    )
    assert E2EMessage.FromString(outer.SerializeToString()).deviceSentMessage.message == inner


def test_unknown_fields_survive_a_round_trip() -> None:
    # Field 80 (placeholderMessage) is not declared here; a relay must not drop it.
    raw = b"\x0a\x01x" + b"\x82\x05\x02\x08\x00"
    assert E2EMessage.FromString(raw).SerializeToString() == raw


def test_client_payload_round_trips() -> None:
    payload = ClientPayload(
        username=15551234567,
        device=3,
        passive=True,
        pull=True,
        lidDbMigrated=False,
        userAgent=ClientPayload.UserAgent(
            platform=ClientPayload.UserAgent.WEB,
            appVersion=ClientPayload.UserAgent.AppVersion(primary=2, secondary=3000, tertiary=1),
        ),
    )
    back = ClientPayload.FromString(payload.SerializeToString())
    assert back == payload and back.HasField("lidDbMigrated")


def test_adv_messages_round_trip() -> None:
    details = wa_adv_pb2.ADVDeviceIdentity(rawId=7, timestamp=1700000000, keyIndex=2).SerializeToString()
    signed = wa_adv_pb2.ADVSignedDeviceIdentity(
        details=details, accountSignatureKey=b"k" * 32, accountSignature=b"s" * 64
    )
    wrapped = wa_adv_pb2.ADVSignedDeviceIdentityHMAC(details=signed.SerializeToString(), hmac=b"h" * 32)
    back = wa_adv_pb2.ADVSignedDeviceIdentityHMAC.FromString(wrapped.SerializeToString())
    inner = wa_adv_pb2.ADVSignedDeviceIdentity.FromString(back.details)
    assert wa_adv_pb2.ADVDeviceIdentity.FromString(inner.details).keyIndex == 2


def test_history_sync_carries_e2e_messages_across_schema_files() -> None:
    """HistorySync (history file) holds WebMessageInfo whose Message comes from the e2e file."""
    poll = E2EMessage(
        pollCreationMessageV3=E2EMessage.PollCreationMessage(
            name="lunch?", options=[E2EMessage.PollCreationMessage.Option(optionName="yes")]
        ),
        messageContextInfo=wa_e2e_pb2.MessageContextInfo(messageSecret=bytes(32)),
    )
    edit = E2EMessage(
        protocolMessage=E2EMessage.ProtocolMessage(
            type=E2EMessage.ProtocolMessage.MESSAGE_EDIT,
            key=wa_e2e_pb2.MessageKey(id="3EB0AA"),
            editedMessage=E2EMessage(conversation="fixed"),
        )
    )
    history = wa_history_pb2.HistorySync(
        syncType=wa_history_pb2.HistorySync.INITIAL_BOOTSTRAP,
        conversations=[
            wa_history_pb2.Conversation(
                id="15551234567@s.whatsapp.net",
                messages=[
                    wa_history_pb2.HistorySyncMsg(message=wa_history_pb2.WebMessageInfo(message=m))
                    for m in (poll, edit)
                ],
            )
        ],
        pushnames=[wa_history_pb2.Pushname(id="15551234567@s.whatsapp.net", pushname="Ann")],
    )
    back = wa_history_pb2.HistorySync.FromString(history.SerializeToString())
    assert back == history
    messages = back.conversations[0].messages
    assert messages[0].message.message.pollCreationMessageV3.options[0].optionName == "yes"
    assert messages[1].message.message.protocolMessage.editedMessage.conversation == "fixed"
