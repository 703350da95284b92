"""ClientFrames against websockets' own client Protocol: the same server bytes give the same outcome.

Each case feeds what a server might send (whole, or one byte at a time) to both
and compares the data frames, the frames written back (unmasked), the close
frames recorded, the state and the parser error.
"""

from __future__ import annotations

import struct

import pytest
from websockets.frames import Opcode
from websockets.protocol import Protocol, Side, State
from websockets.speedups import apply_mask

from waproto.transport import _frames
from waproto.transport._frames import ClientFrames

MAX_SIZE = 1000


def frame(opcode: int, payload: bytes = b"", *, fin: bool = True, rsv: int = 0, mask: bool = False) -> bytes:
    """A server frame, built by hand so that it can also be wrong."""
    head1 = (0x80 if fin else 0) | rsv | opcode
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", head1, length | (0x80 if mask else 0))
    elif length < 1 << 16:
        header = struct.pack("!BBH", head1, 126 | (0x80 if mask else 0), length)
    else:
        header = struct.pack("!BBQ", head1, 127 | (0x80 if mask else 0), length)
    if mask:
        return header + b"\x00\x00\x00\x00" + payload
    return header + payload


def unmasked(chunks: list[bytes]) -> list[tuple[int, bytes]]:
    """(opcode, payload) of each frame a client wrote."""
    frames = []
    for chunk in (chunk for chunk in chunks if chunk):
        length, offset = chunk[1] & 0x7F, 2
        if length == 126:
            (length,), offset = struct.unpack("!H", chunk[2:4]), 4
        elif length == 127:
            (length,), offset = struct.unpack("!Q", chunk[2:10]), 10
        assert chunk[1] & 0x80, "client frames are masked"
        mask, payload = chunk[offset : offset + 4], chunk[offset + 4 :]
        assert len(payload) == length
        frames.append((chunk[0], apply_mask(payload, mask)))
    return frames


def outcome(protocol: Protocol | ClientFrames, data: list[bytes], eof: bool) -> tuple[object, ...]:
    events, writes = [], []
    for piece in data:
        protocol.receive_data(piece)
        events += [(event.opcode, bytes(event.data), event.fin) for event in protocol.events_received()]
        writes += protocol.data_to_send()
    if eof:
        protocol.receive_eof()
        writes += protocol.data_to_send()
    error = protocol.parser_exc
    return (
        [event for event in events if event[0] in (Opcode.TEXT, Opcode.BINARY, Opcode.CONT)],
        unmasked(writes),
        protocol.close_rcvd,
        protocol.close_sent,
        protocol.state,
        (type(error), str(error)) if error is not None else None,
    )


CASES = {
    "binary": [frame(Opcode.BINARY, b"hello")],
    "lengths": [frame(Opcode.BINARY, b"a" * 200), frame(Opcode.BINARY, b"b" * 125), frame(Opcode.BINARY)],
    "fragments": [
        frame(Opcode.BINARY, b"ab", fin=False),
        frame(Opcode.CONT, b"cd", fin=False),
        frame(Opcode.PING, b"in between"),
        frame(Opcode.CONT, b"ef"),
    ],
    "ping and pong": [frame(Opcode.PING, b"there?"), frame(Opcode.PONG, b"unasked"), frame(Opcode.PING)],
    "close": [frame(Opcode.BINARY, b"last"), frame(Opcode.CLOSE, struct.pack("!H", 1000) + b"bye")],
    "close then more": [frame(Opcode.CLOSE, struct.pack("!H", 4000)), frame(Opcode.BINARY, b"late")],
    "empty close": [frame(Opcode.CLOSE)],
    "close too short": [frame(Opcode.CLOSE, b"\x03")],
    "close with a code not to be sent": [frame(Opcode.CLOSE, struct.pack("!H", 1006))],
    "close reason not utf-8": [frame(Opcode.CLOSE, struct.pack("!H", 1000) + b"\xff\xfe")],
    "close inside a fragmented message": [frame(Opcode.BINARY, b"x", fin=False), frame(Opcode.CLOSE)],
    "text": [frame(Opcode.TEXT, b"text")],
    "invalid opcode": [frame(3, b"?")],
    "masked": [frame(Opcode.BINARY, b"masked", mask=True)],
    "reserved bit": [frame(Opcode.BINARY, b"rsv", rsv=0x40)],
    "control frame too long": [frame(Opcode.PING, b"p" * 126)],
    "fragmented control frame": [frame(Opcode.PING, b"p", fin=False)],
    "unexpected continuation": [frame(Opcode.CONT, b"c")],
    "expected continuation": [frame(Opcode.BINARY, b"a", fin=False), frame(Opcode.BINARY, b"b")],
    "too big": [frame(Opcode.BINARY, b"z" * (MAX_SIZE + 1))],
    "too big over fragments": [frame(Opcode.BINARY, b"z" * 600, fin=False), frame(Opcode.CONT, b"z" * 600)],
    "huge length": [frame(Opcode.BINARY, b"z" * 70000)],
}

EOF_CASES = {
    "clean end after close": [frame(Opcode.CLOSE, struct.pack("!H", 1000))],
    "end without close": [frame(Opcode.BINARY, b"done")],
    "end inside a header": [frame(Opcode.BINARY, b"done"), b"\x82"],
    "end inside a length": [b"\x82\x7e\x01"],
    "end inside a payload": [frame(Opcode.BINARY, b"0123456789")[:-3]],
    "end after a protocol error": [frame(3)],
}


def both(data: bytes, *, eof: bool, bytewise: bool) -> tuple[tuple[object, ...], tuple[object, ...]]:
    pieces = [data[index : index + 1] for index in range(len(data))] if bytewise else [data]
    reference = Protocol(Side.CLIENT, state=State.OPEN, max_size=MAX_SIZE)
    ours = ClientFrames(MAX_SIZE)
    return outcome(reference, pieces, eof), outcome(ours, pieces, eof)


@pytest.mark.parametrize("bytewise", [False, True], ids=["whole", "bytewise"])
@pytest.mark.parametrize("case", list(CASES))
def test_same_outcome_as_websockets(case: str, bytewise: bool) -> None:
    reference, ours = both(b"".join(CASES[case]), eof=False, bytewise=bytewise)
    assert ours == reference


@pytest.mark.parametrize("case", list(EOF_CASES))
def test_same_outcome_at_the_end_of_the_stream(case: str) -> None:
    reference, ours = both(b"".join(EOF_CASES[case]), eof=True, bytewise=False)
    assert ours == reference


def test_sends_are_masked_frames_like_websockets() -> None:
    reference = Protocol(Side.CLIENT, state=State.OPEN, max_size=MAX_SIZE)
    ours = ClientFrames(MAX_SIZE)
    for protocol in (reference, ours):
        for size in (0, 125, 126, 65535, 65536):
            protocol.send_binary(b"s" * size)
        protocol.send_close(1000, "done")
    assert unmasked(ours.data_to_send()) == unmasked(reference.data_to_send())
    assert ours.close_sent == reference.close_sent and ours.state is reference.state is State.CLOSING


def test_taking_over_happens_between_frames_and_keeps_a_message_in_progress() -> None:
    protocol = Protocol(Side.CLIENT, state=State.OPEN, max_size=MAX_SIZE)
    first, second = frame(Opcode.BINARY, b"ab", fin=False), frame(Opcode.CONT, b"cd")
    protocol.receive_data(first + second[:3])
    assert [event.data for event in protocol.events_received()] == [b"ab"]
    assert ClientFrames.taking_over(protocol) is None  # the header of the next frame is inside its parser
    protocol.receive_data(second[3:])
    assert [event.data for event in protocol.events_received()] == [b"cd"]
    protocol.receive_data(first)
    frames = ClientFrames.taking_over(protocol)
    assert frames is not None
    frames.receive_data(second)
    assert [(event.opcode, event.data, event.fin) for event in frames.events_received()] == [
        (Opcode.CONT, b"cd", True)
    ]
    protocol.send_close(1000)
    assert ClientFrames.taking_over(protocol) is None  # not open any more


def test_masks_come_from_a_block_of_random_bytes_drawn_once_per_1024_frames(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draws: list[bytes] = []

    def urandom(size: int) -> bytes:
        block = bytes((len(draws) * 7 + index) % 256 for index in range(size))
        draws.append(block)
        return block

    monkeypatch.setattr(_frames.os, "urandom", urandom)
    monkeypatch.setattr(_frames._masks, "pool", b"")
    frames = ClientFrames(MAX_SIZE)
    count = _frames.MASK_POOL_SIZE // 4 + 1
    for _ in range(count):
        frames.send_binary(b"x")
    masks = [chunk[2:6] for chunk in frames.data_to_send()]
    assert len(draws) == 2
    assert b"".join(masks) == draws[0] + draws[1][:4]
