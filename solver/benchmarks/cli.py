"""`vaktbot bench curtois`: solve one Curtois & Qu instance and report the evaluated objective.

The objective printed is the one the independent evaluator recomputes from the
solution file as written on disk, never the solver's own figure. Exit codes: 0 for
a feasible roster, 1 when no feasible roster was found, 2 for invalid input.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import TextIO

from solver.benchmarks.best_known import best_known_for, relative_gap
from solver.benchmarks.evaluate import Evaluation, evaluate_roster
from solver.benchmarks.instance import Instance, InstanceFormatError, read_instance
from solver.benchmarks.runner import BenchmarkRun, solve_curtois
from solver.benchmarks.solution import (
    RosterLine,
    SolutionFormatError,
    read_solution,
    write_solution,
)

EXIT_OK = 0
EXIT_NO_FEASIBLE_ROSTER = 1
EXIT_INVALID_INPUT = 2
MAX_VIOLATIONS_SHOWN = 20


def run_bench_curtois(arguments: argparse.Namespace, output: TextIO = sys.stdout) -> int:
    """Solve `arguments.instance` within `arguments.time_limit` seconds and print the report."""
    problem = _check_arguments(arguments)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    try:
        instance = read_instance(arguments.instance)
    except InstanceFormatError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT

    run = solve_curtois(
        instance, time_limit_seconds=arguments.time_limit, workers=arguments.workers
    )
    if run.roster is None:
        print(f"{instance.name}: no roster found ({run.status})", file=output)
        return EXIT_NO_FEASIBLE_ROSTER
    try:
        evaluation = _evaluate_written(instance, run, arguments.out)
    except (OSError, SolutionFormatError) as error:
        print(f"error: failed to write or read back the solution file: {error}", file=sys.stderr)
        return EXIT_INVALID_INPUT
    _print_report(instance, run, evaluation, Path(arguments.instance), output)
    return EXIT_OK if evaluation.feasible else EXIT_NO_FEASIBLE_ROSTER


def _check_arguments(arguments: argparse.Namespace) -> str | None:
    if not math.isfinite(arguments.time_limit) or arguments.time_limit <= 0:
        return f"--time-limit must be a positive number of seconds, got {arguments.time_limit}"
    if arguments.workers < 1:
        return f"--workers must be at least 1, got {arguments.workers}"
    if arguments.out is not None and not Path(arguments.out).parent.is_dir():
        return f"folder for --out not found: {Path(arguments.out).parent}"
    return None


def _evaluate_written(instance: Instance, run: BenchmarkRun, out: str | None) -> Evaluation:
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
    write_solution(out, run.roster, comments)
    return evaluate_roster(instance, read_solution(out).lines)


def _print_report(
    instance: Instance,
    run: BenchmarkRun,
    evaluation: Evaluation,
    instance_path: Path,
    output: TextIO,
) -> None:
    print(f"instance   {instance.name}", file=output)
    print(f"status     {run.status}", file=output)
    if not evaluation.feasible:
        print(f"INFEASIBLE: {len(evaluation.violations)} hard-rule violations", file=output)
        for violation in evaluation.violations[:MAX_VIOLATIONS_SHOWN]:
            day = "" if violation.day is None else f" day {violation.day}"
            print(
                f"  {violation.rule} {violation.employee_id}{day}: {violation.message}", file=output
            )
        return
    print(
        f"objective  {evaluation.objective} (evaluated; cover {evaluation.cover_cost}, "
        f"requests {evaluation.request_cost})",
        file=output,
    )
    print(f"bound      {run.bound}", file=output)
    best_known = best_known_for(instance_path)
    if best_known is not None:
        gap = relative_gap(evaluation.objective, best_known.upper_bound)
        print(f"best known {best_known.upper_bound} (gap {gap:.2%})", file=output)
    print(f"seconds    {run.wall_seconds:.1f}", file=output)
