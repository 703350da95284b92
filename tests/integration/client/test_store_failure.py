"""A full store never strands messages: StoreFailure, no ack, a reconnect, all delivered once space is back.

The receiving device's SQLite file is capped (``max_size_bytes``, SQLite's
``max_page_count``) and filled with a ballast row until writes fail, as a full disk
would. Messages sent meanwhile cannot be committed; once the ballast is deleted they
all arrive, without anyone restarting anything.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import anyio
import pytest

from tests.integration.client.conftest import EventLog, client_config, pair_by_qr
from waproto import Client, Connected, Message, StoreFailure
from waproto.backoff import Backoff, Decision, ReconnectPolicy
from waproto.connection import CloseInfo
from waproto.errors import StoreError
from waproto.store import MemoryStore, SQLiteStore
from waproto.testing import FakeServer, provision_store_device

pytestmark = pytest.mark.anyio

BALLAST = "test-ballast"


async def _fill(store: SQLiteStore) -> int:
    """Write ballast rows, smaller and smaller, until the capped file has no page left."""
    device = store.device("bob")
    count = 0
    for size in (16384, 2048, 256, 32):
        while True:
            try:
                await device.put(BALLAST, f"{count:06d}", bytes(size))
            except StoreError:
                break
            count += 1
    return count


async def _send_until_a_store_failure(sender: Client, to: Client, log: EventLog) -> list[str]:
    """Send texts until one cannot be committed; returns every text sent."""
    texts: list[str] = []
    with anyio.fail_after(60):
        while not log.of(StoreFailure):
            texts.append(f"while full {len(texts)}")
            await sender.send_text(to.own_jid.to_non_ad(), texts[-1])
            await anyio.sleep(0.05)
    return texts


async def _free(store: SQLiteStore) -> None:
    """Space comes back: the ballast goes."""
    for key in await store.device("bob").items(BALLAST):
        await store.device("bob").delete(BALLAST, key)


async def test_a_full_store_emits_store_failure_and_recovers_once_space_is_back(
    server: FakeServer, tmp_path: Path
) -> None:
    server.create_account("15550901")
    alice = Client(MemoryStore(), config=client_config(server))
    await pair_by_qr(server, alice, "15550901")
    async with SQLiteStore.open(tmp_path / "bob.db", max_size_bytes=1 << 20) as store:
        await provision_store_device(server, store, "bob", "15550902")
        bob = Client(store, device="bob", config=client_config(server))
        log = EventLog(bob, Message, StoreFailure)
        try:
            async with bob:
                assert await _fill(store) > 0
                # Pages still half empty take small rows; a commit fails once one needs a new page.
                texts = await _send_until_a_store_failure(alice, bob, log)
                failure = log.of(StoreFailure)[0]
                print(f"sent={len(texts)} store_failures={len(log.of(StoreFailure))}")
                assert "full" in failure.error
                assert failure.message_id not in {m.info.id for m in log.of(Message)}
                await _free(store)  # and nothing else is done
                received = await log.wait_for(Message, len(texts), timeout=30)
                assert sorted(m.text for m in received) == sorted(texts)
                await anyio.sleep(0.2)
                assert len(log.of(Message)) == len(texts)
        finally:
            await alice.aclose()


class RecordingBackoff(Backoff):
    """The client's one backoff, keeping every decision it made (the delays it scheduled)."""

    def __init__(self, policy: ReconnectPolicy) -> None:
        super().__init__(policy)
        self.decisions: list[Decision] = []
        #: Every login and decision in order ("login" or the decision itself).
        self.timeline: list[Decision | str] = []

    def decide(self, close: CloseInfo) -> Decision:
        decision = super().decide(close)
        self.decisions.append(decision)
        self.timeline.append(decision)
        return decision

    def logged_in(self) -> None:
        super().logged_in()
        self.timeline.append("login")


async def test_a_store_that_stays_full_backs_off_across_logins(server: FakeServer, tmp_path: Path) -> None:
    """Each reconnect logs in and fails the redelivered message again: the scheduled delays grow.

    Once a commit succeeds the failures are forgotten: the next drop waits the base delay.
    """
    server.create_account("15550911")
    alice = Client(MemoryStore(), config=client_config(server))
    await pair_by_qr(server, alice, "15550911")
    policy = ReconnectPolicy(default_delay=0.05, factor=2.0, max_delay=0.4, jitter=False)
    backoff = RecordingBackoff(policy)
    async with SQLiteStore.open(tmp_path / "bob.db", max_size_bytes=1 << 20) as store:
        await provision_store_device(server, store, "bob", "15550912")
        bob = Client(store, device="bob", config=client_config(server), backoff=backoff)
        log = EventLog(bob, Message, StoreFailure, Connected)
        try:
            async with bob:
                await _fill(store)
                texts = await _send_until_a_store_failure(alice, bob, log)
                with anyio.fail_after(60):
                    # StoreFailure is emitted before the close it causes is decided on.
                    while len(store_closes := [d for d in backoff.decisions if d.close.store_failed]) < 6:
                        await anyio.sleep(0.01)
                assert [d.delay for d in store_closes[:6]] == [0.05, 0.1, 0.2, 0.4, 0.4, 0.4]
                # A login between each of them. (Counted where the client logs in: its
                # Connected event comes after the post-login work, which a store-failure
                # close racing it may cut short.)
                closes_at = [i for i, entry in enumerate(backoff.timeline) if entry in store_closes[:6]]
                for before, after in itertools.pairwise(closes_at):
                    assert "login" in backoff.timeline[before + 1 : after]
                await _free(store)
                await log.wait_for(Message, len(texts), timeout=30)
                assert backoff.failures == 0
                # The kick's decision and the login after it, read from the timeline (a
                # Connected event may still be on its way from the login before the kick).
                seen = len(backoff.timeline)
                server.kick(str(bob.own_jid), 500)
                with anyio.fail_after(30):
                    while "login" not in (since := backoff.timeline[seen:]) or since[0] == "login":
                        await anyio.sleep(0.01)
                kick_decision = since[0]
                assert isinstance(kick_decision, Decision)
                assert kick_decision.delay == 0.05
                assert not kick_decision.close.store_failed
        finally:
            await alice.aclose()
