"""The one web server: health check, mounting platforms, and the outbox between them."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bots.platforms import Outbox
from bots.server import build_app
from core.messages import Reply


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
