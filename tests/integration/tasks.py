"""Which tasks a client or manager runs: found by the name of the task that owns them, then downwards.

(A test's own task also hosts the FakeServer's tasks, so they are found from the owning
task down, not from the test's task.)
"""

from __future__ import annotations

import anyio
from anyio import TaskInfo


def tasks_under(owner: str) -> tuple[list[TaskInfo], list[TaskInfo]]:
    """The running tasks whose name ends with ``owner``, and every task they started, directly or not."""
    tasks = anyio.get_running_tasks()
    owners = [t for t in tasks if t.name is not None and t.name.endswith(owner)]
    started: list[TaskInfo] = []
    parents = {t.id for t in owners}
    while parents:
        children = [t for t in tasks if t.parent_id in parents]
        started += children
        parents = {t.id for t in children}
    return owners, started


async def until_idle(owner: str, count: int) -> None:
    """Wait until ``count`` tasks named ``owner`` run and none of them has started a task still running.

    Work after a login (prekeys, app-state, inbox replay) runs in tasks that end by themselves.
    """
    with anyio.fail_after(10):
        while True:
            owners, started = tasks_under(owner)
            if len(owners) == count and not started:
                return
            await anyio.sleep(0.01)
