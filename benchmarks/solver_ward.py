"""Time the ward solver on a generated 6-week ward and print its progress figures.

Usage: .venv/bin/python benchmarks/solver_ward.py [--staff 34] [--time-limit 60]
       [--workers 2] [--seed 7] [--repairs 7] [--repair-time-limit 5]

Times count from the call to `solve`, model building included. Prints the
final roster's gaps and penalties by name, the time to the first roster that
keeps every hard rule, the time to the first one without coverage gaps or
hour-band breaches, and objective, bound and relative gap at 10 s, 30 s and
60 s (or at the time limit). With --repairs N it then blocks three days of a
random person N times and times `repair` of the solved roster, days before the
absence locked.
"""

from __future__ import annotations

import argparse
import bisect
import platform
import random
import statistics
import time
from collections import Counter
from dataclasses import replace

from solver import BlockedDay, Progress, SolverProblem, SolverResult, solve
from solver.repair import repair
from solver.sample_ward import build_sample_ward
from solver.weights import MISSING_MINIMUM_HEAD

CHECKPOINTS_SECONDS = (10.0, 30.0, 60.0)


def main() -> None:
    arguments = _parse_arguments()
    problem = build_sample_ward(staff_count=arguments.staff, seed=arguments.seed)
    trace: list[Progress] = []
    started = time.monotonic()

    def record(progress: Progress) -> None:
        # Count from the call to solve, so that model building is included.
        trace.append(replace(progress, wall_seconds=time.monotonic() - started))

    result = solve(
        problem,
        time_limit_seconds=arguments.time_limit,
        workers=arguments.workers,
        on_progress=record,
    )
    wall = time.monotonic() - started
    print(f"ward: {len(problem.staff)} staff × {problem.days} days, seed {arguments.seed}")
    print(f"machine: {platform.machine()}, {arguments.workers} CP-SAT workers")
    print(f"status {result.status}, {len(result.gaps)} gaps, wall {wall:.1f} s")
    _print_penalties(result)
    _print_first(trace)
    _print_checkpoints(trace, arguments.time_limit)
    if arguments.repairs:
        _time_repairs(problem, result, arguments)


def _time_repairs(
    problem: SolverProblem, published: SolverResult, arguments: argparse.Namespace
) -> None:
    """Block three days of a person with a shift in them and time the repair of the roster."""
    generator = random.Random(arguments.seed)
    seconds = []
    for _ in range(arguments.repairs):
        first = generator.randrange(7, problem.days - 3)
        # Pick someone with a shift in the absence, so that every repair has work to do.
        hit = sorted(
            {shift.token for shift in published.assignments if first <= shift.day < first + 3}
        )
        token = generator.choice(hit)
        absence = tuple(BlockedDay(token, day) for day in range(first, first + 3))
        sick = replace(problem, blocked=problem.blocked + absence)
        started = time.monotonic()
        repaired = repair(
            sick,
            published.assignments,
            locked_until_day=first,
            time_limit_seconds=arguments.repair_time_limit,
            workers=arguments.workers,
        )
        seconds.append(time.monotonic() - started)
        print(
            f"repair {token} days {first}-{first + 2}: {seconds[-1]:.2f} s, "
            f"{repaired.result.status}, {len(repaired.changes)} changes, "
            f"{len(repaired.result.gaps)} gaps"
        )
    print(f"repair median {statistics.median(seconds):.2f} s over {len(seconds)} absences")


def _print_penalties(result: SolverResult) -> None:
    totals: Counter[str] = Counter()
    amounts: Counter[str] = Counter()
    for penalty in result.penalties:
        totals[penalty.name] += penalty.cost
        amounts[penalty.name] += penalty.amount
    for name, cost in totals.most_common():
        print(f"penalty {name}: cost {cost}, amount {amounts[name]}")


def _parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=34, help="number of staff (default 34)")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
    parser.add_argument("--seed", type=int, default=7, help="ward generator seed (default 7)")
    parser.add_argument(
        "--repairs", type=int, default=0, help="absences to repair after the solve (default 0)"
    )
    parser.add_argument(
        "--repair-time-limit", type=float, default=5.0, help="seconds per repair (default 5)"
    )
    return parser.parse_args()


def _print_first(trace: list[Progress]) -> None:
    solutions = [progress for progress in trace if progress.objective is not None]
    if not solutions:
        print("no roster found")
        return
    print(f"first legal roster after {solutions[0].wall_seconds:.1f} s")
    # An objective below one missing head's weight has no gap and no hour-band breach.
    clean = [
        progress
        for progress in solutions
        if progress.objective is not None and progress.objective < MISSING_MINIMUM_HEAD
    ]
    if clean:
        print(f"first roster without gaps or band breaches after {clean[0].wall_seconds:.1f} s")
    else:
        print("every roster found has a gap or an hour-band breach")


def _print_checkpoints(trace: list[Progress], time_limit: float) -> None:
    times = [progress.wall_seconds for progress in trace]
    checkpoints = [seconds for seconds in CHECKPOINTS_SECONDS if seconds < time_limit]
    for checkpoint in (*checkpoints, time_limit):
        position = bisect.bisect_right(times, checkpoint)
        if position == 0:
            print(f"at {checkpoint:4.0f} s: no progress yet")
            continue
        progress = trace[position - 1]
        gap = progress.relative_gap
        gap_text = "n/a" if gap is None else f"{gap:.2%}"
        print(
            f"at {checkpoint:4.0f} s: objective {progress.objective}, bound {progress.bound}, "
            f"gap {gap_text}"
        )


if __name__ == "__main__":
    main()
