"""Privacy tokens: what lets a 1:1 message through to a contact who restricts strangers.

When we message someone, we also *issue* them a ``trusted_contact`` token
(``<iq xmlns=privacy type=set><tokens><token jid t type=trusted_contact/>``);
WhatsApp hands it to their devices in a ``privacy_token`` notification, and their
1:1 messages to us carry it as ``<tctoken>``. Tokens others issued to us arrive the
same way; we keep them per contact and attach them to our 1:1 messages. Without
one, WhatsApp may refuse the message with ack error 463; a ``<cstoken>`` (an HMAC
of the recipient's LID under the account's NCT salt from app state) is the
fallback. Facts from whatsmeow ``tctoken.go``, ``cstoken.go``, ``send.go``,
``notification.go`` and Baileys 7 ``tc-token-utils`` / ``messages-send``.

Time is bucketed in weeks: a token older than four buckets is expired, and we issue
ours again only when a new bucket started since the last issue.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.jid import JID, LID_SERVER, USER_SERVER
from waproto.lid import LIDMap
from waproto.store import DeviceStore

__all__ = [
    "NCT_SALT",
    "PRIVACY_TOKENS",
    "PrivacyToken",
    "PrivacyTokens",
    "ReceivedToken",
    "build_issue_tokens",
    "cs_token",
    "parse_issue_result",
    "parse_privacy_token_notification",
    "should_issue",
    "takes_tokens",
    "tctoken_node",
    "token_expired",
]

#: Store namespace: one JSON record per contact (non-AD JID).
PRIVACY_TOKENS = "privacy-tokens"
#: Store namespace of the NCT salt (key ``salt``), written when app state delivers it.
NCT_SALT = "nct-salt"

#: Seconds per bucket (AB prop tctoken_duration) and buckets in the window (tctoken_num_buckets).
_BUCKET = 604_800
_BUCKETS = 4


def token_expired(timestamp: int, now: float) -> bool:
    """True when ``timestamp`` falls before the oldest of the four live week buckets."""
    cutoff = (int(now) // _BUCKET - (_BUCKETS - 1)) * _BUCKET
    return timestamp <= 0 or timestamp < cutoff


def should_issue(last_issued: int, now: float) -> bool:
    """Issue our token again only when a new bucket began since the last issue."""
    return last_issued <= 0 or int(now) // _BUCKET > last_issued // _BUCKET


def takes_tokens(jid: JID) -> bool:
    """Regular users only: not groups, broadcasts, bots or the PSA account ``0``."""
    return jid.server in (USER_SERVER, LID_SERVER) and jid.user != "0"


@dataclass(frozen=True, slots=True)
class PrivacyToken:
    """What we know about one contact's tokens."""

    token: bytes = b""
    """The token the contact issued to us (empty: none)."""
    timestamp: int = 0
    """When the contact issued it (Unix seconds)."""
    issued: int = 0
    """When we last issued ours to the contact (0: never)."""


@dataclass(frozen=True, slots=True)
class ReceivedToken:
    """One ``trusted_contact`` token out of a ``privacy_token`` notification."""

    contact: JID
    token: bytes
    timestamp: int


def parse_privacy_token_notification(node: Node) -> list[ReceivedToken]:
    """The tokens in ``<notification type=privacy_token from [sender_lid]><tokens>``.

    The token's own ``jid`` is ours; the contact is the notification's sender. A
    token is stored under the sender's LID too when the server names it.

    Raises:
        DecodeError: no sender or no ``<tokens>``.
    """
    sender = node.attr_jid("from")
    tokens = node.get_child("tokens")
    if sender is None or tokens is None:
        raise DecodeError("privacy_token notification without a sender or <tokens>")
    contacts = [sender.to_non_ad()]
    sender_lid = node.attr_jid("sender_lid")
    if sender_lid is not None and sender_lid.to_non_ad() not in contacts:
        contacts.append(sender_lid.to_non_ad())
    found: list[ReceivedToken] = []
    for child in tokens.get_children("token"):
        token = child.content_bytes()
        stamp = child.attr_int("t", 0) or 0
        if child.attr("type") != "trusted_contact" or not token or stamp <= 0:
            continue
        found.extend(ReceivedToken(contact, token, stamp) for contact in contacts if takes_tokens(contact))
    return found


def parse_issue_result(result: Node, contact: JID) -> list[ReceivedToken]:
    """Tokens the server returned for an issue iq, as the contact's (Baileys 7
    ``storeTcTokensFromIqResult`` with the contact as fallback)."""
    tokens = result.get_child("tokens")
    if tokens is None:
        return []
    return [
        ReceivedToken(contact.to_non_ad(), child.content_bytes(), child.attr_int("t", 0) or 0)
        for child in tokens.get_children("token")
        if child.attr("type") == "trusted_contact"
        and child.content_bytes()
        and (child.attr_int("t", 0) or 0) > 0
    ]


def build_issue_tokens(contact: JID, timestamp: int, iq_id: str) -> Node:
    """Issue our ``trusted_contact`` token to ``contact`` (whatsmeow ``issuePrivacyToken``)."""
    token = Node("token", {"jid": str(contact.to_non_ad()), "t": str(timestamp), "type": "trusted_contact"})
    return Node(
        "iq",
        {"id": iq_id, "to": USER_SERVER, "type": "set", "xmlns": "privacy"},
        [Node("tokens", {}, [token])],
    )


def tctoken_node(record: PrivacyToken, now: float) -> Node | None:
    """``<tctoken>`` with the contact's token while it lives, else None."""
    if record.token and not token_expired(record.timestamp, now):
        return Node("tctoken", {}, record.token)
    return None


def cs_token(salt: bytes, recipient_lid: JID) -> bytes:
    """``HMAC-SHA256(nct_salt, "<lid user>@lid")`` (whatsmeow cstoken.go ``generateCsToken``)."""
    return hmac.new(salt, str(recipient_lid.to_non_ad()).encode(), hashlib.sha256).digest()


class PrivacyTokens:
    """Per-contact tokens kept in the device store (any backend; no schema of its own).

    Kept under the contact's LID once known and found under either address: a token
    may come for the number and be needed for the LID the chat runs at (Baileys 7
    ``resolveTcTokenJid`` stores them under the LID as well).
    """

    __slots__ = ("_lids", "_store")

    def __init__(self, store: DeviceStore, lids: LIDMap) -> None:
        self._store = store
        self._lids = lids

    async def get(self, contact: JID) -> PrivacyToken:
        _, raw = await self._lids.chat_record(PRIVACY_TOKENS, contact)
        if raw is None:
            return PrivacyToken()
        try:
            data = json.loads(raw)
            return PrivacyToken(bytes.fromhex(data["token"]), int(data["t"]), int(data["issued"]))
        except (ValueError, KeyError, TypeError):
            return PrivacyToken()  # an unreadable record is as good as none; the next token replaces it

    async def _put(self, contact: JID, record: PrivacyToken) -> None:
        value = {"token": record.token.hex(), "t": record.timestamp, "issued": record.issued}
        key, _ = await self._lids.chat_record(PRIVACY_TOKENS, contact)
        await self._store.put(PRIVACY_TOKENS, key, json.dumps(value).encode())

    async def received(self, token: ReceivedToken) -> bool:
        """Keep a token a contact issued to us unless we hold a newer one; True when kept."""
        current = await self.get(token.contact)
        if current.token and current.timestamp > token.timestamp:
            return False
        await self._put(token.contact, PrivacyToken(token.token, token.timestamp, current.issued))
        return True

    async def issued(self, contact: JID, timestamp: int) -> None:
        """Remember that we issued our token to ``contact`` at ``timestamp``."""
        current = await self.get(contact)
        await self._put(contact, PrivacyToken(current.token, current.timestamp, timestamp))

    async def nct_salt(self) -> bytes | None:
        """The account's NCT salt, once app state delivered it."""
        return await self._store.get(NCT_SALT, "salt")

    async def token_node(self, contact: JID, record: PrivacyToken, *, now: float) -> Node | None:
        """The ``<tctoken>`` for a 1:1 message to ``contact`` (its record read by the caller),
        else a ``<cstoken>`` when the NCT salt and the contact's LID (a phone number's from
        the LID map) are known, else None (whatsmeow send.go ``sendDM``, cstoken.go)."""
        tctoken = tctoken_node(record, now)
        if tctoken is not None:
            return tctoken
        salt = await self.nct_salt()
        if not salt:
            return None
        lid = contact if contact.server == LID_SERVER else await self._lids.alt_of(contact.to_non_ad())
        if lid is None or lid.server != LID_SERVER:
            return None
        return Node("cstoken", {}, cs_token(salt, lid))
