"""The codec against Baileys 6.17.16 output (dictionary version 2), byte for byte."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import load_vectors
from tests.unit.binary.helpers import expected_decoded, node_from_json, sample_encoding_matches
from waproto.binary import decode_node, encode_node
from waproto.errors import DecodeError

SAMPLES = "wabinary/baileys_samples.json"


def _samples(section: str) -> list[Any]:
    return list(load_vectors(SAMPLES)[section])


def test_every_sample_encodes_byte_for_byte() -> None:
    samples = _samples("samples")
    assert len(samples) == 67
    mismatches = [
        s["name"]
        for s in samples
        if not sample_encoding_matches(s, encode_node(node_from_json(s["node"]), dict_version=2))
    ]
    assert mismatches == []


def test_every_sample_decodes_to_baileys_form() -> None:
    for sample in _samples("samples"):
        encoded = encode_node(node_from_json(sample["node"]), dict_version=2)
        assert decode_node(encoded, dict_version=2) == expected_decoded(sample["baileys_decoded"]), sample[
            "name"
        ]


def test_sample_hex_decodes_directly() -> None:
    for sample in _samples("samples"):
        if "encoded_hex" in sample:
            decoded = decode_node(bytes.fromhex(sample["encoded_hex"]), dict_version=2)
            assert decoded == expected_decoded(sample["baileys_decoded"]), sample["name"]


def test_compressed_samples_inflate() -> None:
    samples = _samples("compressed_samples")
    assert samples
    for sample in samples:
        decoded = decode_node(bytes.fromhex(sample["frame_hex"]), dict_version=2)
        assert decoded == expected_decoded(sample["baileys_decoded"]), sample["name"]


@pytest.mark.parametrize("dict_version", [2, 3])
def test_decode_error_samples_raise_decode_error(dict_version: int) -> None:
    samples = _samples("decode_error_samples")
    assert samples
    for sample in samples:
        with pytest.raises(DecodeError):
            decode_node(bytes.fromhex(sample["frame_hex"]), dict_version=dict_version)
