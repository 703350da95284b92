"""Decode WhatsApp binary XML frame payloads into nodes, with hard limits.

The payload starts with a flags byte; when ``flags & 0x02`` the rest is a zlib (RFC 1950)
stream, otherwise the byte is dropped (Baileys ``decompressingIfRequired``). Decoding is
recursive but depth-limited, and every malformed or oversized input raises
:class:`~waproto.errors.DecodeError` (or :class:`~waproto.errors.LimitExceeded`), never
``IndexError`` or ``zlib.error``.

Content read as BINARY_8/20/32 is returned as ``bytes``; content written as a token,
packed digits/hex or a JID is returned as its UTF-8 ``bytes`` too, so readers see one type.
Attribute values are ``str``; raw attribute bytes that are not UTF-8 are decoded with
replacement characters, as Baileys does. Error offsets count bytes after the flags byte
(in the inflated body when the payload is compressed).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from waproto.binary.node import Node
from waproto.binary.tokens import DEFAULT_DICT_VERSION, Tag, get_table
from waproto.errors import DecodeError, LimitExceeded
from waproto.jid import (
    DOMAIN_HOSTED,
    DOMAIN_HOSTED_LID,
    DOMAIN_LID,
    HOSTED_LID_SERVER,
    HOSTED_SERVER,
    INTEROP_SERVER,
    LID_SERVER,
    MESSENGER_SERVER,
    USER_SERVER,
)

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_CHILDREN",
    "MAX_DEPTH",
    "MAX_FRAME_SIZE",
    "MAX_INFLATED_SIZE",
    "MAX_NODES",
    "DecodeLimits",
    "decode_node",
]

# whatsmeow socket/constants.go FrameMaxSize = 1 << 24: the 3-byte frame length cannot say more.
MAX_FRAME_SIZE = 1 << 24
# The inflated body gets the same bound; whatsmeow (binary/unpack.go) inflates without any.
MAX_INFLATED_SIZE = 1 << 24
# Real stanzas nest fewer than 10 levels; 64 keeps recursion far from Python's limit.
MAX_DEPTH = 64
# Group metadata or a usync reply for ~1k participants is a few thousand nodes.
MAX_NODES = 100_000
# Children of one element; LIST_16 could claim 65535, each child costing a Node object.
MAX_CHILDREN = 16_384

_COMPRESSED = 0x02
_PACKED_TAGS = frozenset((Tag.NIBBLE_8, Tag.HEX_8))
_WIDE_JID_TAGS = frozenset((Tag.FB_JID, Tag.INTEROP_JID))
_LIST_TAGS = frozenset((Tag.LIST_EMPTY, Tag.LIST_8, Tag.LIST_16))
# Plain ints for the hot path (IntEnum members cost an attribute lookup each).
_LIST_8 = int(Tag.LIST_8)
_LIST_16 = int(Tag.LIST_16)
_BINARY_8 = int(Tag.BINARY_8)
_BINARY_32 = int(Tag.BINARY_32)
_SERVERS_BY_DOMAIN = {
    DOMAIN_LID: LID_SERVER,
    DOMAIN_HOSTED: HOSTED_SERVER,
    DOMAIN_HOSTED_LID: HOSTED_LID_SERVER,
}
# NIBBLE_8 digits: a -> "-", b -> ".", f -> NUL (the odd-length pad); c, d, e are invalid.
_HEX_TO_NIBBLE = str.maketrans({"a": "-", "b": ".", "f": "\x00", "c": None, "d": None, "e": None})


@dataclass(frozen=True, slots=True)
class DecodeLimits:
    """Bounds applied while decoding untrusted payloads.

    Attributes:
        max_frame_size: largest payload accepted, flags byte included (bytes).
        max_inflated_size: largest body after zlib inflation (bytes).
        max_depth: deepest element nesting (the root is depth 1).
        max_nodes: most elements in one payload.
        max_children: most children of one element.
    """

    max_frame_size: int = MAX_FRAME_SIZE
    max_inflated_size: int = MAX_INFLATED_SIZE
    max_depth: int = MAX_DEPTH
    max_nodes: int = MAX_NODES
    max_children: int = MAX_CHILDREN


DEFAULT_LIMITS = DecodeLimits()


class _Decoder:
    """Cursor over one inflated body; reads through ``data[pos]`` so a short input is an IndexError."""

    __slots__ = ("data", "double", "limits", "nodes", "pos", "single")

    def __init__(self, data: bytes, dict_version: int, limits: DecodeLimits) -> None:
        table = get_table(dict_version)
        self.data = data
        self.pos = 0
        self.single = table.single
        self.double = table.double
        self.limits = limits
        self.nodes = 0

    def byte(self) -> int:
        value = self.data[self.pos]
        self.pos += 1
        return value

    def take(self, length: int) -> bytes:
        start = self.pos
        end = start + length
        if end > len(self.data):
            raise DecodeError(f"{length}-byte field runs past the end", offset=start)
        self.pos = end
        return self.data[start:end]

    def binary_length(self, tag: int) -> int:
        if tag == Tag.BINARY_8:
            return self.byte()
        if tag == Tag.BINARY_20:
            return ((self.byte() & 0x0F) << 16) | (self.byte() << 8) | self.byte()
        return int.from_bytes(self.take(4), "big")

    def list_size(self, tag: int) -> int:
        if tag == Tag.LIST_8:
            return self.byte()
        if tag == Tag.LIST_16:
            return (self.byte() << 8) | self.byte()
        if tag == Tag.LIST_EMPTY:
            return 0
        raise DecodeError(f"invalid list tag {tag}", offset=self.pos - 1)

    def string(self, tag: int, *, jid_allowed: bool = True) -> str:
        """Read the string that starts with ``tag`` (already consumed)."""
        if 0 < tag < len(self.single):
            return self.single[tag]
        if tag == Tag.LIST_EMPTY:
            return ""
        if Tag.DICTIONARY_0 <= tag <= Tag.DICTIONARY_3:
            return self.double[tag - Tag.DICTIONARY_0][self.byte()]
        if Tag.BINARY_8 <= tag <= Tag.BINARY_32:
            return self.take(self.binary_length(tag)).decode("utf-8", "replace")
        if tag in _PACKED_TAGS:
            return self.packed(tag)
        if jid_allowed:
            if tag == Tag.JID_PAIR:
                return self.jid_pair()
            if tag == Tag.AD_JID:
                return self.ad_jid()
            if tag in _WIDE_JID_TAGS:
                return self.fb_or_interop_jid(tag)
        raise DecodeError(f"invalid string tag {tag}", offset=self.pos - 1)

    def packed(self, tag: int) -> str:
        start = self.byte()
        text = self.take(start & 0x7F).hex()
        if tag == Tag.NIBBLE_8:
            nibbles = text.translate(_HEX_TO_NIBBLE)
            if len(nibbles) != len(text):
                raise DecodeError("invalid nibble in NIBBLE_8 string", offset=self.pos)
            text = nibbles
        else:
            text = text.upper()
        return text[:-1] if start & 0x80 else text

    def jid_part(self) -> str:
        part = self.string(self.byte(), jid_allowed=False)
        if "@" in part:
            raise DecodeError("'@' inside a JID part", offset=self.pos)
        return part

    def jid_pair(self) -> str:
        user = self.jid_part()
        server = self.jid_part()
        if not server:
            raise DecodeError("JID pair without a server", offset=self.pos)
        return f"{user}@{server}"

    def ad_jid(self) -> str:
        domain = self.byte()
        device = self.byte()
        user = self.jid_part()
        server = _SERVERS_BY_DOMAIN.get(domain)
        if server is not None or domain == 0:
            suffix = f":{device}" if device else ""
            return f"{user}{suffix}@{server or USER_SERVER}"
        # An unknown domain is a raw agent on the phone-number server (whatsmeow NewADJID).
        return f"{user}.{domain}:{device}@{USER_SERVER}"

    def fb_or_interop_jid(self, tag: int) -> str:
        user = self.jid_part()
        device = (self.byte() << 8) | self.byte()
        expected = MESSENGER_SERVER
        if tag == Tag.INTEROP_JID:
            # The integrator has no place in the string form (whatsmeow String() drops it too).
            self.take(2)
            expected = INTEROP_SERVER
        server = self.jid_part()
        if server != expected:
            raise DecodeError(f"JID tag {tag} with server {server!r}", offset=self.pos)
        suffix = f":{device}" if device else ""
        return f"{user}{suffix}@{server}"

    def node(self, depth: int) -> Node:
        # The hot path: header and token strings are read inline from locals; anything
        # other than a single-byte token goes through string().
        limits = self.limits
        if depth > limits.max_depth:
            raise LimitExceeded(f"nesting deeper than {limits.max_depth}", offset=self.pos)
        self.nodes += 1
        if self.nodes > limits.max_nodes:
            raise LimitExceeded(f"more than {limits.max_nodes} nodes", offset=self.pos)
        data = self.data
        single = self.single
        n_single = len(single)
        pos = self.pos
        size_tag = data[pos]
        if size_tag == _LIST_8:
            size = data[pos + 1]
            pos += 2
        elif size_tag == _LIST_16:
            size = (data[pos + 1] << 8) | data[pos + 2]
            pos += 3
        else:
            raise DecodeError(f"invalid node list tag {size_tag}", offset=pos)
        code = data[pos]
        pos += 1
        if 0 < code < n_single:
            tag = single[code]
        else:
            self.pos = pos
            tag = self.string(code)
            pos = self.pos
        if not size or not tag:
            raise DecodeError("invalid node header", offset=pos)
        attrs: dict[str, str] = {}
        for _ in range((size - 1) >> 1):
            code = data[pos]
            pos += 1
            if 0 < code < n_single:
                key = single[code]
            else:
                self.pos = pos
                key = self.string(code)
                pos = self.pos
            code = data[pos]
            pos += 1
            if 0 < code < n_single:
                attrs[key] = single[code]
            else:
                self.pos = pos
                attrs[key] = self.string(code)
                pos = self.pos
        self.pos = pos
        if size & 1:
            return Node(tag, attrs)
        return Node(tag, attrs, self.content(depth))

    def content(self, depth: int) -> bytes | list[Node]:
        tag = self.byte()
        if tag in _LIST_TAGS:
            count = self.list_size(tag)
            if count > self.limits.max_children:
                raise LimitExceeded(f"more than {self.limits.max_children} children", offset=self.pos)
            child_depth = depth + 1
            node = self.node
            return [node(child_depth) for _ in range(count)]
        if _BINARY_8 <= tag <= _BINARY_32:
            return self.take(self.binary_length(tag))
        return self.string(tag).encode()


def _inflate(body: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise DecodeError(f"bad zlib stream: {exc}") from None
    if len(data) > limit:
        raise LimitExceeded(f"inflated payload larger than {limit} bytes")
    if not inflater.eof or inflater.unused_data:
        raise DecodeError("truncated or trailing data around the zlib stream")
    return data


def decode_node(
    data: bytes, *, dict_version: int = DEFAULT_DICT_VERSION, limits: DecodeLimits = DEFAULT_LIMITS
) -> Node:
    """Decode one frame payload (flags byte first) into a node.

    Args:
        data: the decrypted frame payload, untrusted.
        dict_version: the token dictionary agreed in the Noise prologue (2 or 3).
        limits: bounds on size, inflation, depth and counts.

    Raises:
        DecodeError: for any malformed payload, including trailing bytes after the root.
        LimitExceeded: when a bound in ``limits`` is hit.
        ValueError: for an unknown dictionary version (a programming error).
    """
    if not data:
        raise DecodeError("empty payload")
    if len(data) > limits.max_frame_size:
        raise LimitExceeded(f"payload larger than {limits.max_frame_size} bytes")
    body = _inflate(bytes(data[1:]), limits.max_inflated_size) if data[0] & _COMPRESSED else bytes(data[1:])
    decoder = _Decoder(body, dict_version, limits)
    try:
        node = decoder.node(1)
    except IndexError:
        # Only a read past the end raises IndexError, so the offset is the body length.
        raise DecodeError("unexpected end of payload", offset=len(body)) from None
    if decoder.pos != len(body):
        raise DecodeError(f"{len(body) - decoder.pos} trailing bytes after the root node", offset=decoder.pos)
    return node
