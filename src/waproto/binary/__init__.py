"""The WhatsApp binary XML codec: nodes, token dictionaries, encoder and decoder.

Pure functions over bytes; no I/O. ``encode_node`` and ``decode_node`` work on frame
payloads that include the leading flags byte.
"""

from __future__ import annotations

from waproto.binary.decoder import (
    DEFAULT_LIMITS,
    MAX_CHILDREN,
    MAX_DEPTH,
    MAX_FRAME_SIZE,
    MAX_INFLATED_SIZE,
    MAX_NODES,
    DecodeLimits,
    decode_node,
)
from waproto.binary.encoder import encode_node
from waproto.binary.node import Content, Node
from waproto.binary.tokens import DEFAULT_DICT_VERSION, DICT_VERSIONS, Tag, TokenTable, get_table

__all__ = [
    "DEFAULT_DICT_VERSION",
    "DEFAULT_LIMITS",
    "DICT_VERSIONS",
    "MAX_CHILDREN",
    "MAX_DEPTH",
    "MAX_FRAME_SIZE",
    "MAX_INFLATED_SIZE",
    "MAX_NODES",
    "Content",
    "DecodeLimits",
    "Node",
    "Tag",
    "TokenTable",
    "decode_node",
    "encode_node",
    "get_table",
]
