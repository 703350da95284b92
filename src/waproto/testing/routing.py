"""Message routing: per-device delivery, offline queues, acks, receipts and chat states.

Each client device gets its own copy of a message holding only the ``enc``
nodes addressed to it, with the attributes WhatsApp adds (``from``,
``participant`` in groups, ``recipient`` for the sender's own devices, ``t``,
``notify``) and the other address of the sender or chat beside the one used
(``sender_pn``/``sender_lid``, ``participant_pn``/``participant_lid``,
``peer_recipient_pn``/``peer_recipient_lid``; reference 1.4). When an account links or unlinks a
companion, its other devices and the accounts it wrote 1:1 with get a ``<notification
type=devices>`` naming the device by number and LID (reference 1.8). Devices that
are offline get their copies queued; a copy sent but not acked is queued
again when the connection ends, so the next login delivers it once more, as
WhatsApp does.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections import deque
from typing import TYPE_CHECKING

from waproto.binary import Node
from waproto.errors import JIDError
from waproto.jid import JID, LID_SERVER
from waproto.testing import nodes
from waproto.testing.accounts import Account
from waproto.testing.profile import is_blocked
from waproto.testing.session import ServerSession

if TYPE_CHECKING:
    from waproto.testing.core import ServerCore
    from waproto.testing.groups import Group

__all__ = ["DeviceKey", "Router"]

_log = logging.getLogger("waproto.testing.routing")

#: ``(phone number, device id)``: how the router names a device.
DeviceKey = tuple[str, int]


def _parse(text: str | None) -> JID | None:
    try:
        return None if text is None else JID.parse(text)
    except JIDError:
        return None


class Router:
    """Delivery to online devices and queues for offline ones."""

    __slots__ = ("_core", "online", "peers", "queues")

    def __init__(self, core: ServerCore) -> None:
        self._core = core
        self.online: dict[DeviceKey, ServerSession] = {}
        self.queues: dict[DeviceKey, deque[Node]] = {}
        #: Phone number -> the accounts it exchanged 1:1 messages with (told of its device changes).
        self.peers: dict[str, set[str]] = {}

    def queued_count(self) -> int:
        """Stanzas waiting for offline devices, over all devices."""
        return sum(len(queue) for queue in self.queues.values())

    def deliver(self, key: DeviceKey, node: Node, *, track: bool = True) -> None:
        """Send to the device if it is online (remembering it until acked), else queue it.

        With ``phone_sync``, messages for a phone (device 0) go to the simulated phone.
        """
        if key[1] == 0 and node.tag == "message" and self._core.config.phone_sync:
            account = self._core.accounts.get(key[0])
            if account is not None:
                self._core.phone(account).receive(node)
            return
        session = self.online.get(key)
        if session is None:
            queue = self.queues.setdefault(key, deque())
            if len(queue) >= self._core.config.max_offline_queue:
                queue.popleft()
            queue.append(node)
            return
        faults = session.faults
        if faults is not None and faults.corrupt_next and node.tag == "message":
            faults.corrupt_next = False
            node = _corrupted(node)
        if track:
            if session.inflight is None:
                session.inflight = {}
            session.inflight[node.attrs["id"]] = node
        session.send_node(node)

    def went_online(self, session: ServerSession) -> None:
        """Deliver the device's backlog, then ``<ib><offline count/>``."""
        key = session.device_key
        assert key is not None
        self.online[key] = session
        backlog = self.queues.pop(key, None) or deque()
        for node in backlog:
            self.deliver(key, node, track=node.tag == "message")
        session.send_node(nodes.offline_ib(len(backlog)))

    def went_offline(self, session: ServerSession) -> None:
        """Forget the connection; what it did not ack goes back to the front of the queue."""
        key = session.device_key
        if key is None or self.online.get(key) is not session:
            return
        del self.online[key]
        if session.inflight:
            queue = self.queues.setdefault(key, deque())
            queue.extendleft(reversed(list(session.inflight.values())))
        session.inflight = None

    def acked(self, session: ServerSession, message_id: str) -> None:
        """The device confirmed a message (ack or receipt): do not deliver it again."""
        if session.inflight is not None:
            session.inflight.pop(message_id, None)

    # -- messages ---------------------------------------------------------------------------

    def message(self, session: ServerSession, node: Node, *, now: float) -> None:
        """Route a ``message`` stanza from a logged-in device and ack it to the sender."""
        account, device_id = self._core.session_account(session)
        try:
            to = JID.parse(node.require_attr("to"))
        except JIDError:
            session.send_node(
                Node("ack", {"class": "message", "id": node.attrs.get("id", ""), "error": "400"})
            )
            return
        error = None
        if to.is_status_broadcast:
            if not self._status_message(account, device_id, node, now):
                error = "400"
        elif to.is_group:
            group = self._core.groups.get(to.user)
            if group is None or account.phone_number not in group.participants:
                error = "404"
            elif group.announcement and not group.is_admin(account.phone_number):
                error = "403"  # only admins send in an announcement group
            else:
                self._group_message(account, device_id, group, node, now)
        elif not self._core.privacy_token_valid(self._core.accounts.for_jid(to), account, node):
            error = "463"  # the recipient wants its privacy token on 1:1 messages
        elif not self._direct_message(account, device_id, to, node, now):
            error = "404"
        ack = nodes.ack(node, now=now)
        ack.attrs.pop("type", None)
        if error is not None:
            ack.attrs["error"] = error
        session.send_node(ack)

    def route_from(self, account: Account, device_id: int, node: Node, *, now: float) -> bool:
        """Route a 1:1 stanza a device produced without a connection (the simulated phones)."""
        return self._direct_message(account, device_id, JID.parse(node.require_attr("to")), node, now=now)

    def _base_attrs(self, node: Node, account: Account, now: float) -> dict[str, str]:
        attrs = {"id": node.attrs.get("id", ""), "type": node.attrs.get("type", "text"), "t": str(int(now))}
        attrs["notify"] = account.push_name
        return attrs

    @staticmethod
    def _per_device_content(node: Node) -> tuple[list[Node], dict[str, list[Node]], list[Node]]:
        """Split a stanza into shared children, per-device ``enc`` lists and extras."""
        shared: list[Node] = []
        per_device: dict[str, list[Node]] = {}
        identity: list[Node] = []
        for child in node.get_children():
            if child.tag == "participants":
                for to in child.get_children("to"):
                    per_device.setdefault(to.attrs.get("jid", ""), []).extend(to.get_children())
            elif child.tag == "device-identity":
                identity.append(child)
            elif child.tag in ("enc", "plaintext"):
                shared.append(child)
        return shared, per_device, identity

    def _direct_message(self, sender: Account, sender_device: int, to: JID, node: Node, now: float) -> bool:
        shared, per_device, identity = self._per_device_content(node)
        if shared and not per_device:
            per_device[str(to)] = shared
        delivered = False
        for jid_text, encs in per_device.items():
            target = self._resolve(jid_text)
            if target is None:
                continue
            target_account, target_device, jid = target
            if (target_account.phone_number, target_device) == (sender.phone_number, sender_device):
                continue
            if is_blocked(self._core, sender, target_account):
                delivered = True  # acked to the sender, never delivered: WhatsApp does not tell
                continue
            attrs = self._base_attrs(node, sender, now)
            lid = jid.server == LID_SERVER
            attrs["from"] = str(sender.device_jid(sender_device, lid=lid))
            if target_account is sender:
                # A resend to one own device (retry) names the chat in its own recipient attribute.
                chat = _parse(node.attrs.get("recipient")) or to
                attrs["recipient"] = str(chat)
                peer = self._core.accounts.for_jid(chat)
                if peer is not None:
                    attrs.update(self._alt("peer_recipient", peer, lid=chat.server == LID_SERVER))
            else:
                attrs.update(self._alt("sender", sender, lid=lid))
            content = list(encs)
            if identity and any(enc.attrs.get("type") == "pkmsg" for enc in encs):
                content.extend(identity)
            self.deliver((target_account.phone_number, target_device), Node("message", attrs, content))
            if target_account is not sender:
                self.peers.setdefault(sender.phone_number, set()).add(target_account.phone_number)
                self.peers.setdefault(target_account.phone_number, set()).add(sender.phone_number)
            delivered = True
        return delivered

    def devices_changed(self, account: Account, device_id: int, *, added: bool, now: float) -> None:
        """Tell the account's other companions and its 1:1 peers that a device came or went.

        ``<notification type=devices from=PN lid=LID><add|remove device_hash device_lid_hash>
        <device jid lid/></…>``: the hashes are of the device list after the change
        (whatsmeow notification.go ``handleDeviceNotification``, ``participantListHashV2``);
        without LID hints the LID attributes are left out, as before LIDs. Peers of an
        account that hides its number get it by LID only (``from`` and ``jid`` are LIDs).
        """
        tag = "add" if added else "remove"
        hints = self._core.lid_hints
        full = self._devices_node(account, device_id, tag, now, pn=True, lid=hints)
        lid_only = self._devices_node(account, device_id, tag, now, pn=False, lid=True)
        for phone in [account.phone_number, *sorted(self.peers.get(account.phone_number, ()))]:
            own = phone == account.phone_number
            node = lid_only if hints and account.hides_number and not own else full
            target = self._core.accounts.get(phone)
            for other in target.active_devices() if target is not None else ():
                if other.device_id != 0 and (phone, other.device_id) != (account.phone_number, device_id):
                    self.deliver((phone, other.device_id), node, track=False)

    def _devices_node(
        self, account: Account, device_id: int, tag: str, now: float, *, pn: bool, lid: bool
    ) -> Node:
        """One ``devices`` notification naming the account by number and/or LID."""
        devices = [d.device_id for d in account.active_devices()]
        attrs = {"type": "devices", "id": self._core.next_id(), "t": str(int(now))}
        change: dict[str, str] = {}
        device: dict[str, str] = {}
        if pn:
            attrs["from"] = str(account.jid)
            change["device_hash"] = _device_hash([account.device_jid(d) for d in devices])
            device["jid"] = str(account.device_jid(device_id))
        if lid:
            lid_hash = _device_hash([account.device_jid(d, lid=True) for d in devices])
            lid_device = str(account.device_jid(device_id, lid=True))
            attrs["lid" if pn else "from"] = str(account.lid)
            change["device_lid_hash" if pn else "device_hash"] = lid_hash
            device["lid" if pn else "jid"] = lid_device
        return Node("notification", attrs, [Node(tag, change, [Node("device", device)])])

    def _group_message(
        self, sender: Account, sender_device: int, group: Group, node: Node, now: float
    ) -> None:
        group_jid = group.jid
        shared, per_device, identity = self._per_device_content(node)
        direct: dict[DeviceKey, list[Node]] = {}
        for jid_text, encs in per_device.items():
            target = self._resolve(jid_text)
            if target is not None:
                direct[(target[0].phone_number, target[1])] = encs
        lid_mode = group.addressing_mode == "lid"
        # A resend answering a retry receipt names its one target device in ``participant``.
        only = self._resolve(node.attrs["participant"]) if "participant" in node.attrs else None
        for phone in group.participants:
            account = self._core.accounts.get(phone)
            if account is None:
                continue
            for device in account.active_devices():
                key = (phone, device.device_id)
                if key == (sender.phone_number, sender_device):
                    continue
                if only is not None and key != (only[0].phone_number, only[1]):
                    continue
                encs = direct.get(key, [])
                attrs = self._base_attrs(node, sender, now)
                attrs["from"] = str(group_jid)
                attrs["participant"] = str(sender.device_jid(sender_device, lid=lid_mode))
                attrs.update(self._alt("participant", sender, lid=lid_mode))
                attrs["addressing_mode"] = group.addressing_mode
                content = [*encs, *shared]
                if identity and any(enc.attrs.get("type") == "pkmsg" for enc in encs):
                    content.extend(identity)
                if content:
                    self.deliver(key, Node("message", attrs, content))

    def _alt(self, prefix: str, account: Account, *, lid: bool) -> dict[str, str]:
        """The account's other address as WhatsApp adds it: ``<prefix>_pn`` beside a LID, else ``_lid``.

        Nothing while :attr:`ServerCore.lid_hints` is off (WhatsApp before LIDs).
        """
        if not self._core.lid_hints:
            return {}
        if lid:
            return {} if account.hides_number else {f"{prefix}_pn": str(account.jid)}
        return {f"{prefix}_lid": str(account.lid)}

    def _status_message(self, sender: Account, sender_device: int, node: Node, now: float) -> bool:
        """A status post goes to the devices its ``<participants>`` names, with the ``skmsg``."""
        shared, per_device, identity = self._per_device_content(node)
        delivered = False
        for jid_text, encs in per_device.items():
            target = self._resolve(jid_text)
            if target is None:
                continue
            target_account, target_device, _ = target
            if (target_account.phone_number, target_device) == (sender.phone_number, sender_device):
                continue
            if is_blocked(self._core, sender, target_account):
                continue
            attrs = self._base_attrs(node, sender, now)
            attrs["from"] = "status@broadcast"
            attrs["participant"] = str(sender.device_jid(sender_device))
            content = [*encs, *shared]
            if identity and any(enc.attrs.get("type") == "pkmsg" for enc in encs):
                content.extend(identity)
            self.deliver((target_account.phone_number, target_device), Node("message", attrs, content))
            delivered = True
        return delivered

    def _resolve(self, jid_text: str) -> tuple[Account, int, JID] | None:
        try:
            jid = JID.parse(jid_text)
        except JIDError:
            return None
        found = self._core.accounts.device_for_jid(jid)
        if found is None:
            return None
        return found[0], found[1].device_id, jid

    # -- receipts, acks, chat states ------------------------------------------------------------

    def receipt(self, session: ServerSession, node: Node, *, now: float) -> None:
        """Ack a receipt, mark its messages delivered, and pass it to the original sender's devices."""
        account, device_id = self._core.session_account(session)
        ids = [node.attrs.get("id", "")]
        listing = node.get_child("list")
        if listing is not None:
            ids.extend(item.attrs.get("id", "") for item in listing.get_children("item"))
        for message_id in ids:
            self.acked(session, message_id)
        session.send_node(nodes.ack(node, now=now))
        try:
            to = JID.parse(node.attrs.get("to", ""))
        except JIDError:
            return
        attrs = {k: v for k, v in node.attrs.items() if k not in ("to", "participant", "recipient")}
        attrs["t"] = str(int(now))
        if to.is_group:
            original = node.attrs.get("participant")
            group = self._core.groups.get(to.user)
            lid = group is not None and group.addressing_mode == "lid"
            attrs["from"] = str(to)
            attrs["participant"] = str(account.device_jid(device_id, lid=lid))
            attrs.update(self._alt("participant", account, lid=lid))
        else:
            original = str(to)
            lid = to.server == LID_SERVER
            attrs["from"] = str(account.device_jid(device_id, lid=lid))
            attrs.update(self._alt("sender", account, lid=lid))
        if original is None:
            return
        try:
            target = self._core.accounts.for_jid(JID.parse(original))
        except JIDError:
            return
        if target is None:
            return
        receipt = Node("receipt", attrs, node.content if isinstance(node.content, list) else None)
        for device in target.active_devices():
            key = (target.phone_number, device.device_id)
            if key != (account.phone_number, device_id):
                self.deliver(key, receipt, track=False)

    def ack(self, session: ServerSession, node: Node) -> None:
        """A client's ack of something the server delivered."""
        self.acked(session, node.attrs.get("id", ""))

    def chatstate(self, session: ServerSession, node: Node) -> None:
        """Pass typing states to the target's online devices (never queued)."""
        account, _ = self._core.session_account(session)
        try:
            target = self._core.accounts.for_jid(JID.parse(node.attrs.get("to", "")))
        except JIDError:
            return
        if target is None:
            return
        forwarded = Node("chatstate", {"from": str(account.jid)}, node.content)
        for device in target.active_devices():
            online = self.online.get((target.phone_number, device.device_id))
            if online is not None:
                online.send_node(forwarded)


def _device_hash(devices: list[JID]) -> str:
    """``2:`` + base64 (unpadded) of the first 6 bytes of SHA-256 over the sorted
    ``user.agent:device@server`` strings (whatsmeow send.go ``participantListHashV2``)."""
    joined = "".join(sorted(f"{d.user}.{d.agent}:{d.device}@{d.server}" for d in devices))
    digest = hashlib.sha256(joined.encode()).digest()[:6]
    return "2:" + base64.b64encode(digest).decode().rstrip("=")


def _corrupted(node: Node) -> Node:
    """A copy of a message whose ``enc`` payloads end in a flipped byte (a MAC that fails)."""
    children = []
    for child in node.get_children():
        data = child.content
        if child.tag == "enc" and isinstance(data, bytes) and data:
            children.append(Node("enc", dict(child.attrs), data[:-1] + bytes([data[-1] ^ 0xFF])))
        else:
            children.append(child)
    return Node(node.tag, dict(node.attrs), children)
