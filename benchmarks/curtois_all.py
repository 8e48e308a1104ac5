"""Solve Curtois & Qu instances one after another and print the benchmark table in Markdown.

Usage (from the repository root):

    .venv/bin/python benchmarks/curtois_all.py --time-limit 60 --workers 2
    .venv/bin/python benchmarks/curtois_all.py --time-limit 600 --instances 16-24

The objective in the table is the one the independent evaluator recomputes from
the solution file written to --out-folder. Instances run sequentially, because the
solver is meant to have the given number of cores to itself.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from importlib.metadata import version
from pathlib import Path

from solver.benchmarks.best_known import BEST_KNOWN_FILE_NAME, read_best_known, relative_gap
from solver.benchmarks.evaluate import evaluate_roster
from solver.benchmarks.instance import InstanceFormatError, read_instance
from solver.benchmarks.runner import solve_curtois
from solver.benchmarks.solution import read_solution, write_solution

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_FOLDER = REPOSITORY_ROOT.parent / "shared" / "benchmarks" / "curtois-qu"
INSTANCE_COUNT = 24
TABLE_HEADER = (
    "| Instance | Objective | Bound | Best known | Gap | Seconds | Feasible |\n"
    "|---|---:|---:|---:|---:|---:|---|"
)


def parse_instance_numbers(text: str) -> list[int]:
    """Parse "1-15", "3,7,9" or a mix into instance numbers between 1 and 24."""
    numbers: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        numbers.extend(range(int(first), int(last or first) + 1))
    invalid = [number for number in numbers if not 1 <= number <= INSTANCE_COUNT]
    if invalid:
        raise argparse.ArgumentTypeError(f"instance numbers must be 1-{INSTANCE_COUNT}: {invalid}")
    return numbers


def machine_description() -> str:
    """Return core count, CPU model and the Python and OR-Tools versions."""
    cpu_model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu_model = line.partition(":")[2].strip()
                break
    return (
        f"{os.cpu_count()} cores ({cpu_model}), Python {platform.python_version()}, "
        f"OR-Tools {version('ortools')}"
    )


def run_instance(
    data_folder: Path, out_folder: Path, number: int, time_limit: float, workers: int
) -> str:
    """Solve one instance, write its solution file, evaluate that file; return the table row."""
    name = f"Instance{number}"
    instance = read_instance(data_folder / f"{name}.txt")
    run = solve_curtois(instance, time_limit_seconds=time_limit, workers=workers)
    best_known = read_best_known(data_folder / BEST_KNOWN_FILE_NAME).get(name)
    best_text = "–" if best_known is None else str(best_known.upper_bound)
    if run.roster is None:
        return f"| {number} | no roster | – | {best_text} | – | {run.wall_seconds:.0f} | – |"

    solution_path = out_folder / f"{name}.solution.txt"
    comments = {
        "objective": run.objective,
        "bound": run.bound,
        "seconds": f"{run.wall_seconds:.1f}",
    }
    write_solution(solution_path, run.roster, comments)
    evaluation = evaluate_roster(instance, read_solution(solution_path).lines)
    bound_text = "–" if run.bound is None else str(run.bound)
    gap_text = "–"
    if best_known is not None:
        gap_text = f"{relative_gap(evaluation.objective, best_known.upper_bound):.2%}"
    feasible_text = "yes" if evaluation.feasible else f"NO ({len(evaluation.violations)})"
    return (
        f"| {number} | {evaluation.objective} | {bound_text} | {best_text} | {gap_text} "
        f"| {run.wall_seconds:.0f} | {feasible_text} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per instance")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT worker threads")
    parser.add_argument(
        "--instances",
        type=parse_instance_numbers,
        default=list(range(1, INSTANCE_COUNT + 1)),
        help="instance numbers, e.g. 1-15 or 16,18 (default: all 24)",
    )
    parser.add_argument(
        "--data-folder", type=Path, default=DEFAULT_DATA_FOLDER, help="folder with InstanceN.txt"
    )
    parser.add_argument(
        "--out-folder",
        type=Path,
        default=Path("curtois-solutions"),
        help="folder for the solution files (created if missing)",
    )
    arguments = parser.parse_args(argv)
    arguments.out_folder.mkdir(parents=True, exist_ok=True)

    print(f"Machine: {machine_description()}")
    print(f"Time limit {arguments.time_limit:g} s, {arguments.workers} workers\n")
    print(TABLE_HEADER, flush=True)
    for number in arguments.instances:
        try:
            row = run_instance(
                arguments.data_folder,
                arguments.out_folder,
                number,
                arguments.time_limit,
                arguments.workers,
            )
        except InstanceFormatError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
