"""The work behind `vaktbot export roster` and `vaktbot export gaps`.

    vaktbot export roster --unit "Sengepost 3B" --out turnus.csv
    vaktbot export roster --unit "Sengepost 3B" --out turnus.csv --period 2027-02-15
    vaktbot export gaps --unit "Sengepost 3B" --out hull.csv --overwrite

Both write a file about one draft or published roster: by default the roster in
force today, else the one whose days include `--period`. An existing file is kept
unless `--overwrite` is given. The exit status is 0 on success and 2 on a mistake
in the arguments or a file that cannot be written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.i18n import N_, Translator
from core.rosters import Roster, RosterStatus
from vaktbot.failures import EXIT_CONFIGURATION, print_error

if TYPE_CHECKING:
    from storage.store import Store

logger = logging.getLogger(__name__)

# The message names whether the file is the published roster or a draft. The
# export never writes a proposed repair or a replaced roster.
EXPORTED_ROSTER = {
    RosterStatus.PUBLISHED: N_("Wrote the published roster from %(start)s to %(end)s to %(path)s."),
    RosterStatus.DRAFT: N_(
        "Wrote a draft roster from %(start)s to %(end)s to %(path)s. It is not published, "
        "so staff do not see it yet."
    ),
}
NO_ROSTER_TO_EXPORT = N_(
    "%(unit)s has no roster yet, so there is nothing to export. A planner makes one in the "
    "chat, for example with «lag turnus for uke 3–8». Then run this command again."
)
MISSING_OUT_FOLDER = N_(
    "The folder %(folder)s does not exist. Create it first, or give --out a file in a folder "
    "that exists, for example --out %(example)s."
)
UNWRITABLE_OUT_FILE = N_(
    "Could not write %(path)s. Check that you may write there and that the disk is not full, "
    "or give --out another file, for example --out %(example)s."
)
EXISTING_OUT_FILE = N_(
    "%(path)s already exists, so nothing was written and the file is unchanged. Give --out "
    "another file or folder, for example --out %(example)s, or add --overwrite to replace it."
)
REPLACED_OUT_FILE = N_("The earlier file at that path was replaced.")

# Messages for a day that fits no single roster, each followed by a list of rosters.
NO_ROSTER_ON_PERIOD_DAY = N_(
    "No draft or published roster of %(unit)s includes %(day)s. Give --period the first "
    "day of one of its rosters:"
)
NO_ROSTER_TODAY = N_(
    "No roster of %(unit)s is in force today, %(day)s, and it has several. Choose one with "
    "--period and its first day:"
)
SEVERAL_ROSTERS_ON_DAY = N_(
    "Several rosters of %(unit)s include %(day)s. Give --period the first day of the one you want:"
)
LATER_ROSTERS = N_("%(unit)s also has later rosters. To export one, give --period its first day:")
ROSTER_PERIODS = {
    RosterStatus.PUBLISHED: N_("the published roster from %(start)s to %(end)s: --period %(day)s"),
    RosterStatus.DRAFT: N_("the draft roster from %(start)s to %(end)s: --period %(day)s"),
}
INVALID_DATE_OPTION = N_("«%(value)s» is not a date; write it as year-month-day, e.g. 2027-01-04")

# Writes a file about `roster` to `path` and returns the message naming what it wrote.
RosterFileWriter = Callable[["Store", Any, Roster, Path, bool, Translator], str]


def iso_date(text: str) -> dt.date:
    """Parse an ISO date such as 2027-01-04, for argparse."""
    from vaktbot.argparse_i18n import gettext

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(gettext(INVALID_DATE_OPTION, value=text)) from None


def run_export_roster(arguments: argparse.Namespace) -> int:
    return _export_roster_file(arguments, "roster.csv", _write_roster_file)


def run_export_gaps(arguments: argparse.Namespace) -> int:
    return _export_roster_file(arguments, "hull.csv", _write_gaps_file)


def _export_roster_file(
    arguments: argparse.Namespace, default_name: str, write: RosterFileWriter
) -> int:
    """Choose the roster, and let `write` put a file about it at `--out`."""
    from core.actions.roster_exports import exportable_rosters
    from core.calendar import today_in_oslo
    from vaktbot.app import ConfigurationError, Settings, open_database
    from vaktbot.commands import find_unit, unknown_unit_message

    translator = Translator.for_locale(None)
    today = arguments.today or today_in_oslo()
    try:
        database = open_database(Settings.from_environment(arguments.data), must_exist=True)
    except ConfigurationError as error:
        return _fail(str(error))
    with database.store() as store:
        unit = find_unit(store, arguments.unit)
        if unit is None:
            return _fail(unknown_unit_message(store, arguments.unit, translator))
        rosters = exportable_rosters(store, unit.id)
        if not rosters:
            return _fail(translator.gettext(NO_ROSTER_TO_EXPORT, unit=unit.name))
        roster = _chosen_roster(rosters, arguments.period, today, unit.name, translator)
        if roster is None:
            return EXIT_CONFIGURATION
        path = _out_path(Path(arguments.out), default_name)
        if not path.parent.is_dir():
            return _fail(
                translator.gettext(MISSING_OUT_FOLDER, folder=path.parent, example=default_name)
            )
        try:
            existed = path.exists()
            message = write(store, unit, roster, path, arguments.overwrite, translator)
        except FileExistsError:
            example = _free_name(path, roster)
            return _fail(translator.gettext(EXISTING_OUT_FILE, path=path, example=example))
        except OSError as error:
            logger.info("could not write the export file: %s", error.strerror)
            return _fail(translator.gettext(UNWRITABLE_OUT_FILE, path=path, example=default_name))
    lines = [message]
    if existed:
        lines.append(translator.gettext(REPLACED_OUT_FILE))
    later = [other for other in rosters if other.start > roster.end]
    if later:
        lines += _listed_rosters(LATER_ROSTERS, later, unit.name, translator)
    print("\n".join(lines))
    return 0


def _chosen_roster(
    rosters: list[Roster],
    period_day: dt.date | None,
    today: dt.date,
    unit_name: str,
    translator: Translator,
) -> Roster | None:
    """Return the roster to export, or print why none fits with the rosters to choose from."""
    from core.actions.roster_exports import rosters_for_day

    day = period_day or today
    candidates = rosters_for_day(rosters, day, requested=period_day is not None)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        message, listed = SEVERAL_ROSTERS_ON_DAY, candidates
    elif period_day is not None:
        message, listed = NO_ROSTER_ON_PERIOD_DAY, rosters
    else:
        message, listed = NO_ROSTER_TODAY, rosters
    lines = _listed_rosters(message, listed, unit_name, translator, day=day)
    print_error("\n".join(lines))
    return None


def _listed_rosters(
    message: str,
    rosters: list[Roster],
    unit_name: str,
    translator: Translator,
    *,
    day: dt.date | None = None,
) -> list[str]:
    """Return `message` and then a line per roster, with the --period that chooses it."""
    lines = [
        translator.gettext(
            message,
            unit=unit_name,
            day=translator.date(day, with_year=True) if day is not None else "",
        )
    ]
    for roster in rosters:
        period = translator.gettext(
            ROSTER_PERIODS[roster.status],
            start=translator.date(roster.start, with_year=True),
            end=translator.date(roster.end, with_year=True),
            day=roster.start.isoformat(),
        )
        lines.append(f"  • {period}")
    return lines


def _out_path(out: Path, default_name: str) -> Path:
    """Return `out`, or the file `default_name` in it when `out` is a folder."""
    try:
        return out / default_name if out.is_dir() else out
    except OSError:
        return out


def _free_name(path: Path, roster: Roster) -> Path:
    """Return a file beside `path`, named after the roster's first day, that does not exist."""
    candidate = path.with_name(f"{path.stem}-{roster.start.isoformat()}{path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{roster.start.isoformat()}-{number}{path.suffix}")
        number += 1
    return candidate


def _write_roster_file(
    store: Store, unit: Any, roster: Roster, path: Path, overwrite: bool, translator: Translator
) -> str:
    from core.actions.rosters import export_roster_csv

    export_roster_csv(store, roster, path, overwrite=overwrite)
    return translator.gettext(
        EXPORTED_ROSTER[roster.status],
        path=path,
        start=translator.date(roster.start, with_year=True),
        end=translator.date(roster.end, with_year=True),
    )


def _write_gaps_file(
    store: Store, unit: Any, roster: Roster, path: Path, overwrite: bool, translator: Translator
) -> str:
    from core.actions.rosters import export_gaps_csv, roster_coverage_gaps

    gaps = roster_coverage_gaps(store, unit, roster)
    export_gaps_csv(gaps, path, overwrite=overwrite)
    return translator.ngettext(
        "Wrote %(count)s coverage gap of the roster from %(start)s to %(end)s to %(path)s.",
        "Wrote %(count)s coverage gaps of the roster from %(start)s to %(end)s to %(path)s.",
        len(gaps),
        path=path,
        start=translator.date(roster.start, with_year=True),
        end=translator.date(roster.end, with_year=True),
    )


def _fail(message: str) -> int:
    print_error(message)
    return EXIT_CONFIGURATION
