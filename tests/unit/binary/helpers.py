"""Conversions between the JSON form of ``wabinary/baileys_samples.json`` and nodes."""

from __future__ import annotations

import hashlib
from typing import Any

from waproto.binary import Node


def generated_bytes(length: int) -> bytes:
    """The samples' rule for large contents: ``byte[i] = i % 251``."""
    pattern = bytes(range(251))
    return (pattern * (length // 251 + 1))[:length]


def json_content(content: Any) -> str | bytes | list[Node] | None:
    if content is None or isinstance(content, str):
        return content
    if isinstance(content, list):
        return [node_from_json(child) for child in content]
    if "hex" in content:
        return bytes.fromhex(content["hex"])
    return generated_bytes(content["generated"]["length"])


def node_from_json(data: dict[str, Any]) -> Node:
    """Build a node for encoding; JSON null attrs stay ``None`` so the encoder must skip them."""
    return Node(data["tag"], dict(data["attrs"]), json_content(data.get("content")))


def expected_decoded(data: dict[str, Any]) -> Node:
    """Baileys' decoded form, with string content as UTF-8 bytes (our decoder's one content type)."""
    content = json_content(data.get("content"))
    if isinstance(content, str):
        content = content.encode()
    return Node(data["tag"], dict(data["attrs"]), content)


def sample_encoding_matches(sample: dict[str, Any], encoded: bytes) -> bool:
    if "encoded_hex" in sample:
        return encoded.hex() == sample["encoded_hex"]
    return (
        len(encoded) == sample["encoded_length"]
        and hashlib.sha256(encoded).hexdigest() == sample["encoded_sha256"]
        and encoded.hex().startswith(sample["encoded_prefix_hex"])
        and encoded.hex().endswith(sample["encoded_suffix_hex"])
    )
