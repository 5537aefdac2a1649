"""Background ingestion of uploaded documents, with progress a page can poll.

An upload returns at once with a job id; a worker thread reads the file, extracts its facts and
stores them in one transaction, exactly as ``chitieu ingest`` does
(``read_document`` → ``extract_facts`` → ``store_document``). Jobs live in memory: they are a
progress display, not a queue that survives a restart (the stored document is what persists).
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import threading
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from chitieu.errors import ChitieuError

log = logging.getLogger(__name__)
MAX_KEPT_JOBS = 500


class JobState(StrEnum):
    QUEUED = "queued"
    READING = "reading"
    EXTRACTING = "extracting"
    STORING = "storing"
    DONE = "done"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def finished(self) -> bool:
        return self in {JobState.DONE, JobState.FAILED}


_STATE_LABELS = {
    JobState.QUEUED: "Đang chờ xử lý",
    JobState.READING: "Đang đọc tệp",
    JobState.EXTRACTING: "Đang trích xuất chỉ tiêu, kết quả, nhiệm vụ",
    JobState.STORING: "Đang lưu vào cơ sở dữ liệu",
    JobState.DONE: "Hoàn tất",
    JobState.FAILED: "Không thành công",
}
_PROGRESS = {
    JobState.QUEUED: 0.0, JobState.READING: 0.15, JobState.EXTRACTING: 0.5,
    JobState.STORING: 0.8, JobState.DONE: 1.0, JobState.FAILED: 1.0,
}


@dataclass
class IngestJob:
    id: str
    filename: str
    uploaded_by: str
    user_id: int
    state: JobState = JobState.QUEUED
    message: str = ""
    document_id: int | None = None
    created: bool | None = None
    facts: int = 0
    submitted_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    finished_at: dt.datetime | None = None

    @property
    def progress(self) -> float:
        return _PROGRESS[self.state]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "filename": self.filename,
            "state": self.state.value,
            "state_label": self.state.label,
            "finished": self.state.finished,
            "progress": self.progress,
            "message": self.message,
            "document_id": self.document_id,
            "created": self.created,
            "facts": self.facts,
            "submitted_at": self.submitted_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
        }


class IngestQueue:
    def __init__(self, session_factory: sessionmaker[Session], workers: int = 1) -> None:
        self._factory = session_factory
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="chitieu-ingest")
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._lock = threading.Lock()

    def submit(self, path: Path, uploaded_by: str, user_id: int) -> IngestJob:
        """Queue the file at ``path`` (its parent directory is removed when the job ends)."""
        job = IngestJob(id=uuid.uuid4().hex, filename=path.name, uploaded_by=uploaded_by, user_id=user_id)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_KEPT_JOBS:
                self._jobs.popitem(last=False)
        self._pool.submit(self._run, job, path)
        return job

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def recent(self, limit: int = 20) -> list[IngestJob]:
        with self._lock:
            return list(reversed(self._jobs.values()))[:limit]

    def wait(self, job_id: str, timeout: float = 60.0) -> IngestJob | None:
        """Block until the job ends (for scripts and tests); ``None`` if unknown."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(job_id)
            if job is None or job.state.finished:
                return job
            time.sleep(0.05)
        return self.get(job_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: IngestJob, path: Path) -> None:
        from chitieu.pipeline import extract_facts, read_document
        from chitieu.store import models
        from chitieu.store.documents import store_document

        try:
            job.state = JobState.READING
            doc = read_document(path)
            job.state = JobState.EXTRACTING
            extract_facts(doc)
            job.state = JobState.STORING
            with self._factory.begin() as session:
                result = store_document(session, doc, uploaded_by=job.uploaded_by)
                if result.created:
                    session.add(models.AuditLog(username=job.uploaded_by, action="upload", entity="document",
                                                entity_id=str(result.document_id),
                                                after={"name": doc.name, "facts": result.facts}))
            job.document_id, job.created, job.facts = result.document_id, result.created, result.facts
            job.message = (
                f"Đã lưu “{job.filename}” với {result.facts} dữ kiện."
                if result.created
                else f"Nội dung của “{job.filename}” đã được lưu trước đó; không thêm gì mới."
            )
            job.state = JobState.DONE
        except ChitieuError as exc:
            job.message = f"Không xử lý được “{job.filename}”: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
            job.state = JobState.FAILED
        except Exception:
            log.exception("ingesting %s failed", job.filename)
            job.message = f"Không xử lý được “{job.filename}”: tệp bị hỏng hoặc có dạng không đọc được."
            job.state = JobState.FAILED
        finally:
            job.finished_at = dt.datetime.now(dt.UTC)
            shutil.rmtree(path.parent, ignore_errors=True)
