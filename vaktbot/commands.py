"""The work behind each `vaktbot` subcommand, one `run_*` function each."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import shlex
import sys
from typing import Any, TextIO

from core.calendar import OSLO, now_in_oslo
from core.i18n import N_, Translator
from core.units import day_type_name
from vaktbot.argparse_i18n import gettext
from vaktbot.failures import EXIT_CONFIGURATION, print_error

logger = logging.getLogger(__name__)

# The `lang` values a `parse --jsonl` line may carry; the parser takes them as a hint only.
LANGUAGE_HINTS = ("nb", "nn", "en")


def parse_reference_time(value: str | None) -> dt.datetime:
    """Return `value` (ISO, local Oslo time) as an aware datetime, or now when None."""
    if value is None:
        return now_in_oslo()
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=OSLO)
    return parsed.astimezone(OSLO)


# The error for `parse --jsonl FILE`, which would otherwise ignore FILE and read standard input.
JSONL_WITH_ARGUMENT = N_(
    "--jsonl reads JSON lines from standard input, not from «%(value)s». Pipe the file in "
    "instead, for example: vaktbot parse --jsonl < %(file)s"
)


def run_parse(arguments: argparse.Namespace) -> int:
    from nlu import parse

    try:
        now = parse_reference_time(arguments.now)
    except ValueError:
        return _fail(
            gettext(
                N_("--now «%(value)s» is not a time; write for example 2027-01-06T09:00."),
                value=arguments.now,
            )
        )

    if arguments.jsonl and arguments.text is not None:
        file = shlex.quote(arguments.text)
        return _fail(gettext(JSONL_WITH_ARGUMENT, value=arguments.text, file=file))
    if arguments.jsonl:
        _parse_jsonl(sys.stdin, sys.stdout, now)
        return 0
    if arguments.text is None:
        return _fail(
            gettext(
                N_(
                    'Give a message, for example vaktbot parse "Jeg er syk i '
                    'dag", or --jsonl to read JSON lines.'
                )
            )
        )

    print(json.dumps(parse(arguments.text, now).to_json(), ensure_ascii=False))
    return 0


INVALID_JSONL_LINE = N_(
    "Line %(line)s of the input is not a JSON object with a «text» field, for example "
    '{"id": "1", "text": "Jeg er syk i dag"}. Its result says "error": '
    '"invalid line".'
)


def _parse_jsonl(source: TextIO, sink: TextIO, now: dt.datetime) -> None:
    """Parse one JSON object a line and print one result a line, in order, ids echoed."""
    from nlu import parse

    for line_number, line in enumerate(source, start=1):
        # An empty line gets an invalid result too, so that output line N answers input line N.
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            item = None
        text = item.get("text") if isinstance(item, dict) else None
        if not isinstance(text, str):
            print_error(gettext(INVALID_JSONL_LINE, line=line_number))
            echoed_id = item.get("id") if isinstance(item, dict) else None
            invalid = {"id": echoed_id, "intent": "unknown", "error": "invalid line"}
            sink.write(json.dumps(invalid, ensure_ascii=False) + "\n")
            continue
        language = item.get("lang")
        if language is not None and language not in LANGUAGE_HINTS:
            _reject_language(sink, line_number, item.get("id"), language)
            continue
        result = parse(text, now, lang=language).to_json()
        sink.write(json.dumps({"id": item.get("id"), **result}, ensure_ascii=False) + "\n")


INVALID_JSONL_LANGUAGE = N_(
    "Line %(line)s of the input has the invalid «lang» %(value)s. Write «nb», «nn» or «en», "
    'or leave «lang» out. Its result says "error": "invalid lang".'
)


def _reject_language(sink: TextIO, line_number: int, echoed_id: object, language: object) -> None:
    """Write the result of a line in a language the parser lacks, and print the reason.

    The parser has no words for other languages, so it would return a wrong command with
    no sign of the mistake. The line still gets one output line, so that lines match.
    """
    shown = json.dumps(language, ensure_ascii=False)
    print_error(gettext(INVALID_JSONL_LANGUAGE, line=line_number, value=shown))
    invalid = {"id": echoed_id, "intent": "unknown", "error": "invalid lang"}
    sink.write(json.dumps(invalid, ensure_ascii=False) + "\n")


def _fail(message: str) -> int:
    print_error(message)
    return EXIT_CONFIGURATION


INVALID_TODAY = N_("--today «%(value)s» is not a date; write for example 2027-01-06.")


def run_chat(arguments: argparse.Namespace) -> int:
    from bots.console import ConsoleChat
    from core.languages import LanguageChoices
    from vaktbot.app import ConfigurationError, Settings, build_assistant

    settings = Settings.from_environment(arguments.data)
    try:
        assistant = build_assistant(settings, must_exist=True)
    except ConfigurationError as error:
        return _fail(str(error))
    clock = None
    if arguments.today:
        today = _parse_day(arguments.today)
        if today is None:
            return _fail(gettext(INVALID_TODAY, value=arguments.today))
        clock = _clock_at(today)
    names = _staff_names(assistant)
    if not arguments.as_name.strip():
        return _fail(_missing_name_message(list(names.values())))
    if not names:
        return _fail(_no_staff_message(assistant, arguments.as_name))
    user_name = _stored_name(arguments.as_name, list(names.values()))
    if user_name is None:
        return _fail(_unknown_person_message(arguments.as_name, list(names.values())))
    chat = ConsoleChat(
        assistant,
        user_name,
        locale=arguments.locale,
        clock=clock,
        recipient_name=lambda employee_id: names.get(employee_id, "?"),
        languages=LanguageChoices(assistant.database),
    )
    chat.run(sys.stdin)
    return 0


def _stored_name(written: str, staff_names: list[str]) -> str | None:
    """Return the staff name `written` spells, ignoring case and accents, as it is stored."""
    from core.people import fold

    wanted = fold(written)
    return next((name for name in staff_names if fold(name) == wanted), None)


def _suggested_names(written: str, staff_names: list[str]) -> list[str]:
    """Return up to three names that `written` may mean: a first or last name, then a spelling.

    With nothing close, the first three names in alphabetical order are examples.
    """
    from difflib import get_close_matches

    from core.people import fold

    wanted = fold(written)
    by_part = sorted(
        name for name in staff_names if any(part.startswith(wanted) for part in fold(name).split())
    )
    if wanted and by_part:
        return by_part[:3]
    folded = {fold(name): name for name in staff_names}
    close = get_close_matches(wanted, list(folded), n=3, cutoff=0.5)
    return [folded[match] for match in close] or sorted(staff_names)[:3]


def _unknown_person_message(written: str, staff_names: list[str]) -> str:
    from core.i18n import Translator

    translator = Translator.for_locale(None)
    close = _suggested_names(written, staff_names)
    return str(
        translator.gettext(
            N_(
                "Nobody is called «%(name)s». Write the full name as in the staff list, for "
                "example %(examples)s."
            ),
            name=written,
            examples=translator.join([f"«{name}»" for name in close]),
        )
    )


MISSING_CHAT_NAME = N_(
    "--as is empty, so I do not know who you are. Write the full name of an employee as in "
    'the staff list, for example: vaktbot chat --as "%(example)s"'
)


def _missing_name_message(staff_names: list[str]) -> str:
    """Return the message for an empty --as, naming an employee of the staff list if any."""
    from core.i18n import Translator

    example = min(staff_names) if staff_names else "Kari Nordmann"
    return str(Translator.for_locale(None).gettext(MISSING_CHAT_NAME, example=example))


def _no_staff_message(assistant: Any, written: str) -> str:
    """Return why nobody can chat yet: no unit, or units without employees, and the fix."""
    from core.i18n import Translator

    translator = Translator.for_locale(None)
    with assistant.database.store() as store:
        unit_names = [unit.name for unit in store.organisations.list_units()]
    if not unit_names:
        return str(
            translator.gettext(
                N_(
                    "Nobody can chat as «%(name)s», because there is no unit yet. Create one "
                    'first, for example: vaktbot unit create "Sengepost 3B" --organisation '
                    '"Nordvik HF", then import its staff with vaktbot import employees.'
                ),
                name=written,
            )
        )
    return str(
        translator.ngettext(
            "Nobody can chat as «%(name)s», because %(units)s has no employees yet. Import "
            "them from an HR file first, for example: vaktbot import employees ansatte.csv "
            '--unit "%(unit)s"',
            "Nobody can chat as «%(name)s», because %(units)s have no employees yet. Import "
            "them from an HR file first, for example: vaktbot import employees ansatte.csv "
            '--unit "%(unit)s"',
            len(unit_names),
            name=written,
            units=translator.join(unit_names),
            unit=unit_names[0],
        )
    )


def _staff_names(assistant: Any) -> dict[int, str]:
    with assistant.database.store() as store:
        return {
            employee.id: employee.name
            for unit in store.organisations.list_units()
            for employee in store.employees.list_for_unit(unit.id, active_only=False)
        }


def _parse_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _clock_at(today: dt.date) -> Any:
    def clock() -> dt.datetime:
        now = now_in_oslo()
        return dt.datetime.combine(today, now.time(), tzinfo=OSLO)

    return clock


def run_demo(arguments: argparse.Namespace) -> int:
    from pathlib import Path

    from core.calendar import today_in_oslo
    from core.i18n import Translator
    from vaktbot.demo import DemoFolderInUse, run_demo

    today = _parse_day(arguments.today) if arguments.today else today_in_oslo()
    if today is None:
        return _fail(gettext(INVALID_TODAY, value=arguments.today))
    if not 1 <= arguments.time_limit <= 3600:
        return _fail(
            gettext(N_("--time-limit must be from 1 to 3600 seconds; write for example 120."))
        )
    try:
        csv_path = run_demo(
            Path(arguments.out), today, arguments.time_limit, sys.stdout, progress_output=sys.stderr
        )
    except DemoFolderInUse as error:
        translator = Translator.for_locale(None)
        return _fail(
            translator.gettext(
                N_(
                    "The folder %(folder)s already holds a vaktbot database that the demo did not "
                    "create, so the demo leaves it alone. Choose another folder with --out, or "
                    "delete this one if it only holds demo data from an older vaktbot."
                ),
                folder=error.folder,
            )
        )
    return 0 if csv_path is not None else 1


def run_import_employees(arguments: argparse.Namespace) -> int:
    from pathlib import Path

    from core.i18n import Translator
    from core.imports import ImportFailed
    from core.roster_files import ExpectedFile, describe_folder_given
    from core.setup import do_import_employees, do_update_employees
    from vaktbot.app import ConfigurationError, Settings, open_database

    translator = Translator.for_locale(None)
    path = Path(arguments.file)
    if path.is_dir():
        return _fail(describe_folder_given(path, translator, ExpectedFile.STAFF))
    if not path.is_file():
        return _fail(translator.gettext(N_("The file %(path)s does not exist."), path=path))
    try:
        database = open_database(Settings.from_environment(arguments.data), must_exist=True)
    except ConfigurationError as error:
        return _fail(str(error))
    try:
        with database.store() as store:
            unit = find_unit(store, arguments.unit)
            if unit is None:
                return _fail(unknown_unit_message(store, arguments.unit, translator))
            if arguments.update:
                update = do_update_employees(store, unit, path.read_bytes(), actor_id=None)
            else:
                imported = do_import_employees(store, unit, path.read_bytes(), actor_id=None)
    except ImportFailed as failure:
        _print_import_errors(failure, translator, update=arguments.update)
        return 1
    if arguments.update:
        print("\n".join(_describe_staff_update(update, unit.name, translator)))
        return 0
    print(
        translator.ngettext(
            "Imported %(count)s employee to %(unit)s.",
            "Imported %(count)s employees to %(unit)s.",
            len(imported),
            unit=unit.name,
        )
    )
    return 0


def _print_import_errors(failure: Any, translator: Translator, *, update: bool) -> None:
    from core.imports import ALREADY_ON_UNIT

    print(
        translator.gettext(N_("Nothing was imported, because the file has errors:")),
        file=sys.stderr,
    )
    for row_error in failure.errors:
        print("  " + row_error.render(translator), file=sys.stderr)
    if not update and any(row_error.message == ALREADY_ON_UNIT for row_error in failure.errors):
        print(
            translator.gettext(
                N_(
                    "To update staff already on the unit from this file, run the same command "
                    "with --update."
                )
            ),
            file=sys.stderr,
        )


def _describe_staff_update(update: Any, unit_name: str, translator: Translator) -> list[str]:
    from core.imports import describe_roles
    from vaktbot.employee_commands import NO_MANAGER_LEFT

    lines = [
        translator.ngettext(
            "Added %(count)s employee to %(unit)s.",
            "Added %(count)s employees to %(unit)s.",
            len(update.added),
            unit=unit_name,
        )
    ]
    for employee, columns in update.changed:
        lines.append(
            translator.gettext(
                N_("Updated %(name)s: %(columns)s."), name=employee.name, columns=", ".join(columns)
            )
        )
    for change in update.role_changes:
        lines.append(
            translator.gettext(
                N_("Changed the roles of %(name)s from %(previous)s to %(roles)s."),
                name=change.employee.name,
                previous=describe_roles(change.previous),
                roles=describe_roles(change.employee.roles),
            )
        )
    lines.append(
        translator.ngettext(
            "%(count)s employee in the file was unchanged.",
            "%(count)s employees in the file were unchanged.",
            update.unchanged_count,
        )
    )
    if update.lost_last_manager:
        lines.append(translator.gettext(NO_MANAGER_LEFT, unit=unit_name))
    return lines


def find_unit(store: Any, name: str) -> Any:
    wanted = name.strip().casefold()
    return next((u for u in store.organisations.list_units() if u.name.casefold() == wanted), None)


def unknown_unit_message(store: Any, name: str, translator: Any) -> str:
    known = ", ".join(f"«{u.name}»" for u in store.organisations.list_units()) or "-"
    return str(
        translator.gettext(
            N_("No unit is called «%(name)s». Known units: %(known)s."), name=name, known=known
        )
    )


def run_check(arguments: argparse.Namespace) -> int:
    """Check a roster file; exit 0 when it breaks no rule, 1 when it does, 2 on bad input."""
    from pathlib import Path

    from core.i18n import Translator
    from core.roster_files import (
        RosterFileError,
        check_roster_file,
        describe_file_problems,
        describe_folder_given,
        render_file_check,
    )
    from vaktbot.app import ConfigurationError, Settings, open_database

    translator = Translator.for_locale(None)
    path = Path(arguments.file)
    if path.is_dir():
        return _fail(describe_folder_given(path, translator))
    if not path.is_file():
        return _fail(translator.gettext(N_("The file %(path)s does not exist."), path=path))
    try:
        database = open_database(Settings.from_environment(arguments.data), must_exist=True)
    except ConfigurationError as error:
        return _fail(str(error))
    with database.store() as store:
        unit = find_unit(store, arguments.unit)
        if unit is None:
            return _fail(unknown_unit_message(store, arguments.unit, translator))
        try:
            result = check_roster_file(store, unit, path)
        except RosterFileError as error:
            for line in describe_file_problems(error, translator):
                print(line, file=sys.stderr)
            return 2
    print("\n".join(render_file_check(result, translator)))
    return 1 if result.error_count else 0


def run_unit_create(arguments: argparse.Namespace) -> int:
    from pathlib import Path

    from core.errors import UserError
    from core.i18n import Translator
    from core.imports import ImportFailed
    from core.setup import do_create_unit
    from core.unit_files import (
        STANDARD_SHIFT_TYPES,
        read_shift_types,
        read_staffing,
        standard_staffing,
    )
    from vaktbot.app import ConfigurationError, Settings, open_database

    translator = Translator.for_locale(None)
    files = {
        name: Path(value)
        for name, value in (("shifts", arguments.shifts), ("staffing", arguments.staffing))
        if value
    }
    for path in files.values():
        if not path.is_file():
            return _fail(translator.gettext(N_("The file %(path)s does not exist."), path=path))
    try:
        shift_types = (
            read_shift_types(files["shifts"].read_bytes())
            if "shifts" in files
            else list(STANDARD_SHIFT_TYPES)
        )
        codes = {shift_type.code for shift_type in shift_types}
        staffing = (
            read_staffing(files["staffing"].read_bytes(), codes)
            if "staffing" in files
            else standard_staffing(shift_types)
        )
    except ImportFailed as failure:
        print(
            translator.gettext(N_("Nothing was created, because the file has errors:")),
            file=sys.stderr,
        )
        for row_error in failure.errors:
            print("  " + row_error.render(translator), file=sys.stderr)
        return 1
    try:
        database = open_database(Settings.from_environment(arguments.data))
    except ConfigurationError as error:
        return _fail(str(error))
    try:
        with database.store() as store:
            unit, created = do_create_unit(
                store,
                arguments.organisation,
                arguments.name,
                shift_types,
                staffing,
                actor_id=None,
                data_protection_officer=arguments.personvernombud,
            )
    except UserError as error:
        return _fail(error.render(translator))
    if created:
        print(
            translator.gettext(
                N_("Created the organisation %(organisation)s."),
                organisation=" ".join(arguments.organisation.split()),
            )
        )
    print(
        translator.gettext(
            N_(
                "Created the unit %(unit)s with %(shifts)s shift types. Import its staff with: "
                'vaktbot import employees FILE.csv --unit "%(unit)s"'
            ),
            unit=unit.name,
            shifts=len(shift_types),
        )
    )
    return 0


def run_unit_show(arguments: argparse.Namespace) -> int:
    from core.i18n import Translator
    from vaktbot.app import ConfigurationError, Settings, open_database

    translator = Translator.for_locale(None)
    try:
        database = open_database(Settings.from_environment(arguments.data), must_exist=True)
    except ConfigurationError as error:
        return _fail(str(error))
    with database.store() as store:
        unit = find_unit(store, arguments.name)
        if unit is None:
            return _fail(unknown_unit_message(store, arguments.name, translator))
        shift_types = store.organisations.shift_types(unit.id)
        staffing = store.organisations.staffing(unit.id)
        staff = store.employees.list_for_unit(unit.id)
    print(unit.name)
    for shift_type in shift_types:
        print(
            f"  {shift_type.code}  {shift_type.name:<12} {shift_type.start:%H:%M}–"
            f"{shift_type.end:%H:%M}"
        )
    for demand in staffing.demands:
        competences = ", ".join(f"{name}={count}" for name, count in demand.competence_minimums)
        day_name = day_type_name(demand.day_type, translator)
        print(
            f"  {day_name:<9} {demand.shift_code:<4} {demand.minimum}–"
            f"{demand.wanted}  {competences}"
        )
    print(translator.ngettext("%(count)s employee.", "%(count)s employees.", len(staff)))
    print(data_protection_officer_line(unit, translator))
    return 0


def data_protection_officer_line(unit: Any, translator: Translator) -> str:
    """Return the line of `vaktbot unit show` that gives the data protection officer's contact."""
    if unit.data_protection_officer is None:
        return translator.gettext(
            N_(
                "No data protection officer (personvernombud) is set, so the replies name the "
                'officer by role only. Set one with: vaktbot unit personvernombud "%(unit)s" '
                "CONTACT"
            ),
            unit=unit.name,
        )
    return translator.gettext(
        N_("Data protection officer (personvernombud): %(contact)s"),
        contact=unit.data_protection_officer,
    )


def run_unit_data_protection_officer(arguments: argparse.Namespace) -> int:
    """Set or remove the contact of a unit's data protection officer; «-» removes it."""
    from core.errors import UserError
    from core.i18n import Translator
    from core.setup import do_set_data_protection_officer
    from vaktbot.app import ConfigurationError, Settings, open_database

    translator = Translator.for_locale(None)
    try:
        database = open_database(Settings.from_environment(arguments.data), must_exist=True)
    except ConfigurationError as error:
        return _fail(str(error))
    try:
        with database.store() as store:
            unit = find_unit(store, arguments.name)
            if unit is None:
                return _fail(unknown_unit_message(store, arguments.name, translator))
            updated = do_set_data_protection_officer(store, unit, arguments.contact, actor_id=None)
    except UserError as error:
        return _fail(error.render(translator))
    print(data_protection_officer_line(updated, translator))
    return 0


def run_key_generate(arguments: argparse.Namespace) -> int:
    """Print a fresh key; operators keep it in their secret store, never in the database."""
    from storage.crypto import encode_key, generate_key

    key_id = arguments.id.strip()
    if not key_id.isalnum():
        return _fail(
            gettext(
                N_("The key id «%(value)s» is invalid; use letters and digits, for example k2."),
                value=arguments.id,
            )
        )
    print(f"VAKTBOT_ENCRYPTION_KEYS={key_id}:{encode_key(generate_key())}")
    print(f"VAKTBOT_ACTIVE_KEY_ID={key_id}")
    return 0


def run_db_upgrade(arguments: argparse.Namespace) -> int:
    """Apply the migrations with the configured key, if there is one.

    A new database needs no key. A migration that encrypts stored values needs one when
    there are rows to encrypt, and then fails with the setting to add.
    """
    from storage.database import upgrade
    from vaktbot.app import ConfigurationError, Settings, has_cipher, load_cipher
    from vaktbot.failures import database_failures, shown_url

    settings = Settings.from_environment(arguments.data)
    try:
        settings.data_folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return _fail(
            gettext(
                N_(
                    "Could not create the data folder %(folder)s. Check the path, "
                    "and that you may write there."
                ),
                folder=settings.data_folder,
            )
        )
    try:
        cipher = load_cipher(settings) if has_cipher(settings) else None
        with database_failures(settings.database_url):
            upgrade(settings.database_url, cipher=cipher)
    except ConfigurationError as error:
        return _fail(str(error))
    print(
        gettext(
            N_("The database schema is up to date (%(url)s)."), url=shown_url(settings.database_url)
        )
    )
    return 0


def run_serve(arguments: argparse.Namespace) -> int:
    from bots.server import ServerConfigurationError, serve
    from vaktbot.app import ConfigurationError, Settings

    try:
        serve(Settings.from_environment(arguments.data), host=arguments.host, port=arguments.port)
    except ConfigurationError as error:
        return _fail(str(error))
    except ServerConfigurationError as error:
        return _fail(error.render(Translator.for_locale(None)))
    return 0
