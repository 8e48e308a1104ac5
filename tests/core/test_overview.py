"""The home overview: a person's next 14 days of shifts and their open requests."""

from __future__ import annotations

from core.identities import do_link_user, do_link_workspace
from core.messages import Sender
from core.overview import Overviews
from tests.core.ward_cast import SeededWard, noon_today

TEAM = "T0NORDVIK"


def linked_sender(ward: SeededWard, user_id: str, name: str) -> Sender:
    with ward.database.store() as store:
        do_link_workspace(store, "slack", TEAM, "Nordvik kommune", actor_id=None)
        do_link_user(store, "slack", TEAM, user_id, name, actor_id=None)
    return Sender("slack", TEAM, user_id)


def overviews(ward: SeededWard) -> Overviews:
    return Overviews(ward.database, ward.assistant.services, clock=noon_today)


def test_home_lists_next_two_weeks(test_ward: SeededWard) -> None:
    """Kari sees her published shifts from today, 6 January, to 19 January."""
    sender = linked_sender(test_ward, "UKARI", "Kari Nordmann")

    home = overviews(test_ward).home(sender)

    assert home.title == "Mine vakter"
    assert home.notice is None
    shifts, requests = home.sections
    assert shifts.title == "De neste 14 dagene"
    assert shifts.lines == (
        "onsdag 6. januar: D 07:30–15:00 (Dagvakt)",
        "torsdag 7. januar: D 07:30–15:00 (Dagvakt)",
        "mandag 11. januar: D 07:30–15:00 (Dagvakt)",
        "tirsdag 12. januar: D 07:30–15:00 (Dagvakt)",
        "onsdag 13. januar: D 07:30–15:00 (Dagvakt)",
    )
    assert requests.lines == ()
    assert requests.empty_text == "Du har ingen åpne forespørsler."


def test_home_shows_open_request(test_ward: SeededWard) -> None:
    """A swap Kari asked for is listed as open."""
    test_ward.say("Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag")
    test_ward.say("Kari Nordmann", "ja")
    sender = linked_sender(test_ward, "UKARI", "Kari Nordmann")

    _, requests = overviews(test_ward).home(sender).sections

    (line,) = requests.lines
    assert "bytte: Kari Nordmann D torsdag 7. januar ↔ Per Hansen D lørdag 9. januar" in line


def test_manager_sees_decision_section(test_ward: SeededWard) -> None:
    """A manager's home has a third section for requests waiting for a decision."""
    sender = linked_sender(test_ward, "UMARIT", "Marit Solberg")

    home = overviews(test_ward).home(sender)

    assert [section.title for section in home.sections][-1] == "Venter på en leders avgjørelse"


def test_home_of_unlinked_user(test_ward: SeededWard) -> None:
    """An unknown chat user gets the «whom to ask» notice and no sections."""
    home = overviews(test_ward).home(Sender("slack", TEAM, "UFREMMED"))

    assert home.sections == ()
    assert home.notice is not None
    assert home.notice.startswith("Jeg vet ikke hvem du er ennå.")


def test_home_in_chosen_language(test_ward: SeededWard) -> None:
    """The overview is written in the sender's locale."""
    sender = linked_sender(test_ward, "UKARI", "Kari Nordmann")

    home = overviews(test_ward).home(Sender("slack", TEAM, "UKARI", locale="nn"))

    assert home.title == "Vaktene mine"
    assert home.locale == "nn"
    assert sender.locale is None
