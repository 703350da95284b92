"""The server's pure parts: faults, the control API's parsing and dispatch, accounts, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from waproto.errors import InvalidState, PairingError
from waproto.jid import JID
from waproto.testing import FakeServer, Fault, FaultKind
from waproto.testing.accounts import AccountRegistry
from waproto.testing.control import ControlServer, parse_request
from waproto.testing.faults import parse_fault


def test_fault_defaults_and_parsing() -> None:
    assert Fault(FaultKind.STREAM_ERROR, code=440).conflict_type == "replaced"
    assert Fault(FaultKind.STREAM_ERROR, code=401).conflict_type == "device_removed"
    assert Fault(FaultKind.STREAM_ERROR, code=515).conflict_type is None
    assert Fault(FaultKind.STREAM_ERROR, code=440, conflict="").conflict_type is None
    assert parse_fault({"kind": "delay", "delay": "0.5"}) == Fault(FaultKind.DELAY, delay=0.5)
    for bad in ({"kind": "nope"}, {"kind": "stream_error"}, {"kind": "delay"}, {}):
        with pytest.raises(InvalidState):
            parse_fault(bad)


def test_parse_request() -> None:
    assert parse_request(b"GET /control/state HTTP/1.1\r\nHost: x\r\n") is None
    body = b'{"phone": "1"}'
    head = b"POST /control/accounts?x=1 HTTP/1.1\r\nContent-Length: %d\r\n\r\n" % len(body)
    assert parse_request(head + body[:-1]) is None
    assert parse_request(head + body) == ("POST", "/control/accounts", body)
    with pytest.raises(ValueError):
        parse_request(b"garbage\r\n\r\n")


def test_control_dispatch_without_sockets() -> None:
    control = ControlServer(FakeServer())
    status, created = control.dispatch("POST", "/control/accounts", b'{"phone": "15550009999"}')
    assert status == 200 and created["lid"].endswith("@lid")
    assert control.dispatch("POST", "/control/accounts", b'{"phone": "abc"}')[0] == 400
    assert control.dispatch("POST", "/control/accounts", b"[1]")[0] == 400
    assert control.dispatch("GET", "/control/accounts", b"")[0] == 405
    assert control.dispatch(
        "POST", "/control/kick", b'{"jid": "15550009999@s.whatsapp.net", "code": 440}'
    ) == (
        200,
        {"connections": 0},
    )
    status, state = control.dispatch("GET", "/control/state", b"")
    assert status == 200 and state["accounts"][0]["devices"][0]["id"] == 0


def test_accounts_lookup_by_any_jid() -> None:
    registry = AccountRegistry(os.urandom)
    account = registry.create("15550001234", now=0)
    assert registry.create("15550001234", now=1) is account
    assert registry.for_jid(JID("15550001234", "s.whatsapp.net", 3)) is account
    assert registry.for_jid(account.lid) is account
    assert registry.device_for_jid(JID("15550001234", "s.whatsapp.net", 1)) is None
    with pytest.raises(PairingError):
        registry.create("12", now=0)
    bundle = account.devices[0].keys
    assert bundle is not None and len(bundle.prekeys) == 20
    first = bundle.take_prekey()
    assert first is not None and first[0] == 1 and len(bundle.prekeys) == 19


def test_cli_prints_one_json_line() -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from waproto.testing import cli_main; sys.exit(cli_main(sys.argv[1:]))",
            "--port",
            "0",
            "--account",
            "15550001111",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        info = json.loads(process.stdout.readline())
        assert info["ws_url"].startswith("ws://127.0.0.1:") and info["ws_url"].endswith("/ws/chat")
        assert info["control_url"].startswith("http://127.0.0.1:")
        assert len(bytes.fromhex(info["root_public_key"])) == 32
    finally:
        process.terminate()
        process.wait(timeout=10)
