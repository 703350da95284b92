"""Baileys 6.17.16's app-state vectors (lthash.json): keys, LTHash, and two encoded patches."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from google.protobuf import json_format

from tests.conftest import load_vectors
from waproto.appstate import (
    SET,
    Change,
    CollectionState,
    MutationKeys,
    apply_patch,
    build_patch,
    lthash_update,
)
from waproto.proto.wa_sync_pb2 import SyncActionValue, SyncdMutation, SyncdPatch


@pytest.fixture(scope="module")
def vectors() -> dict[str, Any]:
    data: dict[str, Any] = load_vectors("appstate/lthash.json")
    return data


def test_mutation_key_expansion(vectors: dict[str, Any]) -> None:
    v = vectors["mutation_keys_vector"]
    keys = MutationKeys.expand(bytes.fromhex(v["key_data_hex"]))
    assert keys.index.hex() == v["index_key_hex"]
    assert keys.value_encryption.hex() == v["value_encryption_key_hex"]
    assert keys.value_mac.hex() == v["value_mac_key_hex"]
    assert keys.snapshot_mac.hex() == v["snapshot_mac_key_hex"]
    assert keys.patch_mac.hex() == v["patch_mac_key_hex"]
    expanded = keys.index + keys.value_encryption + keys.value_mac + keys.snapshot_mac + keys.patch_mac
    assert expanded.hex() == v["expanded_160_hex"]


def test_lthash_operations(vectors: dict[str, Any]) -> None:
    macs = {name: bytes.fromhex(h) for name, h in vectors["lthash"]["value_macs_hex"].items()}
    operations = vectors["lthash"]["operations"]
    assert operations
    for op in operations:
        base = bytes.fromhex(op["base_hex"])
        result = lthash_update(base, [macs[m] for m in op["subtract"]], [macs[m] for m in op["add"]])
        assert result.hex() == op["result_hex"], op["label"]


def test_lthash_expansions(vectors: dict[str, Any]) -> None:
    for name, mac in vectors["lthash"]["value_macs_hex"].items():
        one = lthash_update(bytes(128), [], [bytes.fromhex(mac)])
        assert one.hex() == vectors["lthash"]["hkdf_expansions_128_hex"][name]


def _key(vectors: dict[str, Any]) -> tuple[bytes, bytes]:
    v = vectors["mutation_keys_vector"]
    return base64.b64decode(v["key_id_b64"]), bytes.fromhex(v["key_data_hex"])


@pytest.mark.parametrize("position", [0, 1])
def test_encoded_patch_matches_baileys(vectors: dict[str, Any], position: int) -> None:
    """Built with the vector's IV, our patch is byte-identical to Baileys', and applies back."""
    v = vectors["encode_syncd_patch_vectors"][position]
    key_id, key_data = _key(vectors)
    assert key_id.hex() == v["key_id_hex"]
    before = CollectionState(v["state_before"]["version"], bytes.fromhex(v["state_before"]["hash_hex"]))
    previous = _previous(vectors, position)
    value = json_format.ParseDict(v["input"]["sync_action_value"], SyncActionValue())
    operation = SyncdMutation.SyncdOperation.Value(v["operation"])
    change = Change(v["input"]["index"], value, v["input"]["api_version"], operation)
    iv = bytes.fromhex(v["aes_cbc_iv_hex"])
    patch, applied = build_patch(
        v["input"]["name"],
        before,
        [change],
        key_id=key_id,
        key_data=key_data,
        previous=previous,
        random=lambda n: iv[:n],
    )
    record = patch.mutations[0].record
    assert record.index.blob.hex() == v["index_mac_hex"]
    assert record.value.blob.hex() == v["value_blob_hex"]
    assert applied.mutations[0].value_mac.hex() == v["value_mac_hex"]
    assert patch.snapshotMac.hex() == v["snapshot_mac_hex"]
    assert patch.patchMac.hex() == v["patch_mac_hex"]
    assert applied.state.version == v["state_after"]["version"]
    assert applied.state.lthash.hex() == v["state_after"]["hash_hex"]
    assert patch.SerializeToString().hex() == v["syncd_patch_proto_hex"]
    # Decoding Baileys' bytes gives the same mutation and state.
    theirs = SyncdPatch.FromString(bytes.fromhex(v["syncd_patch_proto_hex"]))
    decoded = apply_patch(v["input"]["name"], before, theirs, {key_id: key_data}, previous)
    assert decoded.state == applied.state
    assert decoded.value_macs == applied.value_macs
    assert decoded.mutations[0].index == tuple(v["input"]["index"])
    assert decoded.mutations[0].value == value
    index = bytes.fromhex(v["index_mac_hex"])
    if operation == SyncdMutation.SET:
        table = v["state_after"]["index_value_map"]
        expected = {base64.b64decode(k): bytes.fromhex(e["valueMac_hex"]) for k, e in table.items()}
        assert decoded.value_macs == expected
    else:
        # Baileys' encoder leaves the removed index in its returned map (its LTHash, all
        # zeros here, agrees with ours); the record is gone, so our table drops it.
        assert decoded.value_macs == {index: None}


def _previous(vectors: dict[str, Any], position: int) -> dict[bytes, bytes]:
    """The index table before vector ``position``: what the earlier vectors left."""
    if position == 0:
        return {}
    table = vectors["encode_syncd_patch_vectors"][position - 1]["state_after"]["index_value_map"]
    return {base64.b64decode(k): bytes.fromhex(e["valueMac_hex"]) for k, e in table.items()}


def test_set_constant_is_the_proto_value() -> None:
    assert SET == SyncdMutation.SET
