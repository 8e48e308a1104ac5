"""Time one pricing of all employees of Curtois & Qu instances and print a Markdown table.

Usage (from the repository root):

    .venv/bin/python benchmarks/curtois_pricing.py --instances 13,15,19,22 --repeats 3
    .venv/bin/python benchmarks/curtois_pricing.py --instances 13,15,19,22 --threads 2

A pricing is one call of `RosterGenerator.price`: the dynamic program for every
employee, with the repairs of H3 and H9 and, where minutes are priced, the
bisection of the minute price. Each instance is priced at zero duals (the start
roster) and at random duals of the size column generation produces (0–100 per
cover line). The table gives the median of the repeats in wall-clock and CPU
seconds. The first pricing in a process also loads the compiled program, so one
untimed pricing of Instance1 runs before the table. With --threads 2 the batches
are priced on two threads, as the solver does with two workers. CPU seconds then
count both threads.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from solver.benchmarks.instance import Instance, read_instance
from solver.benchmarks.roster_generator import FloatArray, RosterGenerator

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]
DATA_FOLDER = REPOSITORY_ROOT.parent / "shared" / "benchmarks" / "curtois-qu"
# Upper limit of the random duals per cover line: the benchmark's weight for one person short.
MAX_DUAL = 100.0


def main() -> None:
    arguments = _parse_arguments()
    _load_compiled_program(arguments.data_folder)
    print("| Instance | duals | wall s (median) | CPU s (median) | employees without roster |")
    print("|---|---|---:|---:|---:|")
    for number in arguments.instances:
        instance = read_instance(arguments.data_folder / f"Instance{number}.txt")
        shape = (instance.horizon_days, len(instance.shift_types))
        random_duals = np.random.default_rng(number).uniform(0, MAX_DUAL, shape)
        for label, duals in (("zero", np.zeros(shape)), ("random", random_duals)):
            wall, cpu, missing = _time_pricing(instance, duals, arguments)
            print(f"| {number} | {label} | {wall:.2f} | {cpu:.2f} | {missing} |", flush=True)


def _parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--instances",
        type=lambda text: [int(part) for part in text.split(",")],
        default=[13, 15, 19, 22],
        help="comma-separated instance numbers (default: 13,15,19,22)",
    )
    parser.add_argument("--repeats", type=int, default=3, help="pricings per instance and duals")
    parser.add_argument("--threads", type=int, default=1, help="pricing threads (default: 1)")
    parser.add_argument("--data-folder", type=Path, default=DATA_FOLDER)
    return parser.parse_args()


def _load_compiled_program(data_folder: Path) -> None:
    instance = read_instance(data_folder / "Instance1.txt")
    RosterGenerator(instance).price(np.zeros((instance.horizon_days, len(instance.shift_types))))


def _time_pricing(
    instance: Instance, duals: FloatArray, arguments: argparse.Namespace
) -> tuple[float, float, int]:
    """Return median wall and CPU seconds of a fresh generator's pricing, and rosters missing."""
    walls, cpus = [], []
    missing = 0
    for _ in range(arguments.repeats):
        generator = RosterGenerator(instance, threads=arguments.threads)
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        results = generator.price(duals)
        walls.append(time.perf_counter() - wall_start)
        cpus.append(time.process_time() - cpu_start)
        missing = sum(result.roster is None for result in results.values())
    return statistics.median(walls), statistics.median(cpus), missing


if __name__ == "__main__":
    main()
