"""The demo: a realistic, fictional nursing-home ward, a scripted chat, and six planned weeks.

`vaktbot demo` creates a fresh database with its own key in the output folder,
sets up the ward «Fjordheim sykehjem, avdeling 2» with D/A/N shifts and a
staffing plan, imports the staff from an HR-style CSV, publishes a roster for
the current six weeks, and then plays a conversation through the same console
adapter a person would use. It ends by planning the next six weeks and printing
the roster, its coverage gaps, everyone's hours and an independent rule check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import sys
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TextIO

from babel.dates import format_date

from bots.console import ConsoleChat
from core.actions.rosters import do_generate_roster, do_publish_roster, export_roster_csv
from core.assistant import Assistant
from core.calendar import OSLO, monday_of
from core.commands import DateRange, ShiftKind
from core.context import Services
from core.employees import Employee, Role
from core.i18n import N_, Translator
from core.messages import ButtonAction, ButtonPress, Reply, ReplyKind
from core.roster_report import (
    RosterReport,
    render_gaps,
    render_grid,
    render_hours,
    render_rule_check,
    render_wishes,
)
from core.rosters import Roster, RosterStatus
from core.setup import access_unit, do_import_employees
from core.units import DayType, Organisation, ShiftType, StaffingDemand, StaffingPlan, Unit
from storage.crypto import load_or_create_key_file
from storage.database import Database
from vaktbot.app import DATABASE_FILE, DEMO_MARKER_FILE, EXPORT_FOLDER, KEY_FILE

# Marks a folder whose database the demo created, so that a later run may replace it.
DEMO_MARKER_TEXT = "vaktbot demo data: `vaktbot demo` replaces this folder's database.\n"

logger = logging.getLogger(__name__)

ORGANISATION = "Fjordheim kommune"
UNIT = "Fjordheim sykehjem, avdeling 2"
# A fictional contact on a reserved example domain, which the privacy replies name.
DATA_PROTECTION_OFFICER = "personvernombud@fjordheim.example"
STAFF_FILE = "ansatte.csv"
ROSTER_FILE = "roster.csv"
WEEKS = 6
# Roster solves stop on work, counted in CP-SAT's deterministic time, instead of
# the clock, so that two runs print the same rosters (see solver.search). The
# current roster is only the backdrop for the swap, so it gets less work than the
# new roster planned in the chat (`core.context.DEFAULT_ROSTER_SEARCH_WORK`).
BACKDROP_SEARCH_WORK = 5.0

SHIFT_TYPES = (
    ShiftType("D", "Dagvakt", ShiftKind.DAY, dt.time(7, 30), dt.time(15, 0)),
    ShiftType("A", "Aftenvakt", ShiftKind.EVENING, dt.time(14, 30), dt.time(22, 0)),
    ShiftType("N", "Nattevakt", ShiftKind.NIGHT, dt.time(21, 45), dt.time(7, 45)),
)

WEEKDAYS = (DayType.MONDAY, DayType.TUESDAY, DayType.WEDNESDAY, DayType.THURSDAY, DayType.FRIDAY)
WEEKEND_AND_HOLIDAYS = (DayType.SATURDAY, DayType.SUNDAY, DayType.PUBLIC_HOLIDAY)


def staffing_plan() -> StaffingPlan:
    """Return the ward's bemanningsplan: fewer on weekends, a nurse and medication each shift."""
    demands = []
    for day_type in WEEKDAYS:
        demands += [
            StaffingDemand(day_type, "D", 6, 7, (("sykepleier", 2), ("medisinansvar", 1))),
            StaffingDemand(day_type, "A", 5, 6, (("sykepleier", 1), ("medisinansvar", 1))),
            StaffingDemand(day_type, "N", 2, 2, (("sykepleier", 1),)),
        ]
    for day_type in WEEKEND_AND_HOLIDAYS:
        demands += [
            StaffingDemand(day_type, "D", 4, 5, (("sykepleier", 1), ("medisinansvar", 1))),
            StaffingDemand(day_type, "A", 3, 4, (("sykepleier", 1), ("medisinansvar", 1))),
            StaffingDemand(day_type, "N", 2, 2, (("sykepleier", 1),)),
        ]
    return StaffingPlan(tuple(demands))


@dataclass
class DemoWard:
    database: Database
    unit_id: int
    staff: dict[str, Employee]
    today: dt.date

    def employee(self, name: str) -> Employee:
        return self.staff[name]

    def with_role(self, role: Role) -> Employee:
        return next(e for e in self.staff.values() if role in e.roles)


class DemoFolderInUse(Exception):
    """The output folder contains a vaktbot database that the demo did not create."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"{folder} contains a vaktbot database that the demo did not create")
        self.folder = folder


# The files a demo run writes besides the database: its roster, and the chat's exports.
GENERATED_FILE_PATTERNS = (
    ROSTER_FILE,
    f"{EXPORT_FOLDER}/turnus-*.csv",
    f"{EXPORT_FOLDER}/mine-data-*.json",
)


def generated_files(out: Path) -> list[Path]:
    """Return the files an earlier demo run wrote into `out`."""
    return sorted(
        path for pattern in GENERATED_FILE_PATTERNS for path in out.glob(pattern) if path.is_file()
    )


def remove_generated_files(out: Path) -> None:
    """Delete the earlier run's files, so that none of them outlives its database."""
    for path in generated_files(out):
        path.unlink()


def describe_rerun(out: Path, translator: Translator) -> str | None:
    """Say what a new run replaces in `out`, or return None when no demo ran there."""
    if not (out / DATABASE_FILE).exists() or not (out / DEMO_MARKER_FILE).is_file():
        return None
    count = len(generated_files(out))
    if count == 0:
        return translator.gettext(
            N_(
                "The demo replaces its earlier run in %(folder)s: the database, with every change "
                "made in the chat since."
            ),
            folder=out,
        )
    return translator.ngettext(
        "The demo replaces its earlier run in %(folder)s: the database, with every change "
        "made in the chat since, and the file the earlier run wrote.",
        "The demo replaces its earlier run in %(folder)s: the database, with every change "
        "made in the chat since, and the %(count)s files the earlier run wrote.",
        count,
        folder=out,
    )


def fresh_database(out: Path) -> Database:
    """Create an empty, migrated demo database with its own key in `out`.

    A database from an earlier demo run (marked by `DEMO_MARKER_FILE`) is
    replaced. Any other database raises `DemoFolderInUse` and is left untouched,
    because `--out` may point at a unit's real data folder.
    """
    out.mkdir(parents=True, exist_ok=True)
    database_file = out / DATABASE_FILE
    marker = out / DEMO_MARKER_FILE
    if database_file.exists():
        if not marker.is_file():
            raise DemoFolderInUse(out)
        database_file.unlink()
        remove_generated_files(out)
    marker.write_text(DEMO_MARKER_TEXT, encoding="utf-8")
    cipher = load_or_create_key_file(out / KEY_FILE)
    database = Database(f"sqlite:///{database_file}", cipher)
    database.upgrade()
    return database


def seed_ward(database: Database, today: dt.date) -> DemoWard:
    """Create the organisation and the ward, and import its staff from the HR file."""
    staff_csv = (resources.files("vaktbot") / "demo_data" / STAFF_FILE).read_bytes()
    with database.store() as store:
        organisation = store.organisations.add_organisation(
            Organisation(0, ORGANISATION), actor_id=None
        )
        unit = store.organisations.add_unit(
            Unit(0, organisation.id, UNIT, data_protection_officer=DATA_PROTECTION_OFFICER),
            actor_id=None,
        )
        store.organisations.set_shift_types(unit.id, list(SHIFT_TYPES), actor_id=None)
        store.organisations.set_staffing(unit.id, staffing_plan(), actor_id=None)
        employees = do_import_employees(store, unit, staff_csv, actor_id=None)
    return DemoWard(database, unit.id, {e.name: e for e in employees}, today)


def current_period(today: dt.date) -> DateRange:
    start = monday_of(today)
    return DateRange(start, start + dt.timedelta(days=7 * WEEKS - 1))


def next_period(today: dt.date) -> DateRange:
    current = current_period(today)
    start = current.end + dt.timedelta(days=1)
    return DateRange(start, start + dt.timedelta(days=7 * WEEKS - 1))


def repeatable_services(services: Services) -> Services:
    """Return `services` with the repairs that give the same roster each run.

    Roster solves are repeatable anyway, because the core gives them a work limit.
    """
    import solver

    return dataclasses.replace(services, repair=functools.partial(solver.repair, workers=1))


def publish_backdrop_roster(ward: DemoWard, services: Services) -> Roster:
    """Plan and publish the current six weeks, which the swap in the script needs."""
    with ward.database.store() as store:
        unit = access_unit(store, ward.unit_id)
        planner = ward.with_role(Role.PLANNER)
        generated = do_generate_roster(
            store,
            unit,
            current_period(ward.today),
            services,
            actor_id=planner.id,
            search_work=BACKDROP_SEARCH_WORK,
        )
        return do_publish_roster(store, unit, generated.roster.id, actor_id=planner.id)


# --- the scripted conversation ----------------------------------------------------------


def day_words(day: dt.date) -> str:
    """Write a day the way people write it in chat: «8. januar»."""
    return str(format_date(day, "d. MMMM", locale="nb"))


@dataclass(frozen=True)
class SwapPlan:
    requester: Employee
    colleague: Employee
    day: dt.date
    colleague_day: dt.date
    shift_code: str
    colleague_shift_code: str


def find_legal_swap(ward: DemoWard, roster: Roster) -> SwapPlan | None:
    """Find two people whose day shifts can be swapped without breaking a rule."""
    from core.actions.shift_requests import assignments_after
    from core.changes import ChangeChecker
    from core.shift_requests import RequestKind, RequestState, ShiftRequest

    candidates = sorted(
        (
            a
            for a in roster.assignments
            if a.shift_code == "D"
            and ward.today + dt.timedelta(days=3) <= a.day <= ward.today + dt.timedelta(days=12)
        ),
        key=lambda a: (a.day, a.employee_id),
    )
    by_id = {e.id: e for e in ward.staff.values()}
    with ward.database.store() as store:
        unit = access_unit(store, ward.unit_id)
        checker = ChangeChecker(store, unit, roster)
        for mine in candidates:
            for theirs in candidates:
                if theirs.day <= mine.day or theirs.employee_id == mine.employee_id:
                    continue
                if roster.shift_of(mine.employee_id, theirs.day) is not None:
                    continue
                if roster.shift_of(theirs.employee_id, mine.day) is not None:
                    continue
                request = ShiftRequest(
                    0,
                    unit.id,
                    RequestKind.SWAP,
                    RequestState.ACCEPTED,
                    mine.employee_id,
                    mine.day,
                    mine.shift_code,
                    theirs.employee_id,
                    theirs.day,
                    theirs.shift_code,
                )
                if not checker.new_violations(assignments_after(roster, request)):
                    return SwapPlan(
                        by_id[mine.employee_id],
                        by_id[theirs.employee_id],
                        mine.day,
                        theirs.day,
                        mine.shift_code,
                        theirs.shift_code,
                    )
    return None


class Script:
    """Plays the demo conversation, one console chat per person."""

    def __init__(
        self,
        ward: DemoWard,
        assistant: Assistant,
        output: TextIO,
        progress_output: TextIO | None = None,
    ) -> None:
        self.ward = ward
        self.assistant = assistant
        self.output = output
        self.progress_output = progress_output
        self.chats: dict[str, ConsoleChat] = {}
        self.names = {e.id: e.name for e in ward.staff.values()}

    def chat(self, name: str) -> ConsoleChat:
        if name not in self.chats:
            self.chats[name] = ConsoleChat(
                self.assistant,
                name,
                output=self.output,
                clock=self._clock,
                recipient_name=lambda employee_id: self.names.get(employee_id, "?"),
                progress_output=self.progress_output,
            )
        return self.chats[name]

    def _clock(self) -> dt.datetime:
        return dt.datetime.combine(self.ward.today, dt.time(9, 0), tzinfo=OSLO)

    def heading(self, text: str) -> None:
        print(f"\n=== {text} ===", file=self.output)

    def say_and_confirm(self, name: str, text: str) -> tuple[Reply, ...]:
        """Write `text` as `name`, and reply «ja» if the bot reads something back."""
        outcome = self.chat(name).say(text)
        if any(reply.buttons and reply.recipient_employee_id is None for reply in outcome.replies):
            return self.chat(name).say("ja").replies
        return outcome.replies

    def press(self, name: str, label: str, action: ButtonAction, value: str) -> None:
        print(f"{name}: [{label}]", file=self.output)
        self.chat(name).press(ButtonPress(action, value))


def request_id_in(replies: tuple[Reply, ...]) -> int | None:
    return next((r.request_id for r in replies if r.request_id is not None), None)


def play_conversation(script: Script, backdrop: Roster) -> None:
    """Employees report absence, unavailability and wishes, swap a shift, and plan ahead."""
    ward = script.ward
    upcoming = next_period(ward.today)
    planner = ward.with_role(Role.PLANNER).name
    manager = ward.with_role(Role.MANAGER).name

    script.heading("Sykefravær")
    sick = sick_colleague(ward, backdrop)
    replies = script.say_and_confirm(sick, "Jeg er syk i dag og i morgen")
    approve_first_card(script, replies, manager)

    script.heading("Utilgjengelighet, ønsker og ferie for neste turnusperiode")
    first_friday = upcoming.start + dt.timedelta(days=4)
    script.say_and_confirm("Ola Nordmann", f"Kan ikke jobbe {day_words(first_friday)}")
    second_saturday = upcoming.start + dt.timedelta(days=12)
    script.say_and_confirm("Ingrid Hansen", f"Ønsker fri {day_words(second_saturday)}")
    week_of_nights = (upcoming.start + dt.timedelta(days=14)).isocalendar().week
    script.say_and_confirm("Per Johansen", f"Vil gjerne ha nattevakter uke {week_of_nights}")
    vacation_start = upcoming.start + dt.timedelta(days=21)
    vacation_end = vacation_start + dt.timedelta(days=6)
    replies = script.say_and_confirm(
        "Anne Kristiansen", f"Ferie {day_words(vacation_start)} til {day_words(vacation_end)}"
    )
    approve_first_card(script, replies, manager)
    night_week = (upcoming.start + dt.timedelta(days=28)).isocalendar().week
    script.say_and_confirm("Silje Berg", f"Eg kan ikkje ta nattevakter veke {night_week}")

    play_swap(script, backdrop, manager)

    script.heading("Spørsmål og feil")
    script.chat("Kari Nordmann").say("Når jobber jeg neste uke?")
    script.chat("Ola Nordmann").say("Hvem har nattevakt lørdag?")
    script.chat("Jonas Haugen").say("asdfgh")
    script.chat("Jonas Haugen").say("Ferie 10. til 3. mars")

    script.heading("Ny turnus for de neste seks ukene")
    first_week = upcoming.start.isocalendar().week
    last_week = upcoming.end.isocalendar().week
    script.say_and_confirm(planner, f"Lag turnus for uke {first_week}–{last_week}")
    script.say_and_confirm(planner, "Publiser turnusen")

    script.heading("Innsyn i egne data")
    script.chat("Kari Nordmann").say("Hvilke opplysninger har dere om meg?")


def sick_colleague(ward: DemoWard, backdrop: Roster) -> str:
    """Return someone on a shift tomorrow that has just its minimum staffing.

    Their sick report then leaves a gap, and the demo can show the repair proposal.
    """
    tomorrow = ward.today + dt.timedelta(days=1)
    minimums = {d.shift_code: d.minimum for d in staffing_plan().for_day(tomorrow)}
    shifts = [a for a in backdrop.assignments if a.day == tomorrow]
    staffed = Counter(a.shift_code for a in shifts)
    tight = {
        a.employee_id for a in shifts if staffed[a.shift_code] <= minimums.get(a.shift_code, 0)
    }
    on_duty = tight or {a.employee_id for a in shifts}
    preferred = ["Kari Nordmann", *sorted(ward.staff)]
    return next((name for name in preferred if ward.employee(name).id in on_duty), "Kari Nordmann")


def approve_first_card(script: Script, replies: tuple[Reply, ...], manager: str) -> None:
    """Let the manager approve the first card she got: a repair proposal or a vacation request."""
    manager_id = script.ward.employee(manager).id
    for reply in replies:
        if reply.recipient_employee_id == manager_id and reply.kind == ReplyKind.APPROVAL:
            approve = reply.buttons[0].press
            script.press(manager, reply.buttons[0].label, approve.action, approve.value)
            return


def play_swap(script: Script, backdrop: Roster, manager: str) -> None:
    script.heading("Vaktbytte")
    swap = find_legal_swap(script.ward, backdrop)
    if swap is None:
        print("(Fant ingen lovlig bytteparring i den publiserte turnusen.)", file=script.output)
        return
    text = (
        f"Vil bytte dagvakt {day_words(swap.day)} mot {swap.colleague.first_name} sin "
        f"dagvakt {day_words(swap.colleague_day)}"
    )
    replies = script.say_and_confirm(swap.requester.name, text)
    request_id = request_id_in(replies)
    if request_id is None:
        return
    script.press(swap.colleague.name, "Godta", ButtonAction.ACCEPT, str(request_id))
    script.press(manager, "Godkjenn", ButtonAction.APPROVE, str(request_id))


def print_report(ward: DemoWard, out: Path, output: TextIO) -> Path | None:
    """Print the newest roster as a grid with gaps, hours, wishes and the rule check."""
    from core.planning import build_problem
    from core.roster_facts import compliance_context
    from core.roster_report import build_report

    translator = Translator.for_locale("nb")
    with ward.database.store() as store:
        unit = access_unit(store, ward.unit_id)
        roster = store.rosters.latest(unit.id, status=RosterStatus.PUBLISHED)
        if roster is None or roster.start != next_period(ward.today).start:
            print("Ingen ny turnus ble publisert.", file=output)
            return None
        period = DateRange(roster.start, roster.end)
        planning = build_problem(store, unit, period)
        report = build_report(
            planning, None, list(roster.assignments), compliance_context(store, unit, period)
        )
        csv_path = export_roster_csv(store, roster, out / ROSTER_FILE)
    _print_sections(report, translator, ward.today, output)
    return csv_path


def _print_sections(
    report: RosterReport, translator: Translator, today: dt.date, output: TextIO
) -> None:
    sections = [
        ("Turnus (D = dag, A = aften, N = natt, · = fri)", render_grid(report, translator)),
        ("Dekning", render_gaps(report, translator, today)),
        ("Timer", render_hours(report, translator)),
        ("Ønsker", render_wishes(report, translator, today)),
        ("Regelsjekk", render_rule_check(report, translator, today)),
    ]
    for title, body in sections:
        print(f"\n=== {title} ===\n{body}", file=output)


def run_demo(
    out: Path,
    today: dt.date,
    time_limit_seconds: float,
    output: TextIO,
    progress_output: TextIO | None = None,
) -> Path | None:
    """Run the whole demo and return the path of the roster CSV it wrote.

    `output` gets the conversation and the report, which are the same on every
    run with the same `today` and `out` unless `time_limit_seconds` cuts a solve
    short.
    Progress lines, which depend on timing, go to `progress_output` if given.
    """
    from vaktbot.app import Settings, services

    translator = Translator.for_locale("nb")
    rerun = describe_rerun(out, translator) if out.is_dir() else None
    database = fresh_database(out)
    if rerun is not None:
        print(rerun, file=output)
    settings = Settings(data_folder=out, database_url=str(database.url))
    demo_services = repeatable_services(services(settings, time_limit_seconds=time_limit_seconds))
    ward = seed_ward(database, today)
    print(
        f"Demo: {UNIT}, {len(ward.staff)} ansatte importert fra vaktbot/demo_data/"
        f"{STAFF_FILE}. Dagens dato i demoen: {translator.date(today)} {today.year}.",
        file=output,
    )
    backdrop = publish_backdrop_roster(ward, demo_services)
    print(
        f"Gjeldende turnus fra {translator.date(backdrop.start, today=today)} til "
        f"{translator.date(backdrop.end, today=today)} er publisert "
        f"({len(backdrop.assignments)} vakter).",
        file=output,
    )

    script = Script(ward, Assistant(database, demo_services), output, progress_output)
    play_conversation(script, backdrop)
    csv_path = print_report(ward, out, output)
    if csv_path is not None:
        print(f"\nTurnusen er skrevet til {csv_path}", file=output)
    command = Path(sys.argv[0]) if Path(sys.argv[0]).name == "vaktbot" else Path("vaktbot")
    print(
        f"Databasen ligger i {out / DATABASE_FILE}. Prøv selv: {command} chat --data {out} "
        f'--as "Kari Nordmann"',
        file=output,
    )
    logger.info("demo finished; files in %s/%s", out, EXPORT_FOLDER)
    return csv_path
