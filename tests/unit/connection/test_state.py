from __future__ import annotations

import pytest

from waproto.connection.state import ReadyState, check_transition
from waproto.errors import InvalidState


def test_legal_transitions() -> None:
    assert check_transition(ReadyState.CONNECTING, ReadyState.OPEN) is ReadyState.OPEN
    assert check_transition(ReadyState.OPEN, ReadyState.CLOSING) is ReadyState.CLOSING
    assert check_transition(ReadyState.CLOSING, ReadyState.CLOSED) is ReadyState.CLOSED


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (ReadyState.CLOSED, ReadyState.OPEN),
        (ReadyState.OPEN, ReadyState.CONNECTING),
        (ReadyState.CLOSING, ReadyState.OPEN),
    ],
)
def test_illegal_transitions_raise(current: ReadyState, new: ReadyState) -> None:
    with pytest.raises(InvalidState, match="can't move"):
        check_transition(current, new)
