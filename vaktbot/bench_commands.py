"""`vaktbot bench curtois`: solve one Curtois & Qu instance and report it in Norwegian.

The objective printed is the one the independent evaluator recomputes from the
solution file as written, never the solver's own figure. The file is written beside
`--out` under a temporary name and renamed over `--out` only when it was read back
whole, so a failed run never leaves a half-written file, and never lets an older file
pass for its result: the report then says that no solution file was written.

While the solver runs, a progress line with the seconds so far, the best objective
and the lower bound goes to standard error every few seconds, unless `--quiet` is
given. Standard output and the `--out` file get the same text either way.

Exit statuses: 0 for a feasible roster, 1 when no feasible roster was found, 2 for
invalid input, and `vaktbot.failures`' statuses for anything else.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TextIO

from core.i18n import N_, Translator
from core.roster_files import ExpectedFile, describe_folder_given
from solver.benchmarks.best_known import best_known_for, relative_gap
from solver.benchmarks.evaluate import Evaluation, Violation, evaluate_roster
from solver.benchmarks.instance import Instance, InstanceFormatError, read_instance
from solver.benchmarks.runner import BenchmarkRun, solve_curtois
from solver.benchmarks.solution import RosterLine, format_solution, read_solution
from solver.engine import Progress
from vaktbot.argparse_i18n import cli_translator
from vaktbot.failures import EXIT_INTERRUPTED, INTERRUPTED, print_error, report_failure

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NO_FEASIBLE_ROSTER = 1
EXIT_INVALID_INPUT = 2
MAX_VIOLATIONS_SHOWN = 20
# Seconds between two progress lines. A long run then prints a few lines a minute.
PROGRESS_INTERVAL_SECONDS = 10.0

STATUS_NAMES = {
    "OPTIMAL": N_("optimal (proven)"),
    "FEASIBLE": N_("feasible, not proven optimal"),
    "NO_SOLUTION": N_("no roster found"),
}
# The hard rules of the Curtois & Qu instances, as the evaluator numbers them.
RULE_NAMES = {
    "H1": N_("more than one shift on a day"),
    "H2": N_("a shift may not follow the one the day before"),
    "H3": N_("too many shifts of one type"),
    "H4": N_("too many minutes in total"),
    "H5": N_("too few minutes in total"),
    "H6": N_("too many working days in a row"),
    "H7": N_("too few working days in a row"),
    "H8": N_("too few days off in a row"),
    "H9": N_("too many weekends worked"),
    "H10": N_("work on a fixed day off"),
    "format": N_("a roster line that does not fit the instance"),
}


def run_bench_curtois(arguments: argparse.Namespace, output: TextIO | None = None) -> int:
    """Solve `arguments.instance` within `arguments.time_limit` seconds and print the report.

    The report goes to `output`, by default the standard output at the time of the call.
    """
    output = output or sys.stdout
    translator = cli_translator()
    out = Path(arguments.out) if arguments.out else None
    problem = _check_paths(Path(arguments.instance), out, translator)
    if problem is not None:
        print_error(problem)
        _print_nothing_written(out, translator)
        return EXIT_INVALID_INPUT
    try:
        return _solve_and_report(arguments, out, translator, output)
    except KeyboardInterrupt:
        print_error(translator.gettext(INTERRUPTED))
        _print_nothing_written(out, translator)
        return EXIT_INTERRUPTED
    except Exception as error:
        status = report_failure(error, "bench curtois")
        _print_nothing_written(out, translator)
        return status


NOT_CURTOIS_FORMAT = N_(
    "The instance file %(path)s is not in the Curtois & Qu format. Compare it with an "
    "instance file from the benchmark."
)
SECTION_MISSING = N_(
    "The instance file %(path)s is not in the Curtois & Qu format: the section %(section)s "
    "is missing."
)
LINE_INVALID = N_(
    "The instance file %(path)s is not in the Curtois & Qu format: line %(line)s is wrong. "
    "Compare it with the same section in an instance file from the benchmark."
)


def describe_instance_error(
    error: InstanceFormatError, instance_path: Path, translator: Translator
) -> str:
    """Return the Norwegian message for a rejected instance file, with its line where known.

    The reader's English message starts with «PATH:LINE:» when it knows the line, and a
    missing section reads «PATH: missing section NAME». Those two forms are recognised.
    """
    detail = str(error)
    prefix = f"{instance_path}:"
    if detail.startswith(prefix):
        line, _, _ = detail[len(prefix) :].partition(":")
        if line.isdigit():
            return translator.gettext(LINE_INVALID, path=instance_path, line=line)
        if line.strip().startswith("missing section "):
            section = line.strip().removeprefix("missing section ")
            return translator.gettext(SECTION_MISSING, path=instance_path, section=section)
    return translator.gettext(NOT_CURTOIS_FORMAT, path=instance_path)


def _check_paths(instance_path: Path, out: Path | None, translator: Translator) -> str | None:
    """Return the message for an instance or --out path that cannot work, else None."""
    if instance_path.is_dir():
        return describe_folder_given(instance_path, translator, ExpectedFile.BENCHMARK_INSTANCE)
    if not instance_path.is_file():
        return translator.gettext(
            N_("The instance file %(path)s does not exist."), path=instance_path
        )
    if out is not None and out.is_dir():
        return translator.gettext(
            N_("--out %(path)s is a folder; give the path of a file, for example %(example)s."),
            path=out,
            example=out / f"{instance_path.stem}.solution.txt",
        )
    if out is not None and not out.parent.is_dir():
        return translator.gettext(
            N_(
                "The folder %(folder)s does not exist. Create it first, or give --out a "
                "file in a folder that exists, for example --out %(example)s."
            ),
            folder=out.parent,
            example=f"{instance_path.stem}.solution.txt",
        )
    return None


def _solve_and_report(
    arguments: argparse.Namespace, out: Path | None, translator: Translator, output: TextIO
) -> int:
    instance_path = Path(arguments.instance)
    try:
        instance = read_instance(instance_path)
    except InstanceFormatError as error:
        logger.info("instance file rejected: %s", error)
        print_error(describe_instance_error(error, instance_path, translator))
        _print_nothing_written(out, translator)
        return EXIT_INVALID_INPUT

    with ProgressLines(translator, None if arguments.quiet else sys.stderr) as progress:
        run = solve_curtois(
            instance,
            time_limit_seconds=arguments.time_limit,
            workers=arguments.workers,
            on_progress=progress.record,
        )
    if run.roster is None:
        print(
            translator.gettext(
                N_("%(instance)s: no roster found in the time limit."), instance=instance.name
            ),
            file=output,
        )
        _print_nothing_written(out, translator)
        return EXIT_NO_FEASIBLE_ROSTER
    evaluation = _evaluate(instance, run, out)
    _print_report(instance, run, evaluation, instance_path, out, translator, output)
    return EXIT_OK if evaluation.feasible else EXIT_NO_FEASIBLE_ROSTER


class ProgressLines:
    """Print the state of a running solve to `stream`: the first roster at once, then a timer.

    The solver reports only when its best roster or bound improves, which can be
    minutes apart, so a timer thread prints the latest figures every `interval_seconds`.
    With `stream` None nothing is printed.
    """

    def __init__(
        self,
        translator: Translator,
        stream: TextIO | None,
        *,
        interval_seconds: float = PROGRESS_INTERVAL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._translator = translator
        self._stream = stream
        self._interval_seconds = interval_seconds
        self._clock = clock
        self._started = clock()
        self._latest: Progress | None = None
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._timer: threading.Thread | None = None

    def __enter__(self) -> ProgressLines:
        self._started = self._clock()
        if self._stream is not None:
            self._timer = threading.Thread(target=self._print_each_interval, daemon=True)
            self._timer.start()
        return self

    def __exit__(
        self,
        error_type: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stopped.set()
        if self._timer is not None:
            self._timer.join()

    def record(self, snapshot: Progress) -> None:
        """Keep `snapshot` for the next line, and print it now if it has the first roster."""
        with self._lock:
            first_roster = self._latest is None or self._latest.objective is None
            self._latest = snapshot
        if first_roster and snapshot.objective is not None:
            self._print_line()

    def line(self) -> str:
        """Return the progress line for the seconds so far and the latest snapshot."""
        with self._lock:
            latest = self._latest
        translator = self._translator
        seconds = round(self._clock() - self._started)
        if latest is None or latest.objective is None:
            return translator.gettext(
                N_("Solving … %(seconds)s s, no roster found yet."), seconds=seconds
            )
        if latest.bound is None:
            return translator.gettext(
                N_("Solving … %(seconds)s s, best objective %(objective)s, no lower bound yet."),
                seconds=seconds,
                objective=_figure(latest.objective, translator),
            )
        return translator.gettext(
            N_("Solving … %(seconds)s s, best objective %(objective)s, lower bound %(bound)s."),
            seconds=seconds,
            objective=_figure(latest.objective, translator),
            bound=_figure(latest.bound, translator),
        )

    def _print_each_interval(self) -> None:
        while not self._stopped.wait(self._interval_seconds):
            self._print_line()

    def _print_line(self) -> None:
        if self._stream is None:
            return
        text = self.line()
        with self._lock:
            print(text, file=self._stream, flush=True)


def _figure(value: float, translator: Translator) -> str:
    """Write an objective or a bound as a whole number, or with one decimal when it has any."""
    return translator.number(value, decimals=0 if float(value).is_integer() else 1)


def _evaluate(instance: Instance, run: BenchmarkRun, out: Path | None) -> Evaluation:
    """Evaluate the roster as read back from `out`, or in memory when no file was asked for."""
    assert run.roster is not None
    if out is None:
        lines = [
            RosterLine(employee_id, tuple(shifts)) for employee_id, shifts in run.roster.items()
        ]
        return evaluate_roster(instance, lines)
    comments = {
        "instance": instance.name,
        "objective": run.objective,
        "bound": run.bound,
        "seconds": f"{run.wall_seconds:.1f}",
        "status": run.status,
    }
    return _write_atomically(out, format_solution(run.roster, comments), instance)


def _write_atomically(out: Path, text: str, instance: Instance) -> Evaluation:
    """Write `text` beside `out`, evaluate it as read back, then rename it to `out`.

    On any failure the temporary file is removed and `out` is left as it was.
    """
    temporary_path: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            "w",
            encoding="ascii",
            dir=out.parent,
            prefix=f".{out.name}.",
            suffix=".tmp",
            delete=False,
        ) as temporary:
            temporary_path = Path(temporary.name)
            temporary.write(text)
            temporary.flush()
            os.fsync(temporary.fileno())
        # NamedTemporaryFile creates the file for its owner only; a solution file is no secret.
        temporary_path.chmod(0o666 & ~_current_umask())
        evaluation = evaluate_roster(instance, read_solution(temporary_path).lines)
        os.replace(temporary_path, out)
    finally:
        if temporary_path is not None:
            temporary_path.unlink(missing_ok=True)
    return evaluation


def _current_umask() -> int:
    # os.umask can only be read by setting it; this runs in the one CLI thread.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _print_nothing_written(out: Path | None, translator: Translator) -> None:
    """Say that no solution file was written, and whether `out` is left from an earlier run."""
    if out is None or out.is_dir():
        return
    if out.exists():
        print_error(
            translator.gettext(
                N_(
                    "No solution file was written. %(path)s is from an earlier run and was not "
                    "changed."
                ),
                path=out,
            )
        )
    else:
        print_error(translator.gettext(N_("No solution file was written to %(path)s."), path=out))


def _print_report(
    instance: Instance,
    run: BenchmarkRun,
    evaluation: Evaluation,
    instance_path: Path,
    out: Path | None,
    translator: Translator,
    output: TextIO,
) -> None:
    rows = [
        (translator.gettext(N_("instance")), instance.name),
        (translator.gettext(N_("status")), translator.gettext(STATUS_NAMES[run.status])),
    ]
    if evaluation.feasible:
        rows.extend(_result_rows(run, evaluation, instance_path, translator))
    rows.append(
        (translator.gettext(N_("seconds")), translator.number(run.wall_seconds, decimals=1))
    )
    if out is not None:
        rows.append((translator.gettext(N_("solution file")), str(out)))
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}", file=output)
    if not evaluation.feasible:
        _print_violations(evaluation.violations, translator, output)


def _result_rows(
    run: BenchmarkRun, evaluation: Evaluation, instance_path: Path, translator: Translator
) -> list[tuple[str, str]]:
    rows = [
        (
            translator.gettext(N_("objective")),
            translator.gettext(
                N_(
                    "%(objective)s (evaluated from the file; cover %(cover)s, requests "
                    "%(requests)s)"
                ),
                objective=evaluation.objective,
                cover=evaluation.cover_cost,
                requests=evaluation.request_cost,
            ),
        ),
        (translator.gettext(N_("lower bound")), "–" if run.bound is None else str(run.bound)),
    ]
    best_known = best_known_for(instance_path)
    if best_known is not None:
        gap = relative_gap(evaluation.objective, best_known.upper_bound)
        rows.append(
            (
                translator.gettext(N_("best known")),
                translator.gettext(
                    N_("%(value)s (gap %(gap)s %%)"),
                    value=best_known.upper_bound,
                    gap=translator.number(gap * 100, decimals=2),
                ),
            )
        )
    return rows


def _print_violations(
    violations: tuple[Violation, ...], translator: Translator, output: TextIO
) -> None:
    print(
        translator.ngettext(
            "INFEASIBLE: %(count)s hard-rule violation",
            "INFEASIBLE: %(count)s hard-rule violations",
            len(violations),
        ),
        file=output,
    )
    for violation in violations[:MAX_VIOLATIONS_SHOWN]:
        print("  " + _describe_violation(violation, translator), file=output)
    hidden = len(violations) - MAX_VIOLATIONS_SHOWN
    if hidden > 0:
        print(
            "  " + translator.ngettext("… and %(count)s more", "… and %(count)s more", hidden),
            file=output,
        )


def _describe_violation(violation: Violation, translator: Translator) -> str:
    rule = violation.rule
    if violation.rule in RULE_NAMES:
        rule += " " + translator.gettext(RULE_NAMES[violation.rule])
    if violation.day is None:
        return translator.gettext(
            N_("%(rule)s: employee %(employee)s"), rule=rule, employee=violation.employee_id
        )
    return translator.gettext(
        N_("%(rule)s: employee %(employee)s, day %(day)s"),
        rule=rule,
        employee=violation.employee_id,
        day=violation.day,
    )
