"""Part of a day unavailable, on days with an earlier offer or wish to work.

Kari has no published shifts in week 3, so she registers freely on Thursday 21
to Saturday 23 January 2027. The ward's shifts are D 07:30–15:00, A 14:30–22:00
and N 21:45–07:45.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.calendar import OSLO
from core.commands import DateRange, ShiftKind
from core.messages import ReplyKind
from core.shift_requests import RequestState
from tests.core.ward_cast import SeededWard, confirmed_request, own_replies, texts

THURSDAY_21 = dt.date(2027, 1, 21)
FRIDAY_22 = dt.date(2027, 1, 22)
SATURDAY_23 = dt.date(2027, 1, 23)

Registered = list[tuple[DateRange, ShiftKind | None]]


def registered(ward: SeededWard, text: str) -> None:
    """Send `text` as Kari and confirm it."""
    ward.say("Kari Nordmann", text)
    (reply,) = texts(ward.say("Kari Nordmann", "ja"))
    assert reply.startswith("Registrert")


def offers_of(ward: SeededWard) -> Registered:
    with ward.database.store() as store:
        found = store.absences.list_availability(employee_id=ward.staff["Kari Nordmann"].id)
    return sorted(((item.days, item.shift_kind) for item in found), key=_order)


def wishes_to_work_of(ward: SeededWard) -> Registered:
    with ward.database.store() as store:
        found = store.absences.list_wishes(employee_id=ward.staff["Kari Nordmann"].id)
    return sorted(((item.days, item.shift_kind) for item in found), key=_order)


def unavailability_of(ward: SeededWard) -> Registered:
    with ward.database.store() as store:
        found = store.absences.list_unavailability(employee_id=ward.staff["Kari Nordmann"].id)
    return sorted(((item.days, item.shift_kind) for item in found), key=_order)


def _order(item: tuple[DateRange, ShiftKind | None]) -> tuple[dt.date, str]:
    return item[0].start, str(item[1])


def one_day(day: dt.date) -> DateRange:
    return DateRange(day, day)


def test_any_shift_offer_keeps_day_shift(test_ward: SeededWard) -> None:
    """«etter kl 15» on a day offered for every shift keeps the offer for day shifts only."""
    registered(test_ward, "Kan ta ekstravakter fredag 22. januar")

    (read_back,) = texts(
        test_ward.say("Kari Nordmann", "kan ikke jobbe etter kl 15 fredag 22. januar")
    )
    (reply,) = texts(test_ward.say("Kari Nordmann", "ja"))

    replaced = (
        "tilbudet ditt om å jobbe ekstra fredag 22. januar. Det som fortsatt passer, blir "
        "stående: tilbudet ditt om å ta ekstra dagvakter fredag 22. januar."
    )
    assert read_back == (
        "Registrerer at du ikke kan jobbe etter kl. 15:00 fredag 22. januar, altså ikke "
        "aftenvakter og nattevakter fredag 22. januar. Dette erstatter det du registrerte "
        f"før: {replaced} Stemmer det?"
    )
    assert reply == (
        "Registrert. Du får ikke aftenvakter og nattevakter fredag 22. januar. Erstattet det "
        f"du registrerte før: {replaced}"
    )
    assert offers_of(test_ward) == [(one_day(FRIDAY_22), ShiftKind.DAY)]
    assert unavailability_of(test_ward) == [
        (one_day(FRIDAY_22), ShiftKind.EVENING),
        (one_day(FRIDAY_22), ShiftKind.NIGHT),
    ]


def test_offer_of_a_ruled_out_shift_is_replaced(test_ward: SeededWard) -> None:
    """An offer of night shifts on the evening ruled out is replaced, and nothing of it stays."""
    registered(test_ward, "Kan ta nattevakter fredag 22. januar")

    registered(test_ward, "kan ikke jobbe etter kl 15 fredag 22. januar")

    assert offers_of(test_ward) == []


def test_wish_to_work_night_is_replaced(test_ward: SeededWard) -> None:
    """A wish to work the night is replaced by «kan ikke jobbe etter kl 15» that day."""
    registered(test_ward, "Vil gjerne ha nattevakt fredag 22. januar")

    (read_back,) = texts(
        test_ward.say("Kari Nordmann", "kan ikke jobbe etter kl 15 fredag 22. januar")
    )
    test_ward.say("Kari Nordmann", "ja")

    assert "Dette erstatter det du registrerte før: ønsket ditt om å jobbe nattevakter" in (
        read_back
    )
    assert wishes_to_work_of(test_ward) == []


def test_offer_of_a_fitting_shift_is_kept(test_ward: SeededWard) -> None:
    """An offer of the day shift, which ends at 15:00, is neither replaced nor named."""
    registered(test_ward, "Kan ta ekstra dagvakt fredag 22. januar")

    (read_back,) = texts(
        test_ward.say("Kari Nordmann", "kan ikke jobbe etter kl 15 fredag 22. januar")
    )
    test_ward.say("Kari Nordmann", "ja")

    assert "erstatter" not in read_back
    assert offers_of(test_ward) == [(one_day(FRIDAY_22), ShiftKind.DAY)]


def test_morning_off_narrows_the_night_before(test_ward: SeededWard) -> None:
    """«før kl 12» on Friday rules out Thursday's night and Friday's day shift of an offer.

    The offer of 21–23 January stays whole on Saturday, for D and A on Thursday, and
    for A and N on Friday.
    """
    registered(test_ward, "Kan ta ekstravakter 21.–23. januar")

    registered(test_ward, "kan ikke jobbe før kl 12 fredag 22. januar")

    assert offers_of(test_ward) == [
        (DateRange(THURSDAY_21, FRIDAY_22), ShiftKind.EVENING),
        (one_day(THURSDAY_21), ShiftKind.DAY),
        (one_day(FRIDAY_22), ShiftKind.NIGHT),
        (one_day(SATURDAY_23), None),
    ]


FRIDAY_8 = dt.date(2027, 1, 8)


def test_ruled_out_take_is_withdrawn(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe før kl 12» withdraws Kari's waiting take of that day's open day shift."""
    request_id = confirmed_request(test_ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "kan ikke jobbe før kl 12 fredag"))
    outcome = test_ward.say("Kari Nordmann", "ja")

    shift = f"forespørsel #{request_id} om å ta den ledige D-vakta fredag 8. januar"
    assert read_back.endswith(
        f"Da blir den ventende {shift} trukket tilbake, fordi du ikke kan jobbe den. Stemmer det?"
    )
    registered_reply, decision = own_replies(outcome)
    assert registered_reply.text.startswith("Registrert.")
    assert registered_reply.text.endswith(
        f"Den ventende {shift} er trukket tilbake, fordi du ikke kan jobbe den."
    )
    assert decision.kind == ReplyKind.DECISION
    assert decision.request_id == request_id
    assert decision.replace_original is False
    with test_ward.database.store() as store:
        request = store.shift_requests.get(request_id)
    assert request is not None
    assert request.state == RequestState.CANCELLED
    assert test_ward.published_shift("Kari Nordmann", FRIDAY_8) is None


def test_fitting_take_stays_waiting(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe etter kl 16» keeps Kari's take of the day shift, which ends at 15:00."""
    request_id = confirmed_request(test_ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "kan ikke jobbe etter kl 16 fredag"))
    outcome = test_ward.say("Kari Nordmann", "ja")

    assert f"#{request_id}" not in read_back
    assert len(own_replies(outcome)) == 1
    with test_ward.database.store() as store:
        request = store.shift_requests.get(request_id)
    assert request is not None
    assert request.state == RequestState.ACCEPTED


def test_ruled_out_offer_taken_is_named(test_ward: SeededWard) -> None:
    """A colleague's offer Per has taken stays, and his reply tells him to ask the manager."""
    request_id = confirmed_request(
        test_ward, "Ola Nordmann", "Kan noen ta kveldsvakta mi 11. januar?"
    )
    test_ward.say("Per Hansen", f"jeg tar {request_id}")
    test_ward.say("Per Hansen", "ja")

    test_ward.say("Per Hansen", "kan ikke jobbe etter kl 12 11. januar")
    outcome = test_ward.say("Per Hansen", "ja")

    (reply,) = texts(outcome)
    assert reply.endswith(
        f"Forespørsel #{request_id} vakt lagt ut: Ola Nordmann A mandag 11. januar → Per "
        "Hansen (venter på leder) ville gitt deg en vakt du ikke kan jobbe, og bare en leder "
        f"kan stoppe den nå. Si fra til lederen din, som kan avslå den med «avslå {request_id}»."
    )
    with test_ward.database.store() as store:
        request = store.shift_requests.get(request_id)
    assert request is not None
    assert request.state == RequestState.ACCEPTED


MONDAY_11 = dt.date(2027, 1, 11)
TUESDAY_12 = dt.date(2027, 1, 12)


def test_published_shift_collision_is_read_back(test_ward: SeededWard) -> None:
    """«etter kl 13» on Kari's published D names the shift and its times before «ja».

    The D shift stays hers, and only the evening and night shifts are registered.
    """
    (read_back,) = texts(
        test_ward.say("Kari Nordmann", "kan ikke jobbe etter kl 13 mandag 11. januar")
    )
    (reply,) = texts(test_ward.say("Kari Nordmann", "ja"))

    assert read_back == (
        "Registrerer at du ikke kan jobbe etter kl. 13:00 mandag 11. januar, altså ikke "
        "aftenvakter og nattevakter mandag 11. januar. Du står på D mandag 11. januar "
        "07:30–15:00, og det kolliderer med at du ikke kan jobbe etter kl. 13:00. Vakta er "
        "publisert, så den er fortsatt din og er ikke med i registreringen. For å få fri da, "
        "be en kollega ta den, for eksempel «Kan noen ta vakta mi 11. januar?», eller avtal "
        "det med lederen din. Stemmer det?"
    )
    assert reply == "Registrert. Du får ikke aftenvakter og nattevakter mandag 11. januar."
    assert unavailability_of(test_ward) == [
        (one_day(MONDAY_11), ShiftKind.EVENING),
        (one_day(MONDAY_11), ShiftKind.NIGHT),
    ]
    assert test_ward.published_shift("Kari Nordmann", MONDAY_11) == "D"


def test_collisions_on_several_days_in_nynorsk(test_ward: SeededWard) -> None:
    """Three published D shifts are all named, in the plural, in a nynorsk read-back."""
    (read_back,) = texts(
        test_ward.say_in("nn", "Kari Nordmann", "kan ikkje jobbe etter kl 13 11.–13. januar")
    )

    assert (
        "Du står på D måndag 11. januar 07:30–15:00, D tysdag 12. januar 07:30–15:00 og D "
        "onsdag 13. januar 07:30–15:00, og dei kolliderer med at du ikkje kan jobbe etter kl. "
        "13:00. Vaktene er publiserte, så dei er framleis dine og er ikkje med i registreringa."
    ) in read_back


def test_collision_alone_registers_nothing(test_ward: SeededWard) -> None:
    """«fra 8 til 9» rules out only Kari's published D, so nothing is left to register."""
    (reply,) = texts(
        test_ward.say("Kari Nordmann", "kan ikke jobbe fra 8 til 9 tirsdag 12. januar")
    )
    (answer,) = texts(test_ward.say("Kari Nordmann", "ja"))

    assert reply == (
        "Du står på D tirsdag 12. januar 07:30–15:00, og det kolliderer med at du ikke kan "
        "jobbe mellom kl. 08:00 og 09:00. Vakta er publisert, så den er fortsatt din og er ikke "
        "med i registreringen. For å få fri da, be en kollega ta den, for eksempel «Kan noen "
        "ta vakta mi 12. januar?», eller avtal det med lederen din. Jeg har ikke registrert noe."
    )
    assert not answer.startswith("Registrert")
    assert unavailability_of(test_ward) == []
    assert test_ward.published_shift("Kari Nordmann", TUESDAY_12) == "D"


LEAVE_EARLY_QUESTIONS = [
    pytest.param(
        "nb",
        "Må gå tidlig fredag 22. januar",
        "Fra eller til hvilket klokkeslett? Jeg kan registrere at du ikke kan jobbe etter eller "
        "før et klokkeslett, så du kan gå tidligere eller komme senere. Skriv dagen og "
        "klokkeslettet, for eksempel «Kan ikke jobbe fredag etter kl 15» eller «Kan ikke jobbe "
        "fredag før kl 10».",
        id="nb",
    ),
    pytest.param(
        "nn",
        "Eg må gå tidleg 22. januar",
        "Frå eller til kva klokkeslett? Eg kan registrere at du ikkje kan jobbe etter eller før "
        "eit klokkeslett, så du kan gå tidlegare eller kome seinare. Skriv dagen og "
        "klokkeslettet, til dømes «Kan ikkje jobbe fredag etter kl 15» eller «Kan ikkje jobbe "
        "fredag før kl 10».",
        id="nn",
    ),
    pytest.param(
        "en",
        "I want to leave early on 22 January",
        "From or until what time? I can register that you cannot work after or before a time "
        "of day, so that you can leave early or come in late. Write the day and the time, for "
        "example «Cannot work Friday after 15:00» or «Cannot work Friday before 10:00».",
        id="en",
    ),
]


@pytest.mark.parametrize(("locale", "text", "expected"), LEAVE_EARLY_QUESTIONS)
def test_leaving_early_asks_for_the_time(
    test_ward: SeededWard, locale: str, text: str, expected: str
) -> None:
    """Leaving early with no time asks from when, and registers no whole day off."""
    (reply,) = texts(test_ward.say_in(locale, "Kari Nordmann", text))
    (answer,) = texts(test_ward.say_in(locale, "Kari Nordmann", "ja"))

    assert reply == expected
    assert not answer.startswith(("Registrert", "Registered"))
    assert wishes_to_work_of(test_ward) == []
    assert unavailability_of(test_ward) == []


def test_leaving_early_at_a_time_is_read_back(test_ward: SeededWard) -> None:
    """«Må gå tidlig kl 14» registers unavailability from 14:00, after the read-back."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Må gå tidlig fredag 22. januar kl 14"))

    assert reply == (
        "Registrerer at du ikke kan jobbe etter kl. 14:00 fredag 22. januar, altså ikke "
        "dagvakter, aftenvakter og nattevakter fredag 22. januar. Stemmer det?"
    )


TIMES_BETWEEN = [
    pytest.param(
        "nb",
        "kan ikke jobbe fra 15 til 17 fredag 22. januar",
        "Registrerer at du ikke kan jobbe mellom kl. 15:00 og 17:00 fredag 22. januar, altså "
        "ikke aftenvakter fredag 22. januar. Stemmer det?",
        id="nb",
    ),
    pytest.param(
        "nn",
        "kan ikkje jobbe frå kl 15 til kl 17 fredag 22. januar",
        "Registrerer at du ikkje kan jobbe mellom kl. 15:00 og 17:00 fredag 22. januar, altså "
        "ikkje kveldsvakter fredag 22. januar. Er det rett?",
        id="nn",
    ),
    pytest.param(
        "nb",
        "kan ikke jobbe mellom kl 15 og 17 fredag 22. januar",
        "Registrerer at du ikke kan jobbe mellom kl. 15:00 og 17:00 fredag 22. januar, altså "
        "ikke aftenvakter fredag 22. januar. Stemmer det?",
        id="nb mellom",
    ),
    pytest.param(
        "en",
        "cannot work from 15:00 until 17:00 on 22 January",
        "Registering that you cannot work between 15:00 and 17:00 Friday 22 January, so not "
        "evening shifts Friday 22 January. Is that right?",
        id="en",
    ),
]


@pytest.mark.parametrize(("locale", "text", "expected"), TIMES_BETWEEN)
def test_time_between_rules_out_that_part(
    test_ward: SeededWard, locale: str, text: str, expected: str
) -> None:
    """«fra 15 til 17» rules out the shifts between 15:00 and 17:00, not the whole day."""
    (read_back,) = texts(test_ward.say_in(locale, "Kari Nordmann", text))
    test_ward.say_in(locale, "Kari Nordmann", "ja")

    assert read_back == expected
    assert unavailability_of(test_ward) == [(one_day(FRIDAY_22), ShiftKind.EVENING)]


def test_english_time_with_pm_is_read_back(test_ward: SeededWard) -> None:
    """«after 3 pm» is 15:00, and not the whole day."""
    (reply,) = texts(test_ward.say_in("en", "Kari Nordmann", "Cannot work 22 January after 3 pm"))

    assert reply == (
        "Registering that you cannot work after 15:00 Friday 22 January, so not evening "
        "shifts and night shifts Friday 22 January. Is that right?"
    )


WORK_LATE_QUESTIONS = [
    pytest.param(
        "nb",
        "Kan ikke jobbe sent fredag 22. januar",
        "Fra eller til hvilket klokkeslett?",
        id="nb",
    ),
    pytest.param(
        "nn",
        "Kan ikkje jobbe seint fredag 22. januar",
        "Frå eller til kva klokkeslett?",
        id="nn",
    ),
    pytest.param(
        "en",
        "I can't work late on 22 January",
        "From or until what time?",
        id="en",
    ),
]


@pytest.mark.parametrize(("locale", "text", "question"), WORK_LATE_QUESTIONS)
def test_working_late_asks_for_the_time(
    test_ward: SeededWard, locale: str, text: str, question: str
) -> None:
    """«Kan ikke jobbe sent fredag» with no time asks from when, and registers no whole day."""
    (reply,) = texts(test_ward.say_in(locale, "Kari Nordmann", text))
    (answer,) = texts(test_ward.say_in(locale, "Kari Nordmann", "ja"))

    assert reply.startswith(question)
    assert not answer.startswith(("Registrert", "Registered"))
    assert unavailability_of(test_ward) == []


def test_working_late_after_a_time_is_read_back(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe sent fredag, etter kl 18» rules out only the shifts after 18:00."""
    (reply,) = texts(
        test_ward.say("Kari Nordmann", "Kan ikke jobbe sent fredag 22. januar, etter kl 18")
    )
    test_ward.say("Kari Nordmann", "ja")

    assert reply == (
        "Registrerer at du ikke kan jobbe etter kl. 18:00 fredag 22. januar, altså ikke "
        "aftenvakter og nattevakter fredag 22. januar. Stemmer det?"
    )
    assert unavailability_of(test_ward) == [
        (one_day(FRIDAY_22), ShiftKind.EVENING),
        (one_day(FRIDAY_22), ShiftKind.NIGHT),
    ]


LEAVE_EARLY_WITHOUT_DAY_QUESTIONS = [
    pytest.param(
        "nb",
        "jeg vil gå tidlig",
        "Hvilken dag, og fra eller til hvilket klokkeslett? Jeg kan registrere at du ikke kan "
        "jobbe etter eller før et klokkeslett, så du kan gå tidligere eller komme senere. Skriv "
        "dagen og klokkeslettet, for eksempel «Kan ikke jobbe fredag etter kl 15» eller «Kan "
        "ikke jobbe fredag før kl 10».",
        id="nb",
    ),
    pytest.param(
        "nn",
        "eg vil gå tidleg",
        "Kva dag, og frå eller til kva klokkeslett? Eg kan registrere at du ikkje kan jobbe "
        "etter eller før eit klokkeslett, så du kan gå tidlegare eller kome seinare. Skriv "
        "dagen og klokkeslettet, til dømes «Kan ikkje jobbe fredag etter kl 15» eller «Kan "
        "ikkje jobbe fredag før kl 10».",
        id="nn",
    ),
    pytest.param(
        "en",
        "I want to leave early",
        "Which day, and from or until what time? I can register that you cannot work after or "
        "before a time of day, so that you can leave early or come in late. Write the day and "
        "the time, for example «I cannot work Friday after 15:00» or «I cannot work Friday "
        "before 10:00».",
        id="en",
    ),
]


@pytest.mark.parametrize(("locale", "text", "expected"), LEAVE_EARLY_WITHOUT_DAY_QUESTIONS)
def test_leaving_early_without_day_asks_for_both(
    test_ward: SeededWard, locale: str, text: str, expected: str
) -> None:
    """«jeg vil gå tidlig» with no day asks which day and time, and registers nothing."""
    (reply,) = texts(test_ward.say_in(locale, "Kari Nordmann", text))

    assert reply == expected
    assert unavailability_of(test_ward) == []
    assert wishes_to_work_of(test_ward) == []


def test_example_in_question_is_understood(test_ward: SeededWard) -> None:
    """The English example in the question is read back as the part-day it shows."""
    test_ward.say_in("en", "Kari Nordmann", "I want to leave early")

    (reply,) = texts(test_ward.say("Kari Nordmann", "I cannot work Friday 22 January after 15:00"))

    assert reply.startswith("Registering that you cannot work after 15:00 Friday 22 January")


INVALID_TIME_REPLIES = [
    pytest.param(
        "nb",
        "Kan ikke jobbe fredag 22. januar etter 13 pm",
        "«13 pm» er ikke et gyldig klokkeslett, så jeg har ikke registrert noe. Skriv timer fra "
        "0 til 23 og minutter fra 00 til 59, for eksempel «Kan ikke jobbe fredag etter kl 15», "
        "eller på engelsk timer fra 1 til 12 med am eller pm, for eksempel «after 3 pm».",
        id="nb 13 pm",
    ),
    pytest.param(
        "nb",
        "Kan ikke jobbe etter 25 fredag 22. januar",
        "«25» er ikke et gyldig klokkeslett, så jeg har ikke registrert noe. Skriv timer fra "
        "0 til 23 og minutter fra 00 til 59, for eksempel «Kan ikke jobbe fredag etter kl 15», "
        "eller på engelsk timer fra 1 til 12 med am eller pm, for eksempel «after 3 pm».",
        id="nb bare 25",
    ),
    pytest.param(
        "nn",
        "Kan ikkje jobbe fredag 22. januar etter 25:00",
        "«25:00» er ikkje eit gyldig klokkeslett, så eg har ikkje registrert noko. Skriv timar "
        "frå 0 til 23 og minutt frå 00 til 59, til dømes «Kan ikkje jobbe fredag etter kl 15», "
        "eller på engelsk timar frå 1 til 12 med am eller pm, til dømes «after 3 pm».",
        id="nn 25:00",
    ),
    pytest.param(
        "en",
        "I cannot work 22 January after 13 pm",
        "«13 pm» is not a valid time, so I have not registered anything. Write hours from 0 to "
        "23 and minutes from 00 to 59, for example «I cannot work Friday after 15:00», or hours "
        "from 1 to 12 with am or pm, for example «after 3 pm».",
        id="en 13 pm",
    ),
]


@pytest.mark.parametrize(("locale", "text", "expected"), INVALID_TIME_REPLIES)
def test_invalid_time_registers_nothing(
    test_ward: SeededWard, locale: str, text: str, expected: str
) -> None:
    """«13 pm» or «25:00» is named as no valid time, and no whole day is registered."""
    (reply,) = texts(test_ward.say_in(locale, "Kari Nordmann", text))
    (answer,) = texts(test_ward.say_in(locale, "Kari Nordmann", "ja"))

    assert reply == expected
    assert not answer.startswith(("Registrert", "Registered"))
    assert unavailability_of(test_ward) == []


# From 13:00 rules out every shift on Friday 22 January, since the day shift runs to 15:00.
# Until 10:00 rules out the day shift and Thursday's night shift, which ends at 07:45.
AFTER_13 = [
    (one_day(FRIDAY_22), ShiftKind.EVENING),
    (one_day(FRIDAY_22), ShiftKind.DAY),
    (one_day(FRIDAY_22), ShiftKind.NIGHT),
]
BEFORE_10 = [(one_day(THURSDAY_21), ShiftKind.NIGHT), (one_day(FRIDAY_22), ShiftKind.DAY)]
TIME_ANSWERS = [
    pytest.param(
        "Må gå tidlig fredag 22. januar", "kl 13", "etter kl. 13:00", AFTER_13, id="kl 13"
    ),
    pytest.param(
        "Må gå tidlig fredag 22. januar",
        "fredag 22. januar etter kl 13",
        "etter kl. 13:00",
        AFTER_13,
        id="day and time",
    ),
    pytest.param(
        "Må gå tidlig fredag 22. januar", "etter 13", "etter kl. 13:00", AFTER_13, id="etter 13"
    ),
    pytest.param(
        "Må komme seint fredag 22. januar", "kl 10", "før kl. 10:00", BEFORE_10, id="come late"
    ),
    pytest.param("Må gå tidlig fredag 22. januar", "13", "etter kl. 13:00", AFTER_13, id="13"),
    pytest.param(
        "Må gå tidlig fredag 22. januar", "13.30", "etter kl. 13:30", AFTER_13, id="13.30"
    ),
    pytest.param(
        "Må gå tidlig fredag 22. januar", "13.10", "etter kl. 13:10", AFTER_13, id="13.10 no date"
    ),
    pytest.param(
        "Må komme seint fredag 22. januar", "10", "før kl. 10:00", BEFORE_10, id="come late 10"
    ),
]


@pytest.mark.parametrize(("text", "answer", "part", "expected"), TIME_ANSWERS)
def test_time_answer_completes_leaving_early(
    test_ward: SeededWard, text: str, answer: str, part: str, expected: Registered
) -> None:
    """A time written after the question for it completes the part-day, which is read back."""
    test_ward.say("Kari Nordmann", text)

    (reply,) = texts(test_ward.say("Kari Nordmann", answer))
    (confirmation,) = texts(test_ward.say("Kari Nordmann", "ja"))

    assert reply.startswith(f"Registrerer at du ikke kan jobbe {part} fredag 22. januar")
    assert confirmation.startswith("Registrert")
    assert unavailability_of(test_ward) == expected


BARE_HOUR_ANSWERS = [
    pytest.param("Må gå tidlig fredag 22. januar", "3", "etter kl. 15:00", id="3 is 15:00"),
    pytest.param("Må gå tidlig fredag 22. januar", "6", "etter kl. 18:00", id="6 is 18:00"),
    pytest.param("Må gå tidlig fredag 22. januar", "3.30", "etter kl. 03:30", id="3.30 stays"),
    pytest.param(
        "Må komme seint om morgenen fredag 22. januar", "6", "før kl. 06:00", id="morning"
    ),
    pytest.param("Må gå tidlig fredag 22. januar", "fem", "etter kl. 17:00", id="fem is 17:00"),
]


@pytest.mark.parametrize(("text", "answer", "part"), BARE_HOUR_ANSWERS)
def test_bare_hour_answer_is_afternoon(
    test_ward: SeededWard, text: str, answer: str, part: str
) -> None:
    """A bare «3» as the time is 15:00, as «etter 3» is, except after a morning question."""
    test_ward.say("Kari Nordmann", text)

    (reply,) = texts(test_ward.say("Kari Nordmann", answer))

    assert reply.startswith(f"Registrerer at du ikke kan jobbe {part} fredag 22. januar")


INVALID_TIME_ANSWERS = [
    pytest.param(
        "nb",
        "kl 25",
        "«kl 25» er ikke et gyldig klokkeslett. Skriv timer fra 0 til 23 og minutter fra 00 "
        "til 59, for eksempel «13» eller «13.30».",
        id="nb kl 25",
    ),
    pytest.param(
        "nb",
        "25",
        "«25» er ikke et gyldig klokkeslett. Skriv timer fra 0 til 23 og minutter fra 00 "
        "til 59, for eksempel «13» eller «13.30».",
        id="nb 25",
    ),
    pytest.param(
        "nn",
        "13.75",
        "«13.75» er ikkje eit gyldig klokkeslett. Skriv timar frå 0 til 23 og minutt frå 00 "
        "til 59, til dømes «13» eller «13.30».",
        id="nn 13.75",
    ),
    pytest.param(
        "en",
        "kl 25",
        "«kl 25» is not a valid time. Write hours from 0 to 23 and minutes from 00 to 59, "
        "for example «13» or «13:30».",
        id="en kl 25",
    ),
]


@pytest.mark.parametrize(("locale", "answer", "expected"), INVALID_TIME_ANSWERS)
def test_invalid_time_answer_keeps_the_question(
    test_ward: SeededWard, locale: str, answer: str, expected: str
) -> None:
    """A time that no clock shows, as the answer, is named, and a valid time then completes it."""
    test_ward.say_in(locale, "Kari Nordmann", "Må gå tidlig fredag 22. januar")

    (reply,) = texts(test_ward.say_in(locale, "Kari Nordmann", answer))
    (read_back,) = texts(test_ward.say_in(locale, "Kari Nordmann", "13"))
    test_ward.say_in(locale, "Kari Nordmann", "ja")

    assert reply == expected
    assert "13:00" in read_back
    assert unavailability_of(test_ward) == AFTER_13


def test_invalid_leaving_time_then_hour(test_ward: SeededWard) -> None:
    """«Må gå tidlig fredag kl 25» names the bad time, and a bare «13» then completes it."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Må gå tidlig fredag 22. januar kl 25"))
    (read_back,) = texts(test_ward.say("Kari Nordmann", "13"))

    assert reply == (
        "«kl 25» er ikke et gyldig klokkeslett. Skriv timer fra 0 til 23 og minutter fra 00 "
        "til 59, for eksempel «13» eller «13.30»."
    )
    assert read_back.startswith(
        "Registrerer at du ikke kan jobbe etter kl. 13:00 fredag 22. januar"
    )


def test_time_after_invalid_time_completes_it(test_ward: SeededWard) -> None:
    """«etter 16» after «kan ikke jobbe etter 25 fredag» is the time that was meant."""
    test_ward.say("Kari Nordmann", "Kan ikke jobbe etter 25 fredag 22. januar")

    (reply,) = texts(test_ward.say("Kari Nordmann", "etter 16"))
    test_ward.say("Kari Nordmann", "ja")

    assert reply.startswith("Registrerer at du ikke kan jobbe etter kl. 16:00 fredag 22. januar")
    assert unavailability_of(test_ward) == [
        (one_day(FRIDAY_22), ShiftKind.EVENING),
        (one_day(FRIDAY_22), ShiftKind.NIGHT),
    ]


def test_bare_hour_after_invalid_time_is_not_guessed(test_ward: SeededWard) -> None:
    """A bare «16» after «etter 25» does not say «etter» or «før», so nothing is registered."""
    test_ward.say("Kari Nordmann", "Kan ikke jobbe etter 25 fredag 22. januar")

    (reply,) = texts(test_ward.say("Kari Nordmann", "16"))

    assert not reply.startswith("Registrerer")
    assert unavailability_of(test_ward) == []


def test_invalid_time_without_command_is_named(test_ward: SeededWard) -> None:
    """«kl 25» with no question open says that no clock shows it and what to write."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "kl 25"))

    assert reply == (
        "«kl 25» er ikke et gyldig klokkeslett, og jeg forsto heller ikke hva du vil gjøre. "
        "Skriv hva du vil, dagen og klokkeslettet, for eksempel «Kan ikke jobbe fredag etter "
        "kl 15»."
    )


def test_day_answer_asks_again_for_the_time(test_ward: SeededWard) -> None:
    """«jeg vil gå tidlig», then a day, asks for the time, and a time then completes it."""
    test_ward.say("Kari Nordmann", "jeg vil gå tidlig")

    (time_question,) = texts(test_ward.say("Kari Nordmann", "fredag 22. januar"))
    (reply,) = texts(test_ward.say("Kari Nordmann", "kl 13"))

    assert time_question.startswith("Fra eller til hvilket klokkeslett?")
    assert reply.startswith("Registrerer at du ikke kan jobbe etter kl. 13:00 fredag 22. januar")


def test_leaving_at_a_time_is_read_back(test_ward: SeededWard) -> None:
    """«må gå kl 13 på fredag» is unavailability from 13:00, like leaving early at 13."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "må gå kl 13 på fredag 22. januar"))
    test_ward.say("Kari Nordmann", "ja")

    assert reply == (
        "Registrerer at du ikke kan jobbe etter kl. 13:00 fredag 22. januar, altså ikke "
        "dagvakter, aftenvakter og nattevakter fredag 22. januar. Stemmer det?"
    )
    assert unavailability_of(test_ward) == AFTER_13


def test_spoken_time_is_read_back(test_ward: SeededWard) -> None:
    """«etter halv fire» is read back as after 15:30, not as the whole day."""
    (reply,) = texts(
        test_ward.say("Kari Nordmann", "Kan ikke jobbe etter halv fire fredag 22. januar")
    )

    assert reply.startswith("Registrerer at du ikke kan jobbe etter kl. 15:30 fredag 22. januar")


def test_reversed_time_range_is_refused(test_ward: SeededWard) -> None:
    """«fra 17 til 15» ends before it starts, so nothing is registered and the reply says why."""
    (reply,) = texts(
        test_ward.say("Kari Nordmann", "Kan ikke jobbe fra 17 til 15 fredag 22. januar")
    )

    assert reply.startswith(
        "«fra 17 til 15» slutter før det begynner, så jeg har ikke registrert noe. "
        "Skriv det tidligste klokkeslettet først"
    )
    assert unavailability_of(test_ward) == []


def test_equal_time_range_is_refused(test_ward: SeededWard) -> None:
    """«fra 15 til 15» names no time at all, so nothing is registered and the reply says why."""
    (reply,) = texts(
        test_ward.say("Kari Nordmann", "Kan ikke jobbe fra 15 til 15 lørdag 23. januar")
    )

    assert reply.startswith(
        "«fra 15 til 15» begynner og slutter på samme klokkeslett, så jeg har ikke registrert noe."
    )
    assert unavailability_of(test_ward) == []


def test_reversed_time_range_can_be_corrected(test_ward: SeededWard) -> None:
    """After «fra 17 til 15», «fra 15 til 17» completes the day that was written."""
    test_ward.say("Kari Nordmann", "Kan ikke jobbe fra 17 til 15 fredag 22. januar")

    (reply,) = texts(test_ward.say("Kari Nordmann", "fra 15 til 17"))

    assert reply.startswith(
        "Registrerer at du ikke kan jobbe mellom kl. 15:00 og 17:00 fredag 22. januar"
    )


def test_reversed_answer_keeps_the_question(test_ward: SeededWard) -> None:
    """A reversed range again as the answer is refused again, and registers nothing."""
    test_ward.say("Kari Nordmann", "Kan ikke jobbe fra 17 til 15 fredag 22. januar")

    (reply,) = texts(test_ward.say("Kari Nordmann", "fra 18 til 16"))

    assert reply.startswith("«fra 18 til 16» slutter før det begynner")
    assert unavailability_of(test_ward) == []


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("Kan ikke jobbe etter 15 i går", id="after a time"),
        pytest.param("Må gå tidlig i går kl 14", id="leaving early"),
    ],
)
def test_past_part_day_is_refused(test_ward: SeededWard, message: str) -> None:
    """A part of a day that has passed is refused as a whole past day is, and nothing is stored."""
    (reply,) = texts(test_ward.say("Kari Nordmann", message))

    assert reply.startswith("Dagen tirsdag 5. januar er allerede passert.")
    assert unavailability_of(test_ward) == []


def test_same_part_of_day_twice_is_stored_once(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe etter kl 15» sent again for the same Friday says so and stores nothing."""
    message = "kan ikke jobbe etter kl 15 på fredag 22. januar"
    registered(test_ward, message)

    again = texts(test_ward.say("Kari Nordmann", message))

    assert again == [
        "Du har allerede registrert at du ikke kan jobbe etter kl. 15:00 fredag 22. januar, så "
        "ingenting nytt ble registrert."
    ]
    assert unavailability_of(test_ward) == [
        (one_day(FRIDAY_22), ShiftKind.EVENING),
        (one_day(FRIDAY_22), ShiftKind.NIGHT),
    ]


def test_morning_after_evening_names_registered_night(test_ward: SeededWard) -> None:
    """«Før kl 10» on Saturday after «etter kl 15» on Friday says the Friday night is
    already registered as a shift the user cannot take, not as a night shift they asked for."""
    registered(test_ward, "kan ikke jobbe etter kl 15 på fredag 22. januar")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "kan ikke jobbe før 10 lørdag 23. januar"))

    assert "Du har allerede registrert at du ikke kan ta nattevakter fredag 22. januar" in read_back


def test_wider_part_registers_new_only(test_ward: SeededWard) -> None:
    """«Etter kl 15» over Thursday and Friday, with Friday and Thursday's night registered,
    adds only Thursday's evening, and the read-back names what was there already."""
    registered(test_ward, "kan ikke jobbe etter kl 15 på fredag 22. januar")
    registered(test_ward, "kan ikke jobbe natt torsdag 21. januar")

    (read_back,) = texts(
        test_ward.say(
            "Kari Nordmann", "kan ikke jobbe etter kl 15 fra torsdag 21. til fredag 22. januar"
        )
    )

    assert read_back == (
        "Registrerer at du ikke kan jobbe etter kl. 15:00 fra torsdag 21. januar til fredag "
        "22. januar, altså ikke aftenvakter torsdag 21. januar. Du har allerede registrert at "
        "du ikke kan ta aftenvakter fredag 22. januar og nattevakter fra torsdag 21. januar til "
        "fredag 22. januar, og det blir stående. Stemmer det?"
    )
    test_ward.say("Kari Nordmann", "ja")
    assert unavailability_of(test_ward) == [
        (one_day(THURSDAY_21), ShiftKind.EVENING),
        (one_day(THURSDAY_21), ShiftKind.NIGHT),
        (one_day(FRIDAY_22), ShiftKind.EVENING),
        (one_day(FRIDAY_22), ShiftKind.NIGHT),
    ]


def at_four_pm() -> dt.datetime:
    return dt.datetime.combine(dt.date(2027, 1, 6), dt.time(16, 0), tzinfo=OSLO)


@pytest.mark.parametrize(
    ("message", "part"),
    [
        pytest.param("Kan ikke jobbe i dag før kl 12", "før kl. 12:00", id="before noon"),
        pytest.param(
            "Kan ikke jobbe i dag mellom kl 10 og 12", "mellom kl. 10:00 og 12:00", id="between"
        ),
        pytest.param("Kan ikke jobbe i dag og i morgen før kl 12", "før kl. 12:00", id="two days"),
    ],
)
def test_passed_part_of_today_is_refused(test_ward: SeededWard, message: str, part: str) -> None:
    """A part of today that has ended is refused with what to write, and nothing is stored."""
    test_ward.chat("Kari Nordmann").clock = at_four_pm

    (reply,) = texts(test_ward.say("Kari Nordmann", message))

    assert reply == (
        f"Tiden {part} i dag er allerede passert. Skriv et senere klokkeslett eller en annen "
        f"dag, for eksempel «kan ikke jobbe i morgen {part}»."
    )
    assert unavailability_of(test_ward) == []


def test_part_of_today_still_ahead(test_ward: SeededWard) -> None:
    """«etter kl 15» today at 16:00 runs until midnight, so it is read back as usual."""
    test_ward.chat("Kari Nordmann").clock = at_four_pm

    (reply,) = texts(test_ward.say("Kari Nordmann", "Kan ikke jobbe i dag etter kl 15"))

    assert reply.startswith("Registrerer at du ikke kan jobbe etter kl. 15:00 onsdag 6. januar")


def test_passed_part_of_today_in_english(test_ward: SeededWard) -> None:
    """The refusal in English suggests an English message to write instead."""
    test_ward.chat("Kari Nordmann").clock = at_four_pm

    (reply,) = texts(test_ward.say_in("en", "Kari Nordmann", "Can't work today before 12"))

    assert reply == (
        "The time before 12:00 today has already passed. Write a later time or another day, "
        "for example «can't work tomorrow before 12:00»."
    )


TIME_WITHOUT_BEFORE_OR_AFTER_QUESTIONS = [
    pytest.param(
        "nb",
        "kan ikke jobbe kl 15 fredag 22. januar",
        "Mener du at du ikke kan jobbe før eller etter kl. 15:00, eller hele dagen? Svar "
        "«før», «etter» eller «hele dagen».",
        id="nb kl 15",
    ),
    pytest.param(
        "nn",
        "kan ikkje jobbe fredag 22. januar 15:00",
        "Meiner du at du ikkje kan jobbe før eller etter kl. 15:00, eller heile dagen? Svar "
        "«før», «etter» eller «heile dagen».",
        id="nn 15:00",
    ),
    pytest.param(
        "en",
        "can't work half past three on 22 January",
        "Do you mean that you cannot work before or after 15:30, or the whole day? Answer "
        "«before», «after» or «the whole day».",
        id="en half past three",
    ),
]


@pytest.mark.parametrize(("locale", "text", "expected"), TIME_WITHOUT_BEFORE_OR_AFTER_QUESTIONS)
def test_time_without_before_or_after_asks(
    test_ward: SeededWard, locale: str, text: str, expected: str
) -> None:
    """A time with no «etter» or «før» asks which part is meant, and registers no whole day."""
    (reply,) = texts(test_ward.say_in(locale, "Kari Nordmann", text))
    (answer,) = texts(test_ward.say_in(locale, "Kari Nordmann", "ja"))

    assert reply == expected
    assert not answer.startswith(("Registrert", "Registered"))
    assert unavailability_of(test_ward) == []


WHOLE_FRIDAY = [(one_day(FRIDAY_22), None)]
BEFORE_OR_AFTER_ANSWERS = [
    pytest.param(
        "før",
        "Registrerer at du ikke kan jobbe før kl. 10:00 fredag 22. januar",
        BEFORE_10,
        id="før",
    ),
    pytest.param(
        "etter",
        "Registrerer at du ikke kan jobbe etter kl. 10:00 fredag 22. januar",
        AFTER_13,
        id="etter",
    ),
    pytest.param(
        "etter kl 16",
        "Registrerer at du ikke kan jobbe etter kl. 16:00 fredag 22. januar",
        [(one_day(FRIDAY_22), ShiftKind.EVENING), (one_day(FRIDAY_22), ShiftKind.NIGHT)],
        id="etter kl 16",
    ),
    pytest.param(
        "hele dagen",
        "Registrerer at du ikke kan jobbe fredag 22. januar",
        WHOLE_FRIDAY,
        id="hele dagen",
    ),
]


@pytest.mark.parametrize(("answer", "read_back", "expected"), BEFORE_OR_AFTER_ANSWERS)
def test_before_or_after_answer_completes_it(
    test_ward: SeededWard, answer: str, read_back: str, expected: Registered
) -> None:
    """«før», «etter», «hele dagen» or a time with «etter» completes «kan ikke jobbe kl 10»."""
    test_ward.say("Kari Nordmann", "kan ikke jobbe kl 10 fredag 22. januar")

    (reply,) = texts(test_ward.say("Kari Nordmann", answer))
    (confirmation,) = texts(test_ward.say("Kari Nordmann", "ja"))

    assert reply.startswith(read_back)
    assert confirmation.startswith("Registrert")
    assert unavailability_of(test_ward) == expected


def test_date_answer_then_asks_before_or_after(test_ward: SeededWard) -> None:
    """«kan ikke jobbe kl 15» asks the day first, then before or after 15:00."""
    (day_question,) = texts(test_ward.say("Kari Nordmann", "kan ikke jobbe kl 15"))

    (time_question,) = texts(test_ward.say("Kari Nordmann", "fredag 22. januar"))

    assert day_question.startswith("Hvilken dag?")
    assert time_question.startswith("Mener du at du ikke kan jobbe før eller etter kl. 15:00")
    assert unavailability_of(test_ward) == []


OVER_MIDNIGHT_REPLIES = [
    pytest.param(
        "nb",
        "kan ikke jobbe mellom 22 og 6 fredag 22. januar",
        "«mellom 22 og 6» går over midnatt, og jeg registrerer en del av én dag om gangen, så "
        "jeg har ikke registrert noe. Skriv kvelden og morgenen etter som to meldinger: «Kan "
        "ikke jobbe 22. januar etter kl 22:00», og så «Kan ikke jobbe 23. januar før kl 06:00».",
        id="nb",
    ),
    pytest.param(
        "nn",
        "kan ikkje jobbe frå 20 til 8 fredag 22. januar",
        "«frå 20 til 8» går over midnatt, og eg registrerer ein del av éin dag om gongen, så eg "
        "har ikkje registrert noko. Skriv kvelden og morgonen etter som to meldingar: «Kan "
        "ikkje jobbe 22. januar etter kl 20:00», og så «Kan ikkje jobbe 23. januar før kl "
        "08:00».",
        id="nn",
    ),
    pytest.param(
        "en",
        "cannot work between 23:00 and 07:00 on 22 January",
        "«between 23:00 and 07:00» runs over midnight, and I register a part of one day at a "
        "time, so I have not registered anything. Write the evening and the next morning as "
        "two messages: «Cannot work 22 January after 23:00», and then «Cannot work 23 January "
        "before 07:00».",
        id="en",
    ),
]


@pytest.mark.parametrize(("locale", "text", "expected"), OVER_MIDNIGHT_REPLIES)
def test_range_over_midnight_suggests_messages(
    test_ward: SeededWard, locale: str, text: str, expected: str
) -> None:
    """«mellom 22 og 6» registers nothing and shows the evening and morning messages to write."""
    (reply,) = texts(test_ward.say_in(locale, "Kari Nordmann", text))
    (answer,) = texts(test_ward.say_in(locale, "Kari Nordmann", "ja"))

    assert reply == expected
    assert not answer.startswith(("Registrert", "Registered"))
    assert unavailability_of(test_ward) == []


def test_suggested_evening_message_is_read_back(test_ward: SeededWard) -> None:
    """The evening message that the reply to «mellom 22 og 6» suggests is understood."""
    test_ward.say("Kari Nordmann", "kan ikke jobbe mellom 22 og 6 fredag 22. januar")

    (reply,) = texts(test_ward.say("Kari Nordmann", "Kan ikke jobbe 22. januar etter kl 22:00"))

    assert reply == (
        "Registrerer at du ikke kan jobbe etter kl. 22:00 fredag 22. januar, altså ikke "
        "nattevakter fredag 22. januar. Stemmer det?"
    )


def test_time_answer_after_midnight_range(test_ward: SeededWard) -> None:
    """After «mellom 22 og 6», «etter kl 22» is the whole answer: the range's times are gone."""
    test_ward.say("Kari Nordmann", "kan ikke jobbe mellom 22 og 6 fredag 22. januar")

    (reply,) = texts(test_ward.say("Kari Nordmann", "etter kl 22"))

    assert reply.startswith("Registrerer at du ikke kan jobbe etter kl. 22:00 fredag 22. januar")


def test_range_over_midnight_without_day(test_ward: SeededWard) -> None:
    """«mellom 22 og 6» without a day is named at once, not read as both ends of a day."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "kan ikke jobbe mellom 22 og 6"))
    (answer,) = texts(test_ward.say("Kari Nordmann", "fredag 22. januar"))

    assert reply.startswith("«mellom 22 og 6» går over midnatt")
    assert not answer.startswith("Registrerer")
    assert unavailability_of(test_ward) == []
