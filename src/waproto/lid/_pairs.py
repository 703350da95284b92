"""Where PN<->LID pairs and alternate addresses sit in stanzas; pure functions over nodes.

A pair is ``(lid_user, pn_user)``: user parts only, as both whatsmeow and Baileys
store them (reference 1.9). Sources (reference 1.4-1.8):

- ``<message>``/``<receipt>``: the sender (``participant`` in groups and broadcasts,
  else ``from``) with ``participant_pn|participant_lid`` or ``sender_pn|sender_lid``;
  for copies of our own sends the chat (``recipient``) with ``peer_recipient_pn|_lid``;
- ``<group>`` metadata: ``<participant jid phone_number|lid>``, ``creator``/``creator_pn``,
  ``s_o``/``s_o_pn``; ``w:gp2`` notifications: ``participant``/``participant_pn`` and the
  participants of each change;
- usync results: ``<user jid><lid val/></user>`` and ``<user jid=LID pn_jid=PN>``;
- ``<notification type=devices from lid>`` and its ``<device jid lid>`` children;
- pair-success's ``<device jid lid>`` and ``<success lid>`` (our own pair);
- history sync: ``phoneNumberToLidMappings`` and each conversation's ``pnJid``/``lidJid``;
- ``LID_MIGRATION_MAPPING_SYNC`` protocol messages from our own devices;
- app state: ``contactAction.lidJid``/``pnJid`` and ``pnForLidChatAction.pnJid``.

Malformed JIDs in any of these are skipped: a mapping is a hint, never a reason to
drop the stanza that carried it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from waproto.binary import Node
from waproto.errors import DecodeError, JIDError
from waproto.jid import BROADCAST_SERVER, GROUP_SERVER, JID, LEGACY_USER_SERVER, LID_SERVER, USER_SERVER
from waproto.proto import decode_message
from waproto.proto.wa_e2e_pb2 import LIDMigrationMappingSyncPayload
from waproto.proto.wa_history_pb2 import Conversation, HistorySync
from waproto.proto.wa_sync_pb2 import SyncActionValue

__all__ = [
    "Addressing",
    "Pair",
    "pair_of",
    "pairs_from_device_notification",
    "pairs_from_group",
    "pairs_from_group_notification",
    "pairs_from_history",
    "pairs_from_migration_sync",
    "pairs_from_stanza",
    "pairs_from_sync_actions",
    "pairs_from_usync",
    "read_addressing",
]

#: ``(lid_user, pn_user)``.
Pair = tuple[str, str]


def pair_of(one: JID | None, other: JID | None) -> Pair | None:
    """The pair two addresses of one account make, whatever their order; None unless one is each kind."""
    if one is None or other is None:
        return None
    if one.server == LID_SERVER and other.server == USER_SERVER:
        return one.user, other.user
    if one.server == USER_SERVER and other.server == LID_SERVER:
        return other.user, one.user
    return None


def _jid(node: Node, name: str) -> JID | None:
    try:
        return node.attr_jid(name)
    except DecodeError:
        return None


def _with_device(alt: JID | None, device: JID) -> JID | None:
    """Carry the sender's device number over to its alternate address (as whatsmeow does)."""
    if alt is None or alt.device or not device.device:
        return alt
    return JID(alt.user, alt.server, device.device)


@dataclass(frozen=True, slots=True)
class Addressing:
    """The addresses of a ``<message>`` or ``<receipt>`` beside the ones it arrived with."""

    mode: str
    """``"lid"`` when the sender arrived as a LID, else ``"pn"``."""
    sender_alt: JID | None
    """The sender device's other address (device copied from the sender)."""
    chat_alt: JID | None
    """For a copy of our own 1:1 send: the chat's other address."""


def read_addressing(node: Node) -> Addressing:
    """Read ``addressing_mode`` and the ``*_pn``/``*_lid`` attributes of a message or receipt."""
    origin = _jid(node, "from")
    in_group = origin is not None and origin.server in (GROUP_SERVER, BROADCAST_SERVER)
    sender = _jid(node, "participant") if in_group else origin
    mode = node.attrs.get("addressing_mode") or ("lid" if sender is not None and sender.is_lid else "pn")
    other = "pn" if mode == "lid" else "lid"
    sender_alt = chat_alt = None
    if in_group:
        sender_alt = _jid(node, f"participant_{other}")
    elif "recipient" in node.attrs:
        recipient = _jid(node, "recipient")
        chat_other = "pn" if recipient is not None and recipient.is_lid else "lid"
        chat_alt = _jid(node, f"peer_recipient_{chat_other}")
    else:
        sender_alt = _jid(node, f"sender_{other}")
    if sender is not None:
        sender_alt = _with_device(sender_alt, sender)
    return Addressing(mode, sender_alt, chat_alt)


def _pairs(candidates: Iterable[tuple[JID | None, JID | None]]) -> list[Pair]:
    found = (pair_of(a, b) for a, b in candidates)
    return list(dict.fromkeys(p for p in found if p is not None))


def pairs_from_stanza(node: Node) -> list[Pair]:
    """Pairs a message or receipt carries (sender, own-send chat, recipient)."""
    addressing = read_addressing(node)
    origin = _jid(node, "from")
    in_group = origin is not None and origin.server in (GROUP_SERVER, BROADCAST_SERVER)
    sender = _jid(node, "participant") if in_group else origin
    recipient = _jid(node, "recipient")
    recipient_alt = _jid(node, "recipient_pn") or _jid(node, "recipient_lid")
    return _pairs(
        [(sender, addressing.sender_alt), (recipient, addressing.chat_alt), (recipient, recipient_alt)]
    )


def _group_candidates(group: Node) -> Iterator[tuple[JID | None, JID | None]]:
    for participant in group.get_children("participant"):
        jid = _jid(participant, "jid")
        yield jid, _jid(participant, "phone_number")
        yield jid, _jid(participant, "lid")
    for key in ("creator", "s_o"):
        yield _jid(group, key), _jid(group, f"{key}_pn")
    description = group.get_child("description")
    if description is not None:
        yield _jid(description, "participant"), _jid(description, "participant_pn")


def pairs_from_group(group: Node) -> list[Pair]:
    """Pairs in a ``<group>`` metadata node (or a ``w:gp2`` child listing participants)."""
    return _pairs(_group_candidates(group))


def pairs_from_group_notification(node: Node) -> list[Pair]:
    """Pairs in a ``w:gp2`` notification: the actor, and the participants of each change."""
    found = pairs_from_stanza(node)
    for change in node.get_children():
        found += pairs_from_group(change)
        created = change.get_child("group")
        if created is not None:
            found += pairs_from_group(created)
    return list(dict.fromkeys(found))


def pairs_from_usync(usync: Node) -> list[Pair]:
    """Pairs in a ``<usync>`` result: ``<lid val>`` per user, or a LID user with ``pn_jid``."""
    listing = usync.get_child("list")
    candidates: list[tuple[JID | None, JID | None]] = []
    for user in listing.get_children("user") if listing is not None else []:
        jid = _jid(user, "jid")
        lid = user.get_child("lid")
        candidates.append((jid, None if lid is None else _jid(lid, "val")))
        candidates.append((jid, _jid(user, "pn_jid")))
    return _pairs(candidates)


def pairs_from_device_notification(node: Node) -> list[Pair]:
    """Pairs in ``<notification type=devices from=PN lid=LID>`` and its ``<device jid lid>`` children."""
    candidates: list[tuple[JID | None, JID | None]] = [(_jid(node, "from"), _jid(node, "lid"))]
    for change in node.get_children():
        candidates += [(_jid(d, "jid"), _jid(d, "lid")) for d in change.get_children("device")]
    return _pairs(candidates)


def _parse(text: str) -> JID | None:
    """A JID from a protobuf string field (empty or malformed: None; ``c.us`` read as a number)."""
    if not text:
        return None
    try:
        jid = JID.parse(text)
    except JIDError:
        return None
    return JID(jid.user, USER_SERVER, jid.device) if jid.server == LEGACY_USER_SERVER else jid


def pairs_from_history(
    history: HistorySync | None = None, conversation: Conversation | None = None
) -> list[Pair]:
    """Pairs in a history blob's ``phoneNumberToLidMappings`` or in one conversation's
    ``id``/``pnJid``/``lidJid`` (whatsmeow ``storeHistoricalPNLIDMappings``, Baileys 7 history.ts)."""
    candidates: list[tuple[JID | None, JID | None]] = []
    if history is not None:
        candidates += [(_parse(m.lidJid), _parse(m.pnJid)) for m in history.phoneNumberToLidMappings]
    if conversation is not None:
        chat = _parse(conversation.id)
        candidates += [(chat, _parse(conversation.pnJid)), (chat, _parse(conversation.lidJid))]
    return _pairs(candidates)


def pairs_from_migration_sync(payload: bytes) -> list[Pair]:
    """Pairs in a ``LID_MIGRATION_MAPPING_SYNC`` payload: the latest LID, else the assigned one
    (Baileys 7 process-message ``latestLid || assignedLid``; whatsmeow reads ``assignedLid``).

    Raises DecodeError for a malformed payload.
    """
    decoded = decode_message(LIDMigrationMappingSyncPayload, payload, "LID migration mapping payload")
    found = (
        (str(m.latestLid or m.assignedLid), str(m.pn))
        for m in decoded.pnToLidMappings
        if m.pn and (m.latestLid or m.assignedLid)
    )
    return list(dict.fromkeys(found))


def pairs_from_sync_actions(actions: Iterable[tuple[Sequence[str], SyncActionValue]]) -> list[Pair]:
    """Pairs in app-state mutations (index, value): ``["contact", jid]`` with
    ``contactAction.lidJid``/``pnJid`` (Baileys 7 sync-action-utils), and ``["pnForLidChat", lid]``
    with ``pnForLidChatAction.pnJid`` (Baileys 7 chat-utils, whatsmeow appstate ``IndexPNForLIDChat``)."""
    candidates: list[tuple[JID | None, JID | None]] = []
    for index, value in actions:
        if len(index) < 2:
            continue
        jid = _parse(index[1])
        if index[0] == "contact" and value.HasField("contactAction"):
            contact = value.contactAction
            candidates += [(jid, _parse(contact.lidJid)), (jid, _parse(contact.pnJid))]
        elif index[0] == "pnForLidChat" and value.HasField("pnForLidChatAction"):
            candidates.append((jid, _parse(value.pnForLidChatAction.pnJid)))
    return _pairs(candidates)
