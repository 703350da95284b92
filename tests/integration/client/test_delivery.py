"""Delivery guarantees: own-device sync, offline queues, redelivery after a crash, retry receipts."""

from __future__ import annotations

from collections.abc import Callable

import anyio
import pytest

from tests.integration.client.conftest import EventLog, PairedClient, client_config, on_send
from waproto import Client, Message
from waproto.binary import Node
from waproto.errors import ConnectionClosed, InvalidMessage
from waproto.events import UndecryptableMessage
from waproto.jid import JID
from waproto.messaging import receive
from waproto.messaging.context import signal_address
from waproto.store import MemoryStore
from waproto.store._memory import MemoryDeviceStore
from waproto.testing import FakeServer, Fault, FaultKind

pytestmark = pytest.mark.anyio


def crash(server: FakeServer, client: Client) -> None:
    """The client's process dies: the server sees its socket drop, nothing more runs in it."""
    server.fault(Fault(FaultKind.DROP), str(client.own_jid))
    raise ConnectionClosed("simulated crash")


def sent_nodes(
    monkeypatch: pytest.MonkeyPatch, client: Client, predicate: Callable[[Node], bool]
) -> list[Node]:
    """Record the nodes ``client`` sends that match ``predicate``."""
    seen: list[Node] = []
    on_send(monkeypatch, client, lambda node: seen.append(node) if predicate(node) else None)
    return seen


def queued_for(server: FakeServer, device: JID) -> int:
    """Stanzas the server holds for one offline device."""
    for account in server.state()["accounts"]:  # type: ignore[attr-defined]
        for entry in account["devices"]:
            if entry["jid"] == str(device):
                return int(entry["queued"])
    raise AssertionError(f"{device} is not on the server")


def is_retry_receipt(node: Node) -> bool:
    return node.tag == "receipt" and node.attr("type") == "retry"


async def test_own_devices_get_what_another_device_sent(paired: PairedClient) -> None:
    phone_a = await paired("15550201")
    phone_b = await paired("15550201")
    bob = await paired("15550202")
    assert phone_a.own_jid.user == phone_b.own_jid.user and phone_a.own_jid != phone_b.own_jid
    bob_log, b_log = EventLog(bob, Message), EventLog(phone_b, Message)
    sent = await phone_a.send_text(bob.own_jid.to_non_ad(), "from device a")
    (at_bob,) = await bob_log.wait_for(Message)
    (at_b,) = await b_log.wait_for(Message)
    assert at_bob.text == at_b.text == "from device a"
    # The chat runs at the LIDs (bob's is known from usync); the numbers come beside them.
    assert not at_bob.info.is_from_me and at_bob.info.chat_alt == phone_a.own_jid.to_non_ad()
    assert at_bob.info.chat == phone_a.own_lid.to_non_ad()
    assert at_b.info.id == sent.id
    assert at_b.info.is_from_me
    assert at_b.info.chat == sent.chat == bob.own_lid.to_non_ad()
    assert at_b.info.chat_alt == bob.own_jid.to_non_ad()  # peer_recipient_pn
    assert at_b.info.sender == phone_a.own_lid and at_b.info.sender_alt == phone_a.own_jid


async def test_offline_recipient_gets_the_message_on_next_login(
    server: FakeServer, paired: PairedClient
) -> None:
    alice = await paired("15550211")
    bob_store = MemoryStore()
    bob = await paired("15550212", store=bob_store)
    bob_jid = bob.own_jid
    await bob.aclose()
    sent = await alice.send_text(bob_jid.to_non_ad(), "while you were away")
    assert queued_for(server, bob_jid) == 1
    again = Client(bob_store, config=client_config(server))
    log = EventLog(again, Message)
    async with again:
        (received,) = await log.wait_for(Message)
        assert received.info.id == sent.id and received.text == "while you were away"
    assert queued_for(server, bob_jid) == 0


async def _crash_then_restart(
    server: FakeServer, paired: PairedClient, *, arm: Callable[[Client], None]
) -> tuple[list[Message], str]:
    """Bob crashes while receiving one message (where ``arm`` says); a new Bob process logs in."""
    alice = await paired("15550221")
    bob_store = MemoryStore()
    bob = await paired("15550222", store=bob_store, auto_reconnect=False)
    crashed_log = EventLog(bob, Message)
    arm(bob)
    sent = await alice.send_text(bob.own_jid.to_non_ad(), "survives a crash")
    with anyio.fail_after(10):
        await bob.run_forever()
    await bob.aclose()
    assert crashed_log.events == []
    restarted = Client(bob_store, config=client_config(server))
    log = EventLog(restarted, Message)
    async with restarted:
        await log.wait_for(Message)
        # A second message proves the redelivery was fully processed before it.
        await alice.send_text(bob.own_jid.to_non_ad(), "after")
        await log.wait_for(Message, 2)
    return log.of(Message), sent.id


async def test_crash_before_commit_redelivers_and_decrypts_again(
    server: FakeServer, paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    stores: list[MemoryDeviceStore] = []
    original = MemoryDeviceStore.mark_processed

    async def mark_processed(self: MemoryDeviceStore, *args: object, **kwargs: object) -> None:
        if stores and self is stores[0] and victim:
            crash(server, victim.pop())
        await original(self, *args, **kwargs)  # type: ignore[arg-type]

    victim: list[Client] = []

    def arm(bob: Client) -> None:
        stores.append(bob.store)  # type: ignore[arg-type]
        victim.append(bob)

    monkeypatch.setattr(MemoryDeviceStore, "mark_processed", mark_processed)
    messages, sent_id = await _crash_then_restart(server, paired, arm=arm)
    assert [m.text for m in messages] == ["survives a crash", "after"]
    assert messages[0].info.id == sent_id
    # Nothing was committed before the crash: the server's redelivery is a first delivery.
    assert [m.redelivered for m in messages] == [False, False]


async def test_crash_after_commit_before_ack_replays_inbox_once(
    server: FakeServer, paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def arm(bob: Client) -> None:
        def crash_on_message_ack(node: Node) -> None:
            if node.tag == "ack" and node.attr("class") == "message":
                crash(server, bob)

        on_send(monkeypatch, bob, crash_on_message_ack)

    messages, sent_id = await _crash_then_restart(server, paired, arm=arm)
    assert [m.text for m in messages] == ["survives a crash", "after"]
    assert messages[0].info.id == sent_id
    # Committed before the crash: handed over from the inbox replay, and flagged.
    assert [m.redelivered for m in messages] == [True, False]


async def _session_address(client: Client, peer: JID) -> str:
    """Where ``client`` keeps its session with ``peer``: under the LID once the mapping is known."""
    return signal_address((await client.lids.signal_jids([peer]))[peer])


async def test_lost_session_is_repaired_by_a_retry_receipt(
    paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = await paired("15550231")
    bob = await paired("15550232")
    bob_log, alice_log = EventLog(bob, Message, UndecryptableMessage), EventLog(alice, Message)
    await alice.send_text(bob.own_jid.to_non_ad(), "one")
    await bob_log.wait_for(Message)
    await bob.send_text(alice.own_jid.to_non_ad(), "ack one")
    await alice_log.wait_for(Message)
    retries = sent_nodes(monkeypatch, bob, is_retry_receipt)
    address = await _session_address(bob, alice.own_jid)
    assert address.split(".")[0].endswith("_1"), "the session lives under alice's LID"
    await bob.store.delete_session(address)
    await alice.send_text(bob.own_jid.to_non_ad(), "two")
    received = await bob_log.wait_for(Message, 2)
    assert received[-1].text == "two"
    (failed,) = bob_log.of(UndecryptableMessage)
    assert failed.retry_count == 1 and failed.info.id == received[-1].info.id
    assert len(retries) == 1 and retries[0].require_child("retry").attr("count") == "1"


async def test_retry_receipts_stop_after_five(paired: PairedClient, monkeypatch: pytest.MonkeyPatch) -> None:
    alice = await paired("15550241")
    bob = await paired("15550242", retry_request_delay=0.01)
    log = EventLog(bob, UndecryptableMessage)
    retries = sent_nodes(monkeypatch, bob, is_retry_receipt)

    async def broken(*args: object, **kwargs: object) -> object:
        raise InvalidMessage("cannot decrypt (test)")

    monkeypatch.setattr(receive.MessageReceiver, "_decrypt_one", broken)
    await alice.send_text(bob.own_jid.to_non_ad(), "never readable")
    limit = bob.config.max_retry_receipts
    failures = await log.wait_for(UndecryptableMessage, limit + 1)
    assert [f.retry_count for f in failures] == list(range(1, limit + 2))
    await anyio.sleep(0.2)
    assert len(log.of(UndecryptableMessage)) == limit + 1
    assert [r.require_child("retry").attr("count") for r in retries] == [str(n) for n in range(1, limit + 1)]


async def test_group_member_without_the_sender_key_recovers_by_retry(paired: PairedClient) -> None:
    alice = await paired("15550251")
    bob = await paired("15550252")
    carol = await paired("15550253")
    bob_log, carol_log = EventLog(bob, Message, UndecryptableMessage), EventLog(carol, Message)
    group = await alice.create_group("retry", [bob.own_jid, carol.own_jid])
    await alice.send_text(group.jid, "one")
    (first,) = await bob_log.wait_for(Message)
    # Alice's sender key is stored under her device as the group addresses it (her LID device).
    assert first.info.sender.is_lid
    await bob.store.delete_sender_key(str(group.jid), signal_address(first.info.sender))
    await alice.send_text(group.jid, "two")
    received = await bob_log.wait_for(Message, 2)
    assert received[-1].text == "two" and received[-1].info.chat == group.jid
    assert len(bob_log.of(UndecryptableMessage)) == 1
    # The next group message distributes the sender key to bob again.
    await alice.send_text(group.jid, "three")
    assert (await bob_log.wait_for(Message, 3))[-1].text == "three"
    assert [m.text for m in await carol_log.wait_for(Message, 3)] == ["one", "two", "three"]
    assert len(bob_log.of(UndecryptableMessage)) == 1


async def test_every_device_of_the_recipient_gets_the_message(paired: PairedClient) -> None:
    alice = await paired("15550261")
    bob_one = await paired("15550262")
    bob_two = await paired("15550262")
    logs = [EventLog(bob_one, Message), EventLog(bob_two, Message)]
    sent = await alice.send_text(bob_one.own_jid.to_non_ad(), "both of you")
    for log in logs:
        (received,) = await log.wait_for(Message)
        assert received.info.id == sent.id and received.text == "both of you"
        assert not received.info.is_from_me


async def test_concurrent_sends_both_ways(paired: PairedClient) -> None:
    alice = await paired("15550271")
    bob = await paired("15550272")
    alice_log, bob_log = EventLog(alice, Message), EventLog(bob, Message)
    count = 15

    async def burst(sender: Client, to: Client, prefix: str) -> None:
        async with anyio.create_task_group() as group:
            for i in range(count):
                group.start_soon(sender.send_text, to.own_jid.to_non_ad(), f"{prefix} {i}")

    async with anyio.create_task_group() as group:
        group.start_soon(burst, alice, bob, "a")
        group.start_soon(burst, bob, alice, "b")
    at_bob = await bob_log.wait_for(Message, count)
    at_alice = await alice_log.wait_for(Message, count)
    assert sorted(str(m.text) for m in at_bob) == sorted(f"a {i}" for i in range(count))
    assert sorted(str(m.text) for m in at_alice) == sorted(f"b {i}" for i in range(count))


async def test_own_device_gets_group_messages_as_from_me(paired: PairedClient) -> None:
    phone_a = await paired("15550281")
    phone_b = await paired("15550281")
    bob = await paired("15550282")
    b_log, bob_log = EventLog(phone_b, Message), EventLog(bob, Message)
    group = await phone_a.create_group("own devices", [bob.own_jid])
    sent = await phone_a.send_text(group.jid, "from device a")
    (at_b,) = await b_log.wait_for(Message)
    assert at_b.info.id == sent.id and at_b.text == "from device a"
    assert at_b.info.is_from_me and at_b.info.chat == group.jid and at_b.info.is_group
    (at_bob,) = await bob_log.wait_for(Message)
    assert not at_bob.info.is_from_me


async def test_offline_backlog_arrives_in_order(server: FakeServer, paired: PairedClient) -> None:
    alice = await paired("15550291")
    bob_store = MemoryStore()
    bob = await paired("15550292", store=bob_store)
    bob_jid = bob.own_jid
    await bob.aclose()
    texts = [f"queued {i}" for i in range(20)]
    for text in texts:
        await alice.send_text(bob_jid.to_non_ad(), text)
    again = Client(bob_store, config=client_config(server))
    log = EventLog(again, Message)
    async with again:
        received = await log.wait_for(Message, len(texts))
    assert [m.text for m in received] == texts


async def test_own_device_recovers_a_synced_message_by_retry(paired: PairedClient) -> None:
    phone_a = await paired("15550301")
    phone_b = await paired("15550301")
    bob = await paired("15550302")
    b_log = EventLog(phone_b, Message, UndecryptableMessage)
    await phone_a.send_text(bob.own_jid.to_non_ad(), "one")
    await b_log.wait_for(Message)
    await phone_b.store.delete_session(await _session_address(phone_b, phone_a.own_jid))
    sent = await phone_a.send_text(bob.own_jid.to_non_ad(), "two")
    received = await b_log.wait_for(Message, 2)
    assert len(b_log.of(UndecryptableMessage)) == 1
    assert received[-1].info.id == sent.id and received[-1].text == "two"
    assert received[-1].info.is_from_me and received[-1].info.chat_alt == bob.own_jid.to_non_ad()


async def test_server_fault_corrupts_one_message_and_the_retry_repairs_it(
    server: FakeServer, paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = await paired("15550261")
    bob = await paired("15550262")
    bob_log = EventLog(bob, Message, UndecryptableMessage)
    await alice.send_text(bob.own_jid.to_non_ad(), "warm up")
    await bob_log.wait_for(Message)
    retries = sent_nodes(monkeypatch, bob, is_retry_receipt)
    resends = sent_nodes(monkeypatch, alice, lambda n: n.tag == "message" and "device_fanout" in n.attrs)
    assert server.fault(Fault(FaultKind.CORRUPT_MESSAGE), str(bob.own_jid)) == 1
    await alice.send_text(bob.own_jid.to_non_ad(), "spoiled once")
    received = await bob_log.wait_for(Message, 2)
    assert received[-1].text == "spoiled once"
    assert len(bob_log.of(UndecryptableMessage)) == 1 and len(retries) == 1
    (retry,) = [r.require_child("retry") for r in retries]
    # The undecryptable delivery is the original; the resend gets a new server timestamp.
    original_t = bob_log.of(UndecryptableMessage)[0].info.timestamp
    assert retry.attrs["t"] == str(original_t) and retry.attrs["error"] == "0"
    (resend,) = resends
    assert resend.get_child("participants") is None  # one top-level enc (whatsmeow retry.go)
    assert resend.require_child("enc").attrs["count"] == "1"
    await alice.send_text(bob.own_jid.to_non_ad(), "only the next one")
    assert (await bob_log.wait_for(Message, 3))[-1].text == "only the next one"
    assert len(retries) == 1
