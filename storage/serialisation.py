"""JSON forms of the core values that are stored whole in one column."""

from __future__ import annotations

import dataclasses
import logging
from enum import Enum
from typing import Any

from core.rules import LocalAgreements, RotationType, RuleSettings, SundayRule, WeeklyRestWindow

logger = logging.getLogger(__name__)

# The RuleSettings fields stored as an enum's text value, with the enum to read them back.
ENUM_FIELDS: dict[str, type[Enum]] = {
    "rotation_type": RotationType,
    "weekly_rest_window": WeeklyRestWindow,
    "sunday_rule": SundayRule,
}


def rules_to_json(rules: RuleSettings) -> dict[str, Any]:
    """Return the unit's rules as a JSON object with enum values as text."""
    data = {field.name: getattr(rules, field.name) for field in dataclasses.fields(rules)}
    for name in ENUM_FIELDS:
        data[name] = data[name].value
    data["agreements"] = dataclasses.asdict(rules.agreements)
    return data


def rules_from_json(data: dict[str, Any]) -> RuleSettings:
    """Rebuild RuleSettings; keys missing from an older row take the current defaults.

    Unknown keys, which a newer version may have written, are ignored with a warning.
    """
    known = {field.name for field in dataclasses.fields(RuleSettings)}
    unknown = sorted(set(data) - known)
    if unknown:
        logger.warning("ignoring unknown rule settings keys: %s", ", ".join(unknown))
    values = {name: value for name, value in data.items() if name in known}
    for name, enum_type in ENUM_FIELDS.items():
        if name in values:
            values[name] = enum_type(values[name])
    if "agreements" in values:
        values["agreements"] = agreements_from_json(values["agreements"])
    return RuleSettings(**values)


def agreements_from_json(data: dict[str, Any]) -> LocalAgreements:
    known = {field.name for field in dataclasses.fields(LocalAgreements)}
    return LocalAgreements(**{name: value for name, value in data.items() if name in known})
