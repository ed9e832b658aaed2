"""Adding articles over HTTP: one build at a time, in a worker thread, through `dateline.pipeline.build`.

The web layer holds no NLP: it writes the upload to a temporary file in a format `build` reads and
hands it to the pipeline, which is imported only when a build runs. A second request while one runs
gets 409 with the running build's id; `GET /api/builds` lists what ran and how it went."""
from __future__ import annotations

import shutil
import tempfile
import threading
import traceback
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

from dateline.web.settings import WebSettings


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class BuildJob:
    id: str
    files: list[str]
    state: str = "running"  # running, done, failed
    started_at: str = field(default_factory=_now)
    finished_at: Optional[str] = None
    stage: Optional[str] = None
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    error: Optional[str] = None

    def public(self) -> dict:
        return {k: getattr(self, k) for k in ("id", "state", "started_at", "finished_at", "stage", "files", "added",
                                                 "unchanged", "skipped", "error")} | {"url": f"/api/builds/{self.id}"}


class BuildBusy(Exception):
    def __init__(self, job: BuildJob):
        super().__init__(f"a build is already running ({job.id}); try again when it is done")
        self.job = job


def _run_pipeline(inputs: list[str], db: Path, progress) -> object:
    from dateline.pipeline import build  # lazy: this is where NLP enters, in the worker only

    return build(inputs, db, progress=progress)


class BuildRunner:
    def __init__(self, db: Path, on_done: Callable[[], None], run: Callable = _run_pipeline,
                 keep: int = WebSettings().keep_builds):
        self.db = db
        self.keep = keep
        self.on_done = on_done
        self.run = run
        self.jobs: dict[str, BuildJob] = {}
        self._lock = threading.Lock()
        self._running: Optional[BuildJob] = None

    def start(self, files: dict[str, bytes]) -> BuildJob:
        """Write the files to a temporary folder and build them in the background; BuildBusy when one runs."""
        with self._lock:
            if self._running is not None:
                raise BuildBusy(self._running)
            job = BuildJob(id=uuid.uuid4().hex[:12], files=sorted(files))
            self._running = job
            self.jobs[job.id] = job
            for old in list(self.jobs)[:-self.keep]:
                self.jobs.pop(old, None)
        folder = Path(tempfile.mkdtemp(prefix="dateline-upload-"))
        for name, content in files.items():
            (folder / name).write_bytes(content)
        threading.Thread(target=self._work, args=(job, folder), name=f"build-{job.id}", daemon=True).start()
        return job

    def _work(self, job: BuildJob, folder: Path) -> None:
        def progress(stage: str, done: int, total: int) -> None:
            job.stage = f"{stage} {done}/{total}"

        state, error = "done", None
        try:
            report = self.run([str(folder)], self.db, progress)
            job.added = list(report.added)
            job.unchanged = [why for _, why in report.unchanged]
            job.skipped = [{"file": Path(s.path).name, "reason": s.reason} for s in report.skipped]
        except Exception as err:  # noqa: BLE001 - the client gets the message, the log the trace
            traceback.print_exc()
            state, error = "failed", f"{type(err).__name__}: {err}".replace(str(folder) + "/", "")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        try:
            job.stage = "loading the new story"
            self.on_done()  # the pages show the new story before the build reports done
        except Exception as err:  # noqa: BLE001
            traceback.print_exc()
            state, error = "failed", error or f"the new story could not be loaded ({type(err).__name__}: {err})"
        finally:
            job.error, job.finished_at, job.stage = error, _now(), None
            job.state = state
            with self._lock:
                self._running = None

    @property
    def running(self) -> Optional[BuildJob]:
        return self._running
