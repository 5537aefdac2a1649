"""Task progress the way the Government tracks assigned tasks (Quyết định 42/2014/QĐ-TTg).

Four states: hoàn thành đúng hạn, hoàn thành quá hạn, đang thực hiện trong hạn (not yet done,
deadline not passed), quá hạn chưa hoàn thành (not done, deadline passed). A task without a
deadline cannot be late, so unfinished it is "đang thực hiện trong hạn".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from chitieu.evaluate.tasks import task_status
from chitieu.report.model import TASK_STATUSES, TaskRow, TaskStatus


def classify_task(deadline: dt.date | None, completed_on: dt.date | None, as_of: dt.date) -> TaskStatus:
    """The task's state on `as_of` (a completion after `as_of` has not happened yet)."""
    done = completed_on if completed_on is not None and completed_on <= as_of else None
    return task_status(deadline, done, as_of).label  # type: ignore[return-value]


def agencies_with_tasks(tasks: Iterable[TaskRow]) -> list[tuple[str, list[TaskRow]]]:
    """Tasks grouped by lead agency, agencies in first-seen order, tasks by deadline (none last)."""
    groups: dict[str, list[TaskRow]] = {}
    for task in tasks:
        groups.setdefault(task.agency or "Chưa xác định cơ quan chủ trì", []).append(task)
    far = dt.date.max
    return [(agency, sorted(items, key=lambda t: t.deadline or far)) for agency, items in groups.items()]


def task_counts(tasks: Iterable[TaskRow]) -> dict[TaskStatus, int]:
    counted = Counter(task.status for task in tasks)
    return {status: counted.get(status, 0) for status in TASK_STATUSES}


def task_counts_by_agency(tasks: Iterable[TaskRow]) -> dict[str, dict[TaskStatus, int]]:
    return {agency: task_counts(items) for agency, items in agencies_with_tasks(tasks)}


def task_summary_sentence(tasks: list[TaskRow]) -> str:
    """The report body's task line, naming only the counts that are not zero.

    `Tổng số 65 nhiệm vụ: đã hoàn thành 32 nhiệm vụ (đúng hạn 30, quá hạn 2); đang thực hiện
    trong hạn 28 nhiệm vụ; quá hạn chưa hoàn thành 5 nhiệm vụ.`
    """
    if not tasks:
        return "Chưa có nhiệm vụ được giao trong kỳ báo cáo."
    counts = task_counts(tasks)
    on_time, late = counts["Hoàn thành đúng hạn"], counts["Hoàn thành quá hạn"]
    if on_time and late:
        done = f"đã hoàn thành {on_time + late} nhiệm vụ (đúng hạn {on_time}, quá hạn {late})"
    elif on_time or late:
        done = f"đã hoàn thành {'đúng hạn' if on_time else 'quá hạn'} {on_time + late} nhiệm vụ"
    else:
        done = "chưa có nhiệm vụ nào hoàn thành"
    open_parts = [
        f"{status[:1].lower()}{status[1:]} {counts[status]} nhiệm vụ"
        for status in ("Đang thực hiện trong hạn", "Quá hạn chưa hoàn thành")
        if counts[status]
    ]
    return f"Tổng số {len(tasks)} nhiệm vụ: " + "; ".join([done, *open_parts]) + "."
