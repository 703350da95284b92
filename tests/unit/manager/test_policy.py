"""The reconnect decision and the session state table, with no sockets."""

from __future__ import annotations

import pytest

from waproto.backoff import Action, Backoff, Decision
from waproto.connection import CloseInfo, DisconnectReason
from waproto.errors import InvalidState
from waproto.manager import ReconnectPolicy, SessionState
from waproto.manager.policy import check_transition, state_after

POLICY = ReconnectPolicy(jitter=False)


def close(reason: DisconnectReason, detail: str = "", **flags: bool) -> CloseInfo:
    return CloseInfo(reason, int(reason), detail, **flags)


def decide(policy: ReconnectPolicy, info: CloseInfo, **kwargs: object) -> Decision:
    return policy.decide(info, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("reason", "delay"),
    [
        (DisconnectReason.TIMED_OUT, 15.0),
        (DisconnectReason.CONNECTION_REPLACED, 30.0),
        (DisconnectReason.CONNECTION_CLOSED, 8.0),
        (DisconnectReason.BAD_SESSION, 8.0),
        (DisconnectReason.UNAVAILABLE_SERVICE, 8.0),
    ],
)
def test_default_delays_by_reason(reason: DisconnectReason, delay: float) -> None:
    decision = decide(POLICY, close(reason), failures=0, conflicts=0)
    assert decision.action is Action.RETRY and decision.delay == delay
    assert decision.failures == 1 and state_after(decision) is SessionState.BACKOFF


def test_a_405_with_a_refreshed_version_reconnects_at_once_and_one_without_stops() -> None:
    refreshed = CloseInfo(DisconnectReason.CLIENT_OUTDATED, 405, version_refreshed=True)
    decision = decide(POLICY, refreshed, failures=2, conflicts=0)
    assert (decision.action, decision.delay, decision.failures) == (Action.RESTART, 0.0, 2)
    stale = CloseInfo(DisconnectReason.CLIENT_OUTDATED, 405)
    assert decide(POLICY, stale, failures=0, conflicts=0).action is Action.FAILED


def test_restart_required_is_immediate_and_not_a_failure() -> None:
    decision = decide(POLICY, close(DisconnectReason.RESTART_REQUIRED), failures=3, conflicts=1)
    assert decision.action is Action.RESTART and decision.delay == 0.0
    assert (decision.failures, decision.conflicts) == (3, 0)


@pytest.mark.parametrize(
    ("info", "action", "state"),
    [
        (close(DisconnectReason.LOGGED_OUT), Action.LOGGED_OUT, SessionState.LOGGED_OUT),
        (
            close(DisconnectReason.BAD_SESSION, "conflict:device_removed", device_removed=True),
            Action.LOGGED_OUT,
            SessionState.LOGGED_OUT,
        ),
        (close(DisconnectReason.FORBIDDEN), Action.FAILED, SessionState.FAILED),
        (close(DisconnectReason.CLIENT_OUTDATED), Action.FAILED, SessionState.FAILED),
        (
            close(DisconnectReason.TIMED_OUT, "anything", qr_exhausted=True),
            Action.FAILED,
            SessionState.FAILED,
        ),
        (close(DisconnectReason.BAD_SESSION, certificate_invalid=True), Action.FAILED, SessionState.FAILED),
    ],
)
def test_permanent_closes_never_reconnect(info: CloseInfo, action: Action, state: SessionState) -> None:
    decision = decide(POLICY, info, failures=3, conflicts=1)
    assert decision.action is action and decision.delay == 0.0 and decision.close is info
    assert action.is_terminal and state_after(decision) is state


def test_detail_text_decides_nothing() -> None:
    # The words a server or a local cause put in the detail never change the decision.
    for detail in ("QR refs attempts ended", "conflict:device_removed", "certificate refused"):
        assert decide(POLICY, close(DisconnectReason.TIMED_OUT, detail), failures=0, conflicts=0).action is (
            Action.RETRY
        )


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
    assert [first.action, second.action, third.action] == [Action.RETRY, Action.RETRY, Action.REPLACED]
    other = decide(policy, close(DisconnectReason.TIMED_OUT), failures=0, conflicts=2)
    assert other.conflicts == 0
    assert decide(ReconnectPolicy(max_conflict_retries=0), replaced, failures=0, conflicts=0).action is (
        Action.REPLACED
    )


def test_max_attempts_ends_in_failed() -> None:
    policy = ReconnectPolicy(jitter=False, max_attempts=3)
    timeout = close(DisconnectReason.TIMED_OUT)
    assert decide(policy, timeout, failures=2, conflicts=0).action is Action.RETRY
    assert decide(policy, timeout, failures=3, conflicts=0).action is Action.FAILED


def test_backoff_counts_failures_and_a_login_resets_them() -> None:
    """Ten drops, each followed by a good login, all wait the base delay (the old client grew them)."""
    backoff = Backoff(ReconnectPolicy(default_delay=0.1, factor=2.0))
    lost = close(DisconnectReason.CONNECTION_CLOSED)
    delays = []
    for _ in range(10):
        delays.append(backoff.decide(lost).delay)
        backoff.logged_in()
    assert delays == [0.1] * 10
    grown = [backoff.decide(lost).delay for _ in range(3)]
    assert grown[0] == 0.1 and 0.1 <= grown[1] <= 0.2 and 0.1 <= grown[2] <= 0.4
    assert backoff.failures == 3


def test_store_failures_keep_growing_across_logins_until_a_commit_succeeds() -> None:
    """A disk that stays full: each login is followed by the same failed commit, so the delays grow."""
    backoff = Backoff(ReconnectPolicy(default_delay=1.0, factor=2.0, max_delay=16.0, jitter=False))
    full = close(DisconnectReason.BAD_SESSION, "store failed: disk full", store_failed=True)
    delays = []
    for _ in range(6):
        delays.append(backoff.decide(full).delay)
        backoff.logged_in()
    assert delays == [1.0, 2.0, 4.0, 8.0, 16.0, 16.0]
    backoff.stored()  # space is back: a message committed
    assert backoff.failures == 0
    assert backoff.decide(full).delay == 1.0


def test_a_login_after_a_store_failure_counts_once_its_connection_ends_otherwise() -> None:
    """Nothing committed (no message came) but the connection ended for another reason: it was good."""
    backoff = Backoff(ReconnectPolicy(default_delay=1.0, factor=2.0, jitter=False))
    full = close(DisconnectReason.BAD_SESSION, store_failed=True)
    lost = close(DisconnectReason.CONNECTION_CLOSED)
    assert [backoff.decide(full).delay, backoff.decide(full).delay] == [1.0, 2.0]
    assert backoff.decide(lost).delay == 4.0  # no login in between: still failing
    backoff.logged_in()
    assert backoff.decide(lost).delay == 1.0
    backoff.logged_in()  # back to normal: a login resets at once
    assert backoff.decide(lost).delay == 1.0
    backoff.decide(full)
    backoff.reset()
    backoff.logged_in()
    assert backoff.decide(full).delay == 1.0


def test_conflicts_survive_a_login_so_a_440_loop_ends_replaced() -> None:
    backoff = Backoff(ReconnectPolicy(jitter=False, max_conflict_retries=1))
    replaced = close(DisconnectReason.CONNECTION_REPLACED)
    first = backoff.decide(replaced)
    backoff.logged_in()
    assert first.action is Action.RETRY and backoff.decide(replaced).action is Action.REPLACED
    backoff.reset()
    assert (backoff.failures, backoff.conflicts) == (0, 0)


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
