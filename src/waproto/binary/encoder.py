"""Encode nodes to the WhatsApp binary XML format, byte-compatible with Baileys.

String values are written the way Baileys' ``encodeBinaryNode`` writes them, in this order
of preference: a dictionary token; NIBBLE_8 for up to 127 characters of ``0-9 - .``;
HEX_8 for up to 127 characters of ``0-9 A-F``; a JID tag for a string containing ``@``;
otherwise raw UTF-8 with a BINARY_8/20/32 length.

JID strings follow Baileys too: a ``:device`` part (even ``:0``) selects AD_JID, whose
first byte is the domain type implied by the server (0 for ``s.whatsapp.net``, 1 for
``lid``); everything else is a JID_PAIR. With dictionary version 3, ``msgr`` and
``interop`` JIDs use FB_JID and INTEROP_JID as whatsmeow does. A ``@`` string that is not
a well-formed JID, or that the JID tags cannot hold without loss (a device above 255,
an agent without a device), is written raw instead. One deliberate difference: empty
``str`` content is written as empty BINARY_8 data, not as token 0, which Baileys reads
back as an empty child list.
"""

from __future__ import annotations

import re
from functools import lru_cache

from waproto.binary.node import Node
from waproto.binary.tokens import DEFAULT_DICT_VERSION, PACKED_MAX, Tag, TokenTable, get_table
from waproto.errors import JIDError
from waproto.jid import INTEROP_SERVER, JID, MESSENGER_SERVER

__all__ = ["encode_node"]

_NIBBLE_RE = re.compile(r"[0-9.\-]+")
_HEX_RE = re.compile(r"[0-9A-F]+")
_NIBBLE_TO_HEX = str.maketrans("-.", "ab")

_MAX_BINARY_32 = 1 << 32
_MAX_LIST_16 = 0xFFFF
_AD_JID_MAX_DEVICE = 0xFF


def _byte_length(length: int) -> bytes:
    """Return the BINARY_8/20/32 header for raw data of ``length`` bytes."""
    if length < 256:
        return bytes((Tag.BINARY_8, length))
    if length < 1 << 20:
        return bytes((Tag.BINARY_20, length >> 16, (length >> 8) & 0xFF, length & 0xFF))
    if length < _MAX_BINARY_32:
        return bytes((Tag.BINARY_32,)) + length.to_bytes(4, "big")
    raise ValueError(f"data too large to encode: {length} bytes")


def _list_start(size: int) -> bytes:
    if size == 0:
        return b"\x00"
    if size < 256:
        return bytes((Tag.LIST_8, size))
    if size <= _MAX_LIST_16:
        return bytes((Tag.LIST_16, size >> 8, size & 0xFF))
    raise ValueError(f"list too long to encode: {size} items")


_LIST_STARTS = tuple(_list_start(size) for size in range(256))


def _packed(text: str, tag: Tag) -> bytes:
    """Pack digits or upper-case hex two characters per byte (an odd tail pads with 0xF)."""
    odd = len(text) & 1
    hex_text = text.translate(_NIBBLE_TO_HEX) if tag == Tag.NIBBLE_8 else text
    if odd:
        hex_text += "f"
    return bytes((tag, (len(text) + 1) >> 1 | (0x80 if odd else 0))) + bytes.fromhex(hex_text)


@lru_cache(maxsize=4096)
def _encode_jid(text: str, dict_version: int) -> bytes | None:
    """Return the JID-tag encoding of ``text``, or ``None`` when it must be written raw.

    Cached because the same few JIDs (our own, the peer's, the server) recur in every stanza.
    """
    try:
        jid = JID.parse(text)
    except JIDError:
        return None
    table = get_table(dict_version)
    user = _encode_string(jid.user, table) if jid.user else b"\x00"
    if dict_version >= 3 and jid.server in (MESSENGER_SERVER, INTEROP_SERVER) and not jid.agent:
        device = jid.device.to_bytes(2, "big")
        server = _encode_string(jid.server, table)
        if jid.server == MESSENGER_SERVER:
            return bytes((Tag.FB_JID,)) + user + device + server
        # The string form carries no integrator (whatsmeow's String() omits it too), so 0.
        return bytes((Tag.INTEROP_JID,)) + user + device + b"\x00\x00" + server
    if ":" in text.partition("@")[0]:
        if jid.device > _AD_JID_MAX_DEVICE or not jid.user:
            return None
        return bytes((Tag.AD_JID, jid.domain, jid.device)) + user
    if jid.agent:
        return None
    return bytes((Tag.JID_PAIR,)) + user + _encode_string(jid.server, table)


def _encode_string(text: str, table: TokenTable) -> bytes:
    token = table.encoded.get(text)
    if token is not None:
        return token
    if len(text) <= PACKED_MAX:
        if _NIBBLE_RE.fullmatch(text):
            return _packed(text, Tag.NIBBLE_8)
        if _HEX_RE.fullmatch(text):
            return _packed(text, Tag.HEX_8)
    if "@" in text:
        encoded = _encode_jid(text, table.version)
        if encoded is not None:
            return encoded
    raw = text.encode()
    return _byte_length(len(raw)) + raw


def _write_node(node: Node, table: TokenTable, out: bytearray) -> None:
    # The hot path: token lookups are inlined; everything else goes through _encode_string.
    tokens = table.encoded
    attrs = node.attrs
    content = node.content
    skipped = sum(value is None for value in attrs.values()) if None in attrs.values() else 0
    size = 2 * (len(attrs) - skipped) + 1 + (content is not None)
    out += _LIST_STARTS[size] if size < 256 else _list_start(size)
    tag = node.tag
    out += tokens.get(tag) or _encode_string(tag, table)
    for key, value in attrs.items():
        if value is None:
            continue
        if not isinstance(value, str):
            raise TypeError(f"<{tag}> attribute {key!r} must be str, not {type(value).__name__}")
        out += tokens.get(key) or _encode_string(key, table)
        out += tokens.get(value) or _encode_string(value, table)
    if content is None:
        return
    if isinstance(content, list):
        count = len(content)
        out += _LIST_STARTS[count] if count < 256 else _list_start(count)
        for child in content:
            _write_node(child, table, out)
    elif isinstance(content, bytes | bytearray | memoryview):
        out += _byte_length(len(content))
        out += content
    elif isinstance(content, str):
        # "" is token 0, which reads back as LIST_EMPTY (children); write empty data instead.
        out += _encode_string(content, table) if content else _byte_length(0)
    else:
        kind = type(content).__name__
        raise TypeError(f"<{tag}> content must be None, str, bytes or list, not {kind}")


def encode_node(node: Node, *, dict_version: int = DEFAULT_DICT_VERSION) -> bytes:
    """Encode a node as a frame payload, including the leading flags byte (``0x00``).

    Attributes whose value is ``None`` are skipped, as Baileys skips null attributes.

    Args:
        node: the stanza to encode; it is trusted local input.
        dict_version: the token dictionary announced in the Noise prologue (2 or 3).

    Raises:
        TypeError: for an attribute value or content of an unsupported type.
        ValueError: for an unknown dictionary version or an over-long list or blob.
    """
    table = get_table(dict_version)
    out = bytearray(b"\x00")
    _write_node(node, table, out)
    return bytes(out)
