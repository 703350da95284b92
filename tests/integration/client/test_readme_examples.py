"""The README's bot and SessionManager examples, run as written against the FakeServer.

Each example runs in a child process in a fresh folder holding its store file with the
device(s) already linked; the only change is the connection config (the examples connect to
WhatsApp): ``waproto.Client`` and ``waproto.ManagerConfig`` get the FakeServer's URL and root
key as default arguments before the example's code runs. A peer writes to every session,
waits for the example's reply, and a real signal ends the process with status 0. The bot
example is the synchronous ``client.run()`` with a module-level SQLite store; another child
runs it twice to show a message sent while it is down arrives at the next start.
"""

from __future__ import annotations

import re
import signal
import sys
from pathlib import Path

import anyio
import pytest
from anyio.abc import Process

from tests.integration.client.conftest import EventLog, PairedClient
from tests.integration.processes import ENV, Lines
from waproto import Message
from waproto.store import SQLiteStore
from waproto.testing import FakeServer, provision_store_device

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

README = Path(__file__).parents[3] / "README.md"

#: Points the example's clients at the FakeServer (argv: url, root key hex); nothing else changes.
PRELUDE = """
import functools, sys
import waproto
_config = waproto.ClientConfig(url=sys.argv[1], trust_root=sys.argv[2])
waproto.Client = functools.partial(waproto.Client, config=_config)
waproto.ManagerConfig = functools.partial(waproto.ManagerConfig, client=_config)
"""


def example(marker: str) -> str:
    """The README's one Python block containing ``marker``."""
    blocks = [b for b in re.findall(r"```python\n(.*?)```", README.read_text(), re.S) if marker in b]
    assert len(blocks) == 1, f"{len(blocks)} README examples contain {marker!r}"
    return blocks[0]


async def run_example(
    server: FakeServer,
    peer: PairedClient,
    folder: Path,
    code: str,
    sessions: dict[str, str],
    store_file: str,
    reply: str | None,
    signum: signal.Signals,
) -> None:
    """Link ``sessions`` (device id -> phone) in the example's store, run it, chat, signal it."""
    async with SQLiteStore.open(folder / store_file) as store:
        for device, phone in sessions.items():
            server.create_account(phone)
            await provision_store_device(server, store, device, phone)
    alice = await peer("15559400001")
    inbox = EventLog(alice, Message)
    command = [sys.executable, "-c", PRELUDE + code, server.ws_url, server.root_public_key.hex()]
    with anyio.fail_after(60):
        async with await anyio.open_process(command, env=ENV, cwd=folder) as child:
            sent = [await alice.send_text(phone, f"hello {device}") for device, phone in sessions.items()]
            replies = await inbox.wait_for(Message, len(sessions), timeout=50)
            assert sorted(m.text for m in replies) == sorted(reply or f"hello {d}" for d in sessions)
            # The chats run at the LIDs (the default): the numbers are the senders' other address.
            assert {m.info.sender_alt.user for m in replies if m.info.sender_alt} == set(sessions.values())
            if reply is None:  # the bot quotes what it echoes
                assert {m.message.extendedTextMessage.contextInfo.stanzaId for m in replies} == {
                    s.id for s in sent
                }
            child.send_signal(signum)
            status = await child.wait()
            assert child.stderr is not None
            assert status == 0, (await child.stderr.receive()).decode(errors="replace")


async def test_bot_example_echoes_and_stops_on_sigint(
    server: FakeServer, paired: PairedClient, tmp_path: Path
) -> None:
    code = example("client.run()")
    await run_example(
        server, paired, tmp_path, code, {"default": "15559400002"}, "bot.db", None, signal.SIGINT
    )


async def test_manager_example_answers_on_every_session_and_stops_on_sigterm(
    server: FakeServer, paired: PairedClient, tmp_path: Path
) -> None:
    code = example("manager.run_until_signal(")
    sessions = {"alice": "15559400003", "bob": "15559400004"}
    await run_example(server, paired, tmp_path, code, sessions, "sessions.db", "got it", signal.SIGTERM)


#: ``client.run()`` from synchronous code, its SQLite store made at module level (outside any
#: event loop): prints when it is connected, each message, and the signal that stopped it.
SYNC_RUN = """
import json, sys
from waproto import Client, ClientConfig, Connected, Message
from waproto.store import SQLiteStore

def say(event, **fields):
    print(json.dumps({"event": event, **fields}), flush=True)

client = Client(SQLiteStore(sys.argv[3]), config=ClientConfig(url=sys.argv[1], trust_root=sys.argv[2]))
client.add_handler(Connected, lambda event: say("connected"))
client.add_handler(Message, lambda event: say("message", id=event.info.id))
say("closed", signal=client.run())
"""


async def test_the_synchronous_run_with_a_module_level_sqlite_store_restarts_losing_nothing(
    server: FakeServer, paired: PairedClient, tmp_path: Path
) -> None:
    db = tmp_path / "bot.db"
    async with SQLiteStore.open(db) as store:
        server.create_account("15559400005")
        await provision_store_device(server, store, "default", "15559400005")
    alice = await paired("15559400006")
    command = [sys.executable, "-c", SYNC_RUN, server.ws_url, server.root_public_key.hex(), str(db)]

    async def stop(child: Process, lines: Lines) -> None:
        """SIGINT: the child reports it, exits 0 by itself, and its store file was closed."""
        child.send_signal(signal.SIGINT)
        assert (await lines.until("closed"))["signal"] == signal.SIGINT
        assert await child.wait() == 0
        assert not db.with_name("bot.db-wal").exists()  # closed at exit: checkpointed

    with anyio.fail_after(60):
        async with await anyio.open_process(command, env=ENV) as child:
            lines = Lines(child)
            await lines.until("connected")
            await stop(child, lines)
        away = await alice.send_text("15559400005", "while down")
        async with await anyio.open_process(command, env=ENV) as child:
            lines = Lines(child)
            while (await lines.until("message"))["id"] != away.id:
                pass
            await stop(child, lines)
