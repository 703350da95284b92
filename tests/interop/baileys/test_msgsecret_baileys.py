"""Baileys 7 decrypts a poll vote encrypted by waproto.messaging.msgsecret (its own decryptPollVote)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.interop.conftest import node_tools, npm_install
from waproto.jid import JID
from waproto.messaging.msgsecret import SecretScope, SecretUseCase, encrypt_with_secret, poll_option_hash

pytestmark = pytest.mark.interop
HERE = Path(__file__).resolve().parent

SCRIPT = """
import { decryptPollVote } from 'baileys/lib/Utils/process-message.js';
const d = JSON.parse(process.argv[1]);
const vote = decryptPollVote(
  { encPayload: Buffer.from(d.payload, 'hex'), encIv: Buffer.from(d.iv, 'hex') },
  { pollCreatorJid: d.creator, pollMsgId: d.id, pollEncKey: Buffer.from(d.secret, 'hex'), voterJid: d.voter },
);
console.log(JSON.stringify(vote.selectedOptions.map((o) => Buffer.from(o).toString('hex'))));
"""


def test_baileys7_decrypts_our_poll_vote() -> None:
    node, _npm = node_tools()
    install = npm_install(HERE / "v7")
    secret = bytes(range(32))
    creator, voter = JID.parse("15550000001:2@s.whatsapp.net"), JID.parse("15550000002@s.whatsapp.net")
    selected = [poll_option_hash("red"), poll_option_hash("blue")]
    # PollVoteMessage{selectedOptions=1 repeated bytes}, written by hand to keep this test schema-free.
    plaintext = b"".join(b"\x0a\x20" + digest for digest in selected)
    scope = SecretScope("3EB0C0FFEE", creator, voter, SecretUseCase.POLL_VOTE)
    payload, iv = encrypt_with_secret(plaintext, secret, scope)
    args = {
        "payload": payload.hex(),
        "iv": iv.hex(),
        "secret": secret.hex(),
        "id": "3EB0C0FFEE",
        "creator": str(creator.to_non_ad()),
        "voter": str(voter),
    }
    result = subprocess.run(
        [node, "--input-type=module", "-e", SCRIPT, json.dumps(args)],
        cwd=install,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(result.stdout) == [digest.hex() for digest in selected]
