"""The iqs a client needs, in a dispatch table keyed by ``xmlns``.

Anything not in the table gets a clean ``<error code=501>`` answer. Shapes
follow what Baileys parses (reference/baileys.md §3): ``encrypt`` count,
upload, key fetch and digest; ``usync`` device lists with key indexes;
``w:p`` ping; ``passive``; ``w`` props; ``blocklist``; ``privacy``; ``w:g2``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from waproto.appstate import Applied
from waproto.binary import Node
from waproto.errors import DecodeError, JIDError
from waproto.jid import JID, LID_SERVER
from waproto.testing import nodes
from waproto.testing.accounts import Account, Device, DeviceKeys, SignedPreKey
from waproto.testing.adv import signed_key_index_list
from waproto.testing.groups import handle_group_iq
from waproto.testing.profile import handle_blocklist, handle_picture, handle_privacy, handle_status
from waproto.testing.session import ServerSession

if TYPE_CHECKING:
    from waproto.testing.core import ServerCore

__all__ = ["IQ_HANDLERS", "handle_iq"]

_log = logging.getLogger("waproto.testing.iq")

Handler = Callable[["ServerCore", ServerSession, Node, float], Node | None]

#: The key type byte of Curve25519 keys in bundles (``KEY_BUNDLE_TYPE``).
_KEY_TYPE = b"\x05"


def _ping(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    if session.faults is not None and session.faults.ignore_pings:
        return None
    return nodes.iq_result(iq)


def _simple_result(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    return nodes.iq_result(iq)


def _props(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    props = [Node("prop", {"name": name, "value": value}) for name, value in core.config.props.items()]
    return nodes.iq_result(iq, [Node("props", {"protocol": "2", "hash": "waproto-test"}, props)])


# -- encrypt ---------------------------------------------------------------------------------------


def _own_device(core: ServerCore, session: ServerSession) -> Device:
    account, device_id = core.session_account(session)
    return account.devices[device_id]


def _upload(device: Device, iq: Node) -> None:
    """Store a prekey upload: registration, identity, one-time keys, signed prekey."""
    skey = iq.require_child("skey")
    signed = SignedPreKey(
        key_id=int.from_bytes(skey.require_child("id").content_bytes(), "big"),
        public=skey.require_child("value").content_bytes(),
        signature=skey.require_child("signature").content_bytes(),
    )
    registration = int.from_bytes(iq.require_child("registration").content_bytes(), "big")
    identity = iq.require_child("identity").content_bytes()
    if device.keys is None or device.keys.identity != identity:
        device.keys = DeviceKeys(registration, identity, signed)
    device.keys.registration_id = registration
    device.keys.signed_prekey = signed
    listing = iq.get_child("list")
    for key in [] if listing is None else listing.get_children("key"):
        key_id = int.from_bytes(key.require_child("id").content_bytes(), "big")
        device.keys.prekeys[key_id] = key.require_child("value").content_bytes()


def _bundle(jid: str, keys: DeviceKeys, prekey: tuple[int, bytes] | None) -> Node:
    signed = keys.signed_prekey
    children = [
        Node("registration", {}, keys.registration_id.to_bytes(4, "big")),
        Node("type", {}, _KEY_TYPE),
        Node("identity", {}, keys.identity),
        Node(
            "skey",
            {},
            [
                Node("id", {}, signed.key_id.to_bytes(3, "big")),
                Node("value", {}, signed.public),
                Node("signature", {}, signed.signature),
            ],
        ),
    ]
    if prekey is not None:
        children.append(
            Node("key", {}, [Node("id", {}, prekey[0].to_bytes(3, "big")), Node("value", {}, prekey[1])])
        )
    return Node("user", {"jid": jid}, children)


def _fetch_bundles(core: ServerCore, iq: Node, now: float) -> Node:
    users = []
    for user in iq.require_child("key").get_children("user"):
        text = user.attrs.get("jid", "")
        try:
            found = core.accounts.device_for_jid(JID.parse(text))
        except JIDError:
            found = None
        if found is None or found[1].keys is None:
            continue
        account, device = found
        assert device.keys is not None
        prekey = device.keys.take_prekey()
        users.append(_bundle(text, device.keys, prekey))
        if prekey is not None:
            core.prekeys_consumed(account, device, now=now)
    return nodes.iq_result(iq, [Node("list", {}, users)])


def _encrypt(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    device = _own_device(core, session)
    kind = iq.attrs.get("type")
    if kind == "set":
        rotate = iq.get_child("rotate")
        if rotate is not None:
            if device.keys is None:
                return nodes.iq_error(iq, 406)
            _upload(device, Node("iq", {}, [*rotate.get_children(), *_identity_nodes(device.keys)]))
        else:
            _upload(device, iq)
        core.companion_ready(core.session_account(session)[0], device)
        return nodes.iq_result(iq)
    if iq.get_child("count") is not None:
        count = 0 if device.keys is None else len(device.keys.prekeys)
        return nodes.iq_result(iq, [Node("count", {"value": str(count)})])
    if iq.get_child("key") is not None:
        return _fetch_bundles(core, iq, now)
    if iq.get_child("digest") is not None:
        if device.keys is None:
            return nodes.iq_error(iq, 404)
        return nodes.iq_result(iq, [_digest(device.keys)])
    return nodes.iq_error(iq, 501)


def _identity_nodes(keys: DeviceKeys) -> list[Node]:
    return [
        Node("registration", {}, keys.registration_id.to_bytes(4, "big")),
        Node("identity", {}, keys.identity),
    ]


def _digest(keys: DeviceKeys) -> Node:
    signed = keys.signed_prekey
    ids = b"".join(key_id.to_bytes(3, "big") for key_id in keys.prekeys)
    return Node(
        "digest",
        {},
        [
            *_identity_nodes(keys),
            Node("type", {}, _KEY_TYPE),
            Node("skey", {}, [Node("id", {}, signed.key_id.to_bytes(3, "big"))]),
            Node("list", {}, ids),
        ],
    )


# -- usync -----------------------------------------------------------------------------------------


def _device_list(core: ServerCore, account: Account, now: float) -> Node:
    devices = []
    for device in account.active_devices():
        attrs = {"id": str(device.device_id)}
        if device.device_id != 0:
            attrs["key-index"] = str(device.key_index)
        devices.append(Node("device", attrs))
    if account.key_index_list is None:
        account.key_index_list = signed_key_index_list(account, now=now, random=core.random)
    key_index = Node("key-index-list", {"ts": str(int(now))}, account.key_index_list)
    return Node("devices", {}, [Node("device-list", {}, devices), key_index])


def _usync_user(core: ServerCore, query: Node, user: Node, now: float) -> Node:
    text = user.attrs.get("jid")
    if text is None:
        # Contact lookup by phone number: <user><contact>+1555...</contact></user>.
        contact = user.get_child("contact")
        digits = "" if contact is None else contact.content_bytes().decode("ascii", "replace").lstrip("+")
        text = f"{digits}@s.whatsapp.net"
    try:
        asked: JID | None = JID.parse(text)
    except JIDError:
        asked = None
    account = None if asked is None else core.accounts.for_jid(asked)
    children = []
    for protocol in query.get_children():
        if protocol.tag == "devices" and account is not None:
            children.append(_device_list(core, account, now))
        elif protocol.tag == "contact":
            children.append(Node("contact", {"type": "in" if account is not None else "out"}))
        elif protocol.tag == "lid" and account is not None and core.lid_hints:
            children.append(Node("lid", {"val": str(account.lid)}))
        elif protocol.tag == "status" and account is not None:
            when = account.status_time or account.created
            children.append(Node("status", {"t": str(when)}, account.status_text.encode()))
        elif protocol.tag == "disappearing_mode":
            children.append(Node("disappearing_mode", {"duration": "0", "t": "0"}))
    # The reply names the user as asked: a LID query gets LID-keyed answers back.
    if account is None or asked is None:
        attrs = {"jid": text}
    else:
        attrs = {"jid": str(account.lid if asked.server == LID_SERVER else account.jid)}
    return Node("user", attrs, children)


def _usync(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    request = iq.require_child("usync")
    query = request.require_child("query")
    listing = request.require_child("list")
    users = [_usync_user(core, query, user, now) for user in listing.get_children("user")]
    attrs = {k: v for k, v in request.attrs.items() if k in ("sid", "mode", "context", "last", "index")}
    result = Node("result", {}, [Node(p.tag, {}) for p in query.get_children()])
    return nodes.iq_result(iq, [Node("usync", attrs, [result, Node("list", {}, users)])])


def _group(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    return handle_group_iq(core, session, iq, now)


def _md(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    remove = iq.get_child("remove-companion-device")
    if remove is None:
        return core.link_code_iq(session, iq, now=now)
    if session.account is None:
        return nodes.iq_error(iq, 401)
    return _remove_companion(core, session, iq, remove)


def _remove_companion(core: ServerCore, session: ServerSession, iq: Node, remove: Node) -> Node:
    """A logged-in device unlinks a companion of its own account (logout unlinks itself)."""
    account, _ = core.session_account(session)
    try:
        target = JID.parse(remove.require_attr("jid"))
    except JIDError:
        return nodes.iq_error(iq, 400)
    device = account.devices.get(target.device)
    if target.user != account.phone_number or device is None or device.device_id == 0 or device.removed:
        return nodes.iq_error(iq, 404)
    core.device_unlinked(account, target.device)
    return nodes.iq_result(iq)


def _media_conn(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    answer = core.media.media_conn()
    return nodes.iq_error(iq, 503, "service-unavailable") if answer is None else nodes.iq_result(iq, [answer])


def _app_state(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
    account, device_id = core.session_account(session)
    phone = core.phone(account)

    def changed(applied: Applied) -> None:
        phone.companion_changed(applied, device_id)

    return nodes.iq_result(iq, [phone.appstate.answer(iq, core.store_blob, changed)])


#: Handlers by ``xmlns``; each returns the reply (or None to stay silent).
IQ_HANDLERS: dict[str, Handler] = {
    "w:p": _ping,
    "passive": _simple_result,
    "urn:xmpp:whatsapp:dirty": _simple_result,
    "w:stats": _simple_result,
    "w": _props,
    "abt": _props,
    "blocklist": handle_blocklist,
    "privacy": handle_privacy,
    "w:profile:picture": handle_picture,
    "status": handle_status,
    "encrypt": _encrypt,
    "usync": _usync,
    "w:g2": _group,
    "md": _md,
    "w:m": _media_conn,
    "w:sync:app:state": _app_state,
}

#: What a connection that is not logged in may ask.
_BEFORE_LOGIN = frozenset({"w:p", "md"})


def handle_iq(core: ServerCore, session: ServerSession, iq: Node, now: float) -> None:
    """Answer one iq from a client (results to server-sent iqs go to the pairing desk)."""
    kind = iq.attrs.get("type")
    if kind in ("result", "error"):
        core.pairing.handle_result(session, iq)
        return
    xmlns = iq.attrs.get("xmlns", "")
    handler = IQ_HANDLERS.get(xmlns)
    if handler is None:
        reply: Node | None = nodes.iq_error(iq, 501)
    elif session.account is None and xmlns not in _BEFORE_LOGIN:
        reply = nodes.iq_error(iq, 401)
    else:
        try:
            reply = handler(core, session, iq, now)
        except DecodeError as exc:
            _log.info("#%d: bad %s iq: %s", session.conn_id, xmlns, exc)
            reply = nodes.iq_error(iq, 400)
    if reply is not None:
        session.send_node(reply)
