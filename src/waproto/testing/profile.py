"""The FakeServer's profile, privacy, blocklist and call handling.

- ``w:profile:picture``: set stores the JPEG on the media host (served at the URL the
  get answers), get answers ``<picture id url direct_path type>`` or 404 when unset;
- ``status``: set stores the about text that usync's ``status`` protocol reports;
- ``blocklist``: get lists, set blocks/unblocks (blocked senders' 1:1 messages are
  acked but not delivered, as WhatsApp does);
- ``privacy``: per-account categories, read and changed one at a time;
- calls: :func:`place_call` rings every device of the callee with ``<call><offer>``;
  a ``<call><reject>`` from one of them ends the call for the caller's devices
  (``<call><terminate reason=reject>``) and is kept in ``core.call_log``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from waproto.binary import Node
from waproto.errors import JIDError
from waproto.jid import JID
from waproto.testing import nodes
from waproto.testing.session import ServerSession

if TYPE_CHECKING:
    from waproto.testing.accounts import Account
    from waproto.testing.core import ServerCore

__all__ = [
    "PRIVACY_DEFAULTS",
    "handle_blocklist",
    "handle_call",
    "handle_picture",
    "handle_privacy",
    "handle_status",
    "place_call",
]

PRIVACY_DEFAULTS = {
    "last": "all",
    "online": "all",
    "profile": "all",
    "status": "all",
    "readreceipts": "all",
    "groupadd": "all",
    "calladd": "all",
}


def _account_of(core: ServerCore, text: str) -> Account | None:
    try:
        return core.accounts.for_jid(JID.parse(text))
    except JIDError:
        return None


def handle_picture(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    account, _ = core.session_account(session)
    picture = iq.get_child("picture")
    if picture is None:
        return nodes.iq_error(iq, 400)
    if iq.attrs.get("type") == "set":
        data = picture.content_bytes()
        if not data.startswith(b"\xff\xd8") or core.store_blob is None:
            return nodes.iq_error(iq, 406, "not-acceptable")
        stored = core.store_blob(data, "image")
        account.picture = (core.next_id(), str(stored["url"]), str(stored["direct_path"]))
        return nodes.iq_result(iq, [Node("picture", {"id": account.picture[0]})])
    target = _account_of(core, iq.attrs.get("target", ""))
    if target is None or target.picture is None:
        return nodes.iq_error(iq, 404, "item-not-found")
    if target.privacy.get("profile") == "none" and target is not account:
        return nodes.iq_error(iq, 401, "not-authorized")
    picture_id, url, direct_path = target.picture
    attrs = {
        "id": picture_id,
        "url": url,
        "direct_path": direct_path,
        "type": picture.attrs.get("type", "image"),
    }
    return nodes.iq_result(iq, [Node("picture", attrs)])


def handle_status(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    account, _ = core.session_account(session)
    status = iq.get_child("status")
    if iq.attrs.get("type") != "set" or status is None:
        return nodes.iq_error(iq, 400)
    account.status_text = status.content_bytes().decode("utf-8", "replace")
    account.status_time = int(now)
    return nodes.iq_result(iq)


def handle_blocklist(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    account, _ = core.session_account(session)
    if iq.attrs.get("type") == "set":
        for item in iq.get_children("item"):
            target = _account_of(core, item.attrs.get("jid", ""))
            if target is None:
                return nodes.iq_error(iq, 404)
            jid = str(target.jid)
            if item.attrs.get("action") == "block" and jid not in account.blocklist:
                account.blocklist.append(jid)
            elif item.attrs.get("action") == "unblock" and jid in account.blocklist:
                account.blocklist.remove(jid)
        return nodes.iq_result(iq)
    items = [Node("item", {"jid": jid}) for jid in account.blocklist]
    return nodes.iq_result(iq, [Node("list", {}, items)])


def handle_privacy(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    """Categories get/set; the ``<tokens>`` form of set (privacy tokens) goes to the core."""
    account, _ = core.session_account(session)
    if iq.attrs.get("type") == "set":
        tokens = iq.get_child("tokens")
        if tokens is not None:
            core.issue_privacy_tokens(session, tokens, now=now)
            return nodes.iq_result(iq)
        privacy = iq.get_child("privacy")
        for category in privacy.get_children("category") if privacy is not None else []:
            name, value = category.attrs.get("name", ""), category.attrs.get("value", "")
            if name not in PRIVACY_DEFAULTS or not value:
                return nodes.iq_error(iq, 400)
            account.privacy[name] = value
        return nodes.iq_result(iq)
    values = {**PRIVACY_DEFAULTS, **account.privacy}
    categories = [Node("category", {"name": k, "value": v}) for k, v in values.items()]
    return nodes.iq_result(iq, [Node("privacy", {}, categories)])


def is_blocked(core: ServerCore, sender: Account, recipient: Account) -> bool:
    """Whether ``recipient`` blocked ``sender`` (their messages are not delivered)."""
    return str(sender.jid) in recipient.blocklist


def place_call(core: ServerCore, caller_phone: str, callee_phone: str, *, video: bool = False) -> str:
    """Ring every device of ``callee_phone`` from ``caller_phone``'s phone; returns the call id."""
    caller = core.accounts.require(caller_phone)
    callee = core.accounts.require(callee_phone)
    call_id = core.random(16).hex().upper()
    media = [Node("video", {"enc": "vp8", "dec": "vp8"})] if video else []
    offer = Node(
        "offer",
        {"call-id": call_id, "call-creator": str(caller.device_jid(0))},
        [
            Node("audio", {"enc": "opus", "rate": "16000"}),
            Node("audio", {"enc": "opus", "rate": "8000"}),
            *media,
        ],
    )
    for device in callee.active_devices():
        attrs = {"from": str(caller.device_jid(0)), "id": core.next_id(), "t": str(int(core.clock()))}
        core.router.deliver(
            (callee.phone_number, device.device_id), Node("call", attrs, [offer]), track=False
        )
    core.call_log.append(
        {"call_id": call_id, "caller": caller_phone, "callee": callee_phone, "state": "ringing"}
    )
    return call_id


def handle_call(core: ServerCore, session: ServerSession, node: Node, now: float) -> None:
    """Ack a client's ``<call>``; a ``<reject>`` ends the call on the caller's side."""
    session.send_node(nodes.ack(node, now=now))
    reject = node.get_child("reject")
    if reject is None:
        return
    call_id = reject.attrs.get("call-id", "")
    entry = next((e for e in core.call_log if e["call_id"] == call_id), None)
    if entry is None:
        return
    entry["state"] = "rejected"
    rejecter, _ = core.session_account(session)
    caller = core.accounts.require(entry["caller"])
    terminate = Node(
        "terminate", {"call-id": call_id, "call-creator": str(caller.device_jid(0)), "reason": "reject"}
    )
    for device in caller.active_devices():
        attrs = {"from": str(rejecter.jid), "id": core.next_id(), "t": str(int(now))}
        core.router.deliver(
            (caller.phone_number, device.device_id), Node("call", attrs, [terminate]), track=False
        )
