"""`vaktbot bench curtois`: a Norwegian report, and no stale or half-written solution file."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from core.i18n import Translator
from solver.benchmarks.runner import BenchmarkRun
from solver.benchmarks.solution import read_solution
from solver.engine import Progress
from tests.solver.benchmarks.curtois_builders import (
    IMPOSSIBLE_INSTANCE,
    TINY_INSTANCE,
    write_instance,
)
from vaktbot.bench_commands import ProgressLines
from vaktbot.cli import main

CURTOIS_FOLDER = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "curtois-qu"
INSTANCE1 = CURTOIS_FOLDER / "Instance1.txt"
OLD_SOLUTION = "# instance from an earlier run\nA\t-\n"

needs_data = pytest.mark.skipif(
    not INSTANCE1.is_file(), reason=f"Curtois & Qu data not found at {CURTOIS_FOLDER}"
)


@pytest.fixture
def tiny_instance(tmp_path: Path) -> Path:
    write_instance(tmp_path, "Tiny", TINY_INSTANCE)
    return tmp_path / "Tiny.txt"


@pytest.fixture
def old_solution(tmp_path: Path) -> Path:
    """A solution file left by an earlier run, in its own folder."""
    folder = tmp_path / "results"
    folder.mkdir()
    path = folder / "solution.txt"
    path.write_text(OLD_SOLUTION, encoding="ascii")
    return path


def bench(instance: Path, out: Path | None, *options: str) -> int:
    arguments = ["bench", "curtois", str(instance), "--time-limit", "5", *options]
    return main([*arguments, "--out", str(out)] if out is not None else arguments)


def test_report_is_norwegian(
    tiny_instance: Path, old_solution: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A solved instance is reported line by line in bokmål, and the file is replaced."""
    exit_code = bench(tiny_instance, old_solution)

    printed = capsys.readouterr().out
    assert exit_code == 0
    assert printed.splitlines()[0].split() == ["instans", "Tiny"]
    assert "kontrollert fra filen; dekning" in printed
    assert f"løsningsfil   {old_solution}" in printed
    assert "objective" not in printed
    assert read_solution(old_solution).comments["instance"] == "Tiny"


def test_no_temporary_file_is_left(tiny_instance: Path, old_solution: Path) -> None:
    """The temporary file beside --out is renamed over it, so the folder holds one file."""
    bench(tiny_instance, old_solution)

    assert [path.name for path in old_solution.parent.iterdir()] == ["solution.txt"]


@needs_data
def test_instance1_names_best_known_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Beside best-known.csv the report gives the best known value and the gap in percent."""
    exit_code = bench(INSTANCE1, tmp_path / "Instance1.solution.txt")

    printed = capsys.readouterr().out
    assert exit_code == 0
    assert "beste kjente  607 (avvik " in printed
    assert " %)" in printed


def test_bad_instance_keeps_earlier_file(
    tmp_path: Path, old_solution: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is no instance leaves the earlier solution alone and says it is old."""
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n", encoding="ascii")

    exit_code = bench(notes, old_solution)

    errors = capsys.readouterr().err
    assert exit_code == 2
    assert f"Instansfilen {notes} er ikke i Curtois & Qu-formatet: linje 1 er feil." in errors
    assert (
        f"Ingen løsningsfil ble skrevet. {old_solution} er fra en tidligere kjøring og "
        "ble ikke endret."
    ) in errors
    assert old_solution.read_text(encoding="ascii") == OLD_SOLUTION


def test_missing_instance_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing instance file is named, and the message says no solution file was written."""
    out = tmp_path / "solution.txt"

    exit_code = bench(tmp_path / "Instance99.txt", out)

    errors = capsys.readouterr().err
    assert exit_code == 2
    assert f"Instansfilen {tmp_path / 'Instance99.txt'} finnes ikke." in errors
    assert f"Ingen løsningsfil ble skrevet til {out}." in errors
    assert not out.exists()


def test_missing_out_folder_says_what_to_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An --out file in a folder that does not exist is refused with an example that works."""
    write_instance(tmp_path, "Tiny", TINY_INSTANCE)
    out = tmp_path / "missing" / "solution.txt"

    exit_code = bench(tmp_path / "Tiny.txt", out)

    errors = capsys.readouterr().err
    assert exit_code == 2
    assert f"Mappen {tmp_path / 'missing'} finnes ikke. Opprett den først" in errors
    assert "for eksempel --out Tiny.solution.txt." in errors
    assert not out.parent.exists()


def test_no_roster_keeps_earlier_file(
    tmp_path: Path, old_solution: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An instance without a feasible roster exits 1 and does not touch the earlier file."""
    write_instance(tmp_path, "Impossible", IMPOSSIBLE_INSTANCE)

    exit_code = bench(tmp_path / "Impossible.txt", old_solution)

    printed = capsys.readouterr()
    assert exit_code == 1
    assert "Impossible: fant ingen turnus innenfor tidsgrensen." in printed.out
    assert "er fra en tidligere kjøring" in printed.err
    assert old_solution.read_text(encoding="ascii") == OLD_SOLUTION


def test_error_mid_run_keeps_earlier_file(
    tiny_instance: Path,
    old_solution: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A crash in the solver is reported with an error id, and the old file stays as it was."""

    def crash(*_arguments: object, **_options: object) -> BenchmarkRun:
        raise RuntimeError("solver crashed")

    monkeypatch.setattr("vaktbot.bench_commands.solve_curtois", crash)

    exit_code = bench(tiny_instance, old_solution)

    errors = capsys.readouterr().err
    assert exit_code == 1
    assert "vaktbot: Noe gikk galt (feil-id " in errors
    assert "er fra en tidligere kjøring og ble ikke endret" in errors
    assert old_solution.read_text(encoding="ascii") == OLD_SOLUTION


def test_failed_read_back_removes_temporary_file(
    tiny_instance: Path,
    old_solution: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file that cannot be read back is not renamed over --out, and is removed."""

    def unreadable(path: Path) -> object:
        raise OSError(5, "Input/output error", str(path))

    monkeypatch.setattr("vaktbot.bench_commands.read_solution", unreadable)

    exit_code = bench(tiny_instance, old_solution)

    errors = capsys.readouterr().err
    assert exit_code == 2
    assert "Kunne ikke lese eller skrive" in errors
    assert old_solution.read_text(encoding="ascii") == OLD_SOLUTION
    assert [path.name for path in old_solution.parent.iterdir()] == ["solution.txt"]


def test_interrupted_run_says_nothing_was_written(
    tiny_instance: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C during the solve exits 130 and says that no solution file was written."""

    def interrupt(*_arguments: object, **_options: object) -> BenchmarkRun:
        raise KeyboardInterrupt

    monkeypatch.setattr("vaktbot.bench_commands.solve_curtois", interrupt)
    out = tmp_path / "solution.txt"

    exit_code = bench(tiny_instance, out)

    errors = capsys.readouterr().err
    assert exit_code == 130
    assert errors == f"vaktbot: Avbrutt.\nvaktbot: Ingen løsningsfil ble skrevet til {out}.\n"


def test_infeasible_roster_lists_rules_in_norwegian(
    tiny_instance: Path,
    old_solution: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A roster that breaks hard rules is written, reported as infeasible and exits 1."""
    days_off: dict[str, list[str | None]] = {employee: [None] * 9 for employee in "ABC"}

    def nobody_works(*_arguments: object, **_options: object) -> BenchmarkRun:
        return BenchmarkRun("FEASIBLE", days_off, 0, None, 0.1, 0)

    monkeypatch.setattr("vaktbot.bench_commands.solve_curtois", nobody_works)

    exit_code = bench(tiny_instance, old_solution)

    printed = capsys.readouterr().out
    assert exit_code == 1
    assert "UGYLDIG: 2 brudd på harde regler" in printed
    assert "  H5 for få minutter totalt: ansatt A" in printed
    assert "  H5 for få minutter totalt: ansatt B" in printed
    assert read_solution(old_solution).comments["instance"] == "Tiny"


def test_out_folder_is_refused(
    tiny_instance: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--out naming a folder is refused with an example file path, before solving."""
    exit_code = bench(tiny_instance, tmp_path)

    errors = capsys.readouterr().err
    assert exit_code == 2
    assert errors == (
        f"vaktbot: --out {tmp_path} er en mappe; oppgi stien til en fil, for "
        f"eksempel {tmp_path / 'Tiny.solution.txt'}.\n"
    )


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--time-limit", "0", "«0» er ikke et antall sekunder over 0"),
        ("--time-limit", "nan", "«nan» er ikke et antall sekunder over 0"),
        ("--workers", "0", "«0» er ikke et heltall på 1 eller mer"),
    ],
    ids=["zero-time-limit", "nan-time-limit", "no-workers"],
)
def test_bad_numbers_are_refused(
    tiny_instance: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    value: str,
    message: str,
) -> None:
    """Invalid numbers stop argparse with status 2 and a Norwegian message."""
    with pytest.raises(SystemExit) as stopped:
        main(["bench", "curtois", str(tiny_instance), option, value])

    assert stopped.value.code == 2
    assert f"vaktbot bench curtois: feil: argumentet {option}: {message}" in (
        capsys.readouterr().err
    )


def test_missing_section_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An instance file without a section gets a Norwegian message naming the section."""
    instance = tmp_path / "Tom.txt"
    instance.write_text("# only a comment\n", encoding="ascii")

    exit_code = bench(instance, None)

    errors = capsys.readouterr().err
    assert exit_code == 2
    assert (
        f"Instansfilen {instance} er ikke i Curtois & Qu-formatet: seksjonen SECTION_HORIZON "
        "mangler."
    ) in errors


def test_instance_folder_is_refused(
    tiny_instance: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder given as the instance is called a folder, with a file in it as example."""
    exit_code = bench(tiny_instance.parent, None)

    errors = capsys.readouterr().err
    assert exit_code == 2
    assert (
        f"{tiny_instance.parent} er en mappe, ikke en fil. Oppgi én instansfil i stedet, "
        f"for eksempel {tiny_instance}."
    ) in errors


def report_rows(printed: str) -> list[str]:
    """Return the report's lines without the seconds row, which differs from run to run."""
    return [line for line in printed.splitlines() if not line.startswith("sekunder")]


def test_progress_goes_to_standard_error(
    tiny_instance: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The solve prints Norwegian progress lines on standard error, and the report on stdout."""
    exit_code = bench(tiny_instance, tmp_path / "solution.txt")

    printed = capsys.readouterr()
    assert exit_code == 0
    progress = printed.err.splitlines()
    assert progress
    assert progress[0].startswith("Løser … ")
    assert ", beste kostnad " in progress[0]
    assert "Løser" not in printed.out
    assert report_rows(printed.out)[0].split() == ["instans", "Tiny"]


def test_quiet_run_prints_the_same_report(
    tiny_instance: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--quiet drops the progress lines, and the report and the file stay the same."""
    bench(tiny_instance, tmp_path / "loud.txt")
    loud = capsys.readouterr()

    exit_code = bench(tiny_instance, tmp_path / "quiet.txt", "--quiet")

    quiet = capsys.readouterr()
    assert exit_code == 0
    assert quiet.err == ""
    assert loud.err != ""
    assert report_rows(quiet.out)[:-1] == report_rows(loud.out)[:-1]
    assert read_solution(tmp_path / "quiet.txt").lines == read_solution(tmp_path / "loud.txt").lines


def first_roster(objective: float | None, bound: float | None = None) -> Progress:
    return Progress(wall_seconds=1.0, objective=objective, bound=bound, solutions_found=1)


class FakeClock:
    """A monotonic clock that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("snapshot", "expected"),
    [
        pytest.param(None, "Løser … 12 s, ingen turnus funnet ennå.", id="nothing-yet"),
        pytest.param(first_roster(None), "Løser … 12 s, ingen turnus funnet ennå.", id="no-roster"),
        pytest.param(
            first_roster(1607.0),
            "Løser … 12 s, beste kostnad 1 607, ingen nedre grense ennå.",
            id="no-bound",
        ),
        pytest.param(
            first_roster(1607.0, 589.5),
            "Løser … 12 s, beste kostnad 1 607, nedre grense 589,5.",
            id="with-bound",
        ),
    ],
)
def test_progress_line_names_objective_and_bound(snapshot: Progress | None, expected: str) -> None:
    """A line gives the seconds since the start, the best objective and the lower bound."""
    clock = FakeClock()
    with ProgressLines(Translator("nb"), None, clock=clock) as progress:
        if snapshot is not None:
            progress.record(snapshot)
        clock.now += 12.4

        line = progress.line()

    assert line.replace("\xa0", " ") == expected


def test_progress_prints_first_roster_at_once() -> None:
    """The first roster is printed when it is found, and later ones wait for the interval."""
    stream = io.StringIO()
    with ProgressLines(Translator("nb"), stream, interval_seconds=3600) as progress:
        progress.record(first_roster(None))
        progress.record(first_roster(900.0, 800.0))
        progress.record(first_roster(850.0, 800.0))
        progress.record(first_roster(820.0, 810.0))

    assert stream.getvalue() == "Løser … 0 s, beste kostnad 900, nedre grense 800.\n"


def test_progress_repeats_each_interval() -> None:
    """Between improvements the latest figures are printed again at each interval."""
    stream = io.StringIO()
    with ProgressLines(Translator("nb"), stream, interval_seconds=0.01) as progress:
        progress.record(first_roster(900.0, 800.0))
        time.sleep(0.2)

    lines = stream.getvalue().splitlines()
    assert len(lines) >= 3
    assert all(line.endswith(", beste kostnad 900, nedre grense 800.") for line in lines)


def test_no_stream_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a stream, as with --quiet, no line is printed anywhere."""
    with ProgressLines(Translator("nb"), None, interval_seconds=0.01) as progress:
        progress.record(first_roster(900.0, 800.0))
        time.sleep(0.05)

    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err == ""
