"""Coverage gaps after planning: a summary that fits a chat, and the full CSV list."""

from __future__ import annotations

import csv
import datetime as dt
import io

from core.commands import DateRange
from core.compliance.model import Severity, Violation, ViolationRule
from core.coverage import render_gap_summary, write_gaps_csv
from core.i18n import Translator
from core.messages import ReplyKind
from tests.core.capacity_cast import add_understaffed_unit
from tests.core.ward_cast import TODAY, SeededWard, own_replies

NB = Translator("nb")
WEEK_3 = DateRange(dt.date(2027, 1, 18), dt.date(2027, 1, 24))


def staffing_gap(day: dt.date, code: str, staffed: int, minimum: int = 2) -> Violation:
    details: dict[str, int | str] = {
        "staffed": staffed,
        "minimum": minimum,
        "missing": minimum - staffed,
    }
    return Violation(ViolationRule.STAFFING_MINIMUM, Severity.ERROR, None, day, code, details)


def nurse_gap(day: dt.date, code: str) -> Violation:
    details: dict[str, int | str] = {
        "competence": "sykepleier",
        "staffed": 0,
        "minimum": 1,
        "missing": 1,
    }
    return Violation(ViolationRule.COMPETENCE_MINIMUM, Severity.ERROR, None, day, code, details)


def gaps_every_day(start: dt.date, days: int) -> list[Violation]:
    """Return an empty night and an evening one person short on each of `days` days."""
    gaps = []
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        gaps += [staffing_gap(day, "A", 1), staffing_gap(day, "N", 0)]
    return gaps


def test_few_gaps_are_listed_one_by_one() -> None:
    """Up to eight gaps fit the chat, so each is listed with its day."""
    gaps = [staffing_gap(WEEK_3.start, "N", 1)]

    assert render_gap_summary(gaps, NB, TODAY).splitlines() == [
        "Bemanning: 1 hull under minstebemanningen:",
        "  N mandag 18. januar har 1 på vakt, men trenger minst 2.",
    ]


def test_many_gaps_are_summed_by_week_and_shift() -> None:
    """Nine or more gaps are summed per ISO week and shift, in the unit's shift order."""
    gaps = [*gaps_every_day(WEEK_3.start, 10), nurse_gap(WEEK_3.start, "N")]

    lines = render_gap_summary(gaps, NB, TODAY, ("D", "A", "N")).splitlines()

    assert lines == [
        "Bemanning: 21 hull under minstebemanningen, til sammen mangler 30 vakter og 1 med "
        "kompetansen vaktene krever. Mangler per uke og vakt:",
        "  uke 3 (18. januar–24. januar): A 7, N 14, N (sykepleier) 1",
        "  uke 4 (25. januar–31. januar): A 3, N 6",
    ]


def test_headcount_gaps_alone_leave_out_competence() -> None:
    """Without a competence gap, the totals name only the missing shifts."""
    lines = render_gap_summary(gaps_every_day(WEEK_3.start, 5), NB, TODAY).splitlines()

    assert lines[0] == (
        "Bemanning: 10 hull under minstebemanningen, til sammen mangler 15 vakter. Mangler per "
        "uke og vakt:"
    )


def test_competence_gaps_alone_are_counted() -> None:
    """Nights staffed without a nurse count as missing a competence, not as missing shifts."""
    gaps = [nurse_gap(WEEK_3.start + dt.timedelta(days=offset), "N") for offset in range(9)]

    lines = render_gap_summary(gaps, NB, TODAY, ("D", "A", "N")).splitlines()

    assert lines[0] == (
        "Bemanning: 9 hull under minstebemanningen, til sammen mangler 0 vakter og 9 med "
        "kompetansen vaktene krever. Mangler per uke og vakt:"
    )


def test_gap_summary_stops_after_ten_weeks() -> None:
    """A long roster full of gaps shows ten weeks and counts the rest, so it fits a screen."""
    gaps = gaps_every_day(WEEK_3.start, 12 * 7)

    lines = render_gap_summary(gaps, NB, TODAY).splitlines()

    assert len(lines) == 12
    assert lines[-2].startswith("  uke 12 (22. mars–28. mars): ")
    assert lines[-1] == "  … og 2 uker til."


def test_gap_csv_lists_every_gap() -> None:
    """The CSV file has a row per gap, in date order, with the headcounts."""
    output = io.StringIO()
    gaps = [staffing_gap(WEEK_3.end, "D", 0), nurse_gap(WEEK_3.start, "N")]

    write_gaps_csv(gaps, output)

    assert list(csv.reader(io.StringIO(output.getvalue()))) == [
        ["date", "shift_code", "competence", "staffed", "minimum", "missing"],
        ["2027-01-18", "N", "sykepleier", "0", "1", "1"],
        ["2027-01-24", "D", "", "0", "2", "2"],
    ]


def test_understaffed_unit_gets_a_short_report(test_ward: SeededWard) -> None:
    """Three people for six shifts a day: the chat gets totals and the cause, the file the rest."""
    add_understaffed_unit(test_ward)
    test_ward.say("Berit Dahl", "Lag turnus for uke 3")

    generated = own_replies(test_ward.say("Berit Dahl", "ja"))

    (summary,) = [reply for reply in generated if reply.kind == ReplyKind.ROSTER]
    lines = summary.text.splitlines()
    assert lines[1].startswith("Bemanning: ")
    assert lines[1].endswith("Mangler per uke og vakt:")
    assert lines[2].startswith("  uke 3 (18. januar–24. januar): D ")
    assert lines[3] == (
        "Årsak: 3 ansatte kan ikke dekke 6 vakter om dagen: hver person kan ha høyst én vakt i "
        "døgnet, og stillingene (til sammen 280 % av en full stilling på 35 t 30 min i uka) gir "
        "høyst 123 t 24 min i perioden uten å gå over målet pluss avviket avdelingen tillater, "
        "mens minstebemanningen krever 350 t (42 vakter). Planleggingen kan likevel sette folk "
        "opp litt over dette for å dekke et hull, så timene er ingen absolutt grense."
    )
    assert "Hvorfor det er hull" not in summary.text
    assert len(lines) < 20

    (gap_file,) = [reply for reply in generated if reply.title == "Hull i bemanningen"]
    assert gap_file.attachment is not None
    rows = list(csv.DictReader(gap_file.attachment.open(encoding="utf-8")))
    gap_count = int(lines[1].split()[1])
    assert len(rows) == gap_count
    assert gap_file.text == (
        f"Hele listen over de {gap_count} hullene, dag for dag, står i den vedlagte fila "
        f"{gap_file.attachment.name}."
    )
