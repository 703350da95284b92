"""Framing: 3-byte lengths, the intro before the first frame only, reassembly at any cut."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waproto.errors import DecodeError, LimitExceeded
from waproto.noise import (
    MAX_FRAME_SIZE,
    MAX_ROUTING_INFO_SIZE,
    FrameDecoder,
    FrameEncoder,
    edge_routing_prefix,
    encode_frame,
    noise_prologue,
)

PAYLOADS = [b"", b"\x01", bytes(range(256)) * 4, b"x" * 255, b"y" * 256, b"\x00\x00\x03"]
ROUTING = bytes.fromhex("0802080d")


def _client_stream(routing_info: bytes | None) -> bytes:
    encoder = FrameEncoder(noise_prologue(3), routing_info=routing_info)
    return b"".join(encoder.encode(payload) for payload in PAYLOADS)


def _server_stream() -> bytes:
    encoder = FrameEncoder()
    return b"".join(encoder.encode(payload) for payload in PAYLOADS)


def _feed(decoder: FrameDecoder, chunks: list[bytes]) -> list[bytes]:
    return [frame for chunk in chunks for frame in decoder.receive_data(chunk)]


def test_prologue_and_frame_layout() -> None:
    assert noise_prologue(2) == bytes.fromhex("57410602")
    assert noise_prologue(3) == b"WA\x06\x03"
    assert encode_frame(b"abc") == b"\x00\x00\x03abc"
    assert encode_frame(b"\x00" * 0x010203)[:3] == b"\x01\x02\x03"
    assert edge_routing_prefix(ROUTING) == b"ED\x00\x01\x00\x00\x04" + ROUTING


def test_encoder_sends_intro_before_the_first_frame_only() -> None:
    encoder = FrameEncoder(noise_prologue(3))
    assert encoder.encode(b"one") == b"WA\x06\x03\x00\x00\x03one"
    assert encoder.encode(b"two") == b"\x00\x00\x03two"
    routed = FrameEncoder(noise_prologue(2), routing_info=ROUTING)
    assert routed.encode(b"") == edge_routing_prefix(ROUTING) + b"WA\x06\x02\x00\x00\x00"
    assert FrameEncoder().encode(b"s") == b"\x00\x00\x01s"


def test_encoding_over_the_limit_is_refused() -> None:
    assert len(encode_frame(bytes(MAX_FRAME_SIZE))) == MAX_FRAME_SIZE + 3
    with pytest.raises(LimitExceeded):
        encode_frame(bytes(MAX_FRAME_SIZE + 1))
    with pytest.raises(LimitExceeded):
        FrameEncoder(noise_prologue(3), routing_info=bytes(MAX_ROUTING_INFO_SIZE + 1))


@pytest.mark.parametrize("routing_info", [None, ROUTING, b""], ids=["plain", "routed", "empty-route"])
def test_every_single_split_point_of_a_client_stream(routing_info: bytes | None) -> None:
    stream = _client_stream(routing_info)
    for cut in range(len(stream) + 1):
        decoder = FrameDecoder(expect_intro=True)
        assert _feed(decoder, [stream[:cut], stream[cut:]]) == PAYLOADS, cut
        assert decoder.prologue == b"WA\x06\x03"
        assert decoder.dict_version == 3
        assert decoder.routing_info == routing_info
        assert decoder.buffered == 0


def test_every_single_split_point_of_a_server_stream() -> None:
    stream = _server_stream()
    for cut in range(len(stream) + 1):
        assert _feed(FrameDecoder(), [stream[:cut], stream[cut:]]) == PAYLOADS, cut


def test_every_pair_of_split_points_over_small_frames() -> None:
    payloads = [b"", b"a", b"bc", b"", b"defg"]
    encoder = FrameEncoder(noise_prologue(2), routing_info=b"r")
    stream = b"".join(encoder.encode(payload) for payload in payloads)
    for first in range(len(stream) + 1):
        for second in range(first, len(stream) + 1):
            chunks = [stream[:first], stream[first:second], stream[second:]]
            assert _feed(FrameDecoder(expect_intro=True), chunks) == payloads, (first, second)


def test_byte_at_a_time_and_all_at_once() -> None:
    stream = _client_stream(ROUTING)
    one_by_one = [stream[i : i + 1] for i in range(len(stream))]
    assert _feed(FrameDecoder(expect_intro=True), one_by_one) == PAYLOADS
    assert FrameDecoder(expect_intro=True).receive_data(stream) == PAYLOADS


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=2000), max_size=12))
def test_any_chunking_reassembles(cuts: list[int]) -> None:
    stream = _client_stream(ROUTING)
    points = sorted({min(c, len(stream)) for c in cuts})
    chunks = [stream[a:b] for a, b in zip([0, *points], [*points, len(stream)], strict=True)]
    assert _feed(FrameDecoder(expect_intro=True), chunks) == PAYLOADS


def test_declared_length_over_the_limit_is_refused_before_buffering() -> None:
    decoder = FrameDecoder(max_frame=1000)
    assert decoder.receive_data(encode_frame(bytes(1000))) == [bytes(1000)]
    with pytest.raises(LimitExceeded):
        decoder.receive_data(b"\x00\x03\xe9")
    # The stream is out of sync now; the decoder stays failed.
    with pytest.raises(LimitExceeded):
        decoder.receive_data(encode_frame(b"ok"))


def test_largest_frame_header_waits_for_its_body() -> None:
    decoder = FrameDecoder()
    assert decoder.receive_data(b"\xff\xff\xff" + bytes(10)) == []
    assert decoder.buffered == 13


def test_max_frame_must_be_sane() -> None:
    for bad in (0, MAX_FRAME_SIZE + 1):
        with pytest.raises(ValueError):
            FrameDecoder(max_frame=bad)


@pytest.mark.parametrize(
    "garbage",
    [
        b"GET / HTTP/1.1\r\n",
        b"WB\x06\x03",
        b"WA\x05\x03",
        b"EX\x00\x01\x00\x00\x00WA\x06\x03",
        b"ED\x00\x02\x00\x00\x00WA\x06\x03",
        b"ED\x00\x01\x00\x00\x01rXA\x06\x03",
        b"\x00\x00\x01a",
    ],
)
def test_garbage_intro_is_a_decode_error(garbage: bytes) -> None:
    decoder = FrameDecoder(expect_intro=True)
    with pytest.raises(DecodeError) as info:
        _feed(decoder, [garbage[:1], garbage[1:]])
    assert type(info.value) is DecodeError
    with pytest.raises(DecodeError):
        decoder.receive_data(b"WA\x06\x03")


def test_oversized_routing_info_is_refused() -> None:
    size = (MAX_ROUTING_INFO_SIZE + 1).to_bytes(3, "big")
    with pytest.raises(LimitExceeded):
        FrameDecoder(expect_intro=True).receive_data(b"ED\x00\x01" + size)


def test_partial_intro_waits() -> None:
    decoder = FrameDecoder(expect_intro=True)
    assert decoder.receive_data(b"WA\x06") == []
    assert decoder.prologue is None and decoder.dict_version is None
    assert decoder.receive_data(b"\x02\x00\x00") == []
    assert decoder.dict_version == 2
    assert decoder.receive_data(b"\x01z") == [b"z"]
