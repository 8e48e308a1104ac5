"""The one web server: health check, mounting platforms, and the outbox between them."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bots.platforms import Outbox
from bots.server import build_app
from core.housekeeping import Housekeeping, Purged
from core.messages import Reply
from vaktbot.demo import fresh_database, seed_ward


@dataclass
class FakePlatform:
    """A platform that records deliveries; `reachable` lists the employees it can reach."""

    name: str
    reachable: set[int] = field(default_factory=set)
    broken: bool = False
    delivered: list[tuple[int, str]] = field(default_factory=list)
    outbox: Outbox | None = None

    def mount(self, app: web.Application, outbox: Outbox) -> None:
        self.outbox = outbox

        async def hello(request: web.Request) -> web.Response:
            return web.Response(text=f"hei fra {self.name}")

        app.router.add_post(f"/{self.name}/messages", hello)

    async def deliver(self, employee_id: int, reply: Reply) -> bool:
        if self.broken:
            raise ConnectionError("the platform's API is down")
        if employee_id not in self.reachable:
            return False
        self.delivered.append((employee_id, reply.text))
        return True


async def test_healthz_lists_platforms() -> None:
    """GET /healthz returns 200 with the mounted platforms."""
    app = build_app([FakePlatform("slack"), FakePlatform("teams")])
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        response = await client.get("/healthz")

        assert response.status == 200
        assert await response.json() == {"status": "ok", "platforms": ["slack", "teams"]}


async def test_platform_routes_side_by_side() -> None:
    """Each platform's routes are mounted on the same application."""
    app = build_app([FakePlatform("slack"), FakePlatform("teams")])
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        slack = await client.post("/slack/messages")
        teams = await client.post("/teams/messages")

        assert (slack.status, await slack.text()) == (200, "hei fra slack")
        assert (teams.status, await teams.text()) == (200, "hei fra teams")


async def test_unconfigured_slack_not_mounted() -> None:
    """Without Slack settings there is no Slack route, only the health check."""
    app = build_app([])
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        events = await client.post("/slack/events", data=b"{}")
        health = await client.get("/healthz")

        assert events.status == 404
        assert await health.json() == {"status": "ok", "platforms": []}


async def test_outbox_reaches_every_platform() -> None:
    """A reply for an employee goes to each platform that can reach them."""
    slack = FakePlatform("slack", reachable={1, 2})
    teams = FakePlatform("teams", reachable={2})
    build_app([slack, teams])
    assert slack.outbox is not None

    first = await slack.outbox.deliver(1, Reply("Vakta di er byttet"))
    second = await slack.outbox.deliver(2, Reply("Ny turnus på Blåbær"))
    nobody = await slack.outbox.deliver(3, Reply("Hei Åse"))

    assert (first, second, nobody) == (True, True, False)
    assert slack.delivered == [(1, "Vakta di er byttet"), (2, "Ny turnus på Blåbær")]
    assert teams.delivered == [(2, "Ny turnus på Blåbær")]


async def test_outbox_survives_failing_platform() -> None:
    """A platform that fails is logged and the others still deliver."""
    broken = FakePlatform("teams", broken=True)
    slack = FakePlatform("slack", reachable={1})
    outbox = Outbox([broken, slack])

    delivered = await outbox.deliver(1, Reply("Bytte godkjent"))

    assert delivered is True
    assert slack.delivered == [(1, "Bytte godkjent")]


# --- `vaktbot serve` as an operator runs it --------------------------------------------------

START_TIMEOUT_SECONDS = 60.0


@pytest.fixture
def served_folder(tmp_path: Path) -> Path:
    """A data folder with the demo ward's database and key."""
    database = fresh_database(tmp_path)
    seed_ward(database, dt.date(2027, 1, 6))
    database.dispose()
    return tmp_path


def slack_only_environment() -> dict[str, str]:
    """Return this process's environment with Slack configured against a closed loopback port.

    Nothing is sent to Slack while the server starts and stops, so the port stays unused.
    """
    return {
        **environment_without_chat_settings(),
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
    }


def environment_without_chat_settings() -> dict[str, str]:
    """Return this process's environment without Slack, Teams or vaktbot settings, unbuffered."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SLACK_", "TEAMS_", "VAKTBOT_"))
    }
    environment["PYTHONUNBUFFERED"] = "1"
    return environment


def start_serve(
    folder: Path,
    environment: dict[str, str],
    *,
    log_level: str | None = None,
    stdout: int = subprocess.DEVNULL,
) -> subprocess.Popen[str]:
    """Start `vaktbot serve` on a free loopback port, with its standard error piped."""
    command = [sys.executable, "-m", "vaktbot.cli"]
    if log_level is not None:
        command += ["--log-level", log_level]
    command += ["serve", "--data", str(folder), "--port", "0"]
    return subprocess.Popen(
        command, env=environment, stderr=subprocess.PIPE, stdout=stdout, text=True
    )


class LineReader:
    """Reads a pipe's lines in a thread, so that waiting for a line can time out."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line)
        self._queue.put(None)

    def until(self, marker: str) -> str:
        """Return the first line containing `marker`; fail after the timeout or at the end."""
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
            if marker in line:
                return line
        raise AssertionError(f"no line with {marker!r} in:\n{''.join(self.lines)}")

    def rest(self) -> str:
        """Return every line up to the end of the pipe."""
        while (line := self._queue.get(timeout=START_TIMEOUT_SECONDS)) is not None:
            self.lines.append(line)
        return "".join(self.lines)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_logs_start_and_stop(served_folder: Path, stop_signal: signal.Signals) -> None:
    """`vaktbot serve` logs one start line at INFO, no warning, and stop lines on a signal."""
    server = start_serve(served_folder, slack_only_environment())
    try:
        assert server.stderr is not None
        reader = LineReader(server.stderr)
        started = reader.until("vaktbot serve started")
        port = int(started.rsplit(":", 1)[1])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            health = json.load(response)
        server.send_signal(stop_signal)
        server.wait(timeout=START_TIMEOUT_SECONDS)
        log = reader.rest()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    lines = log.splitlines()

    assert server.returncode == 0
    assert health == {"status": "ok", "platforms": ["slack"]}
    assert " INFO bots.server: vaktbot serve started: slack on 127.0.0.1:" in started
    assert f"received {stop_signal.name}: stopping" in log
    assert log.rstrip().endswith("INFO bots.server: vaktbot serve stopped")
    assert [line for line in lines if " WARNING " in line or " ERROR " in line] == []


@pytest.mark.parametrize(
    ("log_level", "dump_shown"), [("INFO", False), ("DEBUG", True)], ids=["info", "debug"]
)
def test_serve_hides_sdk_connection_dump(
    served_folder: Path, log_level: str, dump_shown: bool
) -> None:
    """Anonymous Teams start shows our lines, and the SDK's «Connections Map» only at DEBUG."""
    environment = {**environment_without_chat_settings(), "TEAMS_ALLOW_ANONYMOUS": "1"}
    server = start_serve(served_folder, environment, log_level=log_level, stdout=subprocess.PIPE)
    try:
        assert server.stderr is not None
        assert server.stdout is not None
        reader = LineReader(server.stderr)
        output_reader = LineReader(server.stdout)
        started = reader.until("vaktbot serve started")
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=START_TIMEOUT_SECONDS)
        log = reader.rest()
        output = output_reader.rest()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    assert server.returncode == 0
    assert " INFO bots.server: vaktbot serve started: teams on 127.0.0.1:" in started
    assert "Teams endpoint in ANONYMOUS mode" in log
    assert output == ""
    assert ("Connections Map" in log) is dump_shown


class RecordingHousekeeping(Housekeeping):
    """Housekeeping that records when it ran, and fails when told to."""

    def __init__(self, *, failing: bool = False) -> None:
        self.failing = failing
        self.runs: list[dt.datetime] = []

    def run(self, now: dt.datetime) -> Purged:
        self.runs.append(now)
        if self.failing:
            raise OSError("the database is unreachable")
        return Purged(dialogues=0, file_offers=0, request_cards=0)


async def wait_for_runs(housekeeping: RecordingHousekeeping) -> None:
    for _ in range(100):
        if housekeeping.runs:
            return
        await asyncio.sleep(0.02)


async def test_housekeeping_runs_when_the_server_starts() -> None:
    """The server deletes expired personal data at start, at the current UTC time."""
    housekeeping = RecordingHousekeeping()
    app = build_app([FakePlatform("slack")], housekeeping)

    async with TestClient(TestServer(app, host="127.0.0.1")):
        await wait_for_runs(housekeeping)

    assert len(housekeeping.runs) == 1
    assert housekeeping.runs[0].utcoffset() == dt.timedelta(0)


async def test_failed_housekeeping_keeps_the_server_up(caplog: pytest.LogCaptureFixture) -> None:
    """A housekeeping run that fails is logged, and the server goes on answering."""
    housekeeping = RecordingHousekeeping(failing=True)
    app = build_app([FakePlatform("slack")], housekeeping)

    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        await wait_for_runs(housekeeping)
        response = await client.get("/healthz")

    assert response.status == 200
    assert "housekeeping failed" in caplog.text
