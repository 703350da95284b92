"""No key material and no message text in the logs, even with the root logger at DEBUG.

Two clients on SQLite stores pair and chat through the FakeServer while every logger
(ours and our dependencies') writes at DEBUG; the
formatted output is then searched for every private key, every stored Signal record and
every message text, in the encodings a log line could carry them (raw repr, hex, base64).
"""

from __future__ import annotations

import base64
import logging
import sqlite3
from pathlib import Path

import pytest

from tests.integration.client.conftest import EventLog, client_config, pair_by_qr
from waproto import Client, Message
from waproto.store import SQLiteStore
from waproto.testing import FakeServer

pytestmark = pytest.mark.anyio

#: Tables whose blobs are secrets: credentials (private keys), prekeys, sessions, sender keys.
_SECRET_TABLES = {
    "credentials": "data",
    "prekeys": "record",
    "signed_prekeys": "record",
    "sessions": "record",
    "sender_keys": "record",
}


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def _encodings(secret: bytes) -> set[str]:
    forms = {secret.hex(), base64.b64encode(secret).decode(), repr(secret)[2:-1]}
    return {form for form in forms if len(form) >= 16}


def _stored_secrets(path: Path) -> list[bytes]:
    secrets: list[bytes] = []
    with sqlite3.connect(path) as db:
        for table, column in _SECRET_TABLES.items():
            secrets += [bytes(row[0]) for row in db.execute(f"SELECT {column} FROM {table}")]
    return secrets


async def test_debug_logs_of_a_pair_and_chat_run_hold_no_secrets(tmp_path: Path) -> None:
    capture = _Capture()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    texts = [f"confidential note number {i} for the other side" for i in range(4)]
    private_keys: list[bytes] = []
    try:
        async with FakeServer() as server:
            clients: list[Client] = []
            stores: list[SQLiteStore] = []
            for name, phone in (("alice", "15550961"), ("bob", "15550962")):
                server.create_account(phone)
                store = await SQLiteStore.open(tmp_path / f"{name}.db")
                stores.append(store)
                client = Client(store, config=client_config(server))
                await pair_by_qr(server, client, phone)
                clients.append(client)
            alice, bob = clients
            alice_log, bob_log = EventLog(alice, Message), EventLog(bob, Message)
            for i, text in enumerate(texts):
                sender, receiver_log = (alice, bob_log) if i % 2 == 0 else (bob, alice_log)
                peer = bob if sender is alice else alice
                await sender.send_text(peer.own_jid.to_non_ad(), text)
                await receiver_log.wait_for(Message, (i // 2) + 1)
            for client in reversed(clients):  # opened task groups close last-in first-out
                creds = client._session.credentials
                private_keys += [
                    creds.noise_key.private,
                    creds.identity_key.private,
                    creds.signed_prekey.private,
                    creds.adv_secret_key,
                ]
                await client.aclose()
            for store in stores:
                await store.close()
    finally:
        root.removeHandler(capture)
        root.setLevel(old_level)
    secrets = private_keys + _stored_secrets(tmp_path / "alice.db") + _stored_secrets(tmp_path / "bob.db")
    needles = set(texts).union(*(_encodings(secret) for secret in secrets))
    output = "\n".join(capture.lines)
    hits = [needle for needle in needles if needle in output]
    assert len(capture.lines) > 100
    assert hits == []
