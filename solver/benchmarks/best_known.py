"""Read `best-known.csv`: the best known lower and upper bound of each benchmark instance."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

BEST_KNOWN_FILE_NAME = "best-known.csv"


@dataclass(frozen=True, slots=True)
class BestKnown:
    lower_bound: int
    upper_bound: int


def read_best_known(path: str | Path) -> dict[str, BestKnown]:
    """Return bounds by instance name ("Instance1"); an absent file gives an empty mapping."""
    path = Path(path)
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as file:
        return {
            row["instance"]: BestKnown(int(row["lower_bound"]), int(row["best_upper_bound"]))
            for row in csv.DictReader(file)
        }


def best_known_for(instance_path: str | Path) -> BestKnown | None:
    """Return the bounds for an instance from the `best-known.csv` beside it, if there is one."""
    instance_path = Path(instance_path)
    return read_best_known(instance_path.parent / BEST_KNOWN_FILE_NAME).get(instance_path.stem)


def relative_gap(objective: int, reference: int) -> float:
    """Return (objective − reference) / reference, the usual gap to a best known value."""
    return (objective - reference) / max(1, abs(reference))
