"""Round-trip properties for both dictionary versions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from waproto.binary import DICT_VERSIONS, Node, decode_node, encode_node, get_table
from waproto.jid import GROUP_SERVER, HOSTED_LID_SERVER, HOSTED_SERVER, JID, LID_SERVER, USER_SERVER

_TOKENS = sorted(get_table(2).encoded.keys() | get_table(3).encoded.keys())

# Servers whose device part survives AD_JID (the domain byte names them); others carry no device.
_DEVICE_SERVERS = [USER_SERVER, LID_SERVER, HOSTED_SERVER, HOSTED_LID_SERVER]
_PLAIN_SERVERS = [GROUP_SERVER, "broadcast", "newsletter", "c.us", "msgr"]

_jids = st.one_of(
    st.builds(
        JID,
        st.text("0123456789", min_size=1, max_size=18),
        st.sampled_from(_DEVICE_SERVERS),
        st.integers(0, 255),
    ),
    st.builds(JID, st.text("0123456789-", min_size=1, max_size=30), st.sampled_from(_PLAIN_SERVERS)),
).map(str)

_strings = st.one_of(
    st.sampled_from(_TOKENS),
    st.text("0123456789-.", max_size=140),
    st.text("0123456789ABCDEF", max_size=140),
    st.text(st.characters(blacklist_characters="@", blacklist_categories=("Cs",)), max_size=80),
    _jids,
)
_tags = _strings.filter(bool)
_attrs = st.dictionaries(_strings, _strings, max_size=8)


def _nodes() -> st.SearchStrategy[Node]:
    leaves = st.builds(
        Node,
        _tags,
        _attrs,
        st.one_of(st.none(), st.binary(max_size=300), _strings),
    )
    return st.recursive(
        leaves,
        lambda children: st.builds(Node, _tags, _attrs, st.lists(children, max_size=6)),
        max_leaves=15,
    )


def _expected(node: Node) -> Node:
    """What the decoder yields: string content comes back as UTF-8 bytes."""
    content = node.content
    if isinstance(content, str):
        content = content.encode()
    elif isinstance(content, list):
        content = [_expected(child) for child in content]
    return Node(node.tag, node.attrs, content)


@settings(max_examples=200, deadline=None)
@given(_nodes(), st.sampled_from(DICT_VERSIONS))
def test_round_trip(node: Node, dict_version: int) -> None:
    encoded = encode_node(node, dict_version=dict_version)
    assert encoded[0] == 0
    assert decode_node(encoded, dict_version=dict_version) == _expected(node)


@settings(max_examples=60, deadline=None)
@given(_nodes(), st.sampled_from(DICT_VERSIONS))
def test_reencoding_decoded_output_is_stable(node: Node, dict_version: int) -> None:
    once = decode_node(encode_node(node, dict_version=dict_version), dict_version=dict_version)
    twice = decode_node(encode_node(once, dict_version=dict_version), dict_version=dict_version)
    assert twice == once
