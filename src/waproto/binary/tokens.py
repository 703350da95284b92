"""Tag bytes and token dictionaries of the WhatsApp binary XML format.

Two dictionary versions exist: 2 (Baileys 6.x) and 3 (current WhatsApp Web, whatsmeow,
Baileys 7). The version is announced in the Noise prologue (``WA 06 <version>``), so one
connection uses one table throughout. The tag bytes are the same in both versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from waproto.binary import _tokens_v2, _tokens_v3

__all__ = [
    "DEFAULT_DICT_VERSION",
    "DICT_VERSIONS",
    "PACKED_MAX",
    "Tag",
    "TokenTable",
    "get_table",
]


class Tag(IntEnum):
    """Wire tag bytes (Baileys ``TAGS``, whatsmeow ``binary/token``)."""

    LIST_EMPTY = 0
    DICTIONARY_0 = 236
    DICTIONARY_1 = 237
    DICTIONARY_2 = 238
    DICTIONARY_3 = 239
    INTEROP_JID = 245
    FB_JID = 246
    AD_JID = 247
    LIST_8 = 248
    LIST_16 = 249
    JID_PAIR = 250
    HEX_8 = 251
    BINARY_8 = 252
    BINARY_20 = 253
    BINARY_32 = 254
    NIBBLE_8 = 255


# Longest string (in characters) written as NIBBLE_8 / HEX_8; the length byte keeps 7 bits.
PACKED_MAX = 127

DEFAULT_DICT_VERSION = 3


@dataclass(frozen=True, slots=True)
class TokenTable:
    """One dictionary version, with the encoder's reverse map built once at import.

    Attributes:
        version: the dictionary version announced in the Noise prologue.
        single: single-byte tokens; the index is the wire byte (index 0 is ``""``).
        double: four tables of 256 tokens, selected by DICTIONARY_0..3.
        encoded: every token string mapped to its encoded bytes (one or two bytes).
    """

    version: int
    single: tuple[str, ...]
    double: tuple[tuple[str, ...], ...]
    encoded: dict[str, bytes]


def _build(version: int, single: tuple[str, ...], double: tuple[tuple[str, ...], ...]) -> TokenTable:
    encoded: dict[str, bytes] = {}
    # Double-byte entries first so single-byte ones win on a clash (whatsmeow order);
    # neither shipped table has a clash, so this matches Baileys too.
    for dict_index, table in enumerate(double):
        for index, token in enumerate(table):
            encoded[token] = bytes((Tag.DICTIONARY_0 + dict_index, index))
    for index, token in enumerate(single):
        encoded[token] = bytes((index,))
    return TokenTable(version, single, double, encoded)


_TABLES = {
    2: _build(2, _tokens_v2.SINGLE_BYTE_TOKENS, _tokens_v2.DOUBLE_BYTE_TOKENS),
    3: _build(3, _tokens_v3.SINGLE_BYTE_TOKENS, _tokens_v3.DOUBLE_BYTE_TOKENS),
}

DICT_VERSIONS = tuple(_TABLES)


def get_table(dict_version: int) -> TokenTable:
    """Return the token table for a dictionary version.

    Raises:
        ValueError: for a version other than 2 or 3 (a programming error, not bad input).
    """
    try:
        return _TABLES[dict_version]
    except KeyError:
        raise ValueError(f"unsupported dictionary version {dict_version}") from None
