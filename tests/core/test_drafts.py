"""A planner's roster command without weeks while a draft roster is open.

Today is Wednesday 6 January 2027, and the published roster covers weeks 1 and 2.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from core.absences import Absence
from core.actions.drafts import KeptDraft, KeptDraftReason, kept_draft_reason, kept_draft_text
from core.actions.rosters import do_improve_draft
from core.commands import AbsenceKind, DateRange
from core.i18n import Translator
from core.messages import ReplyKind
from core.planning import build_problem, solver_shifts
from core.rosters import Assignment, Roster, RosterStatus
from solver import solve
from solver.problem import SolverResult, SolveStatus
from tests.core.ward_cast import TODAY, SeededWard, own_replies, texts

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


def test_improved_draft_reply_says_it_replaces(test_ward: SeededWard) -> None:
    """An improvement that finds a better roster says so and names the draft it replaces."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_3_SUNDAY)

    (reply,) = improve(test_ward)

    first_line = reply.split("\n")[0]
    assert first_line == (
        "Jeg fant en bedre turnus enn utkastet fra mandag 18. januar til søndag 24. januar, "
        "og den nye turnusen erstatter det utkastet."
    )


def test_new_roster_reply_names_no_draft(test_ward: SeededWard) -> None:
    """A first roster over weeks without a draft replaces nothing, and the reply names no draft."""
    test_ward.say("Turid Lie", "Lag turnus for 18. januar")
    outcome = test_ward.say("Turid Lie", "ja")

    (reply,) = [r.text for r in own_replies(outcome) if r.kind == ReplyKind.ROSTER]
    assert "erstatter" not in reply


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
        "Jeg beholdt utkastet fra mandag 18. januar til mandag 18. januar uendret, fordi det "
        "allerede er den beste turnusen som er mulig med det som er registrert nå.\n"
        "Turnusen er et utkast. Skriv «publiser turnusen» for å publisere den."
    )
    assert drafts_of(test_ward) == planned


def test_kept_draft_gets_no_report(test_ward: SeededWard) -> None:
    """An improvement that keeps the draft stores nothing and builds no report to throw away."""
    test_ward.say("Turid Lie", "Lag turnus for 18. januar")
    test_ward.say("Turid Lie", "ja")
    planned = drafts_of(test_ward)
    assert planned is not None

    with test_ward.database.store() as store:
        outcome = do_improve_draft(
            store, test_ward.unit, planned, test_ward.assistant.services, actor_id=None
        )

    assert outcome == KeptDraft(planned, KeptDraftReason.BEST_POSSIBLE)
    assert drafts_of(test_ward) == planned


def result_costing(
    objective: float | None,
    start_objective: float | None,
    *,
    status: SolveStatus = SolveStatus.FEASIBLE,
    bound: float | None = 100.0,
) -> SolverResult:
    return SolverResult(status, objective=objective, bound=bound, start_objective=start_objective)


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        pytest.param(result_costing(150.0, 200.0), None, id="cheaper-roster-replaces"),
        pytest.param(result_costing(150.0, None), None, id="illegal-draft-replaced"),
        pytest.param(result_costing(200.0, 200.0), KeptDraftReason.NOT_BETTER, id="same-cost-kept"),
        pytest.param(
            result_costing(200.0, 200.0, status=SolveStatus.OPTIMAL),
            KeptDraftReason.BEST_POSSIBLE,
            id="optimal-draft-kept",
        ),
        pytest.param(
            result_costing(200.0, 100.0, bound=100.0),
            KeptDraftReason.BEST_POSSIBLE,
            id="draft-at-bound-kept",
        ),
        pytest.param(
            result_costing(None, 200.0, status=SolveStatus.NO_SOLUTION_IN_TIME, bound=None),
            KeptDraftReason.NO_ROSTER,
            id="no-roster-found",
        ),
    ],
)
def test_kept_draft_reason(result: SolverResult, expected: KeptDraftReason | None) -> None:
    """The draft stays only when the search found nothing cheaper, for the reason given."""
    assert kept_draft_reason(result) == expected


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        pytest.param(
            KeptDraftReason.NOT_BETTER,
            "Jeg beholdt utkastet fra mandag 18. januar til søndag 24. januar uendret, fordi "
            "ingen av turnusene jeg fant, var bedre enn det.",
            id="not-better",
        ),
        pytest.param(
            KeptDraftReason.NO_ROSTER,
            "Jeg beholdt utkastet fra mandag 18. januar til søndag 24. januar uendret, fordi "
            "søket ikke fant noen annen turnus innen tidsgrensen.",
            id="no-roster",
        ),
    ],
)
def test_kept_draft_text_names_reason(reason: KeptDraftReason, expected: str) -> None:
    """The reply to a kept draft states plainly that it stays, and why."""
    draft = Roster(0, 1, WEEK_3_MONDAY, WEEK_3_SUNDAY, RosterStatus.DRAFT, ())

    text = kept_draft_text(KeptDraft(draft, reason), Translator.for_locale("nb"), TODAY)

    assert text == expected


def cost_of(ward: SeededWard, draft: Roster) -> float:
    """Return the solver's objective of a stored draft, under what is registered now."""
    with ward.database.store() as store:
        planning = build_problem(store, ward.unit, DateRange(draft.start, draft.end))
    problem = replace(planning.problem, start_roster=solver_shifts(planning, draft.assignments))
    result = solve(problem, time_limit_seconds=30, deterministic_time=0.1)
    assert result.start_objective is not None
    return result.start_objective


NEXT_PERIOD_READ_BACK = (
    "Lager turnus for Nordvik sykehjem for uke 3–8, fra mandag 18. januar til søndag "
    "28. februar: neste turnusperiode på 6 uker, etter turnusen som slutter søndag 17. januar. "
    "Vil du planlegge andre uker, svar for eksempel «nei, uke 9–14». Stemmer det?"
)


def test_roster_without_weeks_plans_next_period(test_ward: SeededWard) -> None:
    """«Lag turnus» reads back the six weeks after the published weeks 1–2, not a question."""
    outcome = test_ward.say("Turid Lie", "Lag turnus")

    assert texts(outcome) == [NEXT_PERIOD_READ_BACK]


def test_next_period_takes_other_weeks(test_ward: SeededWard) -> None:
    """Other weeks written after the read-back of the next period replace it."""
    test_ward.say("Turid Lie", "Lag turnus")

    outcome = test_ward.say("Turid Lie", "nei, uke 10–15")

    assert texts(outcome)[0].startswith(
        "Lager turnus for Nordvik sykehjem fra mandag 8. mars til søndag 18. april (6 uker)."
    )


def test_next_period_takes_one_more_week(test_ward: SeededWard) -> None:
    """A week added after the read-back of the next period extends it."""
    test_ward.say("Turid Lie", "Lag turnus")

    outcome = test_ward.say("Turid Lie", "og uke 9 også")

    assert texts(outcome)[0].startswith(
        "Lager turnus for Nordvik sykehjem fra mandag 18. januar til søndag 7. mars (7 uker)."
    )


def test_next_period_has_unit_length(test_ward: SeededWard) -> None:
    """A unit with four-week rotation periods gets four weeks read back."""
    with test_ward.database.store() as store:
        rules = replace(test_ward.unit.rules, rotation_weeks=4)
        store.organisations.set_unit_rules(test_ward.unit.id, rules, actor_id=None)

    (read_back,) = texts(test_ward.say("Turid Lie", "Lag turnus"))

    assert read_back == (
        "Lager turnus for Nordvik sykehjem for uke 3–6, fra mandag 18. januar til søndag "
        "14. februar: neste turnusperiode på 4 uker, etter turnusen som slutter søndag "
        "17. januar. Vil du planlegge andre uker, svar for eksempel «nei, uke 7–10». Stemmer det?"
    )


def test_next_period_without_rosters_starts_next_monday(test_ward: SeededWard) -> None:
    """Without a published or draft roster, the read-back starts the period next Monday."""
    with test_ward.database.store() as store:
        store.rosters.set_status(test_ward.roster.id, RosterStatus.SUPERSEDED, actor_id=None)

    (read_back,) = texts(test_ward.say("Turid Lie", "Lag turnus"))

    assert read_back == (
        "Lager turnus for Nordvik sykehjem for uke 2–7, fra mandag 11. januar til søndag "
        "21. februar: 6 uker fra neste mandag, fordi ingen turnus er planlagt etter i dag. "
        "Vil du planlegge andre uker, svar for eksempel «nei, uke 8–13». Stemmer det?"
    )


def test_next_period_in_nynorsk(test_ward: SeededWard) -> None:
    """The read-back of the next period is in the planner's language."""
    (read_back,) = texts(test_ward.say_in("nn", "Turid Lie", "Lag turnus"))

    assert read_back == (
        "Lagar turnus for Nordvik sykehjem for veke 3–8, frå måndag 18. januar til søndag "
        "28. februar: neste turnusperiode på 6 veker, etter turnusen som sluttar søndag "
        "17. januar. Vil du planleggje andre veker, svar til dømes «nei, veke 9–14». "
        "Er det rett?"
    )


def test_ended_draft_leaves_next_period(test_ward: SeededWard) -> None:
    """A draft that ended before today is not open, so the next rotation period is read back."""
    store_draft(test_ward, dt.date(2026, 12, 7), dt.date(2026, 12, 13))

    outcome = test_ward.say("Turid Lie", "Lag turnus")

    assert texts(outcome) == [NEXT_PERIOD_READ_BACK]


def test_published_days_leave_next_period(test_ward: SeededWard) -> None:
    """A draft of weeks 1–2, which the published roster covers, is not open any more."""
    store_draft(test_ward, dt.date(2027, 1, 4), dt.date(2027, 1, 17))

    outcome = test_ward.say("Turid Lie", "Lag turnus")

    assert texts(outcome) == [NEXT_PERIOD_READ_BACK]


OPEN_DRAFT_READ_BACK = (
    "Nordvik sykehjem har allerede et utkast for uke 3–8, fra mandag 18. januar til søndag "
    "28. februar, som ikke er publisert. Jeg planlegger det på nytt: jeg starter fra utkastet, "
    "planlegger med det som er registrert nå, og beholder utkastet hvis jeg ikke finner en "
    "bedre turnus. Vil du heller planlegge neste periode, svar «nei, uke 9–14». Stemmer det?"
)


def test_plain_roster_command_names_open_draft(test_ward: SeededWard) -> None:
    """«Lag turnus» while a draft of weeks 3–8 is open says so, and offers weeks 9–14."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_8_SUNDAY)

    outcome = test_ward.say("Turid Lie", "Lag turnus")

    assert texts(outcome) == [OPEN_DRAFT_READ_BACK]
    assert drafts_of(test_ward) is not None


def test_open_draft_planned_again_on_yes(test_ward: SeededWard) -> None:
    """A «ja» to that read-back plans the draft's weeks again, and a new draft replaces it."""
    first = store_draft(test_ward, WEEK_3_MONDAY, WEEK_3_SUNDAY)
    test_ward.say("Turid Lie", "Lag turnus")

    outcome = test_ward.say("Turid Lie", "ja")

    second = drafts_of(test_ward)
    assert [reply.title for reply in own_replies(outcome)][-1] == "Ny turnus"
    assert second is not None
    assert second.id > first.id
    assert (second.start, second.end) == (first.start, first.end)


def test_open_draft_offer_takes_next_period(test_ward: SeededWard) -> None:
    """«nei, uke 9–14», as the read-back offers, plans those weeks instead of the draft."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_8_SUNDAY)
    test_ward.say("Turid Lie", "Lag turnus")

    outcome = test_ward.say("Turid Lie", "nei, uke 9–14")

    assert texts(outcome)[0].startswith(
        "Lager turnus for Nordvik sykehjem fra mandag 1. mars til søndag 11. april (6 uker)."
    )


def test_improve_without_draft_explains(test_ward: SeededWard) -> None:
    """«Forbedre turnusen» with only a published roster explains it, and waits for no «ja»."""
    outcome = test_ward.say("Turid Lie", "Forbedre turnusen")
    after_yes = test_ward.say("Turid Lie", "ja")

    assert texts(outcome) == [
        "Det finnes ikke noe utkast å forbedre. Turnusen fra mandag 4. januar til søndag "
        "17. januar er publisert, og en publisert turnus planlegger jeg ikke på nytt, fordi de "
        "ansatte har fått vaktene sine. Den endres gjennom bytter, ledige vakter og "
        "endringsforslagene jeg lager etter fravær, som en leder godkjenner. Skriv «eksporter "
        "turnusen fra 4.1.2027» for å få den som fil, eller «lag turnus» for å planlegge neste "
        "periode, uke 3–8."
    ]
    assert texts(after_yes) == ["Ingenting venter på svar fra deg nå."]
    assert drafts_of(test_ward) is None


def test_improve_without_any_roster(test_ward: SeededWard) -> None:
    """A unit with no roster at all is told to make one, with the weeks «lag turnus» plans."""
    with test_ward.database.store() as store:
        store.rosters.set_status(test_ward.roster.id, RosterStatus.SUPERSEDED, actor_id=None)

    outcome = test_ward.say("Turid Lie", "Forbedre turnusen")

    assert texts(outcome) == [
        "Nordvik sykehjem har verken et utkast eller en publisert turnus å forbedre ennå. Skriv "
        "«lag turnus» for å planlegge neste periode, uke 2–7."
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
