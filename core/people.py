"""Finding the colleague a message names among the unit's staff."""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

from core.context import Context
from core.employees import Employee
from core.errors import AmbiguousPerson, UserError
from core.i18n import N_

# How alike a written name must be to a staff name to count as a misspelling of it.
MISSPELLING_SIMILARITY = 0.8


def fold(text: str) -> str:
    """Return `text` case-folded with æ/ø/å and accents mapped to plain letters."""
    replaced = text.casefold().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    decomposed = unicodedata.normalize("NFKD", replaced)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def matching_staff(staff: list[Employee], written: str) -> list[Employee]:
    """Return the staff a written name fits: full name, first name, or a close misspelling."""
    wanted = fold(written)
    exact = [employee for employee in staff if fold(employee.name) == wanted]
    if exact:
        return exact
    by_first_name = [employee for employee in staff if fold(employee.first_name) == wanted]
    if by_first_name:
        return by_first_name
    by_prefix = [employee for employee in staff if fold(employee.name).startswith(wanted + " ")]
    if by_prefix:
        return by_prefix
    return [
        employee
        for employee in staff
        if _similar(fold(employee.name), wanted) or _similar(fold(employee.first_name), wanted)
    ]


def _similar(staff_name: str, written: str) -> bool:
    return SequenceMatcher(None, staff_name, written).ratio() >= MISSPELLING_SIMILARITY


def resolve_employee(context: Context, written: str) -> Employee:
    """Return the one employee of the unit, the sender included, that `written` names.

    A first name shared with the sender means the other person, so «Kari» from Kari
    Nordmann is Kari Hansen, but the sender's own full name means the sender. Raises a
    UserError that says what to write when nobody fits, or that asks which one is meant.
    """
    staff = context.store.employees.list_for_unit(context.unit.id)
    candidates = matching_staff(staff, written)
    others = [employee for employee in candidates if employee.id != context.actor.id]
    names_sender = len(others) < len(candidates)
    if names_sender and (not others or fold(written) == fold(context.actor.name)):
        return context.actor
    if not others:
        raise UserError(
            N_(
                "I found no colleague called %(name)s on your unit. Write the full name, "
                "for example «%(example)s»."
            ),
            name=written,
            example=_example_name(context, staff),
        )
    if len(others) > 1:
        full_names = sorted(e.name for e in others)
        raise AmbiguousPerson(written, full_names, context.translator.join(full_names))
    return others[0]


def resolve_colleague(context: Context, written: str) -> Employee:
    """Return the swap partner `written` names; naming the sender raises a UserError."""
    employee = resolve_employee(context, written)
    if employee.id == context.actor.id:
        staff = context.store.employees.list_for_unit(context.unit.id)
        raise UserError(
            N_(
                "You cannot swap with yourself. Write the name of the colleague you want to "
                "swap with, for example «bytte fredag med %(example)s»."
            ),
            example=_example_name(context, staff),
        )
    return employee


def _example_name(context: Context, staff: list[Employee]) -> str:
    others = [employee.name for employee in staff if employee.id != context.actor.id]
    return others[0] if others else "Kari Nordmann"


def choose_among(written: str, full_names: list[str]) -> str | None:
    """Return the one name of `full_names` that an answer such as «Kari Hansen» picks."""
    wanted = fold(written)
    picked = [name for name in full_names if fold(name) in wanted or wanted == fold(name)]
    if len(picked) != 1:
        surnames = [name for name in full_names if fold(name).split()[-1] in wanted.split()]
        picked = surnames if len(surnames) == 1 else picked
    return picked[0] if len(picked) == 1 else None
