"""Registering wishes and absences from the chat, where the dates decide what can be done.

Today is Wednesday 6 January 2027, and the published roster covers 4–17 January.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest

from bots.console.chat import ConsoleChat
from core.absences import Wish
from core.assistant import Assistant
from core.calendar import OSLO
from core.commands import DateRange, Preference, ShiftKind
from core.compliance import Violation, ViolationRule, check_roster
from core.messages import Outcome, ReplyKind
from core.planning import build_problem
from core.roster_facts import compliance_context, planned_shifts
from core.rosters import Assignment
from tests.core.ward_cast import ROSTER_END, ROSTER_START, TODAY, SeededWard, texts


def wishes_of(ward: SeededWard, name: str) -> list[DateRange]:
    with ward.database.store() as store:
        return [wish.days for wish in store.absences.list_wishes(employee_id=ward.staff[name].id)]


def availability_of(ward: SeededWard, name: str) -> list[DateRange]:
    with ward.database.store() as store:
        offers = store.absences.list_availability(employee_id=ward.staff[name].id)
    return [offer.days for offer in offers]


def sick_days_of(ward: SeededWard, name: str) -> list[DateRange]:
    with ward.database.store() as store:
        found = store.absences.list_absences(employee_id=ward.staff[name].id)
        return [absence.days for absence in found]


def test_wish_off_on_published_shift_is_refused(test_ward: SeededWard) -> None:
    """A wish to be off on a day of the published roster says how to get the shift covered."""
    outcome = test_ward.say("Kari Nordmann", "ønsker fri 12.1")
    confirmed = test_ward.say("Kari Nordmann", "ja")

    assert texts(outcome) == [
        "Turnusen tirsdag 12. januar er allerede publisert, så et ønske kan ikke lenger tas "
        "med i planleggingen. Du har vakt da: D tirsdag 12. januar. Spør en kollega om å ta "
        "vakta, for eksempel «Kan noen ta vakta mi 12. januar?», eller snakk med lederen din."
    ]
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]
    assert wishes_of(test_ward, "Kari Nordmann") == []


def test_wish_off_on_published_free_day(test_ward: SeededWard) -> None:
    """A wish to be off on a published day without a shift is told that the day is free."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Ønsker fri lørdag 16. januar"))

    assert reply == (
        "Turnusen lørdag 16. januar er allerede publisert, og du har ingen vakter "
        "da, så du har allerede fri. Jeg har ikke registrert noe."
    )
    assert wishes_of(test_ward, "Kari Nordmann") == []


def test_wish_to_work_on_published_day(test_ward: SeededWard) -> None:
    """A wish to work a published day points to open shifts and offering extra work."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Vil gjerne jobbe natt 14.1"))

    assert reply == (
        "Turnusen torsdag 14. januar er allerede publisert, så et ønske kan ikke lenger tas "
        "med i planleggingen. Vil du jobbe da, kan du ta en ledig vakt, for eksempel «Jeg tar "
        "den ledige vakta 14. januar», eller skrive «Kan jobbe 14. januar» for å tilby deg å "
        "jobbe ekstra."
    )


def test_nynorsk_wish_on_published_day_quotes_nynorsk(test_ward: SeededWard) -> None:
    """A nynorsk user is given the nynorsk examples «Eg tek …» and «Kan nokon ta …»."""
    (work_reply,) = texts(test_ward.say_in("nn", "Kari Nordmann", "Vil gjerne jobbe natt 14.1"))
    (off_reply,) = texts(test_ward.say_in("nn", "Kari Nordmann", "ønskjer fri 12.1"))

    assert work_reply == (
        "Turnusen torsdag 14. januar er allereie publisert, så eit ønske kan ikkje lenger "
        "takast med i planlegginga. Vil du jobbe då, kan du ta ei ledig vakt, til dømes «Eg "
        "tek den ledige vakta 14. januar», eller skrive «Kan jobbe 14. januar» for å tilby "
        "deg å jobbe ekstra."
    )
    assert off_reply == (
        "Turnusen tysdag 12. januar er allereie publisert, så eit ønske kan ikkje lenger "
        "takast med i planlegginga. Du har vakt då: D tysdag 12. januar. Spør ein kollega om "
        "å ta vakta, til dømes «Kan nokon ta vakta mi 12. januar?», eller snakk med leiaren din."
    )


def test_wish_across_published_roster_keeps_later_days(test_ward: SeededWard) -> None:
    """A wish that starts in the published roster is registered for the days after it."""
    read_back = test_ward.say("Kari Nordmann", "ønsker fri 16.1-20.1")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Turnusen fra lørdag 16. januar til søndag 17. januar er allerede publisert, så ønsket "
        "gjelder bare de andre dagene. Registrerer ønsket ditt om fri fra mandag 18. januar til "
        "onsdag 20. januar. Stemmer det?"
    ]
    assert wishes_of(test_ward, "Kari Nordmann") == [
        DateRange(dt.date(2027, 1, 18), dt.date(2027, 1, 20))
    ]


def test_wish_after_published_roster_is_read_back(test_ward: SeededWard) -> None:
    """A wish for days no published roster covers is read back as before."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "ønsker fri 25.1"))

    assert reply == "Registrerer ønsket ditt om fri mandag 25. januar. Stemmer det?"


def test_past_tense_sick_day_is_last_years(test_ward: SeededWard) -> None:
    """«var syk 20.12» in January is last December, too far back, and never next December."""
    outcome = test_ward.say("Kari Nordmann", "var syk 20.12")

    assert texts(outcome) == [
        "søndag 20. desember 2026 er for langt tilbake: sykefravær kan meldes inntil 14 dager "
        "tilbake. Skriv en dag fra og med 23. desember, for eksempel «syk i går»."
    ]
    assert sick_days_of(test_ward, "Kari Nordmann") == []


def test_sick_day_passed_over_is_last_years(test_ward: SeededWard) -> None:
    """«syk 20.12» in January is read as last December, too far back, and never next December."""
    outcome = test_ward.say("Kari Nordmann", "syk 20.12")

    assert texts(outcome) == [
        "søndag 20. desember 2026 er for langt tilbake: sykefravær kan meldes inntil 14 dager "
        "tilbake. Skriv en dag fra og med 23. desember, for eksempel «syk i går»."
    ]
    assert sick_days_of(test_ward, "Kari Nordmann") == []


def test_past_tense_sick_day_within_two_weeks(test_ward: SeededWard) -> None:
    """«var syk 28.12» in January registers last year's 28 December."""
    read_back = test_ward.say("Kari Nordmann", "Jeg var syk 28.12")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == ["Registrerer sykefravær mandag 28. desember 2026. Stemmer det?"]
    assert sick_days_of(test_ward, "Kari Nordmann") == [
        DateRange(dt.date(2026, 12, 28), dt.date(2026, 12, 28))
    ]


def test_sick_leave_with_no_end_covers_a_self_certification(test_ward: SeededWard) -> None:
    """«syk fra i dag» registers the three days of an egenmelding and says how to change it."""
    read_back = test_ward.say("Kari Nordmann", "Jeg er syk fra i dag")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Registrerer sykefravær fra onsdag 6. januar til fredag 8. januar. Du skrev ingen "
        "sluttdag, så jeg registrerer de 3 dagene en egenmelding dekker. Skriv hele perioden "
        "for å endre slutten, for eksempel «syk fra i dag til fredag», eller skriv «friskmeldt "
        "fra mandag» når du er frisk igjen. Vakta di D onsdag 6. januar har allerede begynt, "
        "så du har jobbet en del av den. Den blir stående på deg i turnusen og blir ikke "
        "ledig. Vakten D torsdag 7. januar blir tatt ut av turnusen din. Stemmer det?"
    ]
    assert sick_days_of(test_ward, "Kari Nordmann") == [
        DateRange(dt.date(2027, 1, 6), dt.date(2027, 1, 8))
    ]


def registered_sick_days(ward: SeededWard, name: str) -> list[dt.date]:
    return sorted(day for days in sick_days_of(ward, name) for day in days.days())


def test_open_sick_leave_over_registered_day(
    test_ward: SeededWard,
) -> None:
    """«syk fra i dag» over a registered Thursday names the new days and the one already there."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")
    test_ward.say("Kari Nordmann", "ja")

    read_back = test_ward.say("Kari Nordmann", "Jeg er syk fra i dag")
    confirmed = test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Registrerer sykefravær onsdag 6. januar og fredag 8. januar. Du har allerede "
        "registrert sykefravær torsdag 7. januar, og det blir stående. Du skrev ingen sluttdag, "
        "så fraværet varer de 3 dagene en egenmelding dekker, fra onsdag 6. januar til fredag "
        "8. januar. Skriv hele perioden for å endre slutten, for eksempel «syk fra i dag til "
        "fredag», eller skriv «friskmeldt fra mandag» når du er frisk igjen. Vakta di D onsdag "
        "6. januar har allerede begynt, så du har jobbet en del av den. Den blir stående på deg "
        "i turnusen og blir ikke ledig. Stemmer det?"
    ]
    assert texts(confirmed)[0] == (
        "Registrert: sykefravær onsdag 6. januar og fredag 8. januar. Vakta di D onsdag 6. "
        "januar har allerede begynt, så du har jobbet en del av den. Den blir stående på deg i "
        "turnusen og blir ikke ledig."
    )
    assert registered_sick_days(test_ward, "Kari Nordmann") == [
        dt.date(2027, 1, 6),
        dt.date(2027, 1, 7),
        dt.date(2027, 1, 8),
    ]


def test_open_sick_leave_with_one_new_day(test_ward: SeededWard) -> None:
    """With two of the three days registered, the read-back names the one new day only."""
    test_ward.say("Kari Nordmann", "Jeg er syk 7.1-8.1")
    test_ward.say("Kari Nordmann", "ja")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "Jeg er syk fra i dag"))

    assert read_back.startswith(
        "Registrerer sykefravær onsdag 6. januar. Du har allerede registrert sykefravær fra "
        "torsdag 7. januar til fredag 8. januar, og det blir stående. Du skrev ingen sluttdag, "
        "så fraværet varer de 3 dagene en egenmelding dekker, fra onsdag 6. januar til fredag "
        "8. januar."
    )


def test_open_sick_leave_all_registered(test_ward: SeededWard) -> None:
    """With every day of the self-certification registered, nothing is read back."""
    test_ward.say("Kari Nordmann", "Jeg er syk fra i dag")
    test_ward.say("Kari Nordmann", "ja")

    (reply,) = texts(test_ward.say("Kari Nordmann", "Jeg er syk fra i dag"))

    assert reply == (
        "Du har allerede registrert sykefravær fra onsdag 6. januar til fredag 8. januar."
    )


def test_vacation_with_no_end_asks_for_the_last_day(test_ward: SeededWard) -> None:
    """«ferie fra 1. juli» has no rule for its length, so the bot asks for the last day."""
    outcome = test_ward.say("Kari Nordmann", "Ferie fra 1. juli")

    assert texts(outcome) == [
        "Til hvilken dag? Skriv sluttdagen også, for eksempel «ferie fra 1. juli til 14. juli»."
    ]


def test_sick_leave_far_ahead_is_refused(test_ward: SeededWard) -> None:
    """Sick leave that starts more than a month ahead is refused and nothing is stored.

    Absence planned that far ahead is leave, which a leader decides.
    """
    outcome = test_ward.say("Kari Nordmann", "Jeg er syk fra 1. mars til 30. november")

    assert texts(outcome) == [
        "mandag 1. mars er for langt fram i tid for sykefravær: det kan registreres inntil "
        "31 dager fram. Planlagt fravær, for eksempel en operasjon, skriver du som "
        "«permisjon» med datoene, så avgjør en leder."
    ]
    assert sick_days_of(test_ward, "Kari Nordmann") == []


def test_sick_leave_within_a_month_is_read_back(test_ward: SeededWard) -> None:
    """Sick leave that starts within a month, a known operation say, is read back as usual."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Jeg er syk 1. februar"))

    assert reply == "Registrerer sykefravær mandag 1. februar. Stemmer det?"


def test_sick_day_opens_night_before(test_ward: SeededWard) -> None:
    """Sick on Friday opens Turid's night from Thursday evening, which runs into Friday."""
    test_ward.say("Turid Lie", "Jeg er syk fredag")
    outcome = test_ward.say("Turid Lie", "ja")

    assert test_ward.published_shift("Turid Lie", dt.date(2027, 1, 7)) is None
    assert test_ward.published_shift("Turid Lie", dt.date(2027, 1, 8)) is None
    assert test_ward.published_shift("Turid Lie", dt.date(2027, 1, 6)) == "N"
    (opened,) = [text for text in texts(outcome) if "tatt av" in text]
    assert "N torsdag 7. januar og N fredag 8. januar" in opened


def test_sick_today_keeps_started_night(test_ward: SeededWard) -> None:
    """A night that began last evening is worked already, so a sick report today keeps it."""
    test_ward.say("Per Hansen", "Jeg er syk i dag")
    test_ward.say("Per Hansen", "ja")

    assert sick_days_of(test_ward, "Per Hansen") == [DateRange(TODAY, TODAY)]
    assert test_ward.published_shift("Per Hansen", dt.date(2027, 1, 5)) == "N"


def unavailability_of(ward: SeededWard, name: str) -> list[tuple[DateRange, ShiftKind | None]]:
    with ward.database.store() as store:
        found = store.absences.list_unavailability(employee_id=ward.staff[name].id)
        return sorted(
            ((item.days, item.shift_kind) for item in found),
            key=lambda item: (item[0].start, str(item[1])),
        )


FRIDAY_22 = DateRange(dt.date(2027, 1, 22), dt.date(2027, 1, 22))


def test_after_three_rules_out_evening_and_night(test_ward: SeededWard) -> None:
    """«etter kl 15» keeps the day shift, which ends at 15:00, and rules out A and N."""
    read_back = test_ward.say("Kari Nordmann", "kan ikke jobbe etter kl 15 på fredag 22. januar")
    done = test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Registrerer at du ikke kan jobbe etter kl. 15:00 fredag 22. januar, altså ikke "
        "aftenvakter og nattevakter fredag 22. januar. Stemmer det?"
    ]
    assert texts(done) == ["Registrert. Du får ikke aftenvakter og nattevakter fredag 22. januar."]
    assert unavailability_of(test_ward, "Kari Nordmann") == [
        (FRIDAY_22, ShiftKind.EVENING),
        (FRIDAY_22, ShiftKind.NIGHT),
    ]


def test_before_noon_rules_out_night_before(test_ward: SeededWard) -> None:
    """«før kl 12» rules out the day shift and the night that runs into the morning."""
    test_ward.say("Kari Nordmann", "kan ikke jobbe før kl 12 fredag 22. januar")
    test_ward.say("Kari Nordmann", "ja")

    thursday_21 = DateRange(dt.date(2027, 1, 21), dt.date(2027, 1, 21))
    assert unavailability_of(test_ward, "Kari Nordmann") == [
        (thursday_21, ShiftKind.NIGHT),
        (FRIDAY_22, ShiftKind.DAY),
    ]


def test_unavailable_week_after_published_night_keeps_the_night(test_ward: SeededWard) -> None:
    """Turid's night into Thursday stays hers; Friday to Sunday are registered, and she is told."""
    (read_back,) = texts(test_ward.say("Turid Lie", "Kan ikke jobbe 14.-17. januar"))
    (reply,) = texts(test_ward.say("Turid Lie", "ja"))

    kept = (
        "De publiserte vaktene dine står fast: N onsdag 13. januar. Dagene de dekker, torsdag "
        "14. januar, er ikke med i registreringen. Vil du ha fri da, be en kollega ta vakta, "
        "for eksempel «Kan noen ta vakta mi 13. januar?», eller avtal det med lederen din."
    )
    assert read_back == (
        "Registrerer at du ikke kan jobbe fra fredag 15. januar til søndag 17. januar. "
        f"{kept} Stemmer det?"
    )
    assert reply == f"Registrert. Du får ikke vakter da. {kept}"
    assert unavailability_of(test_ward, "Turid Lie") == [
        (DateRange(dt.date(2027, 1, 15), dt.date(2027, 1, 17)), None)
    ]
    assert test_ward.published_shift("Turid Lie", dt.date(2027, 1, 13)) == "N"


def test_unavailable_week_with_day_shifts_registers_the_other_days(
    test_ward: SeededWard,
) -> None:
    """Kari's three day shifts next week stay hers; Thursday to Sunday are registered."""
    test_ward.say("Kari Nordmann", "Kan ikke jobbe neste uke")
    test_ward.say("Kari Nordmann", "ja")

    assert unavailability_of(test_ward, "Kari Nordmann") == [
        (DateRange(dt.date(2027, 1, 14), dt.date(2027, 1, 17)), None)
    ]
    assert test_ward.published_shift("Kari Nordmann", dt.date(2027, 1, 11)) == "D"


def test_unavailable_only_on_shift_days_is_refused(test_ward: SeededWard) -> None:
    """When every day has a published shift, nothing is registered and the shifts are named."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Kan ikke jobbe 12.-13. januar"))

    assert reply.startswith(
        "Du har publiserte vakter da: D tirsdag 12. januar og D onsdag 13. januar."
    )
    assert unavailability_of(test_ward, "Kari Nordmann") == []


def test_sick_report_takes_out_shifts_that_are_over(test_ward: SeededWard) -> None:
    """A sick report from yesterday on removes the shift that is over and opens the one ahead.

    At 09:00 on Wednesday 6 January, Kari's day shift of Tuesday is over, today's
    (07:30–15:00) is under way, so partly worked, and Thursday's is ahead.
    """
    test_ward.say("Kari Nordmann", "Jeg er syk 5.-7. januar")
    outcome = test_ward.say("Kari Nordmann", "ja")
    kari_id = test_ward.staff["Kari Nordmann"].id
    with test_ward.database.store() as store:
        roster = store.rosters.covering(test_ward.unit.id, dt.date(2027, 1, 5))
        assert roster is not None
        kari_days = {a.day for a in roster.assignments if a.employee_id == kari_id}
        absences = store.absences.list_absences(employee_id=kari_id)
    done, opened_notice = texts(outcome)[:2]

    assert dt.date(2027, 1, 5) not in kari_days
    assert dt.date(2027, 1, 6) in kari_days
    assert dt.date(2027, 1, 7) not in kari_days
    assert any(absence.days.start == dt.date(2027, 1, 5) for absence in absences)
    assert done.endswith(
        " Vakta di D onsdag 6. januar har allerede begynt, så du har jobbet en del av den. Den "
        "blir stående på deg i turnusen og blir ikke ledig. Vakten D tirsdag 5. januar er tatt "
        "ut av turnusen. Den er over, så ingen blir spurt om å ta den."
    )
    assert opened_notice == (
        "Du er tatt av vakta D torsdag 7. januar. Lederen din har fått beskjed."
    )


def test_sick_yesterday_tells_manager_once(test_ward: SeededWard) -> None:
    """«Jeg var syk i går» takes out the shift that is over, and the manager gets one notice."""
    test_ward.say("Kari Nordmann", "Jeg var syk i går")
    outcome = test_ward.say("Kari Nordmann", "ja")
    manager_id = test_ward.staff["Marit Solberg"].id
    to_manager = [
        reply.text for reply in outcome.replies if reply.recipient_employee_id == manager_id
    ]
    with test_ward.database.store() as store:
        roster = store.rosters.covering(test_ward.unit.id, dt.date(2027, 1, 5))
        assert roster is not None
        kari_id = test_ward.staff["Kari Nordmann"].id
        kari_days = {a.day for a in roster.assignments if a.employee_id == kari_id}
    (open_listing,) = texts(test_ward.say("Marit Solberg", "Vis ventende bytter"))

    assert texts(outcome) == [
        "Registrert: sykefravær tirsdag 5. januar. Vakten D tirsdag 5. januar er tatt ut av "
        "turnusen. Den er over, så ingen blir spurt om å ta den."
    ]
    assert to_manager == [
        "Kari Nordmann var syk og gikk ikke D tirsdag 5. januar. Vakten ble ikke dekket, og "
        "den er tatt ut av turnusen."
    ]
    assert dt.date(2027, 1, 5) not in kari_days
    assert dt.date(2027, 1, 6) in kari_days
    assert "tirsdag 5. januar" not in open_listing


def manager_notice(ward: SeededWard, outcome: Outcome) -> str:
    """Return the one text notice the outcome sends Marit, the ward manager."""
    manager_id = ward.staff["Marit Solberg"].id
    (notice,) = [
        reply.text
        for reply in outcome.replies
        if reply.recipient_employee_id == manager_id and reply.kind == ReplyKind.TEXT
    ]
    return notice


def test_sick_notice_tells_manager_which_shifts_are_open(test_ward: SeededWard) -> None:
    """The manager learns which released shifts are open, the ones «vis ventende bytter» lists.

    Ola works the evening shifts on Tuesday and Wednesday too, so Ingrid's evenings
    then are still staffed as the plan wants; her weekend evenings are not.
    """
    test_ward.say("Ingrid Hansen", "Jeg er syk 9.-13. januar")
    outcome = test_ward.say("Ingrid Hansen", "ja")
    notice = manager_notice(test_ward, outcome)
    (listing,) = texts(test_ward.say("Marit Solberg", "Vis ventende bytter"))

    assert notice == (
        "Ingrid Hansen har registrert fravær og går ikke disse vaktene: A lørdag 9. januar, "
        "A søndag 10. januar, A tirsdag 12. januar og A onsdag 13. januar. Av dem er A lørdag "
        "9. januar og A søndag 10. januar nå ledige vakter, med lavere bemanning enn planen. "
        "De andre er fortsatt bemannet slik planen vil. Hvis bemanningen faller under "
        "minstebemanningen, kommer et forslag til endring av turnusen."
    )
    assert "\nA lørdag 9. januar\n" in listing
    assert "\nA søndag 10. januar\n" in listing
    assert "A tirsdag 12. januar" not in listing


def test_sick_notice_above_plan(test_ward: SeededWard) -> None:
    """Ingrid is told she is taken off Tuesday's evening, not that it is open.

    Ola works that evening too, so the plan is still met: the manager's notice says it is
    not open, «Vis ventende bytter» does not list it, and Ingrid's reply agrees with both.
    """
    test_ward.say("Ingrid Hansen", "Jeg er syk tirsdag 12. januar")
    outcome = test_ward.say("Ingrid Hansen", "ja")
    notice = manager_notice(test_ward, outcome)
    (listing,) = texts(test_ward.say("Marit Solberg", "Vis ventende bytter"))

    assert texts(outcome) == [
        "Registrert: sykefravær tirsdag 12. januar.",
        "Du er tatt av vakta A tirsdag 12. januar. Lederen din har fått beskjed.",
    ]
    assert "Den er fortsatt bemannet slik planen vil, så den er ikke ledig." in notice
    assert "A tirsdag 12. januar" not in listing


def published_violations(ward: SeededWard) -> list[Violation]:
    """Return the checker's violations in the published roster of 4–17 January."""
    with ward.database.store() as store:
        roster = store.rosters.covering(ward.unit.id, TODAY)
        assert roster is not None
        facts = compliance_context(store, ward.unit, DateRange(roster.start, roster.end))
        shift_types = {t.code: t for t in store.organisations.shift_types(ward.unit.id)}
        return check_roster(planned_shifts(roster.assignments, shift_types), facts)


def blocked_day_violations(ward: SeededWard) -> list[Violation]:
    """Return the checker's blocked-day violations in the published roster of 4–17 January."""
    return [v for v in published_violations(ward) if v.rule == ViolationRule.BLOCKED_DAY]


def at_one_am_thursday() -> dt.datetime:
    return dt.datetime.combine(dt.date(2027, 1, 7), dt.time(1, 0), tzinfo=OSLO)


def test_sick_yesterday_keeps_the_night_under_way(test_ward: SeededWard) -> None:
    """«Jeg var syk i går» at 01:00 Thursday keeps Turid's Wednesday night, which is under way.

    One rule holds for «i går» as for «i dag»: a night that has started stays with the
    employee. It is not offered as open, and no repair is proposed, so no repair can give
    Turid other shifts instead.
    """
    test_ward.chat("Turid Lie").clock = at_one_am_thursday
    read_back = test_ward.say("Turid Lie", "Jeg var syk i går")
    done = test_ward.say("Turid Lie", "ja")

    assert texts(read_back) == [
        "Registrerer sykefravær onsdag 6. januar. Vakta di N onsdag 6. januar har allerede "
        "begynt, så du har jobbet en del av den. Den blir stående på deg i turnusen og blir "
        "ikke ledig. Stemmer det?"
    ]
    assert [reply.text for reply in done.replies] == [
        "Registrert: sykefravær onsdag 6. januar. Vakta di N onsdag 6. januar har allerede "
        "begynt, så du har jobbet en del av den. Den blir stående på deg i turnusen og blir "
        "ikke ledig."
    ]
    assert test_ward.published_shift("Turid Lie", dt.date(2027, 1, 6)) == "N"
    assert blocked_day_violations(test_ward) == []
    (listing,) = texts(test_ward.say("Kari Nordmann", "ledige vakter"))
    assert "N onsdag 6. januar" not in listing


def at_four_pm() -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(16, 0), tzinfo=OSLO)


@pytest.mark.parametrize(
    ("name", "hour", "shift"),
    [
        pytest.param("Kari Nordmann", 9, "D", id="day shift at 09:00"),
        pytest.param("Ola Nordmann", 16, "A", id="evening shift at 16:00"),
    ],
)
def test_sick_today_keeps_the_shift_under_way(
    test_ward: SeededWard, name: str, hour: int, shift: str
) -> None:
    """«Jeg er syk i dag» during a day or evening shift keeps it, as a night under way is kept.

    The shift has been partly worked, so it stays in the roster: nobody is told it is
    open, no repair is proposed, «ledige vakter» does not list it and the check accepts it.
    """
    moment = dt.datetime.combine(TODAY, dt.time(hour, 0), tzinfo=OSLO)
    test_ward.chat(name).clock = lambda: moment
    read_back = test_ward.say(name, "Jeg er syk i dag")
    done = test_ward.say(name, "ja")

    stays = (
        f"Vakta di {shift} onsdag 6. januar har allerede begynt, så du har jobbet en del av den. "
        "Den blir stående på deg i turnusen og blir ikke ledig."
    )
    assert texts(read_back) == [f"Registrerer sykefravær onsdag 6. januar. {stays} Stemmer det?"]
    assert [reply.text for reply in done.replies] == [
        f"Registrert: sykefravær onsdag 6. januar. {stays}"
    ]
    assert done.job is None
    assert test_ward.published_shift(name, TODAY) == shift
    assert sick_days_of(test_ward, name) == [DateRange(TODAY, TODAY)]
    assert blocked_day_violations(test_ward) == []
    (listing,) = texts(test_ward.say("Turid Lie", "ledige vakter"))
    assert f"{shift} onsdag 6. januar" not in listing


def test_sick_yesterday_keeps_night_before(test_ward: SeededWard) -> None:
    """Sick on Tuesday keeps Per's worked night from Monday and takes out Tuesday's night.

    Per's night from Monday evening ran into Tuesday and was over before he reported, so
    it was worked. Only the night that starts on the sick day leaves the roster.
    """
    read_back = test_ward.say("Per Hansen", "Jeg var syk i går")
    done = test_ward.say("Per Hansen", "ja")

    assert texts(read_back) == [
        "Registrerer sykefravær tirsdag 5. januar. Nattevakta di N mandag 4. januar er over, "
        "så den regnes som arbeidet og blir stående i turnusen. Vakten N tirsdag 5. januar "
        "blir tatt ut av turnusen din. Stemmer det?"
    ]
    assert texts(done)[0] == (
        "Registrert: sykefravær tirsdag 5. januar. Nattevakta di N mandag 4. januar er over, "
        "så den regnes som arbeidet og blir stående i turnusen. Vakten N tirsdag 5. januar er "
        "tatt ut av turnusen. Den er over, så ingen blir spurt om å ta den."
    )
    assert test_ward.published_shift("Per Hansen", dt.date(2027, 1, 4)) == "N"
    assert test_ward.published_shift("Per Hansen", dt.date(2027, 1, 5)) is None
    assert blocked_day_violations(test_ward) == []


def test_sick_read_back_names_shifts_taken_out(test_ward: SeededWard) -> None:
    """The read-back of a sick report names every shift a «ja» takes out, the night before too."""
    (read_back,) = texts(test_ward.say("Turid Lie", "Jeg er syk fredag"))

    assert read_back == (
        "Registrerer sykefravær fredag 8. januar. Vaktene N torsdag 7. januar og N fredag "
        "8. januar blir tatt ut av turnusen din. Stemmer det?"
    )


def test_course_after_todays_shift_takes_it_out(test_ward: SeededWard) -> None:
    """A course today, reported at 16:00 after Kari's day shift, takes the shift out.

    The manager's notice names the course, not sickness.
    """
    test_ward.chat("Kari Nordmann").clock = at_four_pm
    (read_back,) = texts(test_ward.say("Kari Nordmann", "kurs i dag"))
    done = test_ward.say("Kari Nordmann", "ja")
    manager_id = test_ward.staff["Marit Solberg"].id
    to_manager = [r.text for r in done.replies if r.recipient_employee_id == manager_id]

    assert read_back == (
        "Registrerer kurs onsdag 6. januar. Vakten D onsdag 6. januar blir tatt ut av "
        "turnusen din. Stemmer det?"
    )
    assert to_manager == [
        "Kari Nordmann gikk ikke D onsdag 6. januar på grunn av kurs. Vakten ble ikke dekket, "
        "og den er tatt ut av turnusen."
    ]
    assert test_ward.published_shift("Kari Nordmann", TODAY) is None
    assert blocked_day_violations(test_ward) == []


# --- hours after a sick report ------------------------------------------------------------

# Kari Hansen (50 %, nights only) gets three nights of 10 h: 30 h against a target of
# 35 h 30 min in the two weeks, inside the band of ± 8 h.
KARI_HANSEN_NIGHTS = (dt.date(2027, 1, 12), dt.date(2027, 1, 14), dt.date(2027, 1, 16))


def give_kari_hansen_nights(ward: SeededWard) -> None:
    """Add Kari Hansen's three nights to the published roster of 4–17 January."""
    kari = ward.staff["Kari Hansen"].id
    nights = tuple(Assignment(kari, day, "N") for day in KARI_HANSEN_NIGHTS)
    with ward.database.store() as store:
        store.rosters.replace_assignments(
            ward.roster.id, ward.roster.assignments + nights, actor_id=None
        )


def hours_violations(ward: SeededWard, name: str) -> list[Violation]:
    """Return the checker's hours-band violations for `name` in the published roster."""
    key = str(ward.staff[name].id)
    return [
        violation
        for violation in published_violations(ward)
        if violation.rule == ViolationRule.HOURS_OUTSIDE_TOLERANCE and violation.employee_key == key
    ]


def test_sick_night_keeps_hours_in_band(test_ward: SeededWard) -> None:
    """A sick report that removes a 10 h night lowers the target by the night's 10 h.

    A seventh of a week at 50 % is only 2 h 32 min, which would leave Kari Hansen's
    20 h below the band of the target 32 h 58 min ± 8 h.
    """
    give_kari_hansen_nights(test_ward)
    test_ward.say("Kari Hansen", "Jeg er syk 14. januar")
    test_ward.say("Kari Hansen", "ja")

    assert test_ward.published_shift("Kari Hansen", dt.date(2027, 1, 14)) is None
    assert hours_violations(test_ward, "Kari Hansen") == []


def test_withdrawn_sickness_keeps_night_credit(test_ward: SeededWard) -> None:
    """«Er frisk igjen» leaves the removed night out of the roster and in the hours credit."""
    give_kari_hansen_nights(test_ward)
    test_ward.say("Kari Hansen", "Jeg er syk 14. januar")
    test_ward.say("Kari Hansen", "ja")

    test_ward.say("Kari Hansen", "Er frisk igjen")
    test_ward.say("Kari Hansen", "ja")

    assert sick_days_of(test_ward, "Kari Hansen") == []
    assert test_ward.published_shift("Kari Hansen", dt.date(2027, 1, 14)) is None
    assert hours_violations(test_ward, "Kari Hansen") == []


def test_repair_after_sick_night_adds_no_make_up(test_ward: SeededWard) -> None:
    """The repair gives Kari Hansen only unstaffed nights, none to make up her hours.

    The published roster leaves several nights without staff, and she may fill them.
    With the seventh-of-a-week credit, the hard hours band forced one more night on
    her, which the repair took from Turid on Monday 11 January.
    """
    give_kari_hansen_nights(test_ward)
    kari = test_ward.staff["Kari Hansen"].id
    test_ward.say("Kari Hansen", "Jeg er syk 14. januar")
    outcome = test_ward.say("Kari Hansen", "ja")

    (proposal,) = [reply for reply in outcome.replies if reply.kind == ReplyKind.APPROVAL]
    assert proposal.request_id is not None
    with test_ward.database.store() as store:
        changes = store.shift_requests.repair_changes(proposal.request_id)
    given_nights = {
        change.day
        for change in changes
        if change.employee_id == kari and change.new_shift_code == "N"
    }
    staffed_nights = {
        assignment.day
        for assignment in test_ward.roster.assignments
        if assignment.shift_code == "N"
    }
    assert given_nights
    assert given_nights & staffed_nights == set()


@pytest.mark.parametrize(
    ("sick_day", "expected"),
    [
        pytest.param("14. januar", 35 * 60 + 30 - 10 * 60, id="removed night counts its 10 h"),
        pytest.param("11. januar", 35 * 60 + 30 - 152, id="free day counts a seventh of a week"),
    ],
)
def test_sick_day_lowers_planning_target(
    test_ward: SeededWard, sick_day: str, expected: int
) -> None:
    """The solver plans Kari Hansen towards 35 h 30 min less what her sick day removed.

    After the removed night, the band's lower edge is 17 h 30 min, below her remaining
    20 h, so the hard hours band no longer forces a make-up shift on her.
    """
    give_kari_hansen_nights(test_ward)
    test_ward.say("Kari Hansen", f"Jeg er syk {sick_day}")
    test_ward.say("Kari Hansen", "ja")

    with test_ward.database.store() as store:
        planning = build_problem(store, test_ward.unit, DateRange(ROSTER_START, ROSTER_END))
    token = planning.token_of(test_ward.staff["Kari Hansen"].id)
    (member,) = [member for member in planning.problem.staff if member.token == token]
    assert member.target_minutes == expected


SUNDAY = dt.date(2027, 1, 10)


def sunday_chat(ward: SeededWard, name: str) -> ConsoleChat:
    """A console chat for `name` on a clock that reads Sunday 10 January 2027."""

    def sunday_noon() -> dt.datetime:
        return dt.datetime.combine(SUNDAY, dt.time(12, 0), tzinfo=OSLO)

    assistant = Assistant(ward.database, ward.assistant.services, clock=sunday_noon)
    return ConsoleChat(assistant, name, output=io.StringIO(), clock=sunday_noon)


def test_weekend_on_sunday_registers_sunday(test_ward: SeededWard) -> None:
    """«i helgen» written on a Sunday registers the rest of the weekend, not the passed Saturday."""
    chat = sunday_chat(test_ward, "Kari Nordmann")

    read_back = chat.say("Kan ta ekstravakter i helgen")
    chat.say("ja")

    assert texts(read_back) == [
        "Registrerer at du kan ta ekstra vakter søndag 10. januar. Stemmer det?"
    ]
    assert availability_of(test_ward, "Kari Nordmann") == [DateRange(SUNDAY, SUNDAY)]


def test_sick_weekend_on_sunday_keeps_saturday(test_ward: SeededWard) -> None:
    """Sick leave «i helgen» on a Sunday still covers the Saturday, as sick reports look back."""
    chat = sunday_chat(test_ward, "Kari Nordmann")

    chat.say("Jeg er syk i helgen")
    chat.say("ja")

    assert sick_days_of(test_ward, "Kari Nordmann") == [
        DateRange(SUNDAY - dt.timedelta(days=1), SUNDAY)
    ]


def test_same_wish_twice_is_stored_once(test_ward: SeededWard) -> None:
    """«Ønsker fri 10. mai» confirmed and then written again is told that it is registered."""
    test_ward.say("Kari Nordmann", "Ønsker fri 10. mai")
    test_ward.say("Kari Nordmann", "ja")

    again = test_ward.say("Kari Nordmann", "Ønsker fri 10. mai")
    confirmed = test_ward.say("Kari Nordmann", "ja")

    assert texts(again) == [
        "Du har allerede registrert det ønsket mandag 10. mai, så ingenting nytt er registrert."
    ]
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]
    assert wishes_of(test_ward, "Kari Nordmann") == [
        DateRange(dt.date(2027, 5, 10), dt.date(2027, 5, 10))
    ]


def test_wish_over_registered_day_adds_the_others(test_ward: SeededWard) -> None:
    """A wish that covers a wished day again registers only the new days, and says so."""
    test_ward.say("Kari Nordmann", "Ønsker fri 10. mai")
    test_ward.say("Kari Nordmann", "ja")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "Ønsker fri 9.–11. mai"))
    test_ward.say("Kari Nordmann", "ja")

    assert read_back == (
        "Registrerer ønsket ditt om fri søndag 9. mai og tirsdag 11. mai. Du har allerede "
        "registrert det ønsket mandag 10. mai, og det blir stående. Stemmer det?"
    )
    assert sorted(wishes_of(test_ward, "Kari Nordmann"), key=lambda days: days.start) == [
        DateRange(dt.date(2027, 5, day), dt.date(2027, 5, day)) for day in (9, 10, 11)
    ]


def test_same_wish_stored_since_read_back(test_ward: SeededWard) -> None:
    """A yes to a wish that another chat has stored since the read-back stores it once."""
    test_ward.say("Kari Nordmann", "Ønsker fri 10. mai")
    with test_ward.database.store() as store:
        kari = test_ward.staff["Kari Nordmann"].id
        wish = Wish(0, kari, DateRange(dt.date(2027, 5, 10), dt.date(2027, 5, 10)), Preference.OFF)
        store.absences.add_wish(wish, actor_id=kari)

    outcome = test_ward.say("Kari Nordmann", "ja")

    assert texts(outcome) == [
        "Du har allerede registrert det ønsket mandag 10. mai, så ingenting nytt er registrert."
    ]
    assert len(wishes_of(test_ward, "Kari Nordmann")) == 1


def test_wish_to_work_beside_wish_off_is_new(test_ward: SeededWard) -> None:
    """A wish of another kind on a wished day is no duplicate: it replaces the wish off."""
    test_ward.say("Kari Nordmann", "Ønsker fri 10. mai")
    test_ward.say("Kari Nordmann", "ja")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "Ønsker å jobbe 10. mai"))

    assert read_back.startswith("Registrerer ønsket ditt om å jobbe mandag 10. mai.")


def test_same_unavailability_twice_is_stored_once(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe 11. mai» written again is told that it is registered, as a part-day is."""
    test_ward.say("Kari Nordmann", "Kan ikke jobbe 11. mai")
    test_ward.say("Kari Nordmann", "ja")

    again = test_ward.say("Kari Nordmann", "Kan ikke jobbe 11. mai")
    nights = test_ward.say("Kari Nordmann", "Kan ikke ta nattevakter 11. mai")

    assert texts(again) == [
        "Du har allerede registrert at du ikke kan jobbe tirsdag 11. mai, så ingenting nytt "
        "er registrert."
    ]
    assert texts(nights) == texts(again)
    assert unavailability_of(test_ward, "Kari Nordmann") == [
        (DateRange(dt.date(2027, 5, 11), dt.date(2027, 5, 11)), None)
    ]
