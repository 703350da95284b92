"""The media_conn iq: request shape, parsing and cache lifetime."""

from __future__ import annotations

import pytest

from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.media.conn import media_conn_request, parse_media_conn


def test_request_shape() -> None:
    node = media_conn_request()
    assert (node.tag, node.attrs) == ("iq", {"xmlns": "w:m", "type": "set", "to": "s.whatsapp.net"})
    assert [c.tag for c in node.get_children()] == ["media_conn"]


def test_parse_hosts_auth_and_ttl() -> None:
    hosts = [Node("host", {"hostname": "mmg.whatsapp.net"}), Node("host", {"hostname": "media-x.cdn"})]
    answer = Node("iq", {"type": "result"}, [Node("media_conn", {"auth": "AUTH", "ttl": "300"}, hosts)])
    conn = parse_media_conn(answer, now=10.0)
    assert conn.hosts == ("mmg.whatsapp.net", "media-x.cdn")
    assert conn.auth == "AUTH"
    assert not conn.expired(309.9)
    assert conn.expired(310.0)
    assert "AUTH" not in repr(conn)


@pytest.mark.parametrize(
    "content",
    [
        [],
        [Node("media_conn", {"auth": "A", "ttl": "1"})],
        [Node("media_conn", {"ttl": "1"}, [Node("host", {"hostname": "h"})])],
        [Node("media_conn", {"auth": "A", "ttl": "x"}, [Node("host", {"hostname": "h"})])],
    ],
)
def test_malformed_answers_raise_decode_error(content: list[Node]) -> None:
    with pytest.raises(DecodeError):
        parse_media_conn(Node("iq", {}, content), now=0.0)
