"""The control API: a tiny HTTP/1.1 server on loopback, JSON in and out.

Endpoints (all answer JSON; errors are ``{"error": text}`` with 400/404):

- ``POST /control/accounts {"phone", "push_name"?}`` -> the account's jid and lid
- ``POST /control/scan-qr {"phone", "qr"}`` -> ``{"ok": true}``
- ``POST /control/pairing-code {"phone", "code"}`` -> ``{"ok": true}``
- ``POST /control/kick {"jid", "code", "conflict"?}`` -> ``{"connections": n}``
- ``POST /control/fault {"kind", "jid"?, "code"?, "conflict"?, "delay"?}`` -> ``{"connections": n}``
- ``POST /control/send-media {"from", "to", "data" (base64), "kind"?, "caption"?, "mimetype"?,
  "filename"?, "ptt"?}`` -> ``{"id"}``: the phone of ``from`` sends a media message
- ``GET /control/state`` -> accounts, devices, connections, queued messages, groups
- ``GET /sw.js`` -> ``{"client_revision": n}``: the version source a client reads after a 405
  (WA Web's ``sw.js`` holds the same ``"client_revision":n`` text)

One request per connection (``Connection: close``); bodies are capped.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import anyio
from anyio.abc import SocketAttribute, SocketStream, TaskGroup

from waproto.errors import WAError
from waproto.testing.faults import Fault, parse_fault

if TYPE_CHECKING:
    from waproto.testing.server import FakeServer

__all__ = ["MAX_BODY", "ROUTES", "ControlServer", "parse_request"]

_log = logging.getLogger("waproto.testing.control")

#: Largest request (head plus body) accepted, bytes.
MAX_BODY = 1 << 20
#: Seconds a control client gets to send its request.
_REQUEST_TIMEOUT = 10.0

_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 413: "Too Large"}

Route = Callable[["FakeServer", dict[str, Any]], dict[str, Any]]


def _accounts(server: FakeServer, body: dict[str, Any]) -> dict[str, Any]:
    account = server.create_account(str(body["phone"]), push_name=body.get("push_name"))
    return {"phone": account.phone_number, "jid": str(account.jid), "lid": str(account.lid)}


def _scan_qr(server: FakeServer, body: dict[str, Any]) -> dict[str, Any]:
    server.scan_qr(str(body["phone"]), str(body["qr"]))
    return {"ok": True}


def _pairing_code(server: FakeServer, body: dict[str, Any]) -> dict[str, Any]:
    server.enter_pairing_code(str(body["phone"]), str(body["code"]))
    return {"ok": True}


def _kick(server: FakeServer, body: dict[str, Any]) -> dict[str, Any]:
    conflict = body.get("conflict")
    count = server.kick(str(body["jid"]), int(body["code"]), None if conflict is None else str(conflict))
    return {"connections": count}


def _fault(server: FakeServer, body: dict[str, Any]) -> dict[str, Any]:
    fault: Fault = parse_fault(body)
    jid = body.get("jid")
    return {"connections": server.fault(fault, None if jid is None else str(jid)), "kind": str(fault.kind)}


def _send_media(server: FakeServer, body: dict[str, Any]) -> dict[str, Any]:
    options = {name: body.get(name) for name in ("caption", "mimetype", "filename")}
    message_id = server.send_media(
        str(body["from"]),
        str(body["to"]),
        base64.b64decode(str(body["data"]), validate=True),
        kind=str(body.get("kind", "image")),
        ptt=bool(body.get("ptt", False)),
        **{name: None if value is None else str(value) for name, value in options.items()},
    )
    return {"id": message_id}


def _state(server: FakeServer, body: dict[str, Any]) -> dict[str, Any]:
    return server.state()


def _sw_js(server: FakeServer, body: dict[str, Any]) -> dict[str, Any]:
    return {"client_revision": server.core.web_version[2]}


ROUTES: dict[tuple[str, str], Route] = {
    ("GET", "/sw.js"): _sw_js,
    ("POST", "/control/accounts"): _accounts,
    ("POST", "/control/scan-qr"): _scan_qr,
    ("POST", "/control/pairing-code"): _pairing_code,
    ("POST", "/control/kick"): _kick,
    ("POST", "/control/fault"): _fault,
    ("POST", "/control/send-media"): _send_media,
    ("GET", "/control/state"): _state,
}


def _response(status: int, payload: dict[str, Any]) -> bytes:
    body = json.dumps(payload).encode()
    head = (
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


def parse_request(data: bytes) -> tuple[str, str, bytes] | None:
    """Split a complete HTTP/1.1 request into method, path and body; None if incomplete.

    Raises:
        ValueError: the request is malformed.
    """
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return None
    lines = data[:end].decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    body = data[end + 4 :]
    if len(body) < length:
        return None
    return method, target.split("?", 1)[0], body[:length]


class ControlServer:
    """Serves :data:`ROUTES` for one :class:`FakeServer`."""

    __slots__ = ("_server", "url")

    def __init__(self, server: FakeServer) -> None:
        self._server = server
        self.url = ""

    async def start(self, task_group: TaskGroup, *, host: str, port: int) -> None:
        """Listen and serve in ``task_group``; sets :attr:`url`."""
        listener = await anyio.create_tcp_listener(local_host=host, local_port=port)
        address = listener.extra(SocketAttribute.local_address)  # noqa: S610 (anyio, not Django)
        self.url = f"http://{address[0]}:{address[1]}"
        task_group.start_soon(listener.serve, self._serve_one)

    async def _serve_one(self, stream: SocketStream) -> None:
        async with stream:
            data = b""
            request = None
            try:
                with anyio.fail_after(_REQUEST_TIMEOUT):
                    while request is None:
                        data += await stream.receive()
                        if len(data) > MAX_BODY:
                            await stream.send(_response(413, {"error": "request too large"}))
                            return
                        request = parse_request(data)
            except (ValueError, TimeoutError, anyio.EndOfStream, anyio.BrokenResourceError):
                return
            await stream.send(_response(*self.dispatch(*request)))

    def dispatch(self, method: str, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
        """Run one request; returns ``(status, JSON payload)``."""
        route = ROUTES.get((method, path))
        if route is None:
            known = any(p == path for _, p in ROUTES)
            return (405 if known else 404), {"error": f"no route {method} {path}"}
        try:
            payload = json.loads(body) if body else {}
            if not isinstance(payload, dict):
                raise ValueError("the body must be a JSON object")
            return 200, route(self._server, payload)
        except (KeyError, ValueError, TypeError, WAError) as exc:
            _log.info("control %s %s failed: %r", method, path, exc)
            return 400, {"error": f"{type(exc).__name__}: {exc}"}
