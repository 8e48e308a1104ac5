"""`vaktbot bench curtois`: a Norwegian report, and no stale or half-written solution file."""

from __future__ import annotations

from pathlib import Path

import pytest

from solver.benchmarks.runner import BenchmarkRun
from solver.benchmarks.solution import read_solution
from tests.solver.benchmarks.curtois_builders import (
    IMPOSSIBLE_INSTANCE,
    TINY_INSTANCE,
    write_instance,
)
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
