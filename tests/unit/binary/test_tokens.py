"""The library's token tables equal the published vector tables."""

from __future__ import annotations

import pytest

from tests.conftest import load_vectors
from waproto.binary import DICT_VERSIONS, Tag, get_table


@pytest.mark.parametrize(
    ("dict_version", "path"), [(2, "wabinary/tokens.json"), (3, "wabinary/tokens_whatsmeow.json")]
)
def test_tables_match_vectors(dict_version: int, path: str) -> None:
    vectors = load_vectors(path)
    table = get_table(dict_version)
    assert vectors["dict_version"] == dict_version
    assert list(table.single) == vectors["single_byte_tokens"]
    assert [list(t) for t in table.double] == vectors["double_byte_tokens"]


def test_tags_match_vectors() -> None:
    v2 = load_vectors("wabinary/tokens.json")
    for name, value in v2["tags"].items():
        if name in Tag.__members__:
            assert Tag[name] == value
    for name, value in v2["tags_not_in_baileys_from_whatsmeow"].items():
        assert Tag[name] == value
    v3 = load_vectors("wabinary/tokens_whatsmeow.json")["tags"]
    assert (v3["FBJID"], v3["InteropJID"], v3["ADJID"]) == (Tag.FB_JID, Tag.INTEROP_JID, Tag.AD_JID)


def test_reverse_map_covers_every_token() -> None:
    for version in DICT_VERSIONS:
        table = get_table(version)
        assert len(table.encoded) == len(table.single) + sum(len(t) for t in table.double)
        assert table.encoded[table.single[5]] == bytes([5])
        assert table.encoded[table.double[2][7]] == bytes([Tag.DICTIONARY_2, 7])


def test_unknown_version_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="dictionary version"):
        get_table(4)
