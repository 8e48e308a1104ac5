"""Rosters from the chat: generation by planners, publishing, and who works when."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import nlu
import solver
from core.absences import Absence
from core.actions.rosters import (
    do_generate_roster,
    explains_gaps,
    progress_reply,
    render_explanation,
)
from core.capacity import Capacity, CompetenceCapacity
from core.commands import AbsenceKind, DateRange
from core.compliance.model import Severity, Violation, ViolationRule
from core.context import Services
from core.i18n import Translator
from core.messages import ReplyKind
from core.planning import PlanningInput
from core.roster_report import RosterReport
from core.rosters import Assignment, Roster, RosterStatus
from core.rules import RuleSettings
from solver import Progress
from solver.explain import Explanation
from solver.problem import SolverProblem, SolverResult
from tests.core.ward_cast import TEST_ROSTER_SEARCH_WORK, SeededWard, own_replies, texts


def latest(ward: SeededWard, status: RosterStatus):  # type: ignore[no-untyped-def]
    with ward.database.store() as store:
        return store.rosters.latest(ward.unit.id, status=status)


def test_employee_may_not_generate_a_roster(test_ward: SeededWard) -> None:
    """Only planners make rosters; an employee is told whom to ask and nothing starts."""
    (reply,) = texts(test_ward.say("Ola Nordmann", "Lag turnus for uke 3"))

    assert reply == "Bare en turnusansvarlig kan gjøre det. Spør Turid Lie om å gjøre det for deg."
    assert latest(test_ward, RosterStatus.DRAFT) is None


def test_employee_refusal_names_the_planner_in_nynorsk(test_ward: SeededWard) -> None:
    """The refusal in nynorsk names the unit's planner too."""
    (reply,) = texts(test_ward.say_in("nn", "Ola Nordmann", "Lag turnus for veke 3"))

    assert reply == (
        "Berre ein turnusansvarleg kan gjere det. Spør Turid Lie om å gjere det for deg."
    )


@pytest.mark.slow
def test_planner_generates_and_publishes(test_ward: SeededWard) -> None:
    """A planner's roster is read back, solved with progress, reported, and published on «ja»."""
    read_back = test_ward.say("Turid Lie", "Lag turnus for uke 3")
    generated = test_ward.say("Turid Lie", "ja")
    test_ward.say("Turid Lie", "Publiser turnusen")
    published = test_ward.say("Turid Lie", "ja")

    assert "mandag 18. januar" in texts(read_back)[0]
    kinds = [reply.kind for reply in own_replies(generated)]
    assert ReplyKind.PROGRESS in kinds
    (summary,) = [r for r in own_replies(generated) if r.kind == ReplyKind.ROSTER]
    assert "Regelsjekk" in summary.text
    # Three nurses with 240 % of positions cannot cover a nurse on 14 shifts a week.
    assert "Årsak: bare 3 ansatte har kompetansen sykepleier" in summary.text
    assert summary.attachment is not None
    assert summary.attachment.read_text(encoding="utf-8").startswith(
        "employee,date,shift_code,start,end"
    )
    roster = latest(test_ward, RosterStatus.PUBLISHED)
    assert roster.start == dt.date(2027, 1, 18)
    assert roster.end == dt.date(2027, 1, 24)
    notified = {r.recipient_employee_id for r in published.replies if r.recipient_employee_id}
    assert test_ward.staff["Kari Nordmann"].id in notified


def test_new_roster_is_repeatable(test_ward: SeededWard) -> None:
    """Two new rosters of week 3 stop on their work limit, not the clock, and are the same."""
    results: list[SolverResult] = []

    def solve_and_keep(problem: SolverProblem, **options: Any) -> SolverResult:
        result = solver.solve(problem, **options)
        results.append(result)
        return result

    services = Services(
        parse=nlu.parse,
        solve=solve_and_keep,
        solver_time_limit_seconds=5,
        roster_search_work=TEST_ROSTER_SEARCH_WORK,
    )
    week_3 = DateRange(dt.date(2027, 1, 18), dt.date(2027, 1, 24))
    with test_ward.database.store() as store:
        first = do_generate_roster(store, test_ward.unit, week_3, services, actor_id=None)
        second = do_generate_roster(store, test_ward.unit, week_3, services, actor_id=None)

    assert [result.work_limited for result in results] == [True, True]
    assert second.roster.id != first.roster.id
    assert first.roster.assignments
    assert second.roster.assignments == first.roster.assignments


def test_publishing_without_a_draft_says_what_to_do(test_ward: SeededWard) -> None:
    """«Publiser turnusen» with no draft tells the planner to make one first."""
    (reply,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))

    assert "lag turnus" in reply


def test_own_schedule_lists_shifts_with_times(test_ward: SeededWard) -> None:
    """«Når jobber jeg neste uke?» lists next week's shifts with their times."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Når jobber jeg neste uke?"))

    assert "mandag 11. januar: D 07:30–15:00" in reply
    assert "torsdag 14. januar" not in reply


def test_free_period_names_both_ends(test_ward: SeededWard) -> None:
    """A period without shifts is named by its first and last day."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Når jobber jeg 14.–16. januar?"))

    assert reply == (
        "Kari Nordmann har ingen vakter fra torsdag 14. januar til lørdag "
        "16. januar i den publiserte turnusen."
    )


NOT_MADE = "Turnusen for de dagene er ikke laget ennå."


def test_schedule_in_two_weeks_without_roster(test_ward: SeededWard) -> None:
    """«om to uker» is the week of 18 January, which has no roster: the reply says so."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Hva jobber jeg om to uker?"))

    assert reply == (
        "Det finnes ingen publisert turnus fra mandag 18. januar til søndag "
        "24. januar ennå, så jeg kan ikke si hvilke vakter Kari Nordmann har da. "
        f"{NOT_MADE}"
    )


def test_schedule_week_after_next_names_a_draft(test_ward: SeededWard) -> None:
    """A draft over the asked week is named as made but not published."""
    draft = Roster(
        0, test_ward.unit.id, dt.date(2027, 1, 18), dt.date(2027, 1, 24), RosterStatus.DRAFT
    )
    with test_ward.database.store() as store:
        store.rosters.add(draft, actor_id=None)

    (reply,) = texts(test_ward.say("Kari Nordmann", "Når jobber jeg uka etter neste?"))

    assert reply.endswith("har da. Turnusen for de dagene er laget, men ikke publisert ennå.")


def test_schedule_partly_without_roster_adds_note(test_ward: SeededWard) -> None:
    """The default 14 days reach past the roster, so the shifts end with a note on the rest."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Når jobber jeg?"))

    assert reply.splitlines()[1:] == [
        "  onsdag 6. januar: D 07:30–15:00",
        "  torsdag 7. januar: D 07:30–15:00",
        "  mandag 11. januar: D 07:30–15:00",
        "  tirsdag 12. januar: D 07:30–15:00",
        "  onsdag 13. januar: D 07:30–15:00",
        "Merk: det finnes ingen publisert turnus fra mandag 18. januar til tirsdag 19. januar "
        f"ennå, så vaktene da er ikke kjent. {NOT_MADE}",
    ]


def test_schedule_within_roster_has_no_note(test_ward: SeededWard) -> None:
    """A week inside the published roster gets no note about missing rosters."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Når jobber jeg neste uke?"))

    assert "Merk" not in reply


def test_who_works_without_roster_adds_note(test_ward: SeededWard) -> None:
    """«Hvem jobber 18. januar?» lists nobody and says that no roster covers the day."""
    (reply,) = texts(test_ward.say("Ola Nordmann", "Hvem jobber 18. januar?"))

    assert reply.splitlines() == [
        "Hvem jobber:",
        "mandag 18. januar: ingen",
        "Merk: det finnes ingen publisert turnus mandag 18. januar ennå, så vaktene da er ikke "
        f"kjent. {NOT_MADE}",
    ]


def test_who_works_a_night(test_ward: SeededWard) -> None:
    """«Hvem har nattevakt fredag?» names the night shift's staff."""
    (reply,) = texts(test_ward.say("Ola Nordmann", "Hvem har nattevakt fredag?"))

    assert "fredag 8. januar: Turid Lie (N)" in reply


def test_my_data_is_summarised_and_exported(test_ward: SeededWard) -> None:
    """«Hvilke opplysninger har dere om meg?» answers in words and attaches everything."""
    test_ward.say("Kari Nordmann", "Kurs fredag")
    test_ward.say("Kari Nordmann", "ja")

    (reply,) = own_replies(test_ward.say("Kari Nordmann", "Hvilke opplysninger har dere om meg?"))

    assert "sykepleier" in reply.text
    assert reply.attachment is not None
    exported = json.loads(reply.attachment.read_text(encoding="utf-8"))
    assert [absence["kind"] for absence in exported["absences"]] == ["course"]
    assert "Kari Nordmann" in json.dumps(exported, ensure_ascii=False)
    assert "Ola Nordmann" not in json.dumps(exported, ensure_ascii=False)


def test_planning_over_a_published_roster_is_refused(test_ward: SeededWard) -> None:
    """A period that overlaps the published roster is refused, so no one's shifts vanish."""
    (reply,) = texts(test_ward.say("Turid Lie", "Lag turnus for uke 2–3"))

    assert reply.startswith("Perioden overlapper den publiserte turnusen fra mandag 4. januar")
    assert latest(test_ward, RosterStatus.DRAFT) is None


@pytest.mark.parametrize(
    ("bound", "expected"),
    [
        (None, "Planlegger … 3 s, 2 turnusforslag funnet; forbedrer det beste."),
        (
            900.0,
            "Planlegger … 3 s, 2 turnusforslag funnet; "
            "det beste er høyst 10 % fra det best mulige.",
        ),
    ],
    ids=["no-bound-yet", "with-bound"],
)
def test_progress_names_the_gap_only_with_a_bound(bound: float | None, expected: str) -> None:
    """Before the solver has a bound, the gap is unknown and the reply does not invent one."""
    snapshot = Progress(wall_seconds=3.2, objective=1000.0, bound=bound, solutions_found=2)

    reply = progress_reply(Translator("nb"), snapshot)

    assert reply.text == expected
    assert reply.kind is ReplyKind.PROGRESS


def add_draft(
    ward: SeededWard, start: dt.date, end: dt.date, rows: dict[str, str] | None = None
) -> Roster:
    """Store a draft roster for the ward, as a planner's «lag turnus» would.

    `rows` gives a person's shift codes a day from `start`, «.» for a day off; without
    it the draft is empty.
    """
    assignments = [
        Assignment(ward.staff[name].id, start + dt.timedelta(days=offset), code)
        for name, row in (rows or {}).items()
        for offset, code in enumerate(row)
        if code != "."
    ]
    with ward.database.store() as store:
        return store.rosters.add(
            Roster(0, ward.unit.id, start, end, RosterStatus.DRAFT, tuple(assignments)),
            actor_id=None,
        )


def test_published_period_refused_at_once(test_ward: SeededWard) -> None:
    """A draft of weeks already published is refused before the read-back, not after «ja»."""
    add_draft(test_ward, dt.date(2027, 1, 4), dt.date(2027, 1, 17))

    (reply,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))
    confirmed = test_ward.say("Turid Lie", "ja")

    assert reply == (
        "Turnusen fra mandag 4. januar til søndag 17. januar er allerede publisert, så det er "
        "ingenting nytt å publisere. For å planlegge ukene etter den, skriv for eksempel «lag "
        "turnus for uke 3»."
    )
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]


def test_partly_published_draft_refused_at_once(test_ward: SeededWard) -> None:
    """A draft that overlaps the published roster gets the overlap reply with no read-back."""
    add_draft(test_ward, dt.date(2027, 1, 11), dt.date(2027, 1, 24))

    (reply,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))

    assert reply.startswith("Perioden overlapper den publiserte turnusen fra mandag 4. januar")


def test_publish_read_back_names_gap(test_ward: SeededWard) -> None:
    """A draft that starts a week after the published roster ends says which days have none."""
    draft = add_draft(test_ward, dt.date(2027, 1, 25), dt.date(2027, 2, 7))

    (read_back,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))
    test_ward.say("Turid Lie", "ja")

    assert read_back.startswith(
        "Publiserer turnusen fra mandag 25. januar til søndag 7. februar og gir beskjed til "
        "alle som har vakter i den. Merk: turnusen har "
    )
    assert (
        " Merk: ingen turnus dekker dagene fra mandag 18. januar til søndag 24. januar, mellom "
        "den publiserte turnusen og denne, så ingen har vakt da. "
    ) in read_back
    assert read_back.count("Svar «ja» bare hvis det er meningen.") == 1
    assert latest(test_ward, RosterStatus.PUBLISHED).id == draft.id


def test_adjoining_draft_has_no_gap_note(test_ward: SeededWard) -> None:
    """A draft that starts the day after the published roster ends is read back plainly."""
    add_draft(test_ward, dt.date(2027, 1, 18), dt.date(2027, 1, 31))

    (read_back,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))

    assert "ingen turnus dekker" not in read_back


def test_planning_read_back_names_gap(test_ward: SeededWard) -> None:
    """«Lag turnus for uke 4» after a roster that ends in week 2 names week 3 as unrostered."""
    (read_back,) = texts(test_ward.say("Turid Lie", "Lag turnus for uke 4"))

    assert "Merk: ingen turnus dekker dagene fra mandag 18. januar til søndag 24. januar" in (
        read_back
    )


WEEK_3 = (dt.date(2027, 1, 18), dt.date(2027, 1, 24))
# Week 3 with everyone inside target ± 8 h except Kari Nordmann: 80 % of 35.5 h is
# 28 h 24 min, and two day shifts are 15 h.
WEEK_3_ROWS = {
    "Turid Lie": "NNN....",
    "Kari Hansen": "...NN..",
    "Kari Nordmann": "DD.....",
    "Per Hansen": "..DD...",
    "Ola Nordmann": "AAAA...",
    "Ingrid Hansen": "....AAA",
}
KARI_OUTSIDE_BAND = (
    "Merk: 1 person er satt opp utenfor målet ± 8 t som avdelingen tillater: Kari Nordmann "
    "er satt opp med 15 t (15 t i uka) mot forventet 28 t 24 min (28 t 24 min i uka)."
)
# Nobody works days from Friday or nights at the weekend, and Kari Hansen is no nurse.
WEEK_3_GAPS = (
    "Merk: turnusen har 12 hull under minstebemanningen. N torsdag 21. januar har 0 med "
    "sykepleier, men trenger minst 1. D fredag 22. januar har 0 på vakt, men trenger minst 1. "
    "D fredag 22. januar har 0 med sykepleier, men trenger minst 1. Skriv «eksporter turnusen "
    "fra 18.1.2027» for å få utkastet og de 9 andre hullene som filer."
)


def test_publish_read_back_names_hours_outside_band(test_ward: SeededWard) -> None:
    """A draft that leaves someone outside the hours band names them before «ja»."""
    draft = add_draft(test_ward, *WEEK_3, WEEK_3_ROWS)

    (read_back,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))
    test_ward.say("Turid Lie", "ja")

    assert read_back == (
        "Publiserer turnusen fra mandag 18. januar til søndag 24. januar og gir beskjed til "
        f"alle som har vakter i den. {WEEK_3_GAPS} {KARI_OUTSIDE_BAND} Merk: regelsjekken "
        "finner 1 brudd i utkastet nå: Ingrid Hansen jobber lørdag 23. januar, men jobbet også "
        "helgen lørdag 9. januar. Høyst én helg av 3 kan være arbeidshelg. Svar «ja» bare hvis "
        "det er meningen. Stemmer det?"
    )
    assert latest(test_ward, RosterStatus.PUBLISHED).id == draft.id


def test_publish_read_back_names_everyone_outside_band(test_ward: SeededWard) -> None:
    """Each person outside the band is named, in order of name, with their own hours."""
    rows = dict(WEEK_3_ROWS, **{"Ola Nordmann": "AA.....", "Ingrid Hansen": "AAAAAAA"})
    add_draft(test_ward, *WEEK_3, rows)

    (read_back,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))

    assert "Merk: 3 personer er satt opp utenfor målet ± 8 t som avdelingen tillater: " in (
        read_back
    )
    assert (
        "Ingrid Hansen er satt opp med 52 t 30 min (52 t 30 min i uka) mot forventet "
        "26 t 38 min (26 t 38 min i uka); Kari Nordmann er satt opp med 15 t"
    ) in read_back
    assert "; Ola Nordmann er satt opp med 15 t (15 t i uka) mot forventet 35 t 30 min" in (
        read_back
    )


def test_publish_in_band_has_no_note(test_ward: SeededWard) -> None:
    """A draft with everyone inside target ± 8 h is read back without an hours note."""
    add_draft(test_ward, *WEEK_3, dict(WEEK_3_ROWS, **{"Kari Nordmann": "DDD...."}))

    (read_back,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))

    assert "utenfor målet" not in read_back


def test_absence_lowers_the_expected_hours(test_ward: SeededWard) -> None:
    """Vacation days lower the expected hours, so a short week around them is no deviation."""
    vacation = DateRange(dt.date(2027, 1, 20), dt.date(2027, 1, 21))
    with test_ward.database.store() as store:
        kari = test_ward.staff["Kari Nordmann"].id
        store.absences.add_absence(Absence(0, kari, AbsenceKind.VACATION, vacation), actor_id=None)
    add_draft(test_ward, *WEEK_3, WEEK_3_ROWS)

    (read_back,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))

    assert "utenfor målet" not in read_back


def test_hours_note_in_english(test_ward: SeededWard) -> None:
    """The hours note comes from the catalogs, so an English planner reads it in English."""
    add_draft(test_ward, *WEEK_3, WEEK_3_ROWS)
    test_ward.chat("Turid Lie").locale = "en"

    (read_back,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))

    assert (
        "Note: 1 person is planned outside the target ± 8 t that the unit allows: Kari "
        "Nordmann is planned for 15 t (15 t a week) against an expected 28 t 24 min (28 t 24 "
        "min a week)."
    ) in read_back
    assert read_back.endswith(" Answer «yes» only if that is intended. Is that right?")


def test_publish_read_back_asks_once(test_ward: SeededWard) -> None:
    """A draft after an unrostered week and with hours outside the band asks once for «ja»."""
    late_week = (dt.date(2027, 1, 25), dt.date(2027, 1, 31))
    add_draft(test_ward, *late_week, WEEK_3_ROWS)

    (read_back,) = texts(test_ward.say("Turid Lie", "Publiser turnusen"))

    assert "Merk: ingen turnus dekker dagene" in read_back
    assert "Merk: 1 person er satt opp utenfor målet" in read_back
    assert read_back.count("Svar «ja» bare hvis det er meningen.") == 1
    assert read_back.endswith(" Svar «ja» bare hvis det er meningen. Stemmer det?")


def test_explanation_names_at_most_six_minimums() -> None:
    """A long explanation names six minimums and counts the rest, so it stays readable."""
    days = 8
    problem = SolverProblem(dt.date(2027, 1, 18), days, (), (), (), RuleSettings())
    planning = PlanningInput(problem, DateRange(dt.date(2027, 1, 18), dt.date(2027, 1, 25)), {})
    explanation = Explanation(("daily_rest",), tuple((day, "N", None) for day in range(days)))

    text = render_explanation(explanation, planning, Translator("nb"), dt.date(2027, 1, 6))

    assert text == (
        "Hvorfor det er hull: disse minstekravene kan ikke oppfylles samtidig: N mandag "
        "18. januar, N tirsdag 19. januar, N onsdag 20. januar, N torsdag 21. januar, N fredag "
        "22. januar, N lørdag 23. januar og 2 andre. Reglene som står i veien: daglig hvile."
    )


def nurses(available_hours: int) -> CompetenceCapacity:
    """Three nurses against a nurse on 14 shifts of 7.5 h, 105 h in all."""
    return CompetenceCapacity("sykepleier", 3, 240, available_hours * 60, 105 * 60, 14, None)


@pytest.mark.parametrize(
    ("competence", "expected"),
    [
        pytest.param(nurses(120), True, id="nurses-enough"),
        pytest.param(nurses(90), False, id="nurses-short"),
    ],
)
def test_gap_search_skipped_when_a_competence_is_short(
    competence: CompetenceCapacity, expected: bool
) -> None:
    """Too few nurses already explain the gaps, so the search for rules is not run."""
    capacity = Capacity(
        staff_count=6,
        position_percent_total=465,
        weekly_norm_minutes=2130,
        available_minutes=200 * 60,
        required_minutes=175 * 60,
        required_shifts=21,
        days=7,
        max_daily_shifts=3,
        competences=(competence,),
    )
    gap = Violation(ViolationRule.COMPETENCE_MINIMUM, Severity.ERROR, None, WEEK_3[0], "N")
    report = RosterReport(DateRange(*WEEK_3), None, (), (), (), (), (gap,), capacity=capacity)

    assert explains_gaps(report) is expected
