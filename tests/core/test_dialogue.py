"""The dialogue: read back before any change, act only on a yes, ask when something is missing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from core.commands import DateRange
from core.messages import ButtonAction, ButtonPress, ReplyKind
from tests.core.ward_cast import SeededWard, own_replies, texts


def absences_of(ward: SeededWard, name: str) -> list[DateRange]:
    with ward.database.store() as store:
        return [a.days for a in store.absences.list_absences(employee_id=ward.staff[name].id)]


def unavailability_of(ward: SeededWard, name: str) -> list[DateRange]:
    with ward.database.store() as store:
        found = store.absences.list_unavailability(employee_id=ward.staff[name].id)
        return [u.days for u in found]


def test_absence_is_read_back_with_the_date_written_out(test_ward: SeededWard) -> None:
    """«Jeg er syk i morgen» is read back as sick leave on Thursday 7 January, with buttons."""
    outcome = test_ward.say("Kari Nordmann", "Jeg er syk i morgen")

    (reply,) = own_replies(outcome)
    assert reply.text == (
        "Registrerer sykefravær torsdag 7. januar. Vakten D torsdag 7. januar blir tatt ut av "
        "turnusen din. Stemmer det?"
    )
    assert reply.kind == ReplyKind.CONFIRMATION
    assert [button.label for button in reply.buttons] == ["Bekreft", "Avbryt"]
    assert absences_of(test_ward, "Kari Nordmann") == []


def test_day_count_is_read_back_with_other_days(test_ward: SeededWard) -> None:
    """«syk i dag og om tre dager» is read back with both days, the counted one written out."""
    outcome = test_ward.say("Kari Nordmann", "Jeg er syk i dag og om tre dager")

    assert texts(outcome) == [
        "Registrerer sykefravær onsdag 6. januar og lørdag 9. januar. Vakta di D onsdag "
        "6. januar har allerede begynt, så du har jobbet en del av den. Den blir stående på deg "
        "i turnusen og blir ikke ledig. Stemmer det?"
    ]


def test_yes_registers_the_absence_and_opens_the_shift(test_ward: SeededWard) -> None:
    """After «ja» the absence is stored, her shift that day is open, and the manager hears it."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")

    outcome = test_ward.say("Kari Nordmann", "ja")

    thursday = dt.date(2027, 1, 7)
    assert absences_of(test_ward, "Kari Nordmann") == [DateRange(thursday, thursday)]
    assert test_ward.published_shift("Kari Nordmann", thursday) is None
    to_manager = [
        r
        for r in outcome.replies
        if r.recipient_employee_id == test_ward.staff["Marit Solberg"].id
        and r.kind == ReplyKind.TEXT
    ]
    assert len(to_manager) == 1
    assert "Kari Nordmann" in to_manager[0].text


def test_no_changes_nothing(test_ward: SeededWard) -> None:
    """«nei» after a read-back stores nothing."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")

    outcome = test_ward.say("Kari Nordmann", "nei")

    assert texts(outcome) == ["OK, jeg har ikke endret noe."]
    assert absences_of(test_ward, "Kari Nordmann") == []


def test_confirm_button_carries_out_the_read_back(test_ward: SeededWard) -> None:
    """Pressing «Bekreft» does what «ja» does."""
    (reply,) = own_replies(test_ward.say("Kari Nordmann", "Kurs fredag"))
    confirm = reply.buttons[0].press

    test_ward.press("Kari Nordmann", confirm.action, confirm.value)

    friday = dt.date(2027, 1, 8)
    assert absences_of(test_ward, "Kari Nordmann") == [DateRange(friday, friday)]


def test_old_confirm_button_changes_nothing(test_ward: SeededWard) -> None:
    """A «Bekreft» from an earlier read-back does not confirm the newer one."""
    (first,) = own_replies(test_ward.say("Kari Nordmann", "Kurs fredag"))
    test_ward.say("Kari Nordmann", "Kan ikke jobbe lørdag")

    outcome = test_ward.press("Kari Nordmann", ButtonAction.CONFIRM, first.buttons[0].press.value)

    assert "Ingenting ble endret" in texts(outcome)[0]
    assert absences_of(test_ward, "Kari Nordmann") == []
    assert unavailability_of(test_ward, "Kari Nordmann") == []


def test_yes_twice_registers_once(test_ward: SeededWard) -> None:
    """A second «ja» finds nothing to confirm."""
    test_ward.say("Kari Nordmann", "Kurs fredag")
    test_ward.say("Kari Nordmann", "ja")

    outcome = test_ward.say("Kari Nordmann", "ja")

    assert len(absences_of(test_ward, "Kari Nordmann")) == 1
    assert len(texts(outcome)) == 1


def test_follow_up_adds_a_day(test_ward: SeededWard) -> None:
    """«og lørdag også» adds Saturday to the pending unavailability."""
    test_ward.say("Kari Nordmann", "Kan ikke jobbe fredag")

    outcome = test_ward.say("Kari Nordmann", "og lørdag også")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(outcome) == [
        "Registrerer at du ikke kan jobbe fra fredag 8. januar til lørdag 9. januar. Stemmer det?"
    ]
    assert unavailability_of(test_ward, "Kari Nordmann") == [
        DateRange(dt.date(2027, 1, 8), dt.date(2027, 1, 9))
    ]


def test_follow_up_replaces_the_day(test_ward: SeededWard) -> None:
    """«nei, torsdag» replaces the day of the pending request."""
    test_ward.say("Per Hansen", "Kan ikke jobbe fredag")

    test_ward.say("Per Hansen", "nei, torsdag")
    test_ward.say("Per Hansen", "ja")

    thursday = dt.date(2027, 1, 7)
    assert unavailability_of(test_ward, "Per Hansen") == [DateRange(thursday, thursday)]


# The read-back of vacation, which is a request to a manager, after its days.
VACATION_NOTE = (
    "Arbeidsgiveren fastsetter tidspunktet for ferien etter å ha drøftet det med deg, så "
    "ferien gjelder først når en leder har godkjent den. Stemmer det?"
)


def test_reversed_range_gets_one_question(test_ward: SeededWard) -> None:
    """A range that ends before it starts is asked about, and the answer completes it."""
    question = test_ward.say("Ingrid Hansen", "Ferie 10. til 3. mars")

    read_back = test_ward.say("Ingrid Hansen", "3.–10. mars")

    assert len(texts(question)) == 1
    assert "slutter før den begynner" in texts(question)[0]
    assert texts(read_back) == [
        f"Søker lederen din om ferie fra onsdag 3. mars til onsdag 10. mars. {VACATION_NOTE}"
    ]


def test_unknown_message_gets_help(test_ward: SeededWard) -> None:
    """A message the parser does not understand gets help with examples, never silence."""
    (reply,) = texts(test_ward.say("Ola Nordmann", "asdfgh"))

    assert "asdfgh" in reply
    assert "«Jeg er syk i dag»" in reply


def test_yes_without_a_question_says_so(test_ward: SeededWard) -> None:
    """«ja» with nothing pending changes nothing and says there is nothing to answer."""
    assert texts(test_ward.say("Ola Nordmann", "ja")) == ["Ingenting venter på svar fra deg nå."]


def test_past_vacation_is_refused(test_ward: SeededWard) -> None:
    """Vacation can not be registered back in time; the reply says what to write instead."""
    (reply,) = texts(test_ward.say("Ola Nordmann", "Ferie 2.1.2027"))

    assert reply.startswith("Dagen lørdag 2. januar er allerede passert")
    assert unavailability_of(test_ward, "Ola Nordmann") == []


def test_sick_report_may_look_back(test_ward: SeededWard) -> None:
    """Sick leave a few days back is accepted, because people report it afterwards."""
    test_ward.say("Ola Nordmann", "Jeg var syk i går")
    test_ward.say("Ola Nordmann", "ja")

    tuesday = dt.date(2027, 1, 5)
    assert absences_of(test_ward, "Ola Nordmann") == [DateRange(tuesday, tuesday)]


def test_ambiguous_name_gets_a_question(test_ward: SeededWard) -> None:
    """«Kari» fits two colleagues: the bot asks which, and the answer completes the command."""
    question = test_ward.say("Per Hansen", "Vil bytte dagvakt lørdag med Kari")

    read_back = test_ward.say("Per Hansen", "Kari Nordmann")

    assert texts(question) == [
        "Flere kolleger passer til «Kari»: Kari Hansen og Kari Nordmann. Hvem mener du?"
    ]
    (reply,) = texts(read_back)
    assert reply.startswith("Kari Nordmann har ingen vakt lørdag 9. januar")


def test_absence_leads_to_a_repair_proposal(test_ward: SeededWard) -> None:
    """Kari's sick day opens her shift; the managers get a repair to approve, then it applies."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")
    outcome = test_ward.say("Kari Nordmann", "ja")

    manager = test_ward.staff["Marit Solberg"]
    proposals = [
        r
        for r in outcome.replies
        if r.recipient_employee_id == manager.id and r.kind == ReplyKind.APPROVAL
    ]
    assert len(proposals) == 1
    assert "→" in proposals[0].text
    approve = proposals[0].buttons[0].press

    decided = test_ward.press("Marit Solberg", approve.action, approve.value)

    thursday = dt.date(2027, 1, 7)
    assert "Marit Solberg" in texts(decided)[0]
    covering = [
        name for name in test_ward.staff if test_ward.published_shift(name, thursday) == "D"
    ]
    assert covering
    assert "Kari Nordmann" not in covering


def test_rejected_repair_leaves_the_roster(test_ward: SeededWard) -> None:
    """«Avslå» on a repair proposal changes nothing in the published roster."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")
    outcome = test_ward.say("Kari Nordmann", "ja")
    (proposal,) = [r for r in outcome.replies if r.kind == ReplyKind.APPROVAL]
    reject = proposal.buttons[1].press

    test_ward.press("Marit Solberg", reject.action, reject.value)
    again = test_ward.press("Marit Solberg", reject.action, reject.value)

    thursday = dt.date(2027, 1, 7)
    assert [
        name for name in test_ward.staff if test_ward.published_shift(name, thursday) == "D"
    ] == []
    assert "allerede" in texts(again)[0] or "already" in texts(again)[0]


def test_repair_covers_tonight_but_keeps_started_shifts(test_ward: SeededWard) -> None:
    """Turid is sick tonight: the repair may fill tonight's night shift, not the started day."""
    test_ward.say("Turid Lie", "Jeg er syk i dag")
    outcome = test_ward.say("Turid Lie", "ja")

    (proposal,) = [r for r in outcome.replies if r.kind == ReplyKind.APPROVAL]
    lines = proposal.text.splitlines()[1:]
    assert any(line.endswith("→ N onsdag 6. januar") for line in lines)
    assert not any("D → fri onsdag 6. januar" in line for line in lines)


def test_same_absence_twice_is_registered_once(test_ward: SeededWard) -> None:
    """Reporting the same sick day again is refused; overlapping days add only the new ones."""
    test_ward.say("Ola Nordmann", "Jeg er syk i morgen")
    test_ward.say("Ola Nordmann", "ja")

    again = test_ward.say("Ola Nordmann", "Jeg er syk i morgen")
    test_ward.say("Ola Nordmann", "Jeg er syk fra i morgen til fredag")
    test_ward.say("Ola Nordmann", "ja")

    assert texts(again) == ["Du har allerede registrert sykefravær torsdag 7. januar."]
    thursday, friday = dt.date(2027, 1, 7), dt.date(2027, 1, 8)
    assert absences_of(test_ward, "Ola Nordmann") == [
        DateRange(thursday, thursday),
        DateRange(friday, friday),
    ]


def test_course_on_a_published_shift_goes_to_manager(test_ward: SeededWard) -> None:
    """A course on a day with a published shift is read back as a request to the manager.

    The whole flow, approval and repair included, is in test_absence_requests.
    """
    (reply,) = texts(test_ward.say("Kari Nordmann", "Kurs torsdag"))

    assert reply.startswith("Søker lederen din om kurs torsdag 7. januar.")
    assert "Du har publiserte vakter da: D torsdag 7. januar." in reply
    assert absences_of(test_ward, "Kari Nordmann") == []


def test_unavailability_for_another_shift_kind_is_accepted(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe natt torsdag» is fine for Kari, whose Thursday shift is a day shift."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Kan ikke jobbe natt torsdag"))

    assert reply.endswith("Stemmer det?")


@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        pytest.param(
            "Kan ikke jobbe 20. januar",
            "og fredag også",
            [
                DateRange(dt.date(2027, 1, 20), dt.date(2027, 1, 20)),
                DateRange(dt.date(2027, 1, 22), dt.date(2027, 1, 22)),
            ],
            id="weekday-in-the-same-week",
        ),
        pytest.param(
            "Kan ikke jobbe 20. januar",
            "nei, torsdag",
            [DateRange(dt.date(2027, 1, 21), dt.date(2027, 1, 21))],
            id="replacing-weekday",
        ),
    ],
)
def test_follow_up_weekdays_follow_the_pending_days(
    test_ward: SeededWard, first: str, follow_up: str, expected: list[DateRange]
) -> None:
    """A weekday in a follow-up means that day in the week being discussed."""
    test_ward.say("Kari Nordmann", first)

    test_ward.say("Kari Nordmann", follow_up)
    test_ward.say("Kari Nordmann", "ja")

    assert unavailability_of(test_ward, "Kari Nordmann") == expected


def test_missing_day_is_asked_for_and_completed(test_ward: SeededWard) -> None:
    """«Kurs» without a day gets the question, and «fredag» completes the registration."""
    question = test_ward.say("Kari Nordmann", "Jeg skal på kurs")

    read_back = test_ward.say("Kari Nordmann", "fredag")

    assert texts(question)[0].startswith("Hvilken dag?")
    assert texts(read_back) == ["Registrerer kurs fredag 8. januar. Stemmer det?"]


def test_new_command_during_a_question_starts_over(test_ward: SeededWard) -> None:
    """A different command instead of an answer drops the question and is handled itself."""
    test_ward.say("Kari Nordmann", "Jeg skal på kurs")

    outcome = test_ward.say("Kari Nordmann", "Når jobber jeg neste uke?")

    assert "mandag 11. januar: D 07:30–15:00" in texts(outcome)[0]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        pytest.param(
            "Jeg er syk i morgen",
            "Registrerer sykefravær torsdag 7. januar. Stemmer det?",
            id="other-absence-kind",
        ),
        pytest.param(
            "Kan ikke jobbe 1. mars",
            "Registrerer at du ikke kan jobbe mandag 1. mars. Stemmer det?",
            id="other-intent",
        ),
        pytest.param(
            "Ferie 1. til 10. mars",
            f"Søker lederen din om ferie fra mandag 1. mars til onsdag 10. mars. {VACATION_NOTE}",
            id="same-command-complete",
        ),
        pytest.param(
            "1. til 10. mars",
            f"Søker lederen din om ferie fra mandag 1. mars til onsdag 10. mars. {VACATION_NOTE}",
            id="bare-range-answers",
        ),
        pytest.param(
            "mandag 1. mars",
            f"Søker lederen din om ferie mandag 1. mars. {VACATION_NOTE}",
            id="bare-day-answers",
        ),
    ],
)
def test_complete_command_replaces_the_question(
    test_ward: SeededWard, message: str, expected: str
) -> None:
    """A command of its own replaces an open question; only a bare date answers it."""
    test_ward.say("Ingrid Hansen", "Ferie 20. til 10. mars")

    outcome = test_ward.say("Ingrid Hansen", message)

    assert texts(outcome) == [expected]


def test_same_command_supplies_the_missing_part(test_ward: SeededWard) -> None:
    """«bytte med Kari Nordmann» answers «Hvem vil du bytte med?» about Saturday's swap."""
    test_ward.say("Per Hansen", "Kan jeg bytte vakta mi lørdag?")

    outcome = test_ward.say("Per Hansen", "bytte med Kari Nordmann")

    (reply,) = texts(outcome)
    assert reply.startswith(
        "Kari Nordmann har ingen vakt lørdag 9. januar, så dere kan ikke bytte vakter den dagen."
    )


@pytest.mark.parametrize(
    "interruption",
    [
        pytest.param("Kan jeg bytte vakta mi fredag med Zyxwv Qrst?", id="error-reply"),
        pytest.param("Kan ikke jobbe fredag", id="other-change"),
    ],
)
def test_other_change_sets_the_read_back_aside(test_ward: SeededWard, interruption: str) -> None:
    """A message that would change something ends the read-back, and the reply says so first."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")
    interrupted = test_ward.say("Kari Nordmann", interruption)
    test_ward.say("Kari Nordmann", "nei")

    outcome = test_ward.say("Kari Nordmann", "ja")

    assert texts(interrupted)[0] == (
        "Jeg la bort «Registrerer sykefravær torsdag 7. januar. Vakten D torsdag 7. januar blir "
        "tatt ut av turnusen din», som ventet på svar fra deg; skriv det på nytt hvis du "
        "fortsatt vil ha det."
    )
    assert texts(outcome) == ["Ingenting venter på svar fra deg nå."]
    assert absences_of(test_ward, "Kari Nordmann") == []


@pytest.mark.parametrize(
    "interruption",
    [
        pytest.param("Når jobber jeg neste uke?", id="question"),
        pytest.param("Hvem har nattevakt lørdag?", id="who-works"),
        pytest.param("asdfgh", id="not-understood"),
        pytest.param("hjelp", id="help"),
    ],
)
def test_question_keeps_the_read_back_open(test_ward: SeededWard, interruption: str) -> None:
    """A message that changes nothing is answered, with a reminder, and «ja» still confirms."""
    test_ward.say("Kari Nordmann", "🤒 syk i morgen 🤒")
    interrupted = test_ward.say("Kari Nordmann", interruption)

    outcome = test_ward.say("Kari Nordmann", "ja")

    assert texts(interrupted)[-1] == (
        "Jeg venter fortsatt på svar på «Registrerer sykefravær torsdag 7. januar. Vakten D "
        "torsdag 7. januar blir tatt ut av turnusen din». Svar «ja» eller «nei»."
    )
    assert texts(outcome)[0].startswith("Registrert")
    assert absences_of(test_ward, "Kari Nordmann") == [
        DateRange(dt.date(2027, 1, 7), dt.date(2027, 1, 7))
    ]


def test_answered_read_back_gets_no_note(test_ward: SeededWard) -> None:
    """«nei» and «og fredag også» answer the read-back, so no note says it was set aside."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")

    amended = test_ward.say("Kari Nordmann", "og fredag også")
    declined = test_ward.say("Kari Nordmann", "nei")

    assert texts(amended) == [
        "Registrerer sykefravær fra torsdag 7. januar til fredag 8. januar. Vakten D torsdag "
        "7. januar blir tatt ut av turnusen din. Stemmer det?"
    ]
    assert texts(declined) == ["OK, jeg har ikke endret noe."]


def test_error_after_read_back_changes_nothing(test_ward: SeededWard) -> None:
    """A command that fails after a read-back gets its error and stores nothing."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")

    outcome = test_ward.say("Kari Nordmann", "Kan jeg bytte vakta mi fredag med Zyxwv Qrst?")

    note, reply = own_replies(outcome)
    assert note.text.startswith(
        "Jeg la bort «Registrerer sykefravær torsdag 7. januar. Vakten D torsdag 7. januar blir "
        "tatt ut av turnusen din»"
    )
    assert reply.kind == ReplyKind.ERROR
    assert reply.text.startswith("Jeg fant ingen kollega som heter Zyxwv Qrst")
    assert absences_of(test_ward, "Kari Nordmann") == []


def test_invalid_answer_keeps_the_question_open(test_ward: SeededWard) -> None:
    """An unknown name in answer to «Hvem vil du bytte med?» may be corrected."""
    test_ward.say("Per Hansen", "Kan jeg bytte vakta mi lørdag?")
    (error,) = texts(test_ward.say("Per Hansen", "Zyxwv Qrst"))

    outcome = test_ward.say("Per Hansen", "Kari Nordmann")

    assert error.startswith("Jeg fant ingen kollega som heter Zyxwv Qrst")
    (reply,) = texts(outcome)
    assert reply.startswith(
        "Kari Nordmann har ingen vakt lørdag 9. januar, så dere kan ikke bytte vakter den dagen."
    )


@pytest.mark.parametrize(
    "text", [pytest.param("", id="empty"), pytest.param("  \t ", id="whitespace")]
)
def test_empty_message_gets_a_hint(test_ward: SeededWard, text: str) -> None:
    """An empty message gets a short hint instead of the full help or silence."""
    outcome = test_ward.say("Kari Nordmann", text)

    assert texts(outcome) == ["Meldingen din var tom. Skriv «hjelp» for å se hva jeg kan."]


def test_empty_message_keeps_the_read_back(test_ward: SeededWard) -> None:
    """An empty message during a read-back reminds of the question, and «ja» still works."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")

    hint = test_ward.say("Kari Nordmann", " ")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(hint) == [
        "Meldingen din var tom. Svar på spørsmålet mitt over, eller skriv "
        "«hjelp» for å se hva jeg kan."
    ]
    thursday = dt.date(2027, 1, 7)
    assert absences_of(test_ward, "Kari Nordmann") == [DateRange(thursday, thursday)]


def invalid_date_question(written: str) -> str:
    return (
        f"«{written}» er ingen dato som finnes. Hvilken dag mener du? Skriv dagen og så "
        "måneden, for eksempel «28.2» eller «28. februar»."
    )


@pytest.mark.parametrize(
    ("message", "written"),
    [
        pytest.param("Jeg er syk 32. mars", "32. mars", id="month-name"),
        pytest.param("syk 32.3", "32.3", id="numeric"),
        pytest.param("syk 32.13", "32.13", id="day-and-month-invalid"),
        pytest.param("Jeg er syk 32.13.2027", "32.13.2027", id="month-invalid-with-year"),
        pytest.param("Ferie 30.2", "30.2", id="february-30"),
        pytest.param("ferie 30.02", "30.02", id="february-30-zero"),
        pytest.param("Kan ikke jobbe 45/2", "45/2", id="slash"),
        pytest.param("Ferie om -3 dager", "om -3 dager", id="negative-count"),
        pytest.param(
            "Kan ikke jobbe om 100000000 dager", "om 100000000 dager", id="count-past-9999"
        ),
    ],
)
def test_invalid_date_is_asked_about(test_ward: SeededWard, message: str, written: str) -> None:
    """A day that no month has gets a question that quotes it and shows how to write a date."""
    outcome = test_ward.say("Kari Nordmann", message)

    assert texts(outcome) == [invalid_date_question(written)]


def test_invalid_week_is_quoted(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe uke 54» gets a question that quotes the week."""
    outcome = test_ward.say("Kari Nordmann", "Kan ikke jobbe uke 54")

    assert texts(outcome) == [
        "«uke 54» er ingen uke som finnes, for et år har uke 1 til 52, og noen år 53. "
        "Hvilken uke mener du? Skriv for eksempel «uke 3»."
    ]


def test_second_invalid_date_is_quoted(test_ward: SeededWard) -> None:
    """A wrong answer to the invalid-date question is quoted in turn, not the first date."""
    test_ward.say("Kari Nordmann", "syk 32.3")

    outcome = test_ward.say("Kari Nordmann", "31.4")

    assert texts(outcome) == [invalid_date_question("31.4")]


def test_invalid_numeric_date_can_be_corrected(test_ward: SeededWard) -> None:
    """After «syk 32.1» the answer «23.1» completes the sick report."""
    test_ward.say("Ola Nordmann", "syk 32.1")

    outcome = test_ward.say("Ola Nordmann", "23.1")

    assert texts(outcome) == ["Registrerer sykefravær lørdag 23. januar. Stemmer det?"]


NO_COMMAND_EITHER = (
    "Jeg forsto heller ikke hva du vil gjøre. Skriv hva du vil og hvilken dag, "
    "for eksempel «Jeg er syk 25.5» eller «Kan ikke jobbe 25. mai»."
)


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        pytest.param("35.5", "«35.5» er ingen dato som finnes.", id="bare-decimal"),
        pytest.param("32.13", "«32.13» er ingen dato som finnes.", id="day-and-month-invalid"),
        pytest.param("32. mars", "«32. mars» er ingen dato som finnes.", id="month-name"),
        pytest.param(
            "uke 54",
            "«uke 54» er ingen uke som finnes, for et år har uke 1 til 52, og noen år 53.",
            id="week",
        ),
        pytest.param(
            "fra 10. til 3. mars",
            "Perioden «10. til 3. mars» slutter før den begynner.",
            id="reversed-range",
        ),
    ],
)
def test_bad_date_without_command_is_explained(
    test_ward: SeededWard, message: str, problem: str
) -> None:
    """A bad date without a command gets what is wrong and what to write, and no question."""
    outcome = test_ward.say("Kari Nordmann", message)
    confirmed = test_ward.say("Kari Nordmann", "ja")

    assert texts(outcome) == [f"{problem} {NO_COMMAND_EITHER}"]
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]


def test_date_after_bad_date_is_new_message(test_ward: SeededWard) -> None:
    """A valid date after «35.5» is a message of its own, because nothing waits for a date."""
    test_ward.say("Kari Nordmann", "35.5")

    (reply,) = texts(test_ward.say("Kari Nordmann", "25.5"))

    assert reply.startswith("Det forsto jeg ikke.\nDu kan skrive til meg på vanlig norsk")


@pytest.mark.parametrize("message", ["35.5 timer", "37.5%"])
def test_number_with_unit_is_not_called_a_date(test_ward: SeededWard, message: str) -> None:
    """«35.5 timer» is a number, so the reply is the general one without a word about dates."""
    (reply,) = texts(test_ward.say("Kari Nordmann", message))

    assert reply.startswith("Det forsto jeg ikke.")
    assert "dato" not in reply


def test_bad_date_answering_a_question_keeps_it_open(test_ward: SeededWard) -> None:
    """In answer to «Hvilken dag?», «35.5» is a wrong date: the question stays open."""
    test_ward.say("Kari Nordmann", "Jeg skal på kurs")

    wrong = test_ward.say("Kari Nordmann", "35.5")
    right = test_ward.say("Kari Nordmann", "23.3")

    assert texts(wrong) == [invalid_date_question("35.5")]
    assert texts(right) == ["Registrerer kurs tirsdag 23. mars. Stemmer det?"]


TOO_FAR_QUESTION = (
    "Den datoen er for langt fram i tid. Jeg tar bare imot datoer til og med lørdag "
    "6. januar 2029. Sjekk årstallet og skriv datoen på nytt, for eksempel «12. januar»."
)


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("Ferie 1. januar 3000", id="year-3000"),
        pytest.param("Kan ikke jobbe 7.1.2029", id="day-after-horizon"),
        pytest.param("Ferie fra 1. desember 2028 til 10. januar 2029", id="range-ending-after"),
        pytest.param("Ønsker fri i januar 3000", id="month"),
        pytest.param("Når jobber jeg 1. januar 3000?", id="question"),
        pytest.param("Ferie om 999 uker", id="count-of-weeks"),
        pytest.param("Kan ikke jobbe om tre tusen dager", id="count-in-words"),
        pytest.param("Hva jobber jeg om 200 uker?", id="count-in-question"),
    ],
)
def test_date_beyond_horizon_is_asked_about(test_ward: SeededWard, message: str) -> None:
    """A day more than two years ahead gets a question with the last allowed day."""
    outcome = test_ward.say("Ola Nordmann", message)

    assert texts(outcome) == [TOO_FAR_QUESTION]
    assert absences_of(test_ward, "Ola Nordmann") == []
    assert unavailability_of(test_ward, "Ola Nordmann") == []


def test_last_day_of_horizon_is_accepted(test_ward: SeededWard) -> None:
    """The day exactly two years ahead is read back as usual."""
    outcome = test_ward.say("Ola Nordmann", "Kan ikke jobbe 6.1.2029")

    assert texts(outcome) == [
        "Registrerer at du ikke kan jobbe lørdag 6. januar 2029. Stemmer det?"
    ]


def test_date_beyond_horizon_can_be_corrected(test_ward: SeededWard) -> None:
    """After the question, a nearer date completes the vacation, and «ja» requests it."""
    test_ward.say("Ola Nordmann", "Ferie 1. mars 3027")

    outcome = test_ward.say("Ola Nordmann", "1. mars 2027")
    test_ward.say("Ola Nordmann", "ja")

    assert texts(outcome) == [f"Søker lederen din om ferie mandag 1. mars. {VACATION_NOTE}"]
    with test_ward.database.store() as store:
        (request,) = store.shift_requests.list_open(test_ward.unit.id)
    march_first = dt.date(2027, 3, 1)
    assert (request.day, request.last_day) == (march_first, march_first)


def test_far_answer_keeps_the_question_open(test_ward: SeededWard) -> None:
    """A second date beyond the horizon gets the same question again."""
    test_ward.say("Ola Nordmann", "Ferie 1. mars 3027")

    outcome = test_ward.say("Ola Nordmann", "1. mars 2207")

    assert texts(outcome) == [TOO_FAR_QUESTION]


def test_follow_up_beyond_horizon_is_asked_about(test_ward: SeededWard) -> None:
    """«og 1. januar 3000 også» after a read-back is asked about, not read back."""
    test_ward.say("Ola Nordmann", "Kan ikke jobbe fredag")

    outcome = test_ward.say("Ola Nordmann", "og 1. januar 3000 også")
    confirmed = test_ward.say("Ola Nordmann", "ja")

    assert texts(outcome) == [TOO_FAR_QUESTION]
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]
    assert unavailability_of(test_ward, "Ola Nordmann") == []


def test_wrong_weekday_is_pointed_out(test_ward: SeededWard) -> None:
    """«fredag 9. januar» (a Saturday) is read back with a warning to check the date."""
    outcome = test_ward.say("Kari Nordmann", "Kan ikke jobbe fredag 9. januar")

    assert texts(outcome) == [
        "Registrerer at du ikke kan jobbe lørdag 9. januar. Merk: 9. januar er en lørdag, "
        "ikke en fredag. Sjekk datoen, og skriv riktig dato hvis den er feil. Stemmer det?"
    ]


def test_wrong_weekday_warning_names_other_year(test_ward: SeededWard) -> None:
    """A conflicting day in another year is written with its year."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Kan ikke jobbe fredag 12.1.2028"))

    assert "Merk: 12. januar 2028 er en onsdag, ikke en fredag." in reply


def test_corrected_date_drops_the_warning(test_ward: SeededWard) -> None:
    """«nei, 8. januar» replaces the conflicting day, so the warning goes, and «ja» stores it."""
    test_ward.say("Kari Nordmann", "Kan ikke jobbe fredag 9. januar")

    outcome = test_ward.say("Kari Nordmann", "nei, 8. januar")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(outcome) == ["Registrerer at du ikke kan jobbe fredag 8. januar. Stemmer det?"]
    friday = dt.date(2027, 1, 8)
    assert unavailability_of(test_ward, "Kari Nordmann") == [DateRange(friday, friday)]


def test_wrong_weekday_in_answer_is_pointed_out(test_ward: SeededWard) -> None:
    """A conflicting day given in answer to «Hvilken dag?» gets the warning too."""
    test_ward.say("Kari Nordmann", "Jeg skal på kurs")

    (reply,) = texts(test_ward.say("Kari Nordmann", "fredag 9. januar"))

    assert reply.startswith("Registrerer kurs lørdag 9. januar. Merk: 9. januar er en lørdag")


SATURDAY_NOT_FRIDAY = (
    "Merk: 9. januar er en lørdag, ikke en fredag. Sjekk datoen, og skriv "
    "riktig dato hvis den er feil."
)


def test_wrong_weekday_in_direct_answer(test_ward: SeededWard) -> None:
    """A question about «fredag 9. januar» (a Saturday) gets a reply with the warning after it."""
    outcome = test_ward.say("Kari Nordmann", "Når jobber jeg fredag 9. januar?")

    assert texts(outcome) == [
        f"Kari Nordmann har ingen vakter lørdag 9. januar i den publiserte turnusen. "
        f"{SATURDAY_NOT_FRIDAY}"
    ]


def test_wrong_weekday_follows_list_answer(test_ward: SeededWard) -> None:
    """A reply of several lines gets the warning as its last line."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Hvem jobber fredag 9. januar?"))

    assert reply.splitlines() == [
        "Hvem jobber:",
        "lørdag 9. januar: Per Hansen (D), Ingrid Hansen (A)",
        SATURDAY_NOT_FRIDAY,
    ]


def test_wrong_weekday_in_error_reply(test_ward: SeededWard) -> None:
    """An error about a day written with the wrong weekday ends with the warning."""
    outcome = test_ward.say("Kari Nordmann", "Kan ikke jobbe fredag 7. januar")

    (reply,) = own_replies(outcome)
    assert reply.kind == ReplyKind.ERROR
    assert reply.text.startswith("Du har publiserte vakter da: D torsdag 7. januar.")
    assert reply.text.endswith(
        "Merk: 7. januar er en torsdag, ikke en fredag. Sjekk datoen, og skriv riktig dato hvis "
        "den er feil."
    )


def test_wrong_weekday_in_past_day_error(test_ward: SeededWard) -> None:
    """«mandag 5.1.2027», a Tuesday in the past, gets the past-day error and the warning."""
    (reply,) = texts(test_ward.say("Ola Nordmann", "Kan ikke jobbe mandag 5.1.2027"))

    assert reply == (
        "Dagen tirsdag 5. januar er allerede passert. Skriv en dag fra og med i dag, for eksempel "
        "«i morgen». "
        "Merk: 5. januar er en tirsdag, ikke en mandag. Sjekk datoen, og skriv riktig dato hvis "
        "den er feil."
    )


def test_unavailable_day_after_a_published_night_is_refused(test_ward: SeededWard) -> None:
    """Turid's published night from Wednesday 13 January lasts into Thursday morning.

    She cannot then simply say she cannot work on Thursday: the night is named, as
    a shift on the day itself would be. Friday, after a free Thursday, is fine.
    """
    (refused,) = texts(test_ward.say("Turid Lie", "Kan ikke jobbe torsdag 14. januar"))
    (accepted,) = texts(test_ward.say("Turid Lie", "Kan ikke jobbe fredag 15. januar"))

    assert refused.startswith("Du har publiserte vakter da: N onsdag 13. januar.")
    assert not accepted.startswith("Du har publiserte vakter da")


def test_wrong_weekday_in_error_after_question(test_ward: SeededWard) -> None:
    """A day given in answer to «Hvilken dag?» that leads to an error gets the warning too."""
    test_ward.say("Kari Nordmann", "Jeg kan ikke jobbe")

    (reply,) = texts(test_ward.say("Kari Nordmann", "fredag 7. januar"))

    assert reply.startswith("Du har publiserte vakter da: D torsdag 7. januar.")
    assert "Merk: 7. januar er en torsdag, ikke en fredag." in reply


def test_wrong_weekday_after_unknown_message(test_ward: SeededWard) -> None:
    """A date alone with the wrong weekday gets the general reply and the warning last."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "fredag 9. januar"))

    assert reply.startswith("Det forsto jeg ikke.")
    assert reply.splitlines()[-1] == SATURDAY_NOT_FRIDAY


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("Når jobber jeg lørdag 9. januar?", id="answer"),
        pytest.param("Kan ikke jobbe torsdag 7. januar", id="error"),
    ],
)
def test_matching_weekday_answer_has_no_warning(test_ward: SeededWard, message: str) -> None:
    """A weekday that fits the date adds nothing to an answer or an error."""
    (reply,) = texts(test_ward.say("Kari Nordmann", message))

    assert "Merk:" not in reply


def test_matching_weekday_gets_no_warning(test_ward: SeededWard) -> None:
    """«fredag 8. januar» is a Friday, so the read-back is as usual."""
    outcome = test_ward.say("Kari Nordmann", "Kan ikke jobbe fredag 8. januar")

    assert texts(outcome) == ["Registrerer at du ikke kan jobbe fredag 8. januar. Stemmer det?"]


OTHER_BUTTON_NOTE = (
    "Du trykket på en annen knapp, så det vi holdt på med over, er avsluttet "
    "uten endringer. Skriv det på nytt hvis du fortsatt vil det."
)


def swap_invitation_for_per(ward: SeededWard) -> ButtonPress:
    """Return Per's accept button on Kari's request to swap Thursday for his Saturday."""
    ward.say("Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag")
    outcome = ward.say("Kari Nordmann", "ja")
    (invitation,) = [
        reply
        for reply in outcome.replies
        if reply.recipient_employee_id == ward.staff["Per Hansen"].id
    ]
    return invitation.buttons[0].press


def repair_approval_for_marit(ward: SeededWard) -> ButtonPress:
    """Return Marit's «Godkjenn» button on the repair that Kari's sick day leads to."""
    ward.say("Kari Nordmann", "Jeg er syk i morgen")
    outcome = ward.say("Kari Nordmann", "ja")
    (proposal,) = [reply for reply in outcome.replies if reply.kind == ReplyKind.APPROVAL]
    return proposal.buttons[0].press


@pytest.mark.parametrize(
    ("name", "button"),
    [
        pytest.param("Per Hansen", swap_invitation_for_per, id="accept-swap"),
        pytest.param("Marit Solberg", repair_approval_for_marit, id="approve-repair"),
    ],
)
def test_other_button_ends_the_read_back(
    test_ward: SeededWard, name: str, button: Callable[[SeededWard], ButtonPress]
) -> None:
    """Another button during a read-back is carried out, and the read-back is closed."""
    press = button(test_ward)
    test_ward.say(name, "Kan ikke jobbe 20. januar")

    pressed = test_ward.press(name, press.action, press.value)
    confirmed = test_ward.say(name, "ja")

    decision, note = own_replies(pressed)
    assert decision.kind == ReplyKind.DECISION
    assert decision.replace_original is True
    assert note.text == OTHER_BUTTON_NOTE
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]
    assert unavailability_of(test_ward, name) == []


def test_other_button_ends_a_question(test_ward: SeededWard) -> None:
    """Another button during a question drops the question, so a later date answers nothing."""
    press = swap_invitation_for_per(test_ward)
    test_ward.say("Per Hansen", "Jeg skal på kurs")

    pressed = test_ward.press("Per Hansen", press.action, press.value)
    later = test_ward.say("Per Hansen", "fredag")

    assert own_replies(pressed)[-1].text == OTHER_BUTTON_NOTE
    assert not texts(later)[0].startswith("Registrerer kurs")
    assert absences_of(test_ward, "Per Hansen") == []


def test_failed_other_button_ends_the_read_back(test_ward: SeededWard) -> None:
    """A button whose action fails still closes the read-back: an error reply, then the note."""
    test_ward.say("Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag")
    outcome = test_ward.say("Kari Nordmann", "ja")
    (request_id,) = {r.request_id for r in outcome.replies if r.request_id is not None}
    test_ward.say("Marit Solberg", "Kan ikke jobbe 20. januar")

    pressed = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))
    confirmed = test_ward.say("Marit Solberg", "ja")

    error, note = own_replies(pressed)
    assert error.kind == ReplyKind.ERROR
    assert note.text == OTHER_BUTTON_NOTE
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]
    assert unavailability_of(test_ward, "Marit Solberg") == []


def test_closed_read_back_buttons_have_expired(test_ward: SeededWard) -> None:
    """«Bekreft» on a read-back that another button closed changes nothing."""
    press = swap_invitation_for_per(test_ward)
    (read_back,) = own_replies(test_ward.say("Per Hansen", "Kan ikke jobbe 20. januar"))
    test_ward.press("Per Hansen", press.action, press.value)

    confirm = read_back.buttons[0].press
    outcome = test_ward.press("Per Hansen", confirm.action, confirm.value)

    assert "Ingenting ble endret" in texts(outcome)[0]
    assert unavailability_of(test_ward, "Per Hansen") == []


def test_other_button_without_pending_adds_no_note(test_ward: SeededWard) -> None:
    """With nothing pending, another button gets only its own reply."""
    press = swap_invitation_for_per(test_ward)

    pressed = test_ward.press("Per Hansen", press.action, press.value)

    assert OTHER_BUTTON_NOTE not in texts(pressed)


def test_unread_word_next_to_a_date_is_named_in_the_read_back(test_ward: SeededWard) -> None:
    """«i morgen og overimorgn» reads back tomorrow and says that «overimorgn» was left out."""
    outcome = test_ward.say("Kari Nordmann", "Syk i morgen og overimorgn")

    assert texts(outcome) == [
        "Registrerer sykefravær torsdag 7. januar. Vakten D torsdag 7. januar blir tatt ut av "
        "turnusen din. Merk: Jeg forstod ikke «overimorgn», så det er ikke tatt med. Hvis det "
        "er en dag, skriv den som en dato, for eksempel «7.12». Stemmer det?"
    ]


def test_recurring_days_without_period_ask_for_one(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe mandager» names no period, so the bot says how to write one."""
    outcome = test_ward.say("Kari Nordmann", "Kan ikke jobbe mandager")

    assert texts(outcome) == [
        "For hvilken periode? Jeg registrerer faste dager bare innenfor en periode. Skriv for "
        "eksempel «Kan ikke jobbe mandager i januar» eller «Ønsker fri i helgene uke 10–14»."
    ]
    assert unavailability_of(test_ward, "Kari Nordmann") == []


def test_recurring_days_in_a_period_are_read_back_one_by_one(test_ward: SeededWard) -> None:
    """«mandager i februar» is every Monday of February 2027."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Kan ikke jobbe mandager i februar"))

    assert reply.startswith("Registrerer at du ikke kan jobbe mandag 1. februar, ")
    assert "mandag 22. februar" in reply
    assert "tirsdag" not in reply


@pytest.mark.parametrize("text", ["Lag turnus", "Sett opp turnusen", "Lag ny turnus"])
def test_roster_without_weeks_reads_back_next_period(test_ward: SeededWard, text: str) -> None:
    """A planner who names no period, without an open draft, gets the next weeks read back."""
    (read_back,) = texts(test_ward.say("Turid Lie", text))

    assert read_back.startswith(
        "Lager turnus for Nordvik sykehjem for uke 3–8, fra mandag 18. januar til søndag "
        "28. februar: neste turnusperiode på 6 uker,"
    )


@pytest.mark.parametrize("text", ["Lag turnusen på nytt", "Forbedre turnusen"])
def test_plan_again_without_draft_explains(test_ward: SeededWard, text: str) -> None:
    """Asked to plan again with no open draft, the planner learns the roster is published."""
    (reply,) = texts(test_ward.say("Turid Lie", text))

    assert reply.startswith(
        "Det finnes ikke noe utkast å forbedre. Turnusen fra mandag 4. januar til søndag "
        "17. januar er publisert,"
    )


def test_reversed_week_range_is_pointed_out(test_ward: SeededWard) -> None:
    """«uke 15–10» ends before it starts, so the bot quotes it instead of planning 48 weeks."""
    (reply,) = texts(test_ward.say("Turid Lie", "Lag turnus for uke 15–10"))

    assert "«uke 15-10»" in reply
    assert "26 uker" not in reply


@pytest.mark.parametrize(
    ("name", "message", "question"),
    [
        pytest.param(
            "Turid Lie",
            "Lag turnus for uke 15–10",
            "Perioden «uke 15-10» slutter før den begynner. Hvilke uker mener du? Skriv den "
            "første uka først, for eksempel «uke 10–15».",
            id="roster",
        ),
        pytest.param(
            "Kari Nordmann",
            "Kan ikke jobbe uke 9 til uke 7",
            "Perioden «uke 9 til uke 7» slutter før den begynner. Hvilke uker mener du? Skriv "
            "den første uka først, for eksempel «uke 7–9».",
            id="unavailability",
        ),
        pytest.param(
            "Kari Nordmann",
            "Eg kan ikkje jobbe veke 9 til veke 7",
            "Perioden «veke 9 til veke 7» slutter før den begynner. Hvilke uker mener du? Skriv "
            "den første uka først, for eksempel «uke 7–9».",
            id="nynorsk-weeks",
        ),
        pytest.param(
            "Kari Nordmann",
            "Kan ikke jobbe 15.3-10.3",
            "Perioden «15.3-10.3» slutter før den begynner. Hvilke dager mener du? Skriv den "
            "første dagen først, for eksempel «3.–10. mars».",
            id="days-keep-a-day-example",
        ),
    ],
)
def test_reversed_range_example_fits_what_was_written(
    test_ward: SeededWard, name: str, message: str, question: str
) -> None:
    """A reversed range of weeks gets a week example, and a reversed range of days a day one."""
    assert texts(test_ward.say(name, message)) == [question]


def test_week_example_answers_the_question(test_ward: SeededWard) -> None:
    """Writing the suggested «uke 10–15» after a reversed range plans weeks 10 to 15."""
    test_ward.say("Turid Lie", "Lag turnus for uke 15–10")

    (read_back,) = texts(test_ward.say("Turid Lie", "uke 10–15"))

    assert read_back.startswith(
        "Lager turnus for Nordvik sykehjem fra mandag 8. mars til søndag 18. april (6 uker)."
    )


# The example date in each question about a date is written the way the reply's
# language writes dates: «28. februar» in bokmål and nynorsk, «28 February» in English.
DATE_EXAMPLES = [
    pytest.param(
        "Kari Nordmann",
        "Ferie 30. februar",
        {
            "nb": "«30. februar» er ingen dato som finnes. Hvilken dag mener du? Skriv dagen og "
            "så måneden, for eksempel «28.2» eller «28. februar».",
            "nn": "«30. februar» er ingen dato som finst. Kva dag meiner du? Skriv dagen og så "
            "månaden, til dømes «28.2» eller «28. februar».",
            "en": "«30. februar» is not a date that exists. Which day do you mean? Write the day "
            "and then the month, for example «28 February».",
        },
        id="invalid-date",
    ),
    pytest.param(
        "Kari Nordmann",
        "Syk 10.–3. mars",
        {
            "nb": "Perioden «10.-3. mars» slutter før den begynner. Hvilke dager mener du? Skriv "
            "den første dagen først, for eksempel «3.–10. mars».",
            "nn": "Sluttdatoen i «10.-3. mars» kjem før startdatoen. Kva dagar meiner du? Skriv "
            "den første dagen først, til dømes «3.–10. mars».",
            "en": "The period «10.-3. mars» ends before it starts. Which days do you mean? Write "
            "the first day first, for example «3–10 March».",
        },
        id="reversed-range",
    ),
    pytest.param(
        "Kari Nordmann",
        "Kan ikke jobbe uke 54",
        {
            "nb": "«uke 54» er ingen uke som finnes, for et år har uke 1 til 52, og noen år 53. "
            "Hvilken uke mener du? Skriv for eksempel «uke 3».",
            "nn": "«uke 54» er inga veke som finst, for eit år har veke 1 til 52, og nokre år 53. "
            "Kva veke meiner du? Skriv til dømes «veke 3».",
            "en": "«uke 54» is not a week that exists, because a year has weeks 1 to 52, and "
            "some years 53. Which week do you mean? Write for example «week 3».",
        },
        id="invalid-week",
    ),
    pytest.param(
        "Kari Nordmann",
        "Kan ikke jobbe",
        {
            "nb": "Hvilken dag? Skriv for eksempel «fredag», «12. januar» eller «uke 3».",
            "nn": "Kva dag? Skriv til dømes «fredag», «12. januar» eller «veke 3».",
            "en": "Which day? Write for example «Friday», «12 January» or «week 3».",
        },
        id="missing-date",
    ),
    pytest.param(
        "Kari Nordmann",
        "Kan ikke jobbe 12. januar 2031",
        {
            "nb": "Den datoen er for langt fram i tid. Jeg tar bare imot datoer til og med "
            "lørdag 6. januar 2029. Sjekk årstallet og skriv datoen på nytt, for eksempel "
            "«12. januar».",
            "nn": "Den datoen er for langt fram i tid. Eg tek berre imot datoar til og med "
            "laurdag 6. januar 2029. Sjekk årstalet og skriv datoen på nytt, til dømes "
            "«12. januar».",
            "en": "That date is too far ahead. I only take dates up to Saturday 6 January 2029. "
            "Check the year and write the date again, for example «12 January».",
        },
        id="too-far",
    ),
    pytest.param(
        "Kari Nordmann",
        "31.02",
        {
            "nb": "«31.02» er ingen dato som finnes. Jeg forsto heller ikke hva du vil gjøre. "
            "Skriv hva du vil og hvilken dag, for eksempel «Jeg er syk 25.5» eller «Kan ikke "
            "jobbe 25. mai».",
            "nn": "«31.02» er ingen dato som finst. Eg forstod heller ikkje kva du vil gjere. "
            "Skriv kva du vil og kva dag, til dømes «Eg er sjuk 25.5» eller «Kan ikkje jobbe "
            "25. mai».",
            "en": "«31.02» is not a date that exists. I did not understand what you want to do "
            "either. Write what you want and which day, for example «I am sick 25 May» or "
            "«Cannot work 25 May».",
        },
        id="date-without-command",
    ),
    pytest.param(
        "Turid Lie",
        "Lag turnus for uke 15-10",
        {
            "nb": "Perioden «uke 15-10» slutter før den begynner. Hvilke uker mener du? Skriv den "
            "første uka først, for eksempel «uke 10–15».",
            "nn": "Sluttdatoen i «uke 15-10» kjem før startdatoen. Kva veker meiner du? Skriv den "
            "første veka først, til dømes «veke 10–15».",
            "en": "The period «uke 15-10» ends before it starts. Which weeks do you mean? Write "
            "the first week first, for example «weeks 10–15».",
        },
        id="reversed-weeks",
    ),
]


@pytest.mark.parametrize("locale", ["nb", "nn", "en"])
@pytest.mark.parametrize(("name", "text", "expected"), DATE_EXAMPLES)
def test_date_question_example_is_in_the_reply_language(
    test_ward: SeededWard, name: str, text: str, expected: dict[str, str], locale: str
) -> None:
    """Each question about a date gives an example date written in the reply's language."""
    (reply,) = texts(test_ward.say_in(locale, name, text))

    assert reply == expected[locale]


CANCELLED_QUESTION = (
    "Ok, jeg lar det være. Jeg har ikke registrert noe; skriv hele meldingen på nytt når du vil."
)


@pytest.mark.parametrize(
    ("first", "answer"),
    [
        pytest.param(("Kan ikke jobbe",), "nei", id="no to which day"),
        pytest.param(("Kan ikke jobbe",), "avbryt", id="cancel which day"),
        pytest.param(("Må gå tidlig fredag 22. januar", "kl 25"), "nei", id="no after bad time"),
    ],
)
def test_no_to_a_question_cancels_it(
    test_ward: SeededWard, first: tuple[str, ...], answer: str
) -> None:
    """«nei» or «avbryt» as the answer to a question ends it and says nothing was registered."""
    for message in first:
        test_ward.say("Kari Nordmann", message)

    cancelled = test_ward.say("Kari Nordmann", answer)
    afterwards = test_ward.say("Kari Nordmann", "fredag")

    assert texts(cancelled) == [CANCELLED_QUESTION]
    assert unavailability_of(test_ward, "Kari Nordmann") == []
    assert not texts(afterwards)[0].startswith("Registrerer")
