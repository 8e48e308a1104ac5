"""Contacts: the request cards and workspace origins that adapters keep through the core."""

from __future__ import annotations

import datetime as dt

import pytest

from core.contacts import ChatOrigin, Contacts, PostedCard
from core.employees import Employee, Position
from core.messages import Sender
from core.shift_requests import RequestKind, RequestState, ShiftRequest
from core.units import Organisation, Unit
from storage.database import Database

TENANT = "tenant-fjordheim"
GORIL = Sender("teams", TENANT, "aad-goril")


@pytest.fixture
def request_id(database: Database) -> int:
    """Store Goril, linked on Teams, and an open offer of hers."""
    with database.store() as store:
        organisation = store.organisations.add_organisation(
            Organisation(0, "Fjordheim kommune"), actor_id=None
        )
        unit = store.organisations.add_unit(
            Unit(0, organisation.id, "Sengepost Øst"), actor_id=None
        )
        goril = store.employees.add(
            Employee(0, unit.id, "Goril Ås", Position.NURSE, 100), actor_id=None
        )
        store.identities.link("teams", TENANT, GORIL.user_id, goril.id, actor_id=None)
        offer = store.shift_requests.add(
            ShiftRequest(
                0,
                unit.id,
                RequestKind.OFFER,
                RequestState.PENDING,
                goril.id,
                dt.date(2027, 1, 7),
                "D",
            ),
            actor_id=goril.id,
        )
    return offer.id


def test_card_remembered_and_taken_once(database: Database, request_id: int) -> None:
    """A remembered card comes back once from take_cards, and then no more."""
    contacts = Contacts(database)

    stored = contacts.remember_card(GORIL, request_id, {"message_id": "1:card"})
    taken = contacts.take_cards("teams", request_id)
    again = contacts.take_cards("teams", request_id)

    assert stored is True
    assert taken == [PostedCard(TENANT, {"message_id": "1:card"})]
    assert again == []


def test_card_of_unlinked_user_not_remembered(database: Database, request_id: int) -> None:
    contacts = Contacts(database)
    stranger = Sender("teams", TENANT, "aad-stranger")

    assert contacts.remember_card(stranger, request_id, {"message_id": "1:card"}) is False
    assert contacts.take_cards("teams", request_id) == []


def test_origin_noted_and_read(database: Database) -> None:
    contacts = Contacts(database)
    bot = {"id": "28:vaktbot-app", "name": "Vaktbot"}

    before = contacts.origin_of("teams", TENANT)
    contacts.note_origin("teams", TENANT, "https://127.0.0.1/emea/", bot)

    assert before is None
    assert contacts.origin_of("teams", TENANT) == ChatOrigin("https://127.0.0.1/emea/", bot)
