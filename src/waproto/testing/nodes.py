"""Builders for the stanzas the server sends, shaped as WhatsApp sends them.

Shapes follow what Baileys and whatsmeow read (reference/baileys.md §1
"Server verdicts", §2 "Pairing"): ``success``, ``failure``, ``stream:error``,
``iq`` results and errors, ``ack``, ``ib``, ``pair-device``.
"""

from __future__ import annotations

from waproto.binary import Node

__all__ = [
    "SERVER",
    "ack",
    "failure",
    "iq_error",
    "iq_result",
    "offline_ib",
    "pair_device",
    "stream_end",
    "stream_error",
    "success",
]

#: The server's own address, ``s.whatsapp.net``.
SERVER = "s.whatsapp.net"

#: Text for the error codes the server replies with (XMPP-style, as WhatsApp).
_IQ_ERROR_TEXT = {
    400: "bad-request",
    401: "not-authorized",
    403: "forbidden",
    404: "item-not-found",
    406: "not-acceptable",
    409: "conflict",
    500: "internal-server-error",
    501: "feature-not-implemented",
    503: "service-unavailable",
}


def _reply_from(request: Node) -> str:
    # The request names the server or a group; a bare server JID may decode as "@s.whatsapp.net".
    return request.attrs.get("to", SERVER).lstrip("@") or SERVER


def iq_result(request: Node, content: list[Node] | None = None) -> Node:
    """The ``result`` answer to an iq, echoing its id."""
    attrs = {"id": request.attrs.get("id", ""), "type": "result", "from": _reply_from(request)}
    return Node("iq", attrs, content)


def iq_error(request: Node, code: int, text: str | None = None) -> Node:
    """An ``error`` answer: ``<iq type=error><error code text/></iq>``."""
    attrs = {"id": request.attrs.get("id", ""), "type": "error", "from": _reply_from(request)}
    error = Node("error", {"code": str(code), "text": text or _IQ_ERROR_TEXT.get(code, "error")})
    return Node("iq", attrs, [error])


def stream_error(code: int | None = None, conflict: str | None = None) -> Node:
    """``<stream:error code>`` with an optional ``<conflict type>`` child."""
    attrs = {} if code is None else {"code": str(code)}
    content = None if conflict is None else [Node("conflict", {"type": conflict})]
    return Node("stream:error", attrs, content)


def stream_end() -> Node:
    """``<xmlstreamend/>``: the server ends the stream (Baileys maps it to 428)."""
    return Node("xmlstreamend", {})


def failure(reason: int, *, location: str = "frc") -> Node:
    """``<failure reason location/>`` sent instead of ``success`` on a refused login."""
    return Node("failure", {"reason": str(reason), "location": location})


def success(*, now: float, lid: str, push_name: str, creation: int) -> Node:
    """``<success>`` with the attributes Baileys and whatsmeow read (t, lid, props ...)."""
    attrs = {
        "t": str(int(now)),
        "props": "1",
        "abprops": "1",
        "location": "frc",
        "lid": lid,
        "display_name": push_name,
        "creation": str(creation),
    }
    return Node("success", attrs)


def ack(node: Node, *, now: float, from_jid: str | None = None) -> Node:
    """The server's ``<ack class=tag id to from t>`` for a stanza it accepted."""
    attrs = {"class": node.tag, "id": node.attrs.get("id", ""), "t": str(int(now))}
    to = node.attrs.get("to")
    if to is not None:
        attrs["from"] = to
    if from_jid is not None:
        attrs["from"] = from_jid
    for name in ("type", "participant"):
        value = node.attrs.get(name)
        if value is not None:
            attrs[name] = value
    return Node("ack", attrs)


def offline_ib(count: int) -> Node:
    """``<ib><offline count/></ib>``: the end of the offline backlog (Baileys flushes on it)."""
    return Node("ib", {}, [Node("offline", {"count": str(count)})])


def pair_device(iq_id: str, refs: list[str]) -> Node:
    """``<iq type=set xmlns=md><pair-device><ref/>...</pair-device></iq>``."""
    children = [Node("ref", {}, ref.encode()) for ref in refs]
    return Node(
        "iq", {"id": iq_id, "type": "set", "from": SERVER, "xmlns": "md"}, [Node("pair-device", {}, children)]
    )
