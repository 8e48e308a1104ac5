"""scripts/ensure-postgres: succeeds when the server binaries exist, explains when not."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "ensure-postgres"


def run_script(
    environment: dict[str, str], as_unprivileged_user: bool = False
) -> subprocess.CompletedProcess[str]:
    command = ["/bin/sh", str(SCRIPT)]
    if as_unprivileged_user:
        command = [shutil.which("runuser") or "runuser", "-u", "nobody", "--", *command]
    return subprocess.run(
        command, env=environment, capture_output=True, text=True, timeout=30, check=False
    )


def test_script_is_executable() -> None:
    """The script has its executable bit set, so CI can call it directly."""
    assert os.access(SCRIPT, os.X_OK)


def test_binaries_present_exits_zero() -> None:
    """With PostgreSQL installed, the script exits 0 and installs nothing."""
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        pytest.skip("PostgreSQL is not installed under /usr/lib/postgresql on this machine")

    result = run_script({"PATH": os.environ.get("PATH", "/usr/bin:/bin")})

    assert result.returncode == 0
    assert result.stderr == ""


def test_missing_binaries_without_root_exits_one(tmp_path: Path) -> None:
    """Without the binaries and without root, the script says what to install and exits 1."""
    is_root = os.geteuid() == 0
    if is_root and shutil.which("runuser") is None:
        pytest.skip("needs runuser to run the script as an unprivileged user")
    if shutil.which("initdb", path="/usr/bin:/bin"):
        pytest.skip("initdb is on the system PATH, so the binaries cannot be hidden")
    environment = {"PATH": "/usr/bin:/bin", "VAKTBOT_POSTGRES_ROOT": str(tmp_path)}

    result = run_script(environment, as_unprivileged_user=is_root)

    assert result.returncode == 1
    assert "initdb, pg_ctl" in result.stderr
    assert "apt-get install --no-install-recommends postgresql" in result.stderr
