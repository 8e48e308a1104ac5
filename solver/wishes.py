"""Wishes (ønsketurnus): weighted preferences, never hard rules.

Each wish gets a `wish_denied` literal that is true exactly when the roster
does not grant it, so the result can name every denied wish by its wish_id.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver import weights
from solver.model import RosterModel, SoftTerm
from solver.problem import WishPreference, WishSpec


def add_wishes(roster: RosterModel) -> None:
    """Penalise each denied wish by its weight × WISH_WEIGHT_FACTOR."""
    for wish in roster.problem.wishes:
        denied = _denied_literal(roster, wish)
        roster.add_soft_term(
            SoftTerm(
                "wish_denied",
                denied,
                wish.weight * weights.WISH_WEIGHT_FACTOR,
                token=wish.token,
                day=wish.day,
                wish_id=wish.wish_id,
                shift_code=wish.shift_code,
            )
        )


def _denied_literal(roster: RosterModel, wish: WishSpec) -> cp_model.IntVar:
    """Return a literal equal to "the roster denies this wish"."""
    matching = [
        variable
        for shift_code, variable in roster.shifts_on(wish.token, wish.day)
        if wish.shift_code is None or shift_code == wish.shift_code
    ]
    worked = cp_model.LinearExpr.sum(matching)
    denied = roster.model.new_bool_var(f"wish_denied[{wish.wish_id}]")
    if wish.preference is WishPreference.OFF:
        # At most one shift a day, so `worked` is 0 or 1.
        roster.model.add(denied == worked)
    else:
        roster.model.add(denied == 1 - worked)
    return denied
