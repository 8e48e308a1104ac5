"""A small fictional ward, its Slack workspace, and the request bodies Slack would send.

Today is Wednesday 6 January 2027, 09:00 in Oslo. The published roster covers
ISO weeks 1 and 2 (4–17 January 2027):

                      Mon 4 … Sun 10      Mon 11 … Sun 17
    Kari Nordmann (spl)  D D D D . . .       D D D . . . .    Slack UKARI
    Per Hansen    (spl)  N N . . . D D       . . . D D . .    Slack UPER
    Ola Nordmann  (hfa)  A A A A . . .       A A A A . . .    not on Slack
    Åse Ødegård   (hfa)  . . . . A A A       . . . . A A A    Slack UASE
    Turid Lie     (spl)  . . N N N . .       N N N . . . .    Slack UTURID, planner
    Bjørn Skjærvø        avdelingsleder, not rostered           Slack UBJORN, manager

Each shift needs one person, and the day and night shifts one nurse. The Slack
team T0FJORD belongs to the ward's organisation; UFREMMED is a member nobody linked.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from core.calendar import OSLO
from core.commands import ShiftKind
from core.employees import Employee, Position, Role
from core.rosters import Assignment, Roster, RosterStatus
from core.units import DayType, Organisation, ShiftType, StaffingDemand, StaffingPlan, Unit
from storage.database import Database
from tests.bots.slack.slack_mock import BOT_USER_ID

TODAY = dt.date(2027, 1, 6)
ROSTER_START = dt.date(2027, 1, 4)
ROSTER_END = dt.date(2027, 1, 17)
TEAM = "T0FJORD"
ORGANISATION = "Fjordvik kommune"
UNIT = "Fjordvik sykehjem, avdeling Blåbær"

SHIFT_TYPES = [
    ShiftType("D", "Dagvakt", ShiftKind.DAY, dt.time(7, 30), dt.time(15, 0)),
    ShiftType("A", "Aftenvakt", ShiftKind.EVENING, dt.time(14, 30), dt.time(22, 0)),
    ShiftType("N", "Nattevakt", ShiftKind.NIGHT, dt.time(21, 45), dt.time(7, 45)),
]

ROSTER_ROWS = {
    "Kari Nordmann": "DDDD... DDD....",
    "Per Hansen": "NN...DD ...DD..",
    "Ola Nordmann": "AAAA... AAAA...",
    "Åse Ødegård": "....AAA ....AAA",
    "Turid Lie": "..NNN.. NNN....",
}

# Slack user id, display name and e-mail of each linked employee.
SLACK_USERS = {
    "Kari Nordmann": ("UKARI", "kari", "kari.nordmann@fjordvik.example"),
    "Per Hansen": ("UPER", "per", "per.hansen@fjordvik.example"),
    "Åse Ødegård": ("UASE", "åse.ødegård", "ase.odegard@fjordvik.example"),
    "Turid Lie": ("UTURID", "turid", "turid.lie@fjordvik.example"),
    "Bjørn Skjærvø": ("UBJORN", "bjørn", "bjorn.skjaervo@fjordvik.example"),
}
STRANGER = "UFREMMED"


def now() -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(9, 0), tzinfo=OSLO)


def staffing_plan() -> StaffingPlan:
    demands = []
    for day_type in DayType:
        demands += [
            StaffingDemand(day_type, "D", 1, 1, (("sykepleier", 1),)),
            StaffingDemand(day_type, "A", 1, 1),
            StaffingDemand(day_type, "N", 1, 1, (("sykepleier", 1),)),
        ]
    return StaffingPlan(tuple(demands))


def cast(unit_id: int) -> list[Employee]:
    manager = frozenset({Role.EMPLOYEE, Role.MANAGER})
    planner = frozenset({Role.EMPLOYEE, Role.PLANNER})
    emails = {name: email for name, (_, _, email) in SLACK_USERS.items()}
    return [
        Employee(
            0,
            unit_id,
            "Bjørn Skjærvø",
            Position.WARD_MANAGER,
            100,
            roles=manager,
            email=emails["Bjørn Skjærvø"],
        ),
        Employee(
            0,
            unit_id,
            "Turid Lie",
            Position.NURSE,
            100,
            frozenset({"medisinansvar"}),
            roles=planner,
            email=emails["Turid Lie"],
        ),
        Employee(
            0,
            unit_id,
            "Kari Nordmann",
            Position.NURSE,
            80,
            frozenset({"medisinansvar"}),
            email=emails["Kari Nordmann"],
        ),
        Employee(0, unit_id, "Per Hansen", Position.NURSE, 60, email=emails["Per Hansen"]),
        Employee(
            0,
            unit_id,
            "Ola Nordmann",
            Position.HEALTHCARE_WORKER,
            100,
            email="ola.nordmann@fjordvik.example",
        ),
        Employee(
            0, unit_id, "Åse Ødegård", Position.HEALTHCARE_WORKER, 75, email=emails["Åse Ødegård"]
        ),
    ]


@dataclass(frozen=True)
class SlackWard:
    database: Database
    organisation: Organisation
    unit: Unit
    staff: dict[str, Employee]

    def user_id(self, name: str) -> str:
        return SLACK_USERS[name][0]

    def published_shift(self, name: str, day: dt.date) -> str | None:
        with self.database.store() as store:
            roster = store.rosters.covering(self.unit.id, day)
            return roster.shift_of(self.staff[name].id, day) if roster else None


def seed_ward(database: Database, *, link_users: bool = True) -> SlackWard:
    """Create the ward, publish its roster, map the Slack team and link the staff's users."""
    with database.store() as store:
        organisation = store.organisations.add_organisation(
            Organisation(0, ORGANISATION), actor_id=None
        )
        unit = store.organisations.add_unit(Unit(0, organisation.id, UNIT), actor_id=None)
        store.organisations.set_shift_types(unit.id, SHIFT_TYPES, actor_id=None)
        store.organisations.set_staffing(unit.id, staffing_plan(), actor_id=None)
        staff = {e.name: e for e in store.employees.add_many(cast(unit.id), actor_id=None)}
        store.rosters.add(
            Roster(
                0,
                unit.id,
                ROSTER_START,
                ROSTER_END,
                RosterStatus.PUBLISHED,
                roster_assignments(staff),
            ),
            actor_id=None,
        )
        store.workspaces.link("slack", TEAM, organisation.id, actor_id=None)
        if link_users:
            for name, (user_id, _, _) in SLACK_USERS.items():
                store.identities.link("slack", TEAM, user_id, staff[name].id, actor_id=None)
    return SlackWard(database, organisation, unit, staff)


def roster_assignments(staff: dict[str, Employee]) -> tuple[Assignment, ...]:
    assignments = []
    for name, row in ROSTER_ROWS.items():
        for offset, code in enumerate(row.replace(" ", "")):
            if code != ".":
                day = ROSTER_START + dt.timedelta(days=offset)
                assignments.append(Assignment(staff[name].id, day, code))
    return tuple(assignments)


def users_info(locale: str = "nb-NO", email_confirmed: bool = True) -> dict[str, dict[str, Any]]:
    """Return the users.info objects of the workspace, including the stranger."""
    users = {
        user_id: slack_user(user_id, display, email, locale, email_confirmed)
        for user_id, display, email in SLACK_USERS.values()
    }
    users[STRANGER] = slack_user(STRANGER, "fremmed", "fremmed@annet.example", locale, True)
    return users


def slack_user(
    user_id: str, display: str, email: str, locale: str, email_confirmed: bool
) -> dict[str, Any]:
    return {
        "id": user_id,
        "team_id": TEAM,
        "name": display,
        "real_name": display,
        "locale": locale,
        "is_email_confirmed": email_confirmed,
        "deleted": False,
        "is_bot": False,
        "profile": {"email": email, "display_name": display},
    }


# --- request bodies, signed ----------------------------------------------------------------


def signed_headers(
    body: str, secret: str, *, timestamp: int | None = None, content_type: str = "application/json"
) -> dict[str, str]:
    """Sign the exact UTF-8 bytes of `body` as Slack does."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    assert signature is not None
    return {
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature,
        "Content-Type": content_type,
    }


def event_body(event: dict[str, Any], event_id: str, team: str = TEAM) -> str:
    return json.dumps(
        {
            "token": "unused",
            "team_id": team,
            "api_app_id": "A0VAKTBOT",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": 1767686400,
            "authorizations": [
                {
                    "team_id": team,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "event": event,
        },
        ensure_ascii=False,
    )


def direct_message_event(user_id: str, text: str, ts: str = "1767686400.000100") -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "channel": "D" + user_id,
        "user": user_id,
        "text": text,
        "ts": ts,
        "event_ts": ts,
    }


def command_body(user_id: str, text: str, response_url: str, trigger_id: str) -> str:
    return urlencode(
        {
            "token": "unused",
            "team_id": TEAM,
            "team_domain": "fjordvik",
            "channel_id": "C0VAKT",
            "channel_name": "vaktrom",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": "/turnus",
            "text": text,
            "api_app_id": "A0VAKTBOT",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


def click_body(
    user_id: str,
    action: dict[str, Any],
    message: dict[str, Any] | None,
    channel: str,
    response_url: str,
    trigger_id: str,
    action_ts: str,
) -> str:
    """Return a block_actions form; `message` None clicks an ephemeral message.

    Slack sends no copy of an ephemeral message with a click on it.
    """
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "fjordvik"},
        "user": {"id": user_id, "team_id": TEAM},
        "api_app_id": "A0VAKTBOT",
        "trigger_id": trigger_id,
        "response_url": response_url,
        "container": {
            "type": "message",
            "message_ts": message["ts"] if message else "1767000000.000001",
            "channel_id": channel,
            "is_ephemeral": message is None,
        },
        "channel": {"id": channel},
        "actions": [{**action, "block_id": "b1", "type": "button", "action_ts": action_ts}],
    }
    if message is not None:
        payload["message"] = message
    return urlencode({"payload": json.dumps(payload, ensure_ascii=False)})
