"""The NCT salt mutation: stored (set, removed, an empty set ignored) and never emitted."""

from __future__ import annotations

from waproto.appstate import actions
from waproto.appstate.local import apply_mutations
from waproto.appstate.patches import Change, Mutation


def _mutation(change: Change) -> Mutation:
    return Mutation(change.operation, tuple(change.index), change.value, change.version, b"i", b"v")


def test_nct_salt_is_kept_and_not_emitted() -> None:
    collection, salt = actions.set_nct_salt(b"pepper", 1000)
    assert (collection, tuple(salt.index)) == ("regular_high", ("nct_salt_sync",))
    local = apply_mutations(collection, [_mutation(salt)], {}, {})
    assert (local.nct_salt, local.events) == (b"pepper", [])

    _, removed = actions.set_nct_salt(None, 2000)
    assert apply_mutations(collection, [_mutation(salt), _mutation(removed)], {}, {}).nct_salt == b""

    _, empty = actions.set_nct_salt(b"", 3000)
    assert apply_mutations(collection, [_mutation(empty)], {}, {}).nct_salt is None
    _, mute = actions.mute_chat("1@s.whatsapp.net", -1, 4000)
    assert apply_mutations("regular_high", [_mutation(mute)], {}, {}).nct_salt is None
