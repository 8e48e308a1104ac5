"""The best roster of a Curtois & Qu run so far, its cost and the proven bound."""

from __future__ import annotations

from dataclasses import dataclass

from solver.benchmarks.model import IndexedRoster


@dataclass(slots=True)
class SearchState:
    incumbent: IndexedRoster
    objective: int
    bound: int | None = None
    proven_optimal: bool = False
    lns_iterations: int = 0

    def offer(self, roster: IndexedRoster, objective: int) -> bool:
        """Keep `roster` if it costs less than the incumbent; return whether it was kept."""
        if objective >= self.objective:
            return False
        self.incumbent, self.objective = roster, objective
        self.check_bound()
        return True

    def raise_bound(self, bound: int | None) -> None:
        if bound is not None and (self.bound is None or bound > self.bound):
            self.bound = bound
            self.check_bound()

    def check_bound(self) -> None:
        if self.bound is not None and self.objective <= self.bound:
            self.proven_optimal = True
