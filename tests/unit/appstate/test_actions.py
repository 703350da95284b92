"""Message-level actions and the push name: WhatsApp's index layouts, and the events they become."""

from __future__ import annotations

from waproto.appstate import actions
from waproto.appstate.events import MessageDeletedForMe, MessageStarred, PushNameChanged
from waproto.appstate.local import apply_mutations
from waproto.appstate.patches import Change, Mutation

CHAT = "15550000001@s.whatsapp.net"
GROUP = "120363000000000001@g.us"
AUTHOR = "15550000002@s.whatsapp.net"


def _mutation(change: Change) -> Mutation:
    return Mutation(change.operation, tuple(change.index), change.value, change.version, b"i", b"v")


def test_star_and_delete_for_me_use_whatsapps_indexes() -> None:
    collection, star = actions.star_message(
        GROUP, "3EB0A", from_me=False, participant=AUTHOR, starred=True, now_ms=1000
    )
    assert (collection, tuple(star.index), star.version) == (
        "regular_high",
        ("star", GROUP, "3EB0A", "0", AUTHOR),
        2,
    )
    assert star.value.starAction.starred and star.value.timestamp == 1000
    collection, delete = actions.delete_message_for_me(
        CHAT, "3EB0B", from_me=True, participant=None, message_timestamp=1_700_000_000, now_ms=2000
    )
    assert (collection, tuple(delete.index), delete.version) == (
        "regular_high",
        ("deleteMessageForMe", CHAT, "3EB0B", "1", "0"),
        3,
    )
    action = delete.value.deleteMessageForMeAction
    assert (action.messageTimestamp, action.deleteMedia) == (1_700_000_000, False)

    events = apply_mutations("regular_high", [_mutation(star), _mutation(delete)], {}, {}).events
    assert events == [
        MessageStarred(chat=GROUP, message_id="3EB0A", from_me=False, starred=True, participant=AUTHOR,
                       timestamp_ms=1000),
        MessageDeletedForMe(chat=CHAT, message_id="3EB0B", from_me=True, participant=None, timestamp_ms=2000),
    ]


def test_push_name_setting_becomes_an_event() -> None:
    collection, name = actions.set_push_name("Pat", 3000)
    assert (collection, tuple(name.index), name.version) == ("critical_block", ("setting_pushName",), 1)
    assert apply_mutations(collection, [_mutation(name)], {}, {}, initial=True).events == [
        PushNameChanged(name="Pat", timestamp_ms=3000, initial=True)
    ]
