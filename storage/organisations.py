"""Organisations, units, and each unit's rules, shift types and staffing plan."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from core.commands import ShiftKind
from core.rules import RuleSettings
from core.units import DayType, Organisation, ShiftType, StaffingDemand, StaffingPlan, Unit
from storage.audit import AuditLog
from storage.errors import AmbiguousMatchError, DuplicateError, NotFoundError
from storage.models import OrganisationRow, ShiftTypeRow, StaffingDemandRow, UnitRow
from storage.serialisation import rules_from_json, rules_to_json

logger = logging.getLogger(__name__)


class OrganisationRepository:
    """New values are passed with id 0, and the returned copy carries the stored id."""

    def __init__(self, session: Session, audit: AuditLog) -> None:
        self._session = session
        self._audit = audit

    def add_organisation(self, organisation: Organisation, *, actor_id: int | None) -> Organisation:
        check_new_id("organisation", organisation.id)
        row = OrganisationRow(name=organisation.name, link_by_email=organisation.link_by_email)
        self._session.add(row)
        self._session.flush()
        self._audit.record(actor_id, "add", "organisation", row.id)
        return organisation_of(row)

    def get_organisation(self, organisation_id: int) -> Organisation | None:
        row = self._session.get(OrganisationRow, organisation_id)
        return organisation_of(row) if row is not None else None

    def add_unit(self, unit: Unit, *, actor_id: int | None) -> Unit:
        """Insert a unit of an existing organisation.

        Raises DuplicateError if the organisation has a unit of the same name in any
        letter case, and RuleAgreementError if the rules fail `validate`.
        """
        check_new_id("unit", unit.id)
        self._require_organisation(unit.organisation_id)
        existing = self.find_unit_by_name(unit.organisation_id, unit.name)
        if existing is not None:
            raise DuplicateError(
                f"organisation {unit.organisation_id} already has a unit with this name "
                f"(unit {existing.id})"
            )
        row = UnitRow(
            organisation_id=unit.organisation_id,
            name=unit.name,
            rules=rules_to_json(unit.rules.validate()),
            data_protection_officer=unit.data_protection_officer,
        )
        self._session.add(row)
        self._session.flush()
        self._audit.record(
            actor_id, "add", "unit", row.id, {"organisation_id": unit.organisation_id}
        )
        return unit_of(row)

    def get_unit(self, unit_id: int) -> Unit | None:
        row = self._session.get(UnitRow, unit_id)
        return unit_of(row) if row is not None else None

    def find_unit_by_name(self, organisation_id: int | None, name: str) -> Unit | None:
        """Return the unit with this name, ignoring case and surrounding spaces.

        With `organisation_id` None every organisation is searched, and a name found in
        several of them raises AmbiguousMatchError. Names are compared in Python because
        SQLite's lower() folds ASCII letters only, which would miss Æ, Ø and Å.
        """
        query = select(UnitRow).order_by(UnitRow.id)
        if organisation_id is not None:
            query = query.where(UnitRow.organisation_id == organisation_id)
        wanted = name.strip().casefold()
        rows = [row for row in self._session.scalars(query) if row.name.casefold() == wanted]
        if len(rows) > 1:
            raise AmbiguousMatchError("unit", [row.id for row in rows])
        return unit_of(rows[0]) if rows else None

    def list_units(self, organisation_id: int | None = None) -> list[Unit]:
        query = select(UnitRow).order_by(UnitRow.id)
        if organisation_id is not None:
            query = query.where(UnitRow.organisation_id == organisation_id)
        return [unit_of(row) for row in self._session.scalars(query)]

    def set_unit_rules(self, unit_id: int, rules: RuleSettings, *, actor_id: int | None) -> Unit:
        """Replace the unit's rules; raise RuleAgreementError if they fail `validate`."""
        row = self._require_unit(unit_id)
        row.rules = rules_to_json(rules.validate())
        self._session.flush()
        self._audit.record(actor_id, "set_rules", "unit", unit_id, rules_to_json(rules))
        return unit_of(row)

    def set_data_protection_officer(
        self, unit_id: int, contact: str | None, *, actor_id: int | None
    ) -> Unit:
        """Replace the contact of the unit's data protection officer; None removes it.

        The audit log records whether a contact is set, not the contact itself.
        """
        row = self._require_unit(unit_id)
        row.data_protection_officer = contact
        self._session.flush()
        details = {"is_set": contact is not None}
        self._audit.record(actor_id, "set_data_protection_officer", "unit", unit_id, details)
        return unit_of(row)

    def set_shift_types(
        self, unit_id: int, shift_types: Sequence[ShiftType], *, actor_id: int | None
    ) -> list[ShiftType]:
        """Replace all shift types of the unit, keeping the given order."""
        self._require_unit(unit_id)
        check_unique("shift code", [shift_type.code for shift_type in shift_types])
        self._session.execute(delete(ShiftTypeRow).where(ShiftTypeRow.unit_id == unit_id))
        for position, shift_type in enumerate(shift_types):
            self._session.add(shift_type_row(unit_id, position, shift_type))
        self._session.flush()
        codes = [shift_type.code for shift_type in shift_types]
        self._audit.record(actor_id, "set_shift_types", "unit", unit_id, {"codes": codes})
        return self.shift_types(unit_id)

    def shift_types(self, unit_id: int) -> list[ShiftType]:
        query = (
            select(ShiftTypeRow)
            .where(ShiftTypeRow.unit_id == unit_id)
            .order_by(ShiftTypeRow.position)
        )
        return [shift_type_of(row) for row in self._session.scalars(query)]

    def set_staffing(
        self, unit_id: int, plan: StaffingPlan, *, actor_id: int | None
    ) -> StaffingPlan:
        """Replace the unit's staffing plan; one demand per day type and shift code."""
        self._require_unit(unit_id)
        keys = [f"{demand.day_type.value}/{demand.shift_code}" for demand in plan.demands]
        check_unique("staffing demand for day type/shift", keys)
        self._session.execute(delete(StaffingDemandRow).where(StaffingDemandRow.unit_id == unit_id))
        for position, demand in enumerate(plan.demands):
            self._session.add(staffing_demand_row(unit_id, position, demand))
        self._session.flush()
        details = {"demand_count": len(plan.demands)}
        self._audit.record(actor_id, "set_staffing", "unit", unit_id, details)
        return self.staffing(unit_id)

    def staffing(self, unit_id: int) -> StaffingPlan:
        """Return the unit's staffing plan; a unit without one has no demands."""
        query = (
            select(StaffingDemandRow)
            .where(StaffingDemandRow.unit_id == unit_id)
            .order_by(StaffingDemandRow.position)
        )
        return StaffingPlan(tuple(staffing_demand_of(row) for row in self._session.scalars(query)))

    def _require_organisation(self, organisation_id: int) -> OrganisationRow:
        row = self._session.get(OrganisationRow, organisation_id)
        if row is None:
            raise NotFoundError("organisation", organisation_id)
        return row

    def _require_unit(self, unit_id: int) -> UnitRow:
        row = self._session.get(UnitRow, unit_id)
        if row is None:
            raise NotFoundError("unit", unit_id)
        return row


def check_new_id(entity: str, entity_id: int) -> None:
    """Raise ValueError unless a value to insert has id 0, the mark of a new value."""
    if entity_id != 0:
        raise ValueError(
            f"a new {entity} must have id 0 because the database assigns the id; got {entity_id}"
        )


def check_unique(label: str, values: Sequence[str]) -> None:
    duplicates = sorted({value for value in values if values.count(value) > 1})
    if duplicates:
        raise ValueError(f"duplicate {label}: {', '.join(duplicates)}")


def organisation_of(row: OrganisationRow) -> Organisation:
    return Organisation(id=row.id, name=row.name, link_by_email=row.link_by_email)


def unit_of(row: UnitRow) -> Unit:
    return Unit(
        id=row.id,
        organisation_id=row.organisation_id,
        name=row.name,
        rules=rules_from_json(row.rules),
        data_protection_officer=row.data_protection_officer,
    )


def shift_type_row(unit_id: int, position: int, shift_type: ShiftType) -> ShiftTypeRow:
    return ShiftTypeRow(
        unit_id=unit_id,
        code=shift_type.code,
        name=shift_type.name,
        kind=shift_type.kind.value,
        start_time=shift_type.start,
        end_time=shift_type.end,
        paid_minutes=shift_type.paid_minutes,
        position=position,
    )


def shift_type_of(row: ShiftTypeRow) -> ShiftType:
    return ShiftType(
        code=row.code,
        name=row.name,
        kind=ShiftKind(row.kind),
        start=row.start_time,
        end=row.end_time,
        paid_minutes=row.paid_minutes,
    )


def staffing_demand_row(unit_id: int, position: int, demand: StaffingDemand) -> StaffingDemandRow:
    return StaffingDemandRow(
        unit_id=unit_id,
        day_type=demand.day_type.value,
        shift_code=demand.shift_code,
        minimum=demand.minimum,
        wanted=demand.wanted,
        competence_minimums=[[name, count] for name, count in demand.competence_minimums],
        position=position,
    )


def staffing_demand_of(row: StaffingDemandRow) -> StaffingDemand:
    return StaffingDemand(
        day_type=DayType(row.day_type),
        shift_code=row.shift_code,
        minimum=row.minimum,
        wanted=row.wanted,
        competence_minimums=tuple(
            (str(name), int(count)) for name, count in row.competence_minimums
        ),
    )
