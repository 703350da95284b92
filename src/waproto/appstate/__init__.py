"""App-state sync ("syncd"), sans-I/O: keys, MACs, the LTHash, verifying and building patches.

Contacts, chat settings (archive, pin, mute, read) and the push name live in five
collections that the phone and every companion keep in sync through encrypted, MAC-ed
patches. This package holds the pure part; the client service fetches and stores.
"""

from __future__ import annotations

from waproto.appstate.crypto import (
    MutationKeys,
    decrypt_value,
    encrypt_value,
    index_mac,
    patch_mac,
    snapshot_mac,
    value_mac,
)
from waproto.appstate.lthash import LTHASH_SIZE, ZERO_LTHASH, lthash_update
from waproto.appstate.patches import (
    REMOVE,
    SET,
    Applied,
    Change,
    CollectionState,
    Mutation,
    Operation,
    apply_patch,
    apply_snapshot,
    build_patch,
    build_snapshot,
    encode_index,
    needed_key_ids,
    touched_index_macs,
)

__all__ = [
    "LTHASH_SIZE",
    "REMOVE",
    "SET",
    "ZERO_LTHASH",
    "Applied",
    "Change",
    "CollectionState",
    "Mutation",
    "MutationKeys",
    "Operation",
    "apply_patch",
    "apply_snapshot",
    "build_patch",
    "build_snapshot",
    "decrypt_value",
    "encode_index",
    "encrypt_value",
    "index_mac",
    "lthash_update",
    "needed_key_ids",
    "patch_mac",
    "snapshot_mac",
    "touched_index_macs",
    "value_mac",
]
