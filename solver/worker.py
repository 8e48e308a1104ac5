"""Run a solve in a separate process, with progress, cancellation and a hard timeout.

A crash in CP-SAT or a solve that overruns cannot take the caller down: the
caller gets a JobOutcome whose `result` is None unless the solve finished, so
it keeps the last good roster it had.

    job = SolveJob(problem, time_limit_seconds=30, on_progress=show)
    job.start()
    ...                      # job.cancel() from a chat command, say
    outcome = job.wait()
    roster = outcome.result_or(last_good_roster)
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import multiprocessing.synchronize
import queue
import threading
import time
from dataclasses import dataclass
from enum import StrEnum

from solver.engine import Progress, ProgressCallback
from solver.problem import SolverProblem, SolverResult

logger = logging.getLogger(__name__)

# Time allowed beyond the solve's own limit for process start-up and model building.
DEFAULT_GRACE_SECONDS = 30.0
_PROGRESS_POLL_SECONDS = 0.05


class JobStatus(StrEnum):
    COMPLETED = "completed"  # the solve returned; see result.status for what it found
    CANCELLED = "cancelled"  # cancel() was called; result is the best roster found until then
    TIMED_OUT = "timed_out"  # the process overran time limit + grace and was killed
    FAILED = "failed"  # the solve raised, e.g. for an invalid problem
    CRASHED = "crashed"  # the process died without sending a result


@dataclass(frozen=True, slots=True)
class JobOutcome:
    status: JobStatus
    result: SolverResult | None = None
    error: str | None = None

    def result_or(self, last_good: SolverResult | None) -> SolverResult | None:
        """Return the new roster if the solve produced one, else `last_good` unchanged."""
        if self.result is not None and self.result.has_roster:
            return self.result
        return last_good


class SolveJob:
    """One solve in a child process; start(), optionally cancel(), then wait()."""

    def __init__(
        self,
        problem: SolverProblem,
        *,
        time_limit_seconds: float = 30,
        workers: int = 2,
        on_progress: ProgressCallback | None = None,
        grace_seconds: float = DEFAULT_GRACE_SECONDS,
        deterministic_time: float | None = None,
    ) -> None:
        self._problem = problem
        self._time_limit_seconds = time_limit_seconds
        self._deterministic_time = deterministic_time
        self._workers = workers
        self._on_progress = on_progress
        self._grace_seconds = grace_seconds
        self._context = multiprocessing.get_context("spawn")
        self._cancel = self._context.Event()
        self._progress: multiprocessing.Queue[Progress] = self._context.Queue()
        self._receiver, self._sender = self._context.Pipe(duplex=False)
        self._process: multiprocessing.process.BaseProcess | None = None
        self._started_at = 0.0

    def start(self) -> None:
        self._process = self._context.Process(
            target=_run_child,
            args=(
                self._problem,
                self._time_limit_seconds,
                self._workers,
                self._deterministic_time,
                self._progress,
                self._sender,
                self._cancel,
            ),
            name="vaktbot-solve",
            daemon=True,
        )
        self._started_at = time.monotonic()
        self._process.start()
        logger.info("solve job started in process %s", self._process.pid)

    def cancel(self) -> None:
        """Ask the solve to stop; wait() then returns the best roster found so far."""
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> JobOutcome:
        """Block until the solve ends, forwarding progress, and return its outcome.

        `timeout` defaults to the time limit plus the grace period. A process that
        overruns it is killed and the outcome is TIMED_OUT with no result.
        """
        if self._process is None:
            raise RuntimeError("SolveJob.wait() called before start()")
        limit = self._time_limit_seconds + self._grace_seconds if timeout is None else timeout
        deadline = self._started_at + limit
        while time.monotonic() < deadline:
            self._forward_progress()
            if self._receiver.poll(_PROGRESS_POLL_SECONDS):
                return self._finish(self._receiver.recv())
            if not self._process.is_alive():
                return self._finish_dead()
        return self._kill()

    def _forward_progress(self) -> None:
        while True:
            try:
                progress = self._progress.get_nowait()
            except queue.Empty:
                return
            if self._on_progress is not None:
                try:
                    self._on_progress(progress)
                except Exception:
                    logger.exception("progress callback failed; the solve continues")

    def _finish(self, message: tuple[str, object]) -> JobOutcome:
        kind, payload = message
        assert self._process is not None
        self._process.join(timeout=5)
        self._forward_progress()
        if kind == "error":
            logger.warning("solve job failed: %s", payload)
            return JobOutcome(JobStatus.FAILED, error=str(payload))
        assert isinstance(payload, SolverResult)
        status = JobStatus.CANCELLED if self._cancel.is_set() else JobStatus.COMPLETED
        return JobOutcome(status, result=payload)

    def _finish_dead(self) -> JobOutcome:
        if self._receiver.poll(0):
            return self._finish(self._receiver.recv())
        assert self._process is not None
        code = self._process.exitcode
        logger.error("solve process %s died with exit code %s", self._process.pid, code)
        return JobOutcome(JobStatus.CRASHED, error=f"solver process exited with code {code}")

    def _kill(self) -> JobOutcome:
        assert self._process is not None
        logger.error("solve process %s overran its time and is killed", self._process.pid)
        self._process.kill()
        self._process.join(timeout=5)
        return JobOutcome(JobStatus.TIMED_OUT, error="solver process overran its time limit")


def _run_child(
    problem: SolverProblem,
    time_limit_seconds: float,
    workers: int,
    deterministic_time: float | None,
    progress: multiprocessing.Queue[Progress],
    sender: multiprocessing.connection.Connection,
    cancel: multiprocessing.synchronize.Event,
) -> None:
    """Solve in the child and send ("result", SolverResult) or ("error", message)."""
    from solver.roster import solve

    local_cancel = threading.Event()
    watcher = threading.Thread(target=_mirror_event, args=(cancel, local_cancel), daemon=True)
    watcher.start()
    try:
        result = solve(
            problem,
            time_limit_seconds=time_limit_seconds,
            workers=workers,
            on_progress=progress.put,
            cancel=local_cancel,
            deterministic_time=deterministic_time,
        )
    except Exception as error:
        sender.send(("error", f"{type(error).__name__}: {error}"))
        return
    sender.send(("result", result))


def _mirror_event(source: multiprocessing.synchronize.Event, target: threading.Event) -> None:
    source.wait()
    target.set()
