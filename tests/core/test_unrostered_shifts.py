"""Staff outside the rota, such as the ward manager, cannot be given shifts through requests."""

from __future__ import annotations

import datetime as dt

from core.messages import ButtonAction
from core.shift_requests import RequestKind
from tests.core.ward_cast import SeededWard, texts

THURSDAY = dt.date(2027, 1, 7)
FRIDAY = dt.date(2027, 1, 8)

MANAGER_TAKES = (
    "Du står ikke i turnusen, fordi stillingen din er avdelingsleder. Arbeidstiden din står "
    "ikke i turnusen, så reglene om hviletid og arbeidstid kan ikke sjekkes for en vakt du "
    "tar. Be en kollega i turnusen ta den: «vis ventende bytter» viser de ledige vaktene. "
    "Skal du gå vakter selv, be en administrator endre stillingen din (stilling) i HR-fila."
)


def stored_take_requests(ward: SeededWard) -> list[int]:
    with ward.database.store() as store:
        requests = store.shift_requests.list_open(ward.unit.id)
    return [request.id for request in requests if request.kind == RequestKind.TAKE]


def kari_offers_thursday(ward: SeededWard) -> int:
    ward.say("Kari Nordmann", "Kan noen ta dagvakta mi torsdag?")
    outcome = ward.say("Kari Nordmann", "ja")
    (request_id,) = {r.request_id for r in outcome.replies if r.request_id is not None}
    assert request_id is not None
    return request_id


def test_manager_open_shift_explained(test_ward: SeededWard) -> None:
    """Marit, the avdelingsleder outside the rota, asks for Friday's open day shift."""
    outcome = test_ward.say("Marit Solberg", "Jeg tar den ledige vakta fredag")

    assert texts(outcome) == [MANAGER_TAKES]
    assert stored_take_requests(test_ward) == []
    assert test_ward.published_shift("Marit Solberg", FRIDAY) is None


def test_manager_offer_by_number_explained(test_ward: SeededWard) -> None:
    """Marit writes «jeg tar N» for Kari's offer and gets the same explanation."""
    request_id = kari_offers_thursday(test_ward)

    outcome = test_ward.say("Marit Solberg", f"jeg tar {request_id}")

    assert texts(outcome) == [MANAGER_TAKES]
    assert test_ward.published_shift("Kari Nordmann", THURSDAY) == "D"


def test_manager_offer_button_rejected(test_ward: SeededWard) -> None:
    """A press of «Godta» on Kari's offer by Marit leaves the offer waiting for a colleague."""
    request_id = kari_offers_thursday(test_ward)

    outcome = test_ward.press("Marit Solberg", ButtonAction.ACCEPT, str(request_id))

    assert texts(outcome) == [MANAGER_TAKES]
    with test_ward.database.store() as store:
        request = store.shift_requests.get(request_id)
    assert request is not None
    assert request.counterpart_id is None


def test_swap_with_manager_names_position(test_ward: SeededWard) -> None:
    """Kari asks Marit to take her Thursday shift and is told to pick someone in the rota."""
    outcome = test_ward.say("Kari Nordmann", "Vil bytte dagvakt torsdag med Marit")

    assert texts(outcome) == [
        "Marit Solberg står ikke i turnusen, fordi stillingen er avdelingsleder, og kan derfor "
        "ikke ta over vakter. Skriv navnet på en kollega i turnusen i stedet."
    ]
    with test_ward.database.store() as store:
        assert store.shift_requests.list_open(test_ward.unit.id) == []


def test_rostered_nurse_takes_open_shift(test_ward: SeededWard) -> None:
    """Kari, a nurse in the rota, still asks for Friday's open day shift as before."""
    test_ward.say("Kari Nordmann", "Jeg tar den ledige vakta fredag")
    outcome = test_ward.say("Kari Nordmann", "ja")

    (request_id,) = stored_take_requests(test_ward)
    assert texts(outcome) == [f"Forespørsel #{request_id} er sendt til lederen din."]
