"""Rejected decisions on requests that say what to write instead: absence requests in each language.

The swap, offer and take cases are in `test_shift_requests`, next to the requests they reject.
"""

from __future__ import annotations

import pytest

from core.absences import Absence
from core.commands import AbsenceKind
from core.messages import ButtonAction
from core.shift_requests import RequestState
from tests.core.ward_cast import SeededWard, texts


def approved_vacation(ward: SeededWard) -> int:
    """Kari's vacation 1–3 February, requested and approved by Marit; returns the request id."""
    ward.say("Kari Nordmann", "Ferie 1.–3. februar")
    outcome = ward.say("Kari Nordmann", "ja")
    (request_id,) = {r.request_id for r in outcome.replies if r.request_id is not None}
    ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))
    return request_id


def vacations_of(ward: SeededWard, name: str) -> list[Absence]:
    with ward.database.store() as store:
        absences = store.absences.list_absences(employee_id=ward.staff[name].id)
    return [absence for absence in absences if absence.kind == AbsenceKind.VACATION]


APPROVED_VACATION_REPLIES = [
    pytest.param(
        "nb",
        "Forespørsel #{id} er allerede godkjent, så ferie er registrert fra mandag 1. februar "
        "til onsdag 3. februar. Vil du trekke tilbake dager av den, skriv for eksempel «ikke "
        "ferie 1. februar».",
        id="nb",
    ),
    pytest.param(
        "nn",
        "Førespurnad #{id} er allereie godkjend, så ferie er registrert frå måndag 1. februar "
        "til onsdag 3. februar. Vil du trekkje tilbake dagar av han, skriv til dømes «ikkje "
        "ferie 1. februar».",
        id="nn",
    ),
    pytest.param(
        "en",
        "Request #{id} is already approved, so vacation is registered from Monday 1 February "
        "to Wednesday 3 February. To withdraw days of it, write for example «ikke ferie 1 "
        "February».",
        id="en",
    ),
]


@pytest.mark.parametrize(("locale", "expected"), APPROVED_VACATION_REPLIES)
def test_withdrawing_approved_vacation_names_the_withdrawal(
    test_ward: SeededWard, locale: str, expected: str
) -> None:
    """«Trekk tilbake N» on approved vacation says it is registered and how to withdraw days."""
    request_id = approved_vacation(test_ward)

    outcome = test_ward.say_in(locale, "Kari Nordmann", f"trekk tilbake {request_id}")

    assert texts(outcome) == [expected.format(id=request_id)]
    with test_ward.database.store() as store:
        request = store.shift_requests.get(request_id)
    assert request is not None
    assert request.state == RequestState.APPROVED


@pytest.mark.parametrize("locale", ["nb", "nn", "en"])
def test_suggested_vacation_withdrawal_is_read_back(test_ward: SeededWard, locale: str) -> None:
    """The withdrawal the reply suggests is understood, and withdraws that day on «ja»."""
    request_id = approved_vacation(test_ward)
    (reply,) = texts(test_ward.say_in(locale, "Kari Nordmann", f"trekk tilbake {request_id}"))
    suggested = reply.rsplit("«", 1)[1].split("»")[0]

    test_ward.say("Kari Nordmann", suggested)
    test_ward.say("Kari Nordmann", "ja" if locale != "en" else "yes")

    (vacation,) = vacations_of(test_ward, "Kari Nordmann")
    assert (vacation.days.start.day, vacation.days.end.day) == (2, 3)
