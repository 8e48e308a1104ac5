"""Withdrawing an absence: «ikke syk likevel», «frisk igjen» or «ikke kurs på fredag».

Each offers the withdrawal with a read-back, and only the sender's own absence of
the negated kind is withdrawn.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.absences import Absence
from core.commands import AbsenceKind, DateRange
from core.messages import ButtonAction, ReplyKind
from tests.core.ward_cast import SeededWard, own_replies, texts

MONDAY = dt.date(2027, 1, 4)
TUESDAY = dt.date(2027, 1, 5)
WEDNESDAY = dt.date(2027, 1, 6)  # today
THURSDAY = dt.date(2027, 1, 7)
FRIDAY = dt.date(2027, 1, 8)


def add_absence(
    ward: SeededWard, name: str, kind: AbsenceKind, first: dt.date, last: dt.date
) -> None:
    with ward.database.store() as store:
        absence = Absence(0, ward.staff[name].id, kind, DateRange(first, last))
        store.absences.add_absence(absence, actor_id=None)


def absences_of(ward: SeededWard, name: str) -> list[tuple[AbsenceKind, DateRange]]:
    with ward.database.store() as store:
        found = store.absences.list_absences(employee_id=ward.staff[name].id)
        return [(absence.kind, absence.days) for absence in found]


def sick(first: dt.date, last: dt.date) -> tuple[AbsenceKind, DateRange]:
    return AbsenceKind.SICK, DateRange(first, last)


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("ikke syk", id="ikke-syk"),
        pytest.param("Jeg er ikke syk likevel", id="likevel"),
        pytest.param("Jeg er ikke syk lenger", id="lenger"),
        pytest.param("Er frisk igjen", id="frisk-igjen"),
        pytest.param("Eg er ikkje sjuk likevel", id="nynorsk"),
        pytest.param("I'm not sick anymore", id="english"),
    ],
)
def test_not_sick_offers_withdrawal(test_ward: SeededWard, message: str) -> None:
    """A message saying the sender is not sick reads back the sick days from today on."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, WEDNESDAY, FRIDAY)

    (reply,) = own_replies(test_ward.say("Kari Nordmann", message))

    assert reply.text == (
        "Trekker tilbake registrert sykefravær fra onsdag 6. januar til "
        "fredag 8. januar. Stemmer det?"
    )
    assert reply.kind == ReplyKind.CONFIRMATION
    assert [button.label for button in reply.buttons] == ["Bekreft", "Avbryt"]
    assert absences_of(test_ward, "Kari Nordmann") == [sick(WEDNESDAY, FRIDAY)]


def test_confirmed_withdrawal_removes_sick_leave(test_ward: SeededWard) -> None:
    """«Bekreft» removes the sick leave, and the sender and the manager get a message."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, WEDNESDAY, FRIDAY)
    (read_back,) = own_replies(test_ward.say("Kari Nordmann", "Jeg er ikke syk likevel"))
    confirm = read_back.buttons[0].press

    outcome = test_ward.press("Kari Nordmann", confirm.action, confirm.value)

    assert absences_of(test_ward, "Kari Nordmann") == []
    assert texts(outcome) == [
        "Jeg har trukket tilbake registrert sykefravær fra onsdag 6. januar til fredag "
        "8. januar. Vakter som ble ledige på grunn av fraværet, er fortsatt ledige, så spør "
        "lederen din hvis du vil ha dem tilbake."
    ]
    to_manager = [
        reply.text
        for reply in outcome.replies
        if reply.recipient_employee_id == test_ward.staff["Marit Solberg"].id
    ]
    assert to_manager == [
        "Kari Nordmann er ikke lenger borte fra onsdag 6. januar til fredag 8. januar. Vakter "
        "som ble ledige på grunn av fraværet, er fortsatt ledige."
    ]


def test_cancelled_withdrawal_keeps_sick_leave(test_ward: SeededWard) -> None:
    """«Avbryt» on the read-back leaves the sick leave as it was."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, WEDNESDAY, FRIDAY)
    (read_back,) = own_replies(test_ward.say("Kari Nordmann", "ikke syk"))
    cancel = read_back.buttons[1].press

    outcome = test_ward.press("Kari Nordmann", ButtonAction.CANCEL, cancel.value)

    assert texts(outcome) == ["OK, jeg har ikke endret noe."]
    assert absences_of(test_ward, "Kari Nordmann") == [sick(WEDNESDAY, FRIDAY)]


def test_withdrawal_keeps_days_before_today(test_ward: SeededWard) -> None:
    """Sick leave that began on Monday keeps Monday and Tuesday, and loses the days from today."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, MONDAY, FRIDAY)

    read_back = test_ward.say("Kari Nordmann", "frisk igjen")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Trekker tilbake registrert sykefravær fra onsdag 6. januar til "
        "fredag 8. januar. Stemmer det?"
    ]
    assert absences_of(test_ward, "Kari Nordmann") == [sick(MONDAY, TUESDAY)]


def test_withdrawal_of_named_day_keeps_the_rest(test_ward: SeededWard) -> None:
    """«Jeg er ikke syk i morgen» withdraws Thursday only, and the sick leave around it stays."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, WEDNESDAY, FRIDAY)

    read_back = test_ward.say("Kari Nordmann", "Jeg er ikke syk i morgen")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Trekker tilbake registrert sykefravær torsdag 7. januar. Stemmer det?"
    ]
    assert absences_of(test_ward, "Kari Nordmann") == [
        sick(WEDNESDAY, WEDNESDAY),
        sick(FRIDAY, FRIDAY),
    ]


def test_sick_child_withdrawal_leaves_own_sickness(test_ward: SeededWard) -> None:
    """«Barnet er ikke sykt lenger» withdraws the sick-child days, not the sender's own."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, FRIDAY, FRIDAY)
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.CHILD_SICK, WEDNESDAY, THURSDAY)

    read_back = test_ward.say("Kari Nordmann", "Barnet er ikke sykt lenger")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Trekker tilbake registrert fravær for sykt barn fra onsdag "
        "6. januar til torsdag 7. januar. Stemmer det?"
    ]
    assert absences_of(test_ward, "Kari Nordmann") == [sick(FRIDAY, FRIDAY)]


def test_negation_before_sick_child_withdraws(test_ward: SeededWard) -> None:
    """«ikke sykt barn 8.1» withdraws the sick-child day instead of registering it."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.CHILD_SICK, THURSDAY, FRIDAY)

    read_back = test_ward.say("Kari Nordmann", "ikke sykt barn 8.1")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Trekker tilbake registrert fravær for sykt barn fredag 8. januar. Stemmer det?"
    ]
    assert absences_of(test_ward, "Kari Nordmann") == [
        (AbsenceKind.CHILD_SICK, DateRange(THURSDAY, THURSDAY))
    ]


def test_withdrawal_leaves_colleagues_alone(test_ward: SeededWard) -> None:
    """Only the sender's sick leave is withdrawn, never a colleague's."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, WEDNESDAY, FRIDAY)
    add_absence(test_ward, "Per Hansen", AbsenceKind.SICK, WEDNESDAY, FRIDAY)

    test_ward.say("Kari Nordmann", "ikke syk")
    test_ward.say("Kari Nordmann", "ja")

    assert absences_of(test_ward, "Kari Nordmann") == []
    assert absences_of(test_ward, "Per Hansen") == [sick(WEDNESDAY, FRIDAY)]


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        pytest.param(
            "Jeg er ikke syk likevel",
            "Du har ikke registrert sykefravær fra og med i dag, så jeg har ikke endret noe.",
            id="no-dates",
        ),
        pytest.param(
            "Jeg er ikke syk i morgen",
            "Du har ikke registrert sykefravær torsdag 7. januar, så jeg har ikke endret noe.",
            id="a-day",
        ),
        pytest.param(
            "Jeg er ikke syk i går",
            "Du har ikke registrert sykefravær tirsdag 5. januar, så jeg har ikke endret noe.",
            id="a-past-day",
        ),
    ],
)
def test_nothing_to_withdraw_is_said(test_ward: SeededWard, message: str, expected: str) -> None:
    """Without registered sick leave on those days the reply is an error and nothing changes."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.VACATION, THURSDAY, THURSDAY)

    (reply,) = own_replies(test_ward.say("Kari Nordmann", message))
    confirmed = test_ward.say("Kari Nordmann", "ja")

    assert reply.text == expected
    assert reply.kind == ReplyKind.ERROR
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]
    assert absences_of(test_ward, "Kari Nordmann") == [
        (AbsenceKind.VACATION, DateRange(THURSDAY, THURSDAY))
    ]


def test_past_sick_day_goes_to_the_manager(test_ward: SeededWard) -> None:
    """A registered sick day before today is not withdrawn, and the reply names whom to ask."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, TUESDAY, TUESDAY)

    outcome = test_ward.say("Kari Nordmann", "Jeg er ikke syk i går")

    assert texts(outcome) == [
        "Jeg kan bare trekke tilbake sykefravær fra og med i dag. Be "
        "lederen din rette opp tirsdag 5. januar."
    ]
    assert absences_of(test_ward, "Kari Nordmann") == [sick(TUESDAY, TUESDAY)]


def test_withdrawal_after_change_elsewhere(test_ward: SeededWard) -> None:
    """A «ja» after the sick leave was removed in another way finds nothing to withdraw."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, WEDNESDAY, FRIDAY)
    test_ward.say("Kari Nordmann", "ikke syk")
    with test_ward.database.store() as store:
        (absence,) = store.absences.list_absences(employee_id=test_ward.staff["Kari Nordmann"].id)
        store.absences.delete_absence(absence.id, actor_id=None)

    outcome = test_ward.say("Kari Nordmann", "ja")

    assert texts(outcome) == [
        "Du har ikke registrert sykefravær fra onsdag 6. januar til fredag "
        "8. januar, så jeg har ikke endret noe."
    ]


WEEK_30 = DateRange(dt.date(2027, 7, 26), dt.date(2027, 8, 1))


@pytest.mark.parametrize(
    ("message", "kind", "days", "expected"),
    [
        pytest.param(
            "jeg skal ikke ha ferie likevel i uke 30",
            AbsenceKind.VACATION,
            WEEK_30,
            "Trekker tilbake registrert ferie fra mandag 26. juli til søndag 1. august. "
            "Stemmer det?",
            id="vacation",
        ),
        pytest.param(
            "ikke kurs på fredag",
            AbsenceKind.COURSE,
            DateRange(FRIDAY, FRIDAY),
            "Trekker tilbake registrert kurs fredag 8. januar. Stemmer det?",
            id="course",
        ),
        pytest.param(
            "Jeg har ikke permisjon fredag likevel",
            AbsenceKind.LEAVE,
            DateRange(THURSDAY, FRIDAY),
            "Trekker tilbake registrert permisjon fredag 8. januar. Stemmer det?",
            id="leave",
        ),
        pytest.param(
            "ikke avspasering fredag likevel",
            AbsenceKind.TIME_OFF_IN_LIEU,
            DateRange(FRIDAY, FRIDAY),
            "Trekker tilbake registrert avspasering fredag 8. januar. Stemmer det?",
            id="time-off-in-lieu",
        ),
    ],
)
def test_negated_absence_offers_withdrawal(
    test_ward: SeededWard, message: str, kind: AbsenceKind, days: DateRange, expected: str
) -> None:
    """A negated vacation, leave or course reads back the registered days it names."""
    add_absence(test_ward, "Kari Nordmann", kind, days.start, days.end)

    (reply,) = own_replies(test_ward.say("Kari Nordmann", message))

    assert reply.text == expected
    assert reply.kind == ReplyKind.CONFIRMATION
    assert [button.label for button in reply.buttons] == ["Bekreft", "Avbryt"]
    assert absences_of(test_ward, "Kari Nordmann") == [(kind, days)]


def test_confirmed_vacation_withdrawal(test_ward: SeededWard) -> None:
    """«Bekreft» removes the vacation, and the sender and the manager get a message."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.VACATION, WEEK_30.start, WEEK_30.end)
    (read_back,) = own_replies(
        test_ward.say("Kari Nordmann", "jeg skal ikke ha ferie likevel i uke 30")
    )
    confirm = read_back.buttons[0].press

    outcome = test_ward.press("Kari Nordmann", confirm.action, confirm.value)

    assert absences_of(test_ward, "Kari Nordmann") == []
    assert texts(outcome) == [
        "Jeg har trukket tilbake registrert ferie fra mandag 26. juli til søndag 1. august, "
        "så du kan få vakter da."
    ]
    to_manager = [
        reply.text
        for reply in outcome.replies
        if reply.recipient_employee_id == test_ward.staff["Marit Solberg"].id
    ]
    assert to_manager == [
        "Kari Nordmann har trukket tilbake registrert ferie fra mandag 26. juli til søndag "
        "1. august."
    ]


def test_cancelled_course_withdrawal(test_ward: SeededWard) -> None:
    """«Avbryt» on the read-back leaves the course as it was, and no manager gets a notice."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.COURSE, FRIDAY, FRIDAY)
    (read_back,) = own_replies(test_ward.say("Kari Nordmann", "ikke kurs på fredag"))
    cancel = read_back.buttons[1].press

    outcome = test_ward.press("Kari Nordmann", ButtonAction.CANCEL, cancel.value)

    assert texts(outcome) == ["OK, jeg har ikke endret noe."]
    assert [reply.recipient_employee_id for reply in outcome.replies] == [None]
    assert absences_of(test_ward, "Kari Nordmann") == [
        (AbsenceKind.COURSE, DateRange(FRIDAY, FRIDAY))
    ]


def test_course_withdrawal_keeps_sickness(test_ward: SeededWard) -> None:
    """«ikke kurs på fredag» withdraws the course only, not sick leave on the same day."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, FRIDAY, FRIDAY)
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.COURSE, THURSDAY, FRIDAY)

    test_ward.say("Kari Nordmann", "ikke kurs på fredag")
    test_ward.say("Kari Nordmann", "ja")

    assert absences_of(test_ward, "Kari Nordmann") == [
        (AbsenceKind.COURSE, DateRange(THURSDAY, THURSDAY)),
        sick(FRIDAY, FRIDAY),
    ]


def test_negated_vacation_not_registered(test_ward: SeededWard) -> None:
    """«Jeg har ikke ferie i juli» with no vacation registered changes nothing and replies why."""
    add_absence(
        test_ward, "Kari Nordmann", AbsenceKind.COURSE, dt.date(2027, 7, 5), dt.date(2027, 7, 5)
    )

    (reply,) = texts(test_ward.say("Kari Nordmann", "Jeg har ikke ferie i juli"))

    assert reply == (
        "Du har ikke registrert ferie fra torsdag 1. juli til lørdag 31. juli, "
        "så jeg har ikke endret noe."
    )


def test_course_withdrawal_in_english(test_ward: SeededWard) -> None:
    """An English user gets the read-back without a doubled article."""
    add_absence(test_ward, "Ola Nordmann", AbsenceKind.COURSE, FRIDAY, FRIDAY)
    test_ward.chat("Ola Nordmann").locale = "en"

    (reply,) = texts(test_ward.say("Ola Nordmann", "ikke kurs på fredag"))

    assert reply == "Withdrawing a course registered Friday 8 January. Is that right?"


def test_withdrawal_read_back_in_nynorsk(test_ward: SeededWard) -> None:
    """A nynorsk user gets the read-back in nynorsk."""
    add_absence(test_ward, "Ola Nordmann", AbsenceKind.SICK, WEDNESDAY, WEDNESDAY)
    test_ward.chat("Ola Nordmann").locale = "nn"

    (reply,) = texts(test_ward.say("Ola Nordmann", "Eg er ikkje sjuk likevel"))

    assert reply == "Trekkjer tilbake registrert sjukefråvær onsdag 6. januar. Er det rett?"


NEXT_MONDAY = dt.date(2027, 1, 11)
NEXT_WEDNESDAY = dt.date(2027, 1, 13)


def test_healthy_from_monday_ends_sick_leave(test_ward: SeededWard) -> None:
    """«friskmeldt fra mandag» withdraws Monday and every later day of the sick leave."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, MONDAY, dt.date(2027, 1, 15))

    read_back = test_ward.say("Kari Nordmann", "friskmeldt fra mandag")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Trekker tilbake registrert sykefravær fra mandag 11. januar "
        "til fredag 15. januar. Stemmer det?"
    ]
    assert absences_of(test_ward, "Kari Nordmann") == [sick(MONDAY, dt.date(2027, 1, 10))]


def test_healthy_from_monday_keeps_later_sick_leave(test_ward: SeededWard) -> None:
    """A separate sick leave after the one that ends stays registered."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, WEDNESDAY, NEXT_WEDNESDAY)
    add_absence(
        test_ward, "Kari Nordmann", AbsenceKind.SICK, dt.date(2027, 1, 20), dt.date(2027, 1, 21)
    )

    test_ward.say("Kari Nordmann", "frisk igjen fra og med mandag")
    test_ward.say("Kari Nordmann", "ja")

    assert absences_of(test_ward, "Kari Nordmann") == [
        sick(WEDNESDAY, dt.date(2027, 1, 10)),
        sick(dt.date(2027, 1, 20), dt.date(2027, 1, 21)),
    ]


def test_healthy_from_a_day_without_sick_leave(test_ward: SeededWard) -> None:
    """«friskmeldt fra mandag» after a sick leave that ended on Friday changes nothing."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, WEDNESDAY, FRIDAY)

    (reply,) = texts(test_ward.say("Kari Nordmann", "friskmeldt fra mandag"))

    assert reply == (
        "Du har ikke registrert sykefravær fra og med mandag 11. januar, så jeg "
        "har ikke endret noe."
    )
    assert absences_of(test_ward, "Kari Nordmann") == [sick(WEDNESDAY, FRIDAY)]


def test_healthy_from_yesterday_withdraws_from_today(test_ward: SeededWard) -> None:
    """«frisk fra i går» withdraws from today on, because earlier days are left to the manager."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, MONDAY, FRIDAY)

    read_back = test_ward.say("Kari Nordmann", "frisk fra i går")

    assert texts(read_back) == [
        "Trekker tilbake registrert sykefravær fra onsdag 6. januar "
        "til fredag 8. januar. Stemmer det?"
    ]


def test_english_no_course_offers_withdrawal(test_ward: SeededWard) -> None:
    """«no course on friday after all» withdraws Friday's course and registers none."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.COURSE, FRIDAY, FRIDAY)

    read_back = test_ward.say("Kari Nordmann", "no course on friday after all")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == ["Trekker tilbake registrert kurs fredag 8. januar. Stemmer det?"]
    assert absences_of(test_ward, "Kari Nordmann") == []


WEDNESDAY_NOT_TUESDAY = (
    "Merk: 13. januar er en onsdag, ikke en tirsdag. Sjekk datoen, og skriv "
    "riktig dato hvis den er feil."
)


def test_negated_absence_warns_about_weekday(test_ward: SeededWard) -> None:
    """«ikke syk tirsdag 13.1» names a Wednesday, and the read-back says so."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.SICK, NEXT_MONDAY, NEXT_WEDNESDAY)

    (reply,) = texts(test_ward.say("Kari Nordmann", "ikke syk tirsdag 13.1"))

    assert reply == (
        "Trekker tilbake registrert sykefravær onsdag 13. januar. "
        f"{WEDNESDAY_NOT_TUESDAY} Stemmer det?"
    )


def test_nothing_to_withdraw_warns_about_weekday(test_ward: SeededWard) -> None:
    """The weekday warning follows the reply when nothing is registered on the day either."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "ikke syk tirsdag 13.1"))

    assert reply == (
        "Du har ikke registrert sykefravær onsdag 13. januar, så jeg har ikke "
        f"endret noe. {WEDNESDAY_NOT_TUESDAY}"
    )


NOT_BOTH = (
    "Én melding kan trekke tilbake fravær for sykt barn eller registrere sykefravær, men ikke "
    "begge deler. Skriv det som to meldinger: først «barnet er ikke sykt %(day)s», så "
    "«syk %(day)s»."
)


@pytest.mark.parametrize(
    ("message", "day"),
    [
        pytest.param("ikke sykt barn, men syk selv", "6. januar", id="without-date"),
        pytest.param("ikke sykt barn i morgen, men syk selv", "7. januar", id="tomorrow"),
    ],
)
def test_correction_asks_for_two_messages(test_ward: SeededWard, message: str, day: str) -> None:
    """A registered sick child stays, and the reply names the two messages to write instead."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.CHILD_SICK, WEDNESDAY, THURSDAY)

    outcome = test_ward.say("Kari Nordmann", message)
    confirmed = test_ward.say("Kari Nordmann", "ja")

    assert texts(outcome) == [NOT_BOTH % {"day": day}]
    assert [reply.kind for reply in own_replies(outcome)] == [ReplyKind.ERROR]
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]
    assert absences_of(test_ward, "Kari Nordmann") == [
        (AbsenceKind.CHILD_SICK, DateRange(WEDNESDAY, THURSDAY))
    ]


def test_two_messages_replace_sick_child(test_ward: SeededWard) -> None:
    """The two messages the reply suggests withdraw the sick child and register sickness."""
    add_absence(test_ward, "Kari Nordmann", AbsenceKind.CHILD_SICK, WEDNESDAY, WEDNESDAY)

    for message in ("barnet er ikke sykt 6. januar", "ja", "syk 6. januar", "ja"):
        test_ward.say("Kari Nordmann", message)

    assert absences_of(test_ward, "Kari Nordmann") == [sick(WEDNESDAY, WEDNESDAY)]


def test_unregistered_negation_is_clarification(test_ward: SeededWard) -> None:
    """With no sick child registered, «ikke sykt barn, men syk i dag» reads back sick leave."""
    read_back = test_ward.say("Kari Nordmann", "ikke sykt barn, men syk i dag")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back)[0].startswith("Registrerer sykefravær onsdag 6. januar.")
    assert absences_of(test_ward, "Kari Nordmann") == [sick(WEDNESDAY, WEDNESDAY)]
