"""``waproto demo``: the whole stack on one machine, in a readable transcript.

A :class:`~waproto.testing.FakeServer` runs on loopback with its own
certificate root; two accounts are created, each with a simulated phone. A
client per account shows its QR code, the phone "scans" it, the client
restarts the stream (515) and logs in. They then chat 1:1 and in a group,
end-to-end encrypted with real Signal sessions, and a burst of messages
measures throughput.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable

import anyio

from waproto.cli import render_qr
from waproto.client import Client
from waproto.config import ClientConfig
from waproto.events import Message, PairSuccess, QRCode
from waproto.jid import JID
from waproto.store import MemoryStore

__all__ = ["run_demo"]

ACCOUNTS = {"alice": "15550000001", "bob": "15550000002"}


def _say(who: str, text: str) -> None:
    print(f"{who:<8} {text}", flush=True)


class _Mailbox:
    """Counts a client's received messages so the demo can wait for them."""

    def __init__(self, name: str, client: Client, *, show: Callable[[], bool]) -> None:
        self.name = name
        self.count = 0
        self._changed = anyio.Event()
        self._show = show
        client.add_handler(Message, self._on_message)

    def _on_message(self, event: Message) -> None:
        self.count += 1
        if self._show():
            info = event.info
            where = f"in {info.chat.user}" if info.is_group else "1:1"
            # Chats run at LIDs: name the sender by number too when the server told it.
            alt = f" = {info.sender_alt.user}" if info.sender_alt is not None else ""
            _say(self.name, f"<- {info.sender.user}:{info.sender.device}{alt} ({where}): {event.text}")
        self._changed.set()
        self._changed = anyio.Event()

    async def wait_for(self, count: int, timeout: float = 30.0) -> None:
        with anyio.fail_after(timeout):
            while self.count < count:
                await self._changed.wait()


async def _pair(server: object, name: str, config: ClientConfig) -> tuple[Client, float]:
    from waproto.testing import FakeServer

    assert isinstance(server, FakeServer)
    phone = ACCOUNTS[name]
    client = Client(MemoryStore(), config=config)
    started = time.perf_counter()
    scanned = anyio.Event()

    def on_qr(event: QRCode) -> None:
        if scanned.is_set():
            return
        _say(name, "shows a QR code to link a new device:")
        print(render_qr(event.code), flush=True)
        _say("phone", f"+{phone} scans {name}'s QR code")
        scanned.set()
        server.scan_qr(phone, event.code)

    client.add_handler(QRCode, on_qr)
    client.add_handler(
        PairSuccess, lambda e: _say(name, f"paired as {e.jid}; server restarts the stream (515)")
    )
    await client.__aenter__()
    await client.wait_connected(30.0)
    elapsed = time.perf_counter() - started
    client.remove_handler(on_qr)
    _say(name, f"logged in, prekeys uploaded ({elapsed:.2f} s from start to Connected)")
    return client, elapsed


async def run_demo(args: argparse.Namespace) -> None:
    """Run the demo and print its transcript."""
    from waproto.testing import FakeServer

    print("waproto demo: a local WhatsApp-like server and two clients over real sockets\n", flush=True)
    async with FakeServer() as server:
        _say(
            "server",
            f"listening on {server.ws_url} (certificate root {server.root_public_key.hex()[:16]}...)",
        )
        # The phones share their app-state key and history, whose blobs sit on the media host.
        config = ClientConfig(
            url=server.ws_url,
            trust_root=server.root_public_key,
            ssl_context=server.test_ca.client_context(),
            connect_timeout=30.0,
        )
        for name, phone in ACCOUNTS.items():
            server.create_account(phone, push_name=name.title())
            _say("server", f"account +{phone} ({name}) with a simulated phone")
        async with contextlib.AsyncExitStack() as stack:
            alice, alice_time = await _pair(server, "alice", config)
            stack.push_async_callback(alice.aclose)
            bob, bob_time = await _pair(server, "bob", config)
            stack.push_async_callback(bob.aclose)
            quiet = False
            boxes = {c: _Mailbox(n, c, show=lambda: not quiet) for n, c in (("alice", alice), ("bob", bob))}
            print(flush=True)
            await _chat(alice, bob, boxes)
            quiet = True
            rate = await _burst(alice, bob, boxes[bob], args.messages)
            print(flush=True)
            _say("summary", f"start to Connected: alice {alice_time:.2f} s, bob {bob_time:.2f} s")
            _say("summary", f"{args.messages} messages alice -> bob, end to end: {rate:.0f} msg/s")


async def _chat(alice: Client, bob: Client, boxes: dict[Client, _Mailbox]) -> None:
    bob_jid = bob.own_jid.to_non_ad()
    alice_jid = alice.own_jid.to_non_ad()
    _say("alice", "-> bob: Hello Bob! (1:1, first message starts a Signal session: pkmsg)")
    sent = await alice.send_text(bob_jid, "Hello Bob!")
    _say("alice", f"   server acked {sent.id} at t={sent.timestamp}")
    await boxes[bob].wait_for(1)
    _say("bob", "-> alice: Hi Alice, the session works both ways.")
    await bob.send_text(alice_jid, "Hi Alice, the session works both ways.")
    await boxes[alice].wait_for(1)
    group = await alice.create_group("waproto demo", [bob_jid])
    _say("alice", f"created group {group.jid} with {len(group.participants)} participants")
    _say("alice", "-> group: Welcome! (sender key distributed to bob's device, then skmsg)")
    await alice.send_text(group.jid, "Welcome!")
    await boxes[bob].wait_for(2)
    _say("bob", "-> group: Thanks, group messages decrypt too.")
    await bob.send_text(group.jid, "Thanks, group messages decrypt too.")
    await boxes[alice].wait_for(2)


async def _burst(alice: Client, bob: Client, bob_box: _Mailbox, count: int) -> float:
    target = JID(bob.own_jid.user, bob.own_jid.server)
    before = bob_box.count
    _say("alice", f"-> bob: {count} messages as fast as the server acks them...")
    started = time.perf_counter()
    for i in range(count):
        await alice.send_text(target, f"burst {i}")
    await bob_box.wait_for(before + count)
    return count / (time.perf_counter() - started)
