"""Profile, privacy, blocklist and call stanzas on nodes alone."""

from __future__ import annotations

import pytest

from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.jid import JID
from waproto.profile import stanzas as st

BOB = JID.parse("15550000002:3@s.whatsapp.net")


def test_picture_request_and_answer() -> None:
    node = st.build_profile_picture(BOB, preview=True)
    assert node.attrs["target"] == "15550000002@s.whatsapp.net" and node.attrs["xmlns"] == "w:profile:picture"
    assert node.get_children()[0].attrs == {"type": "preview", "query": "url"}
    answer = Node("iq", {}, [Node("picture", {"id": "1", "url": "https://pps.example/x.jpg"})])
    assert st.parse_profile_picture(answer) == "https://pps.example/x.jpg"
    assert st.parse_profile_picture(Node("iq", {})) is None
    with pytest.raises(DecodeError):
        st.parse_profile_picture(Node("iq", {}, [Node("picture", {"url": "http://plain"})]))
    with pytest.raises(ValueError):
        st.build_set_profile_picture(b"PNG")


def test_blocklist_and_privacy() -> None:
    block = st.build_block(BOB, block=True).get_children()[0]
    assert block.attrs == {"action": "block", "jid": "15550000002@s.whatsapp.net"}
    listing = Node("iq", {}, [Node("list", {}, [Node("item", {"jid": str(BOB.to_non_ad())})])])
    assert st.parse_blocklist(listing) == [BOB.to_non_ad()]
    with pytest.raises(DecodeError):
        st.parse_blocklist(Node("iq", {}, [Node("list", {}, [Node("item")])]))
    category = st.build_set_privacy("last", "contacts").get_children()[0].get_children()[0]
    assert category.attrs == {"name": "last", "value": "contacts"}
    for name, value in (("nope", "all"), ("readreceipts", "contacts")):
        with pytest.raises(ValueError):
            st.build_set_privacy(name, value)
    answer = Node("iq", {}, [Node("privacy", {}, [Node("category", {"name": "last", "value": "none"})])])
    assert st.parse_privacy(answer) == {"last": "none"}


def test_call_offer_and_reject() -> None:
    offer_node = Node(
        "call",
        {"from": "15550000001:0@s.whatsapp.net", "id": "C1", "t": "1767225600"},
        [Node("offer", {"call-id": "ABC", "call-creator": "15550000001:0@s.whatsapp.net"}, [Node("video")])],
    )
    offer = st.parse_call(offer_node)
    assert offer is not None and (offer.call_id, offer.video, offer.timestamp) == ("ABC", True, 1767225600)
    assert st.parse_call(Node("call", {"from": "x@s.whatsapp.net"}, [Node("terminate")])) is None
    reject = st.build_reject_call(offer, BOB, "R1")
    caller = str(JID.parse("15550000001:0@s.whatsapp.net"))
    assert reject.attrs == {"to": caller, "from": str(BOB), "id": "R1"}
    assert reject.get_children()[0].attrs == {
        "call-id": "ABC",
        "call-creator": caller,
        "count": "0",
    }
