"""The one reconnect decision: a close description in, what to do and after how long out.

A standalone :class:`~waproto.Client` and the :class:`~waproto.SessionManager`
both ask a :class:`Backoff` (a :class:`ReconnectPolicy` plus the counters of
consecutive failures and conflicts). The decision reads only typed fields of
:class:`~waproto.connection.CloseInfo`, never its human-readable detail.

Delays grow exponentially with full jitter above the reason's own delay, so
sessions that dropped together spread out instead of hammering the server in
waves. The random source is injected for tests.
"""

from __future__ import annotations

import enum
import random as _random
from collections.abc import Callable
from dataclasses import dataclass

from waproto.connection.reasons import CloseInfo, DisconnectReason

__all__ = ["Action", "Backoff", "Decision", "ReconnectPolicy", "backoff_delay"]


def backoff_delay(
    attempt: int,
    *,
    base: float,
    factor: float = 1.5,
    cap: float = 300.0,
    jitter: bool = True,
    uniform: Callable[[float, float], float] = _random.uniform,
) -> float:
    """Seconds to wait before reconnect attempt ``attempt`` (0 for the first).

    Args:
        attempt: consecutive failures so far.
        base: delay of the first attempt (the close reason's own delay).
        factor: growth per consecutive failure.
        cap: the delay never exceeds this.
        jitter: draw uniformly between ``base`` and the exponential delay (full jitter
            above the reason's minimum), so the reason's delay is always honoured.
        uniform: random source, ``uniform(a, b)``.
    """
    ceiling = min(cap, base * factor ** max(0, attempt))
    if not jitter or ceiling <= base:
        return ceiling
    return uniform(base, ceiling)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReconnectPolicy:
    """When a connection is made again after it closed, by close reason.

    Each delay is the base of the first attempt; consecutive failures grow it by
    ``factor`` with full jitter above the base, up to ``max_delay``. Every
    successful login resets the growth.

    Example::

        ReconnectPolicy(timeout_delay=1.0, conflict_delay=2.0, max_conflict_retries=0)
    """

    restart_delay: float = 0.0
    """515 restart required: reconnect at once (the server asks for it; not counted as a failure)."""
    timeout_delay: float = 15.0
    """408 timed out or connection lost (s). Retrying at once is what hammers a flaky server."""
    conflict_delay: float = 30.0
    """440 replaced by another connection with the same credentials (s)."""
    default_delay: float = 8.0
    """Any other transient close (428, 500, 503, ...) (s)."""
    factor: float = 1.5
    """Growth of the delay per consecutive failure."""
    max_delay: float = 300.0
    """No delay exceeds this (5 minutes)."""
    jitter: bool = True
    """Draw uniformly between the base delay and the grown one (sessions that dropped together spread out)."""
    max_conflict_retries: int = 2
    """Reconnects after consecutive 440s; the next conflict stops in REPLACED (0: stop at the first)."""
    max_attempts: int | None = None
    """Consecutive failed attempts before stopping in FAILED; None retries transient closes forever."""

    def decide(
        self,
        close: CloseInfo,
        *,
        failures: int,
        conflicts: int,
        uniform: Callable[[float, float], float] = _random.uniform,
    ) -> Decision:
        """What to do after ``close``, given the consecutive failures and 440s before it."""
        text = str(close)
        if close.device_removed or close.reason is DisconnectReason.LOGGED_OUT:
            return Decision(Action.LOGGED_OUT, 0.0, failures + 1, 0, text, close)
        if close.qr_exhausted:
            return Decision(Action.FAILED, 0.0, failures + 1, 0, "QR codes ran out without a scan", close)
        if close.version_refreshed:
            return Decision(Action.RESTART, 0.0, failures, 0, text, close)
        if close.certificate_invalid or close.reason.is_permanent:
            return Decision(Action.FAILED, 0.0, failures + 1, 0, text, close)
        if close.reason is DisconnectReason.RESTART_REQUIRED:
            return Decision(Action.RESTART, self.restart_delay, failures, 0, text, close)
        if close.reason is DisconnectReason.CONNECTION_REPLACED:
            conflicts += 1
            if conflicts > self.max_conflict_retries:
                return Decision(Action.REPLACED, 0.0, failures + 1, conflicts, text, close)
            base = self.conflict_delay
        else:
            conflicts = 0
            base = self.timeout_delay if close.reason is DisconnectReason.TIMED_OUT else self.default_delay
        if self.max_attempts is not None and failures + 1 > self.max_attempts:
            return Decision(
                Action.FAILED, 0.0, failures + 1, conflicts, f"{text} (attempts exhausted)", close
            )
        delay = backoff_delay(
            failures, base=base, factor=self.factor, cap=self.max_delay, jitter=self.jitter, uniform=uniform
        )
        return Decision(Action.RETRY, delay, failures + 1, conflicts, text, close)


class Action(enum.Enum):
    """What a :class:`Decision` asks for."""

    RESTART = "restart"
    """Connect again after ``delay`` (515, part of login; a 405 with a refreshed version):
    the client does it even under a manager."""
    RETRY = "retry"
    """Connect again after ``delay``: a transient close."""
    LOGGED_OUT = "logged_out"
    """The device was unlinked (401, ``device_removed``): pair again."""
    REPLACED = "replaced"
    """Another connection with the same credentials keeps taking over (440)."""
    FAILED = "failed"
    """Retrying cannot help (403, 405, a refused certificate, QR codes ran out, attempts exhausted)."""

    @property
    def is_terminal(self) -> bool:
        """Nothing reconnects after this without someone acting."""
        return self not in (Action.RESTART, Action.RETRY)


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of one close.

    Attributes:
        action: reconnect (RESTART, RETRY) or the terminal outcome.
        delay: seconds to wait before reconnecting (0 for terminal actions).
        failures: consecutive failures, counting this close.
        conflicts: consecutive 440 conflicts, counting this close.
        reason: why, for logs, events and ``sessions()``.
        close: the close decided on.
    """

    action: Action
    delay: float
    failures: int
    conflicts: int
    reason: str
    close: CloseInfo


class Backoff:
    """A policy with its counters: the one place a close turns into a decision.

    A manager keeps one per session and hands it to each new client of the
    session, so counters survive client re-creation; a lone client makes its own.

    A login resets the failure count, except after a close for a failing store
    (``CloseInfo.store_failed``, a disk that is full): logging in proves nothing about
    the disk, and the redelivered message would fail again at the base delay each time.
    That login's reset waits until a received message is committed (:meth:`stored`),
    or until its connection ends for another reason than the store.

    Args:
        policy: the reconnect policy.
        uniform: random source of the jitter, ``uniform(a, b)``.
    """

    __slots__ = ("_store", "conflicts", "failures", "policy", "uniform")

    def __init__(
        self, policy: ReconnectPolicy, uniform: Callable[[float, float], float] = _random.uniform
    ) -> None:
        self.policy = policy
        self.uniform = uniform
        self.failures = 0
        self.conflicts = 0
        self._store = _Store.OK

    def decide(self, close: CloseInfo) -> Decision:
        """Apply the policy to ``close`` and count it."""
        if self._store is _Store.LOGGED_IN and not close.store_failed:
            # The connection after the failure ended for another reason: its login counts.
            self._store = _Store.OK
            self.failures = 0
        decision = self.policy.decide(
            close, failures=self.failures, conflicts=self.conflicts, uniform=self.uniform
        )
        self.failures, self.conflicts = decision.failures, decision.conflicts
        if close.store_failed:
            self._store = _Store.FAILING
        return decision

    def logged_in(self) -> None:
        """A login succeeded: the next transient close starts again at the reason's base delay
        (after a store failure, once the store works again: see the class docstring)."""
        if self._store is _Store.OK:
            self.failures = 0
        else:
            self._store = _Store.LOGGED_IN

    def stored(self) -> None:
        """A received message was committed: a store that failed works again."""
        if self._store is not _Store.OK:
            self._store = _Store.OK
            self.failures = 0

    def reset(self) -> None:
        """Forget failures and conflicts (an explicit restart after a terminal stop)."""
        self.failures = self.conflicts = 0
        self._store = _Store.OK


class _Store(enum.Enum):
    """Where a :class:`Backoff` stands with the store since the last close for a failing one."""

    OK = enum.auto()
    """No store failure pending: a login resets the failures."""
    FAILING = enum.auto()
    """The last close was a failed commit; no login since."""
    LOGGED_IN = enum.auto()
    """Logged in after it; the reset waits for a commit (or a close for another reason)."""
