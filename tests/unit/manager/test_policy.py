"""The reconnect decision and the session state table, with no sockets."""

from __future__ import annotations

import pytest

from waproto.connection import CloseInfo, DisconnectReason
from waproto.errors import InvalidState
from waproto.manager import ReconnectPolicy, SessionState
from waproto.manager.policy import check_transition, decide

POLICY = ReconnectPolicy(jitter=False)


def close(reason: DisconnectReason, detail: str = "", *, removed: bool = False) -> CloseInfo:
    return CloseInfo(reason, int(reason), detail, removed)


@pytest.mark.parametrize(
    ("reason", "delay"),
    [
        (DisconnectReason.RESTART_REQUIRED, 0.0),
        (DisconnectReason.TIMED_OUT, 15.0),
        (DisconnectReason.CONNECTION_REPLACED, 30.0),
        (DisconnectReason.CONNECTION_CLOSED, 8.0),
        (DisconnectReason.BAD_SESSION, 8.0),
        (DisconnectReason.UNAVAILABLE_SERVICE, 8.0),
    ],
)
def test_default_delays_by_reason(reason: DisconnectReason, delay: float) -> None:
    decision = decide(POLICY, close(reason), failures=0, conflicts=0)
    assert decision.state is SessionState.BACKOFF and decision.delay == delay
    assert decision.failures == 1


@pytest.mark.parametrize(
    ("info", "state"),
    [
        (close(DisconnectReason.LOGGED_OUT), SessionState.LOGGED_OUT),
        (
            close(DisconnectReason.LOGGED_OUT, "conflict:device_removed", removed=True),
            SessionState.LOGGED_OUT,
        ),
        (close(DisconnectReason.FORBIDDEN), SessionState.FAILED),
        (close(DisconnectReason.CLIENT_OUTDATED), SessionState.FAILED),
        (close(DisconnectReason.TIMED_OUT, "QR refs attempts ended"), SessionState.FAILED),
    ],
)
def test_permanent_closes_never_reconnect(info: CloseInfo, state: SessionState) -> None:
    decision = decide(POLICY, info, failures=3, conflicts=1)
    assert decision.state is state and decision.delay == 0.0


def test_delay_grows_by_factor_up_to_the_cap() -> None:
    policy = ReconnectPolicy(jitter=False, timeout_delay=10.0, factor=1.5, max_delay=30.0)
    delays = [
        decide(policy, close(DisconnectReason.TIMED_OUT), failures=n, conflicts=0).delay for n in range(5)
    ]
    assert delays == [10.0, 15.0, 22.5, 30.0, 30.0]


def test_jitter_draws_between_the_base_and_the_grown_delay() -> None:
    calls: list[tuple[float, float]] = []

    def uniform(a: float, b: float) -> float:
        calls.append((a, b))
        return a

    decision = decide(
        ReconnectPolicy(), close(DisconnectReason.TIMED_OUT), failures=2, conflicts=0, uniform=uniform
    )
    assert calls == [(15.0, 15.0 * 1.5**2)] and decision.delay == 15.0


def test_conflicts_stop_after_max_retries_and_reset_on_other_closes() -> None:
    policy = ReconnectPolicy(jitter=False, max_conflict_retries=2)
    replaced = close(DisconnectReason.CONNECTION_REPLACED)
    first = decide(policy, replaced, failures=0, conflicts=0)
    second = decide(policy, replaced, failures=0, conflicts=first.conflicts)
    third = decide(policy, replaced, failures=0, conflicts=second.conflicts)
    assert [first.state, second.state, third.state] == [
        SessionState.BACKOFF,
        SessionState.BACKOFF,
        SessionState.REPLACED,
    ]
    other = decide(policy, close(DisconnectReason.TIMED_OUT), failures=0, conflicts=2)
    assert other.conflicts == 0
    assert decide(ReconnectPolicy(max_conflict_retries=0), replaced, failures=0, conflicts=0).state is (
        SessionState.REPLACED
    )


def test_max_attempts_ends_in_failed() -> None:
    policy = ReconnectPolicy(jitter=False, max_attempts=3)
    timeout = close(DisconnectReason.TIMED_OUT)
    assert decide(policy, timeout, failures=2, conflicts=0).state is SessionState.BACKOFF
    assert decide(policy, timeout, failures=3, conflicts=0).state is SessionState.FAILED


def test_state_table() -> None:
    assert check_transition(SessionState.STOPPED, SessionState.CONNECTING) is SessionState.CONNECTING
    assert check_transition(SessionState.OPEN, SessionState.CONNECTING) is SessionState.CONNECTING
    assert check_transition(SessionState.OPEN, SessionState.OPEN) is SessionState.OPEN
    for new in (SessionState.OPEN, SessionState.CONNECTING, SessionState.BACKOFF):
        with pytest.raises(InvalidState, match="LOGGED_OUT"):
            check_transition(SessionState.LOGGED_OUT, new)
    with pytest.raises(InvalidState):
        check_transition(SessionState.STOPPED, SessionState.OPEN)
    with pytest.raises(InvalidState):
        check_transition(SessionState.BACKOFF, SessionState.OPEN)
