"""The `vaktbot` command: one entry point for every job, each a subcommand.

This module only reads arguments and hands them to the module that does the
work, so that each subcommand can be tested without a shell.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from vaktbot import commands

# A safeguard only: the demo's solves end on their work limits first (the whole demo
# took 51–57 s on a 2-core VM), and a loaded machine needs more wall time for them.
DEMO_TIME_LIMIT_SECONDS = 120.0

DATA_HELP = (
    "folder with vaktbot.db and vaktbot.key (default: $VAKTBOT_DATA or the current folder); "
    "VAKTBOT_DATABASE_URL and VAKTBOT_ENCRYPTION_KEYS override the files"
)


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", help=DATA_HELP)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vaktbot",
        description="vaktbot: a chat-first rostering assistant for Norwegian healthcare wards.",
        epilog="Each command has --help. Set --log-level before the command, "
        "e.g. vaktbot --log-level INFO serve.",
    )
    parser.add_argument("--log-level", help="logging level, e.g. INFO or DEBUG "
                        "(default: INFO for serve, WARNING for the other commands)")
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    _add_parse(subcommands)
    _add_chat(subcommands)
    _add_demo(subcommands)
    _add_unit(subcommands)
    _add_key(subcommands)
    _add_import(subcommands)
    _add_export(subcommands)
    _add_db(subcommands)
    _add_check(subcommands)
    _add_link(subcommands)
    _add_serve(subcommands)
    _add_bench(subcommands)
    _add_teams(subcommands)
    return parser


def _add_parse(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parse = subcommands.add_parser("parse", help="print the structured command a message means")
    parse.add_argument("text", nargs="?", help="the message; omit with --jsonl")
    parse.add_argument(
        "--now", help="reference time in Europe/Oslo, ISO format (default: the current time)"
    )
    parse.add_argument(
        "--jsonl",
        action="store_true",
        help="read JSON lines with id and text from standard input, print one result a line",
    )
    parse.set_defaults(handler=commands.run_parse)


def _add_chat(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chat = subcommands.add_parser("chat", help="chat with vaktbot in the terminal as one employee")
    chat.add_argument("--as", dest="as_name", required=True, help='full name, e.g. "Kari Nordmann"')
    chat.add_argument("--locale", choices=["nb", "nn", "en"], help="reply language (default nb)")
    chat.add_argument(
        "--today", help="pretend today is this ISO date (default: the current date in Oslo)"
    )
    _add_data_option(chat)
    chat.set_defaults(handler=commands.run_chat)


def _add_demo(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subcommands.add_parser(
        "demo", help="seed a demo ward, play a scripted conversation and plan six weeks"
    )
    demo.add_argument(
        "--out", default=".", help="folder for roster.csv, the demo database and its key"
    )
    demo.add_argument(
        "--today", help="pretend today is this ISO date (default: the current date in Oslo)"
    )
    demo.add_argument(
        "--time-limit", type=float, default=DEMO_TIME_LIMIT_SECONDS,
        help="wall-clock cap of each roster solve in seconds (default "
        f"{DEMO_TIME_LIMIT_SECONDS:.0f}); the solves stop on a fixed amount of work first, "
        "so that two runs print the same rosters, unless this cap cuts them short",
    )
    demo.set_defaults(handler=commands.run_demo)


def _add_unit(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    unit = subcommands.add_parser("unit", help="create a unit (avdeling) or show its set-up")
    actions = unit.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser(
        "create", help="create a unit with shift types and a staffing plan"
    )
    create.add_argument("name", help="name of the unit, e.g. \"Sengepost 3B\"")
    create.add_argument(
        "--organisation", required=True,
        help="name of the organisation (created when it does not exist)",
    )
    create.add_argument(
        "--shifts", help="CSV kode;navn;type;start;slutt (default: D 07:30–15:00, "
        "A 14:30–22:00, N 21:45–07:45)",
    )
    create.add_argument(
        "--staffing", help="CSV dag;vakt;minimum;ønsket;kompetanse (default: one person "
        "on every shift every day)",
    )
    _add_data_option(create)
    create.set_defaults(handler=commands.run_unit_create)
    show = actions.add_parser("show", help="show a unit's shift types and staffing plan")
    show.add_argument("name", help="name of the unit")
    _add_data_option(show)
    show.set_defaults(handler=commands.run_unit_show)


def _add_key(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    key = subcommands.add_parser("key", help="manage the encryption key of personal data")
    actions = key.add_subparsers(dest="action", required=True, metavar="ACTION")
    generate = actions.add_parser(
        "generate", help="print a new random key as VAKTBOT_ENCRYPTION_KEYS settings"
    )
    generate.add_argument("--id", default="k1", help="key id stored beside each value (k1)")
    generate.set_defaults(handler=commands.run_key_generate)


def _add_import(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    import_command = subcommands.add_parser("import", help="import data from an HR export")
    kinds = import_command.add_subparsers(dest="kind", required=True, metavar="KIND")
    employees = kinds.add_parser("employees", help="import employees from a CSV file")
    employees.add_argument(
        "file", help="CSV with the columns navn, stillingsprosent, stilling, kompetanse"
    )
    employees.add_argument("--unit", required=True, help="name of the unit (avdeling)")
    _add_data_option(employees)
    employees.set_defaults(handler=commands.run_import_employees)


def _add_export(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subcommands.add_parser("export", help="export data as files")
    kinds = export.add_subparsers(dest="kind", required=True, metavar="KIND")
    roster = kinds.add_parser("roster", help="write the newest roster of a unit as CSV")
    roster.add_argument("--unit", required=True, help="name of the unit (avdeling)")
    roster.add_argument("--out", required=True, help="path of the CSV file to write")
    _add_data_option(roster)
    roster.set_defaults(handler=commands.run_export_roster)


def _add_check(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = subcommands.add_parser(
        "check", help="check a roster CSV file against a unit's rules and list every violation"
    )
    check.add_argument(
        "file", help="roster CSV with the columns employee,date,shift_code,start,end"
    )
    check.add_argument("--unit", required=True, help="name of the unit (avdeling)")
    _add_data_option(check)
    check.set_defaults(handler=commands.run_check)


def _add_db(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    database = subcommands.add_parser("db", help="manage the database schema")
    actions = database.add_subparsers(dest="action", required=True, metavar="ACTION")
    upgrade = actions.add_parser("upgrade", help="apply every pending migration")
    _add_data_option(upgrade)
    upgrade.set_defaults(handler=commands.run_db_upgrade)


CHAT_PLATFORMS = ("slack", "teams")


def _add_link(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # Imported here so that other subcommands need not load the link commands.
    from vaktbot import link_commands

    link = subcommands.add_parser("link", help="link chat workspaces and users to vaktbot")
    kinds = link.add_subparsers(dest="kind", required=True, metavar="KIND")

    workspace = kinds.add_parser(
        "workspace", help="map a Slack team or Teams tenant to an organisation"
    )
    workspace.add_argument("platform", choices=CHAT_PLATFORMS)
    workspace.add_argument("workspace", help=WORKSPACE_HELP)
    workspace.add_argument("--organisation", required=True, help="name of the organisation")
    workspace.add_argument(
        "--link-by-email", choices=["yes", "no"],
        help="whether chat users are linked by the e-mail their platform verified "
        "(default: leave the organisation's setting as it is)",
    )
    workspace.add_argument("--replace", action="store_true",
                           help="move the workspace if it is linked to another organisation")
    _add_data_option(workspace)
    workspace.set_defaults(handler=link_commands.run_link_workspace)

    user = kinds.add_parser("user", help="link a chat user to an employee")
    _add_chat_user_arguments(user)
    user.add_argument("--employee", required=True, help='full name, e.g. "Kari Nordmann"')
    user.add_argument("--replace", action="store_true",
                      help="move the user's link if it points to another employee")
    _add_data_option(user)
    user.set_defaults(handler=link_commands.run_link_user)

    remove = kinds.add_parser("remove", help="remove a link")
    removed_kinds = remove.add_subparsers(dest="removed", required=True, metavar="KIND")
    remove_user = removed_kinds.add_parser(
        "user", help="remove a chat user's link to an employee (recorded in the audit log)")
    _add_chat_user_arguments(remove_user)
    _add_data_option(remove_user)
    remove_user.set_defaults(handler=link_commands.run_unlink_user)


WORKSPACE_HELP = "Slack team id (T… or E…) or Teams tenant id (a GUID)"


def _add_chat_user_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("platform", choices=CHAT_PLATFORMS)
    parser.add_argument("workspace", help=WORKSPACE_HELP)
    parser.add_argument("user", help="Slack user id (U… or W…) or the Teams user's "
                        "Microsoft Entra object id (a GUID)")


def _add_serve(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = subcommands.add_parser(
        "serve", help="run the web server for the chat platforms "
        "(Slack: /slack/events, Teams: /api/messages)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on "
                       "(default 127.0.0.1; put a TLS proxy in front for Slack)")
    serve.add_argument("--port", type=int, default=3978, help="port (default 3978)")
    _add_data_option(serve)
    # A server logs its start, stop and each request at INFO, which operators expect to see.
    serve.set_defaults(handler=commands.run_serve, default_log_level="INFO")


def _add_bench(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bench = subcommands.add_parser("bench", help="run a public solver benchmark")
    suites = bench.add_subparsers(dest="suite", required=True, metavar="SUITE")
    curtois = suites.add_parser(
        "curtois", help="solve one Curtois & Qu instance and print the evaluated objective"
    )
    curtois.add_argument("instance", help="instance file, e.g. Instance1.txt")
    curtois.add_argument(
        "--time-limit", type=float, default=60.0, help="time limit in seconds (default 60)"
    )
    curtois.add_argument("--out", help="path of the solution file to write")
    curtois.add_argument("--workers", type=int, default=2, help="CP-SAT worker threads (default 2)")
    curtois.set_defaults(handler=_run_bench_curtois)


def _run_bench_curtois(arguments: argparse.Namespace) -> int:
    # Imported here so that other subcommands start without loading OR-Tools.
    from solver.benchmarks.cli import run_bench_curtois

    return run_bench_curtois(arguments)


def _add_teams(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    teams = subcommands.add_parser("teams", help="Microsoft Teams set-up")
    actions = teams.add_subparsers(dest="action", required=True, metavar="ACTION")
    package = actions.add_parser(
        "package", help="build the Teams app package (manifest and icons) to upload"
    )
    package.add_argument("--out", required=True, help="path of the zip file to write")
    package.add_argument(
        "--app-id", help="the bot's Microsoft Entra application id (default: $TEAMS_APP_ID)"
    )
    package.add_argument(
        "--website-url", required=True, help="https address of your vaktbot information page"
    )
    package.add_argument("--privacy-url", help="https address of the privacy statement "
                         "(default: the website URL)")
    package.add_argument("--terms-url", help="https address of the terms of use "
                         "(default: the website URL)")
    package.add_argument("--developer", default="vaktbot",
                         help="publisher name shown in Teams, at most 32 characters "
                         "(default: vaktbot)")
    package.add_argument("--version", default="1.0.0",
                         help="app version; raise it for each new upload (default: 1.0.0)")
    package.set_defaults(handler=_run_teams_package)


def _run_teams_package(arguments: argparse.Namespace) -> int:
    # Imported here so that other subcommands start without loading the Agents SDK.
    from bots.teams.package import run_package_command

    return run_package_command(arguments)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    level = arguments.log_level or getattr(arguments, "default_log_level", "WARNING")
    logging.basicConfig(
        level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    handler: Callable[[argparse.Namespace], int] = arguments.handler
    return handler(arguments)


if __name__ == "__main__":
    sys.exit(main())
