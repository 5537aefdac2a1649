"""A task's status, as the Government tracks assigned tasks (Quyết định 42/2014/QĐ-TTg).

Computed, never stored: it depends on the deadline, the completion date and today.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class TaskStatus(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return TASK_STATUS_LABELS[self]

    @property
    def done(self) -> bool:
        return self in {TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE}


TASK_STATUS_LABELS: dict[TaskStatus, str] = {
    TaskStatus.DONE_ON_TIME: "Hoàn thành đúng hạn",
    TaskStatus.DONE_LATE: "Hoàn thành quá hạn",
    TaskStatus.IN_PROGRESS: "Đang thực hiện trong hạn",
    TaskStatus.OVERDUE: "Quá hạn chưa hoàn thành",
}


def task_status(deadline: dt.date | None, completed_on: dt.date | None, today: dt.date) -> TaskStatus:
    """A task with no deadline is never late; completion on the deadline day is on time."""
    if completed_on is not None:
        if deadline is None or completed_on <= deadline:
            return TaskStatus.DONE_ON_TIME
        return TaskStatus.DONE_LATE
    if deadline is None or today <= deadline:
        return TaskStatus.IN_PROGRESS
    return TaskStatus.OVERDUE
