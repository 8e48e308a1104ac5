"""Organisations and units: rules, shift types and the staffing plan."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.commands import ShiftKind
from core.rules import LocalAgreements, RotationType, RuleAgreementError, RuleSettings
from core.units import DayType, Organisation, ShiftType, StaffingDemand, StaffingPlan, Unit
from storage.database import Database
from storage.errors import AmbiguousMatchError, DuplicateError, NotFoundError
from tests.storage.storage_cast import Ward

DAY = ShiftType("D", "Dagvakt", ShiftKind.DAY, dt.time(7, 30), dt.time(15, 0), paid_minutes=450)
EVENING = ShiftType("A", "Aftenvakt", ShiftKind.EVENING, dt.time(14, 45), dt.time(22, 15))
NIGHT = ShiftType("N", "Nattvakt", ShiftKind.NIGHT, dt.time(22, 0), dt.time(7, 45))


def test_add_organisation_round_trip(database: Database) -> None:
    """An organisation comes back with its id and its e-mail linking flag."""
    with database.store() as store:
        added = store.organisations.add_organisation(
            Organisation(id=0, name="Helse Nordvik HF", link_by_email=True), actor_id=None
        )
    with database.store() as store:
        fetched = store.organisations.get_organisation(added.id)

    assert added.id > 0
    assert fetched == Organisation(id=added.id, name="Helse Nordvik HF", link_by_email=True)


def test_get_unknown_organisation(database: Database) -> None:
    """An unknown organisation id returns None."""
    with database.store() as store:
        assert store.organisations.get_organisation(404) is None


def test_add_unit_round_trip_with_rules(database: Database, ward: Ward) -> None:
    """A unit's rules, agreements included, come back equal to what was stored."""
    rules = RuleSettings(
        rotation_type=RotationType.ROUND_THE_CLOCK,
        min_daily_rest_minutes=9 * 60,
        agreements=LocalAgreements(shorter_daily_rest=True, reference="Lokal avtale 2026-03"),
    )
    unit = Unit(id=0, organisation_id=ward.organisation.id, name="Akuttmottak", rules=rules)
    with database.store() as store:
        added = store.organisations.add_unit(unit, actor_id=None)
    with database.store() as store:
        fetched = store.organisations.get_unit(added.id)

    assert fetched == dataclasses.replace(unit, id=added.id)


def test_add_unit_unknown_organisation(database: Database) -> None:
    """A unit of an organisation that does not exist raises NotFoundError."""
    with database.store() as store, pytest.raises(NotFoundError, match="organisation 77"):
        store.organisations.add_unit(Unit(id=0, organisation_id=77, name="Post 1"), actor_id=None)


def test_add_unit_duplicate_name(database: Database, ward: Ward) -> None:
    """A second unit with the same name in another letter case is rejected."""
    duplicate = Unit(id=0, organisation_id=ward.organisation.id, name="MEDISINSK SENGEPOST 3")

    with database.store() as store, pytest.raises(DuplicateError, match="already has a unit"):
        store.organisations.add_unit(duplicate, actor_id=None)


def test_add_unit_rejects_rules_without_agreement(database: Database, ward: Ward) -> None:
    """Rules looser than the law without a recorded agreement are not stored."""
    rules = RuleSettings(min_daily_rest_minutes=9 * 60)
    unit = Unit(id=0, organisation_id=ward.organisation.id, name="Akuttmottak", rules=rules)

    with database.store() as store, pytest.raises(RuleAgreementError):
        store.organisations.add_unit(unit, actor_id=None)


@pytest.mark.parametrize("rotation_weeks", [0, 27], ids=["no-weeks", "above-26-weeks"])
def test_add_unit_rejects_rotation_outside_range(
    database: Database, ward: Ward, rotation_weeks: int
) -> None:
    """A rotation period must be 1 to 26 weeks long, as a roster may be."""
    rules = RuleSettings(rotation_weeks=rotation_weeks)
    unit = Unit(id=0, organisation_id=ward.organisation.id, name="Akuttmottak", rules=rules)

    with (
        database.store() as store,
        pytest.raises(ValueError, match="rotation_weeks must be 1 to 26"),
    ):
        store.organisations.add_unit(unit, actor_id=None)


def test_rotation_weeks_stored_with_rules(database: Database, ward: Ward) -> None:
    """A unit's own rotation length is read back with its rules."""
    with database.store() as store:
        rules = RuleSettings(rotation_weeks=4)
        store.organisations.set_unit_rules(ward.unit.id, rules, actor_id=None)

    with database.store() as store:
        unit = store.organisations.get_unit(ward.unit.id)

    assert unit is not None
    assert unit.rules.rotation_weeks == 4


@pytest.mark.parametrize(
    "written",
    ["Medisinsk sengepost 3", "medisinsk SENGEPOST 3", " Medisinsk sengepost 3 "],
    ids=["exact", "mixed-case", "spaces"],
)
def test_find_unit_by_name(database: Database, ward: Ward, written: str) -> None:
    """A unit is found by name within its organisation, ignoring case."""
    with database.store() as store:
        found = store.organisations.find_unit_by_name(ward.organisation.id, written)

    assert found == ward.unit


def test_find_unit_by_norwegian_name(database: Database, ward: Ward) -> None:
    """Case folding covers Æ, Ø and Å on every backend."""
    with database.store() as store:
        unit = store.organisations.add_unit(
            Unit(id=0, organisation_id=ward.organisation.id, name="Øyeavdeling Ås"), actor_id=None
        )
        found = store.organisations.find_unit_by_name(None, "øyeavdeling ås")

    assert found == unit


def test_find_unit_by_name_unknown(database: Database, ward: Ward) -> None:
    """An unknown name returns None."""
    with database.store() as store:
        assert store.organisations.find_unit_by_name(ward.organisation.id, "Barneavdeling") is None


def test_find_unit_in_any_organisation_ambiguous(database: Database, ward: Ward) -> None:
    """Without an organisation, a name used in two organisations raises AmbiguousMatchError."""
    with database.store() as store:
        other = store.organisations.add_organisation(
            Organisation(id=0, name="Sørlandet kommune"), actor_id=None
        )
        store.organisations.add_unit(
            Unit(id=0, organisation_id=other.id, name="Medisinsk sengepost 3"), actor_id=None
        )

    with database.store() as store, pytest.raises(AmbiguousMatchError):
        store.organisations.find_unit_by_name(None, "Medisinsk sengepost 3")
    with database.store() as store:
        assert store.organisations.find_unit_by_name(ward.organisation.id, "Medisinsk sengepost 3")


def test_list_units_by_organisation(database: Database, ward: Ward) -> None:
    """list_units lists one organisation's units, or all units."""
    with database.store() as store:
        other = store.organisations.add_organisation(
            Organisation(id=0, name="Sørlandet kommune"), actor_id=None
        )
        home_care = store.organisations.add_unit(
            Unit(id=0, organisation_id=other.id, name="Hjemmetjenesten"), actor_id=None
        )
        own = store.organisations.list_units(ward.organisation.id)
        everything = store.organisations.list_units()

    assert own == [ward.unit]
    assert everything == [ward.unit, home_care]


def test_set_unit_rules(database: Database, ward: Ward) -> None:
    """New rules replace the old ones and are audited."""
    rules = RuleSettings(weekend_frequency=4, max_consecutive_nights=2)
    with database.store() as store:
        updated = store.organisations.set_unit_rules(ward.unit.id, rules, actor_id=5)
    with database.store() as store:
        fetched = store.organisations.get_unit(ward.unit.id)
        entries = store.audit.list(entity="unit", entity_id=ward.unit.id)

    assert updated.rules == rules
    assert fetched is not None
    assert fetched.rules == rules
    assert [entry.action for entry in entries] == ["add", "set_rules"]
    assert entries[-1].actor_id == 5


def test_set_unit_rules_unknown_unit(database: Database) -> None:
    """Setting rules of an unknown unit raises NotFoundError."""
    with database.store() as store, pytest.raises(NotFoundError):
        store.organisations.set_unit_rules(31, RuleSettings(), actor_id=None)


def test_data_protection_officer_round_trip(database: Database, ward: Ward) -> None:
    """A unit's data protection officer contact comes back as stored, and can be removed."""
    unit = Unit(0, ward.organisation.id, "Post 4", data_protection_officer="dpo@nordvik.example")
    with database.store() as store:
        added = store.organisations.add_unit(unit, actor_id=None)
        removed = store.organisations.set_data_protection_officer(added.id, None, actor_id=5)
    with database.store() as store:
        fetched = store.organisations.get_unit(added.id)
        entries = store.audit.list(entity="unit", entity_id=added.id)

    assert added.data_protection_officer == "dpo@nordvik.example"
    assert removed.data_protection_officer is None
    assert fetched is not None
    assert fetched.data_protection_officer is None
    assert entries[-1].action == "set_data_protection_officer"
    assert entries[-1].details == {"is_set": False}


def test_data_protection_officer_not_audited(database: Database, ward: Ward) -> None:
    """The audit log records that a contact was set, never the contact itself."""
    with database.store() as store:
        store.organisations.set_data_protection_officer(
            ward.unit.id, "Ola Ombud, ola@nordvik.example", actor_id=None
        )
    with database.store() as store:
        entries = store.audit.list(entity="unit", entity_id=ward.unit.id)

    assert entries[-1].details == {"is_set": True}
    assert "Ombud" not in repr([entry.details for entry in entries])


def test_unit_without_officer_has_none(database: Database, ward: Ward) -> None:
    """A unit created without a contact has no data protection officer."""
    with database.store() as store:
        fetched = store.organisations.get_unit(ward.unit.id)

    assert fetched is not None
    assert fetched.data_protection_officer is None


def test_shift_types_round_trip_in_order(database: Database, ward: Ward) -> None:
    """Shift types come back in the order given, night shift crossing midnight included."""
    with database.store() as store:
        store.organisations.set_shift_types(ward.unit.id, [NIGHT, DAY, EVENING], actor_id=None)
    with database.store() as store:
        stored = store.organisations.shift_types(ward.unit.id)

    assert stored == [NIGHT, DAY, EVENING]
    assert stored[0].crosses_midnight


def test_set_shift_types_replaces(database: Database, ward: Ward) -> None:
    """Setting shift types again replaces the earlier set."""
    with database.store() as store:
        store.organisations.set_shift_types(ward.unit.id, [DAY, EVENING, NIGHT], actor_id=None)
    with database.store() as store:
        store.organisations.set_shift_types(ward.unit.id, [DAY], actor_id=None)
    with database.store() as store:
        assert store.organisations.shift_types(ward.unit.id) == [DAY]


def test_set_shift_types_duplicate_code(database: Database, ward: Ward) -> None:
    """Two shift types with one code are rejected before anything is written."""
    long_day = dataclasses.replace(DAY, name="Langvakt", end=dt.time(19, 30))

    with database.store() as store, pytest.raises(ValueError, match="duplicate shift code: D"):
        store.organisations.set_shift_types(ward.unit.id, [DAY, long_day], actor_id=None)


def test_staffing_round_trip(database: Database, ward: Ward) -> None:
    """A staffing plan with competence minimums comes back equal."""
    plan = StaffingPlan(
        (
            StaffingDemand(DayType.MONDAY, "D", 5, 6, (("sykepleier", 2), ("medisinansvar", 1))),
            StaffingDemand(DayType.SATURDAY, "D", 3, 4, (("sykepleier", 1),)),
            StaffingDemand(DayType.PUBLIC_HOLIDAY, "N", 2, 2),
        )
    )
    with database.store() as store:
        store.organisations.set_staffing(ward.unit.id, plan, actor_id=None)
    with database.store() as store:
        stored = store.organisations.staffing(ward.unit.id)

    assert stored == plan


def test_staffing_of_unit_without_plan(database: Database, ward: Ward) -> None:
    """A unit without a staffing plan has an empty one."""
    with database.store() as store:
        assert store.organisations.staffing(ward.unit.id) == StaffingPlan(())


def test_staffing_duplicate_demand(database: Database, ward: Ward) -> None:
    """Two demands for the same day type and shift are rejected."""
    plan = StaffingPlan(
        (StaffingDemand(DayType.MONDAY, "D", 5, 6), StaffingDemand(DayType.MONDAY, "D", 4, 4))
    )

    with database.store() as store, pytest.raises(ValueError, match="mon/D"):
        store.organisations.set_staffing(ward.unit.id, plan, actor_id=None)


def test_unit_changes_audited(database: Database, ward: Ward) -> None:
    """Shift types and staffing changes each record an audit entry on the unit."""
    with database.store() as store:
        store.organisations.set_shift_types(ward.unit.id, [DAY], actor_id=3)
        store.organisations.set_staffing(
            ward.unit.id, StaffingPlan((StaffingDemand(DayType.MONDAY, "D", 1, 2),)), actor_id=3
        )
    with database.store() as store:
        entries = store.audit.list(entity="unit", entity_id=ward.unit.id)

    assert [entry.action for entry in entries] == ["add", "set_shift_types", "set_staffing"]
    assert entries[1].details == {"codes": ["D"]}
    assert entries[2].details == {"demand_count": 1}


def test_rule_enums_survive_the_round_trip() -> None:
    """Every enum field of the rules is read back as its enum, not as plain text."""
    from core.rules import RuleSettings, SundayRule
    from storage.serialisation import rules_from_json, rules_to_json

    rules = RuleSettings()

    restored = rules_from_json(rules_to_json(rules))

    assert restored == rules
    assert type(restored.sunday_rule) is SundayRule
