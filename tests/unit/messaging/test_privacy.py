"""Privacy tokens: buckets, the notification, the issue iq, the cstoken, the store record."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from waproto._lazy import LazyLock
from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.jid import JID
from waproto.lid import LIDMap
from waproto.messaging.privacy import (
    NCT_SALT,
    PrivacyTokens,
    ReceivedToken,
    build_issue_tokens,
    cs_token,
    parse_issue_result,
    parse_privacy_token_notification,
    should_issue,
    takes_tokens,
    token_expired,
)
from waproto.store import MemoryStore

pytestmark = pytest.mark.anyio

WEEK = 604_800
NOW = 2_000 * WEEK + 1234
BOB = JID("15550002", "s.whatsapp.net")
BOB_LID = JID("99887766", "lid")


def test_four_week_buckets() -> None:
    oldest_live = (2_000 - 3) * WEEK
    assert not token_expired(oldest_live, NOW)
    assert token_expired(oldest_live - 1, NOW)
    assert token_expired(0, NOW)
    assert should_issue(0, NOW)
    assert not should_issue(2_000 * WEEK, NOW)  # already issued in this bucket
    assert should_issue(2_000 * WEEK - 1, NOW)


def test_regular_users_only() -> None:
    assert takes_tokens(BOB) and takes_tokens(BOB_LID)
    assert not takes_tokens(JID("1203630", "g.us")) and not takes_tokens(JID("0", "s.whatsapp.net"))


def test_notification_tokens_belong_to_the_sender_and_its_lid() -> None:
    node = Node(
        "notification",
        {"from": str(BOB), "sender_lid": str(BOB_LID), "type": "privacy_token", "id": "1", "t": "5"},
        [
            Node(
                "tokens",
                {},
                [
                    Node(
                        "token",
                        {"jid": "15550001@s.whatsapp.net", "t": "77", "type": "trusted_contact"},
                        b"tok",
                    ),
                    Node("token", {"jid": "x", "t": "78", "type": "other"}, b"skip"),
                    Node("token", {"jid": "x", "type": "trusted_contact"}, b"no time"),
                ],
            )
        ],
    )
    assert parse_privacy_token_notification(node) == [
        ReceivedToken(BOB, b"tok", 77),
        ReceivedToken(BOB_LID, b"tok", 77),
    ]
    with pytest.raises(DecodeError):
        parse_privacy_token_notification(Node("notification", {"from": str(BOB)}))


def test_issue_iq_and_cstoken() -> None:
    iq = build_issue_tokens(JID("15550002", "s.whatsapp.net", device=3), 99, "id1")
    assert iq.attrs == {"id": "id1", "to": "s.whatsapp.net", "type": "set", "xmlns": "privacy"}
    token = iq.require_child("tokens").require_child("token")
    assert token.attrs == {"jid": str(BOB), "t": "99", "type": "trusted_contact"}
    assert cs_token(b"salt", BOB_LID) == hmac.new(b"salt", b"99887766@lid", hashlib.sha256).digest()
    # Fixed vector: HMAC-SHA256(key=b"salt", msg=b"99887766@lid"); a device part is dropped.
    assert cs_token(b"salt", JID("99887766", "lid", device=7)) == bytes.fromhex(
        "c7b611dc900ed5d665bedc43ec36c2ab15fe726f8f5fce95336da29a05be8591"
    )


async def test_store_keeps_the_newest_token_and_our_issue_time() -> None:
    device = await MemoryStore().create_device("d")
    tokens = PrivacyTokens(device, LIDMap(device, LazyLock()))
    assert await tokens.token_node(BOB, await tokens.get(BOB), now=NOW) is None
    assert await tokens.received(ReceivedToken(BOB, b"new", NOW - 10))
    assert not await tokens.received(ReceivedToken(BOB, b"old", NOW - 20))
    await tokens.issued(BOB, NOW)
    record = await tokens.get(BOB)
    assert (record.token, record.timestamp, record.issued) == (b"new", NOW - 10, NOW)
    attached = await tokens.token_node(BOB, record, now=NOW)
    assert attached is not None and (attached.tag, attached.content) == ("tctoken", b"new")
    assert await tokens.token_node(BOB, record, now=NOW + 5 * WEEK) is None  # expired
    # Without a token: a cstoken once the NCT salt is known and the contact is addressed by LID.
    store = await MemoryStore().create_device("e")
    await store.put(NCT_SALT, "salt", b"pepper")
    salted_lids = LIDMap(store, LazyLock())
    salted = PrivacyTokens(store, salted_lids)
    fallback = await salted.token_node(BOB_LID, await salted.get(BOB_LID), now=NOW)
    assert (
        fallback is not None
        and fallback.tag == "cstoken"
        and fallback.content == cs_token(b"pepper", BOB_LID)
    )
    # A phone-number contact: its LID when the mapping is known (whatsmeow cstoken.go), else none.
    assert await salted.token_node(BOB, await salted.get(BOB), now=NOW) is None
    await salted_lids.learn([(BOB_LID.user, BOB.user)])
    by_pn = await salted.token_node(BOB, await salted.get(BOB), now=NOW)
    assert by_pn is not None and by_pn.content == cs_token(b"pepper", BOB_LID)
    # A live tctoken wins over the cstoken.
    await salted.received(ReceivedToken(BOB, b"tc", NOW - 10))
    preferred = await salted.token_node(BOB, await salted.get(BOB), now=NOW)
    assert preferred is not None and preferred.tag == "tctoken"


def test_issue_result_tokens_are_the_contacts() -> None:
    result = Node(
        "iq",
        {"type": "result"},
        [Node("tokens", {}, [Node("token", {"jid": "me", "t": "9", "type": "trusted_contact"}, b"x")])],
    )
    assert parse_issue_result(result, BOB) == [ReceivedToken(BOB, b"x", 9)]
    assert parse_issue_result(Node("iq", {"type": "result"}), BOB) == []
