"""The `vaktbot` command: one entry point for every job, each a subcommand.

This module only reads arguments and hands them to the module that does the
work, so that each subcommand can be tested without a shell.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from vaktbot import commands
from vaktbot.argparse_i18n import argparse_translated, gettext
from vaktbot.command_parser import CommandParser
from vaktbot.failures import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    INTERRUPTED,
    print_error,
    report_failure,
)

# A safeguard only: the demo's solves end on their work limits first (the whole demo
# took 51–57 s on a 2-core VM), and a loaded machine needs more wall time for them.
# It equals `core.actions.rosters.REPEATABLE_SEARCH_TIME_LIMIT_SECONDS`, the least
# wall time that a roster solve gets, so a lower --time-limit is raised to it.
DEMO_TIME_LIMIT_SECONDS = 120.0
MAX_PORT = 65535

if TYPE_CHECKING:
    # argparse's class is generic only in its type stubs.
    SubCommands: TypeAlias = argparse._SubParsersAction[CommandParser]


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar=gettext("FOLDER"),
        help=gettext(
            "folder with vaktbot.db and vaktbot.key (default: $VAKTBOT_DATA or the "
            "current folder); VAKTBOT_DATABASE_URL and VAKTBOT_ENCRYPTION_KEYS "
            "override the files"
        ),
    )


def _add_command(subcommands: SubCommands, name: str, summary: str) -> CommandParser:
    """Add a subcommand whose --help starts with the summary that the list shows."""
    return subcommands.add_parser(name, help=summary, description=summary)


def _positive_seconds(text: str) -> float:
    """Parse a number of seconds above 0, for argparse."""
    try:
        seconds = float(text.replace(",", "."))
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise argparse.ArgumentTypeError(
            gettext(
                "«%(value)s» is not a number of seconds above 0; write for example 60", value=text
            )
        )
    return seconds


def _positive_integer(text: str) -> int:
    """Parse a whole number of 1 or more, for argparse."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            gettext(
                "«%(value)s» is not a whole number of 1 or more; write for example 2", value=text
            )
        )
    return number


def _port(text: str) -> int:
    """Parse a TCP port number, for argparse; 0 lets the operating system pick a free port."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= MAX_PORT:
        raise argparse.ArgumentTypeError(
            gettext(
                "«%(value)s» is not a port number from 0 to 65535; write for example 3978, "
                "or 0 for any free port",
                value=text,
            )
        )
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="vaktbot",
        description=gettext(
            "vaktbot: a chat-first rostering assistant for Norwegian healthcare wards."
        ),
        epilog=gettext(
            "Each command has --help. Set --log-level before the command, "
            "e.g. vaktbot --log-level INFO serve."
        ),
    )
    parser.add_argument(
        "--log-level",
        metavar=gettext("LEVEL"),
        type=_log_level,
        help=gettext(
            "logging level: DEBUG, INFO, WARNING or ERROR (default: INFO for serve, "
            "WARNING for the other commands)"
        ),
    )
    subcommands = parser.add_subparsers(dest="command", required=True, metavar=gettext("COMMAND"))

    _add_parse(subcommands)
    _add_chat(subcommands)
    _add_demo(subcommands)
    _add_unit(subcommands)
    _add_key(subcommands)
    _add_import(subcommands)
    _add_employee(subcommands)
    _add_export(subcommands)
    _add_db(subcommands)
    _add_check(subcommands)
    _add_link(subcommands)
    _add_serve(subcommands)
    _add_bench(subcommands)
    _add_teams(subcommands)
    return parser


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _log_level(text: str) -> str:
    """Parse a logging level name in any case, for argparse."""
    level = text.strip().upper()
    if level not in LOG_LEVELS:
        raise argparse.ArgumentTypeError(
            gettext(
                "«%(value)s» is not a logging level; write DEBUG, INFO, WARNING or ERROR",
                value=text,
            )
        )
    return level


def _add_parse(subcommands: SubCommands) -> None:
    parse = _add_command(
        subcommands, "parse", gettext("print the structured command a message means")
    )
    parse.add_argument(
        "text", nargs="?", metavar=gettext("TEXT"), help=gettext("the message; omit with --jsonl")
    )
    parse.add_argument(
        "--now",
        metavar=gettext("TIME"),
        help=gettext(
            "reference time in Europe/Oslo, ISO format, e.g. 2027-01-06T09:00 "
            "(default: the current time)"
        ),
    )
    parse.add_argument(
        "--jsonl",
        action="store_true",
        help=gettext(
            "read JSON lines with id and text from standard input, print one result a line"
        ),
    )
    parse.set_defaults(handler=commands.run_parse)


def _add_chat(subcommands: SubCommands) -> None:
    chat = _add_command(
        subcommands, "chat", gettext("chat with vaktbot in the terminal as one employee")
    )
    chat.add_argument(
        "--as",
        dest="as_name",
        required=True,
        metavar=gettext("NAME"),
        help=gettext('full name, e.g. "Kari Nordmann"'),
    )
    chat.add_argument(
        "--locale", choices=["nb", "nn", "en"], help=gettext("reply language (default nb)")
    )
    chat.add_argument("--today", metavar=gettext("DATE"), help=_today_help())
    _add_data_option(chat)
    chat.set_defaults(handler=commands.run_chat)


def _today_help() -> str:
    return gettext(
        "pretend today is this ISO date, e.g. 2027-01-06 (default: the current date in Oslo)"
    )


def _add_demo(subcommands: SubCommands) -> None:
    demo = _add_command(
        subcommands,
        "demo",
        gettext("seed a demo ward, play a scripted conversation and plan six weeks"),
    )
    demo.add_argument(
        "--out",
        default=".",
        metavar=gettext("FOLDER"),
        help=gettext(
            "folder for roster.csv, the demo database and its key (default: the current folder)"
        ),
    )
    demo.add_argument("--today", metavar=gettext("DATE"), help=_today_help())
    demo.add_argument(
        "--time-limit",
        type=_positive_seconds,
        default=DEMO_TIME_LIMIT_SECONDS,
        metavar=gettext("SECONDS"),
        help=gettext(
            "wall-clock cap of each roster solve in seconds, 1 to 3600 (default "
            "%(seconds)s); a value under %(seconds)s is raised to %(seconds)s. The solves "
            "stop on a fixed amount of work first, so that two runs print the same rosters, "
            "unless this cap cuts them short",
            seconds=f"{DEMO_TIME_LIMIT_SECONDS:.0f}",
        ),
    )
    demo.set_defaults(handler=commands.run_demo)


def _add_unit(subcommands: SubCommands) -> None:
    unit = _add_command(subcommands, "unit", gettext("create a unit (avdeling) or show its set-up"))
    actions = unit.add_subparsers(dest="action", required=True, metavar=gettext("ACTION"))
    create = _add_command(
        actions, "create", gettext("create a unit with shift types and a staffing plan")
    )
    create.add_argument(
        "name", metavar=gettext("NAME"), help=gettext('name of the unit, e.g. "Sengepost 3B"')
    )
    create.add_argument(
        "--organisation",
        required=True,
        metavar=gettext("ORGANISATION"),
        help=gettext("name of the organisation (created when it does not exist)"),
    )
    create.add_argument(
        "--shifts",
        metavar=gettext("FILE"),
        help=gettext(
            "CSV kode;navn;type;start;slutt (default: D 07:30–15:00, A 14:30–22:00, N 21:45–07:45)"
        ),
    )
    create.add_argument(
        "--staffing",
        metavar=gettext("FILE"),
        help=gettext(
            "CSV dag;vakt;minimum;ønsket;kompetanse (default: one person on every shift every day)"
        ),
    )
    create.add_argument(
        "--personvernombud",
        metavar=gettext("CONTACT"),
        help=gettext(
            "how to reach the employer's data protection officer, e.g. an e-mail address; "
            "named in the replies about personal data (optional)"
        ),
    )
    _add_data_option(create)
    create.set_defaults(handler=commands.run_unit_create)
    officer = _add_command(
        actions,
        "personvernombud",
        gettext("set or remove the contact of a unit's data protection officer"),
    )
    officer.add_argument("name", metavar=gettext("NAME"), help=gettext("name of the unit"))
    officer.add_argument(
        "contact",
        metavar=gettext("CONTACT"),
        help=gettext('e.g. an e-mail address; "-" removes the contact'),
    )
    _add_data_option(officer)
    officer.set_defaults(handler=commands.run_unit_data_protection_officer)
    show = _add_command(
        actions, "show", gettext("show a unit's shift types, staffing plan and staff count")
    )
    show.add_argument("name", metavar=gettext("NAME"), help=gettext("name of the unit"))
    _add_data_option(show)
    show.set_defaults(handler=commands.run_unit_show)


def _add_key(subcommands: SubCommands) -> None:
    key = _add_command(subcommands, "key", gettext("manage the encryption key of personal data"))
    actions = key.add_subparsers(dest="action", required=True, metavar=gettext("ACTION"))
    generate = _add_command(
        actions, "generate", gettext("print a new random key as VAKTBOT_ENCRYPTION_KEYS settings")
    )
    generate.add_argument(
        "--id",
        default="k1",
        metavar=gettext("ID"),
        help=gettext("key id stored beside each value (default k1)"),
    )
    generate.set_defaults(handler=commands.run_key_generate)


def _add_import(subcommands: SubCommands) -> None:
    import_command = _add_command(subcommands, "import", gettext("import data from an HR export"))
    kinds = import_command.add_subparsers(dest="kind", required=True, metavar=gettext("KIND"))
    employees = _add_command(kinds, "employees", gettext("import employees from a CSV file"))
    employees.add_argument(
        "file",
        metavar=gettext("FILE"),
        help=gettext("CSV with the columns navn, stillingsprosent, stilling, kompetanse"),
    )
    employees.add_argument("--unit", required=True, metavar=gettext("UNIT"), help=_unit_help())
    employees.add_argument(
        "--update",
        action="store_true",
        help=gettext(
            "update the staff already on the unit from the file (matched by name) "
            "and add the others; roles change only when the file has a rolle column"
        ),
    )
    _add_data_option(employees)
    employees.set_defaults(handler=commands.run_import_employees)


def _add_employee(subcommands: SubCommands) -> None:
    # Imported here so that other subcommands need not load the employee commands.
    from vaktbot import employee_commands

    employee = _add_command(subcommands, "employee", gettext("change one employee's set-up"))
    actions = employee.add_subparsers(dest="action", required=True, metavar=gettext("ACTION"))
    role = _add_command(
        actions,
        "role",
        gettext("set an employee's roles, replacing the current ones (recorded in the audit log)"),
    )
    role.add_argument(
        "name", metavar=gettext("NAME"), help=gettext('full name, e.g. "Kari Nordmann"')
    )
    role.add_argument(
        "roles",
        nargs="+",
        metavar=gettext("ROLE"),
        help=gettext(
            "leder (approves requests), turnusansvarlig (makes rosters), admin, or ansatt for "
            "no role beyond employee; give several to set several"
        ),
    )
    role.add_argument("--unit", required=True, metavar=gettext("UNIT"), help=_unit_help())
    _add_data_option(role)
    role.set_defaults(handler=employee_commands.run_employee_role)


def _unit_help() -> str:
    return gettext("name of the unit (avdeling)")


def _add_export(subcommands: SubCommands) -> None:
    # Imported here so that other subcommands need not load the export commands.
    from vaktbot import export_commands

    export = _add_command(subcommands, "export", gettext("export data as files"))
    kinds = export.add_subparsers(dest="kind", required=True, metavar=gettext("KIND"))
    roster = _add_command(
        kinds, "roster", gettext("write a unit's roster as CSV, by default the one in force today")
    )
    _add_export_options(roster)
    roster.set_defaults(handler=export_commands.run_export_roster)
    gaps = _add_command(
        kinds,
        "gaps",
        gettext(
            "write the coverage gaps of a unit's roster as CSV, a row per shift and day, by "
            "default of the roster in force today"
        ),
    )
    _add_export_options(gaps)
    gaps.set_defaults(handler=export_commands.run_export_gaps)


def _add_export_options(export: argparse.ArgumentParser) -> None:
    from vaktbot.export_commands import iso_date

    export.add_argument("--unit", required=True, metavar=gettext("UNIT"), help=_unit_help())
    export.add_argument(
        "--out",
        required=True,
        metavar=gettext("FILE"),
        help=gettext("path of the CSV file to write, or a folder to write it in"),
    )
    export.add_argument(
        "--overwrite",
        action="store_true",
        help=gettext("replace the file at --out if it exists (default: keep it and stop)"),
    )
    export.add_argument(
        "--period",
        type=iso_date,
        metavar=gettext("DATE"),
        help=gettext(
            "a day of the roster to export, best its first day, e.g. 2027-01-04 (default: "
            "the roster in force today)"
        ),
    )
    export.add_argument("--today", type=iso_date, metavar=gettext("DATE"), help=_today_help())
    _add_data_option(export)


def _add_check(subcommands: SubCommands) -> None:
    check = _add_command(
        subcommands,
        "check",
        gettext("check a roster CSV file against a unit's rules and list every violation"),
    )
    check.add_argument(
        "file",
        metavar=gettext("FILE"),
        help=gettext("roster CSV with the columns employee,date,shift_code,start,end"),
    )
    check.add_argument("--unit", required=True, metavar=gettext("UNIT"), help=_unit_help())
    _add_data_option(check)
    check.set_defaults(handler=commands.run_check)


def _add_db(subcommands: SubCommands) -> None:
    database = _add_command(subcommands, "db", gettext("manage the database schema"))
    actions = database.add_subparsers(dest="action", required=True, metavar=gettext("ACTION"))
    upgrade = _add_command(actions, "upgrade", gettext("apply every pending migration"))
    _add_data_option(upgrade)
    upgrade.set_defaults(handler=commands.run_db_upgrade)


CHAT_PLATFORMS = ("slack", "teams")


def _add_link(subcommands: SubCommands) -> None:
    # Imported here so that other subcommands need not load the link commands.
    from vaktbot import link_commands

    link = _add_command(subcommands, "link", gettext("link chat workspaces and users to vaktbot"))
    kinds = link.add_subparsers(dest="kind", required=True, metavar=gettext("KIND"))

    workspace = _add_command(
        kinds, "workspace", gettext("map a Slack team or Teams tenant to an organisation")
    )
    workspace.add_argument(
        "platform", choices=CHAT_PLATFORMS, metavar=_platform_metavar(), help=_platform_help()
    )
    workspace.add_argument("workspace", metavar=gettext("WORKSPACE"), help=_workspace_help())
    workspace.add_argument(
        "--organisation",
        required=True,
        metavar=gettext("ORGANISATION"),
        help=gettext("name of the organisation"),
    )
    workspace.add_argument(
        "--link-by-email",
        choices=["yes", "no"],
        help=gettext(
            "whether chat users are linked by the e-mail their platform verified "
            "(default: leave the organisation's setting as it is)"
        ),
    )
    workspace.add_argument(
        "--replace",
        action="store_true",
        help=gettext("move the workspace if it is linked to another organisation"),
    )
    _add_data_option(workspace)
    workspace.set_defaults(handler=link_commands.run_link_workspace)

    user = _add_command(kinds, "user", gettext("link a chat user to an employee"))
    _add_chat_user_arguments(user)
    user.add_argument(
        "--employee",
        required=True,
        metavar=gettext("NAME"),
        help=gettext('full name, e.g. "Kari Nordmann"'),
    )
    user.add_argument(
        "--replace",
        action="store_true",
        help=gettext("move the user's link if it points to another employee"),
    )
    _add_data_option(user)
    user.set_defaults(handler=link_commands.run_link_user)

    remove = _add_command(kinds, "remove", gettext("remove a link"))
    removed_kinds = remove.add_subparsers(dest="removed", required=True, metavar=gettext("KIND"))
    remove_user = _add_command(
        removed_kinds,
        "user",
        gettext("remove a chat user's link to an employee (recorded in the audit log)"),
    )
    _add_chat_user_arguments(remove_user)
    _add_data_option(remove_user)
    remove_user.set_defaults(handler=link_commands.run_unlink_user)


def _platform_metavar() -> str:
    return gettext("PLATFORM")


def _platform_help() -> str:
    return gettext("slack or teams")


def _workspace_help() -> str:
    return gettext("Slack team id (T… or E…) or Teams tenant id (a GUID)")


def _add_chat_user_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "platform", choices=CHAT_PLATFORMS, metavar=_platform_metavar(), help=_platform_help()
    )
    parser.add_argument("workspace", metavar=gettext("WORKSPACE"), help=_workspace_help())
    parser.add_argument(
        "user",
        metavar=gettext("USER"),
        help=gettext(
            "Slack user id (U… or W…) or the Teams user's Microsoft Entra object id (a GUID)"
        ),
    )


def _add_serve(subcommands: SubCommands) -> None:
    serve = _add_command(
        subcommands,
        "serve",
        gettext(
            "run the web server for the chat platforms (Slack: /slack/events, Teams: /api/messages)"
        ),
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        metavar=gettext("ADDRESS"),
        help=gettext(
            "address to listen on (default 127.0.0.1; put a TLS proxy in front for Slack)"
        ),
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=3978,
        metavar=gettext("PORT"),
        help=gettext("port (default 3978; 0 picks a free port)"),
    )
    _add_data_option(serve)
    # A server logs its start, stop and each request at INFO, which operators expect to see.
    serve.set_defaults(handler=commands.run_serve, default_log_level="INFO")


def _add_bench(subcommands: SubCommands) -> None:
    bench = _add_command(subcommands, "bench", gettext("run a public solver benchmark"))
    suites = bench.add_subparsers(dest="suite", required=True, metavar=gettext("SUITE"))
    curtois = _add_command(
        suites,
        "curtois",
        gettext("solve one Curtois & Qu instance and print the evaluated objective"),
    )
    curtois.add_argument(
        "instance", metavar=gettext("INSTANCE"), help=gettext("instance file, e.g. Instance1.txt")
    )
    curtois.add_argument(
        "--time-limit",
        type=_positive_seconds,
        default=60.0,
        metavar=gettext("SECONDS"),
        help=gettext("time limit in seconds (default 60)"),
    )
    curtois.add_argument(
        "--out",
        metavar=gettext("FILE"),
        help=gettext(
            "path of the solution file to write; an earlier file there is replaced only when "
            "the run finds a roster"
        ),
    )
    curtois.add_argument(
        "--workers",
        type=_positive_integer,
        default=2,
        metavar=gettext("THREADS"),
        help=gettext("CP-SAT worker threads (default 2)"),
    )
    curtois.add_argument(
        "--quiet",
        action="store_true",
        help=gettext(
            "print no progress lines on standard error while solving; the report and the "
            "solution file stay the same"
        ),
    )
    curtois.set_defaults(handler=_run_bench_curtois)


def _run_bench_curtois(arguments: argparse.Namespace) -> int:
    # Imported here so that other subcommands start without loading OR-Tools.
    from vaktbot.bench_commands import run_bench_curtois

    return run_bench_curtois(arguments)


def _add_teams(subcommands: SubCommands) -> None:
    teams = _add_command(subcommands, "teams", gettext("Microsoft Teams set-up"))
    actions = teams.add_subparsers(dest="action", required=True, metavar=gettext("ACTION"))
    package = _add_command(
        actions, "package", gettext("build the Teams app package (manifest and icons) to upload")
    )
    package.add_argument(
        "--out",
        required=True,
        metavar=gettext("FILE"),
        help=gettext("path of the zip file to write"),
    )
    package.add_argument(
        "--app-id",
        metavar=gettext("ID"),
        help=gettext("the bot's Microsoft Entra application id (default: $TEAMS_APP_ID)"),
    )
    package.add_argument(
        "--website-url",
        required=True,
        metavar="URL",
        help=gettext("https address of your vaktbot information page"),
    )
    package.add_argument(
        "--privacy-url",
        metavar="URL",
        help=gettext("https address of the privacy statement (default: the website URL)"),
    )
    package.add_argument(
        "--terms-url",
        metavar="URL",
        help=gettext("https address of the terms of use (default: the website URL)"),
    )
    package.add_argument(
        "--developer",
        default="vaktbot",
        metavar=gettext("NAME"),
        help=gettext("publisher name shown in Teams, at most 32 characters (default: vaktbot)"),
    )
    package.add_argument(
        "--version",
        default="1.0.0",
        metavar=gettext("VERSION"),
        help=gettext("app version; raise it for each new upload (default: 1.0.0)"),
    )
    package.set_defaults(handler=_run_teams_package)


def _run_teams_package(arguments: argparse.Namespace) -> int:
    # Imported here so that other subcommands start without loading the Agents SDK.
    from bots.teams.package import run_package_command

    return run_package_command(arguments)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `vaktbot` command; return its exit status.

    argparse exits with status 2 on bad arguments. A failure the command did not handle
    itself is reported in the operator's language by `vaktbot.failures`.
    """
    with argparse_translated():
        arguments = build_parser().parse_args(argv)
    level = arguments.log_level or getattr(arguments, "default_log_level", "WARNING")
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler: Callable[[argparse.Namespace], int] = arguments.handler
    try:
        status = handler(arguments)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        _silence_closed_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        print_error(gettext(INTERRUPTED))
        return EXIT_INTERRUPTED
    except Exception as error:
        return report_failure(error, arguments.command)


def _silence_closed_stdout() -> None:
    """Point standard output at devnull, so that Python's flush at exit cannot fail again.

    A reader such as `head` closed the pipe, which is how the output was meant to end,
    so there is nothing to report. This follows the Python documentation's note on SIGPIPE.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        # capsys and other in-memory streams have no file descriptor to replace.
        pass


if __name__ == "__main__":
    sys.exit(main())
