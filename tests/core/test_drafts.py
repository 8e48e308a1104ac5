"""A planner's roster command without weeks while a draft roster is open.

Today is Wednesday 6 January 2027, and the published roster covers weeks 1 and 2.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from core.absences import Absence
from core.commands import AbsenceKind, DateRange
from core.messages import ReplyKind
from core.planning import build_problem, solver_shifts
from core.rosters import Assignment, Roster, RosterStatus
from solver import solve
from tests.core.ward_cast import SeededWard, own_replies, texts

WEEK_3_MONDAY = dt.date(2027, 1, 18)
WEEK_3_SUNDAY = dt.date(2027, 1, 24)
WEEK_8_SUNDAY = dt.date(2027, 2, 28)


def store_draft(ward: SeededWard, start: dt.date, end: dt.date) -> Roster:
    """Store an empty draft roster for the ward, as an earlier «lag turnus» would."""
    with ward.database.store() as store:
        draft = Roster(0, ward.unit.id, start, end, RosterStatus.DRAFT, ())
        return store.rosters.add(draft, actor_id=ward.staff["Turid Lie"].id)


def drafts_of(ward: SeededWard) -> Roster | None:
    with ward.database.store() as store:
        return store.rosters.latest(ward.unit.id, status=RosterStatus.DRAFT)


def test_improve_plans_the_open_draft_again(test_ward: SeededWard) -> None:
    """«Forbedre turnusen» with a draft of weeks 3–8 starts from that draft, not a question."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_8_SUNDAY)

    outcome = test_ward.say("Turid Lie", "Forbedre turnusen")

    assert texts(outcome) == [
        "Lager turnus for Nordvik sykehjem fra mandag 18. januar til søndag 28. februar "
        "(6 uker). Jeg starter fra utkastet for uke 3–8, som ikke er publisert, planlegger med "
        "det som er registrert nå, og beholder utkastet hvis jeg ikke finner en bedre turnus. "
        "Stemmer det?"
    ]


def test_draft_made_illegal_is_replaced(test_ward: SeededWard) -> None:
    """A draft that sick leave has made illegal is planned again, and that one is published."""
    test_ward.say("Turid Lie", "Lag turnus for uke 3")
    test_ward.say("Turid Lie", "ja")
    first = drafts_of(test_ward)
    assert first is not None
    shift = first.assignments[0]
    with test_ward.database.store() as store:
        sick = Absence(0, shift.employee_id, AbsenceKind.SICK, DateRange(shift.day, shift.day))
        store.absences.add_absence(sick, actor_id=shift.employee_id)

    test_ward.say("Turid Lie", "Lag turnusen på nytt")
    test_ward.say("Turid Lie", "ja")
    second = drafts_of(test_ward)
    test_ward.say("Turid Lie", "Publiser turnusen")
    test_ward.say("Turid Lie", "ja")

    assert second is not None
    assert second.id > first.id
    assert (second.start, second.end) == (first.start, first.end)
    with test_ward.database.store() as store:
        published = store.rosters.get(second.id)
        assert published is not None
        assert published.status == RosterStatus.PUBLISHED


def test_part_week_draft_named_by_dates(test_ward: SeededWard) -> None:
    """A draft from a Monday to a Wednesday is named by its first and last day."""
    store_draft(test_ward, WEEK_3_MONDAY, dt.date(2027, 2, 10))

    (read_back,) = texts(test_ward.say("Turid Lie", "Forbedre turnusen"))

    assert read_back.startswith(
        "Lager turnus for Nordvik sykehjem fra mandag 18. januar til onsdag 10. februar "
        "(3,4 uker). Jeg starter fra utkastet fra mandag 18. januar til onsdag 10. februar, "
        "som ikke er publisert,"
    )


def test_new_weeks_over_a_draft_name_it(test_ward: SeededWard) -> None:
    """«Lag turnus for uke 5» over an open draft of weeks 3–8 says that it replaces it."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_8_SUNDAY)

    (read_back,) = texts(test_ward.say("Turid Lie", "Lag turnus for uke 5"))

    assert "Den nye turnusen erstatter utkastet for uke 3–8" in read_back


def improve(ward: SeededWard) -> list[str]:
    """Send «Forbedre turnusen» and «ja» as the planner, and return the roster replies' texts."""
    ward.say("Turid Lie", "Forbedre turnusen")
    outcome = ward.say("Turid Lie", "ja")
    return [reply.text for reply in own_replies(outcome) if reply.kind == ReplyKind.ROSTER]


def test_improving_the_same_draft_gives_the_same_roster(test_ward: SeededWard) -> None:
    """Two improvements of the same empty draft of week 3 store the same roster."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_3_SUNDAY)
    improve(test_ward)
    first = drafts_of(test_ward)
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_3_SUNDAY)
    improve(test_ward)
    second = drafts_of(test_ward)

    assert first is not None
    assert second is not None
    assert second.id > first.id
    assert first.assignments
    assert second.assignments == first.assignments


def test_improving_never_raises_the_cost(test_ward: SeededWard) -> None:
    """An improvement of an improved draft costs no more than the draft it started from."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_3_SUNDAY)
    improve(test_ward)
    first = drafts_of(test_ward)
    improve(test_ward)
    second = drafts_of(test_ward)

    assert first is not None
    assert second is not None
    assert cost_of(test_ward, second) <= cost_of(test_ward, first)


def test_optimal_draft_is_kept(test_ward: SeededWard) -> None:
    """A one-day draft planned to optimality cannot be beaten, so it stays, as the reply tells."""
    test_ward.say("Turid Lie", "Lag turnus for 18. januar")
    test_ward.say("Turid Lie", "ja")
    planned = drafts_of(test_ward)

    (reply,) = improve(test_ward)

    assert reply == (
        "Jeg fant ingen turnus som er bedre enn utkastet fra mandag 18. januar til mandag "
        "18. januar, så utkastet er uendret.\n"
        "Turnusen er et utkast. Skriv «publiser turnusen» for å publisere den."
    )
    assert drafts_of(test_ward) == planned


def cost_of(ward: SeededWard, draft: Roster) -> float:
    """Return the solver's objective of a stored draft, under what is registered now."""
    with ward.database.store() as store:
        planning = build_problem(store, ward.unit, DateRange(draft.start, draft.end))
    problem = replace(planning.problem, start_roster=solver_shifts(planning, draft.assignments))
    result = solve(problem, time_limit_seconds=30, deterministic_time=0.1)
    assert result.start_objective is not None
    return result.start_objective


def test_ended_draft_leaves_the_question(test_ward: SeededWard) -> None:
    """A draft that ended before today is not open, so the planner is asked which weeks."""
    store_draft(test_ward, dt.date(2026, 12, 7), dt.date(2026, 12, 13))

    outcome = test_ward.say("Turid Lie", "Forbedre turnusen")

    assert texts(outcome) == [
        "Hvilke uker skal turnusen gjelde? Skriv for eksempel «uke 3–8» eller «februar»."
    ]


def test_published_days_leave_the_question(test_ward: SeededWard) -> None:
    """A draft of weeks 1–2, which the published roster covers, is not open any more."""
    store_draft(test_ward, dt.date(2027, 1, 4), dt.date(2027, 1, 17))

    outcome = test_ward.say("Turid Lie", "Forbedre turnusen")

    assert texts(outcome) == [
        "Hvilke uker skal turnusen gjelde? Skriv for eksempel «uke 3–8» eller «februar»."
    ]


def test_employee_cannot_improve_the_draft(test_ward: SeededWard) -> None:
    """Only a planner plans, so an employee is told so even while a draft is open."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_8_SUNDAY)

    outcome = test_ward.say("Ola Nordmann", "Forbedre turnusen")

    assert texts(outcome) == [
        "Bare en turnusansvarlig kan gjøre det. Spør Turid Lie om å gjøre det for deg."
    ]


def test_publishing_names_a_rule_breach(test_ward: SeededWard) -> None:
    """Publishing checks the draft again and names a breach, as the planning report does."""
    ingrid = test_ward.staff["Ingrid Hansen"].id
    sundays = (dt.date(2027, 1, 24), dt.date(2027, 1, 31))
    with test_ward.database.store() as store:
        draft = Roster(
            0,
            test_ward.unit.id,
            WEEK_3_MONDAY,
            dt.date(2027, 1, 31),
            RosterStatus.DRAFT,
            tuple(Assignment(ingrid, sunday, "D") for sunday in sundays),
        )
        store.rosters.add(draft, actor_id=test_ward.staff["Turid Lie"].id)

    (read_back,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))

    assert read_back.endswith(
        " Merk: regelsjekken finner 3 brudd i utkastet nå: Ingrid Hansen jobber søndag "
        "24. januar, men jobbet også helgen lørdag 9. januar. Høyst én helg av 3 kan være "
        "arbeidshelg. Ingrid Hansen jobber søndag 31. januar, men jobbet også helgen lørdag "
        "23. januar. Høyst én helg av 3 kan være arbeidshelg. Ingrid Hansen jobber D søndag "
        "31. januar etter å ha jobbet søndag 24. januar. Begge er søn- og helligdagsarbeid "
        "(arbeidsmiljøloven § 10-10), og den som jobber en søn- eller helligdag, skal ha fri "
        "den neste (arbeidsmiljøloven § 10-8 (4)). Svar «ja» bare hvis det er meningen. "
        "Stemmer det?"
    )


def test_publishing_a_legal_draft_adds_no_note(test_ward: SeededWard) -> None:
    """A draft without breaches is read back without a rule-check note."""
    store_draft(test_ward, WEEK_3_MONDAY, dt.date(2027, 1, 24))

    (read_back,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))

    assert "regelsjekken" not in read_back
