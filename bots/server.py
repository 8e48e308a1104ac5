"""The one web server for every chat platform, run by `vaktbot serve`.

    app = build_app([slack_platform, teams_platform])   # each adds its own routes
    asyncio.run(run_until_stopped(app, host="127.0.0.1", port=3978))

`GET /healthz` returns 200 with the mounted platforms. A platform is mounted only
when its settings are in the environment: each entry of `PLATFORM_FACTORIES`
returns a platform, or None when its platform is not configured.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import signal
from collections.abc import AsyncIterator, Callable, Sequence

from aiohttp import web

import nlu
from bots.platforms import ChatBackend, ChatPlatform, Outbox
from core.contacts import Contacts
from core.errors import OperatorError
from core.housekeeping import HOUSEKEEPING_INTERVAL, Housekeeping
from core.i18n import N_
from core.languages import LanguageChoices
from core.overview import Overviews
from vaktbot.app import Settings, build_assistant

logger = logging.getLogger(__name__)

PLATFORMS_KEY: web.AppKey[tuple[str, ...]] = web.AppKey("platforms")
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# Slack's interactivity payloads are small; a roster file never comes in this way.
MAX_REQUEST_BYTES = 1024 * 1024

PlatformFactory = Callable[[ChatBackend], ChatPlatform | None]

NO_PLATFORM = N_(
    "No chat platform is configured. Set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or "
    "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET) for Slack, or TEAMS_APP_ID and "
    "TEAMS_APP_PASSWORD for Teams; the README has the steps."
)
PLATFORM_PROBLEM = N_("%(platform)s: %(problem)s")


class ServerConfigurationError(OperatorError):
    """No chat platform is configured, or one is configured wrongly; the message names the fix."""


def slack_from_environment(backend: ChatBackend) -> ChatPlatform | None:
    from bots.slack import SlackPlatform, SlackSettings
    from bots.slack.settings import SlackConfigurationError

    try:
        settings = SlackSettings.from_environment()
    except SlackConfigurationError as error:
        raise ServerConfigurationError(PLATFORM_PROBLEM, platform="Slack", problem=error) from None
    return SlackPlatform(settings, backend) if settings is not None else None


def teams_from_environment(backend: ChatBackend) -> ChatPlatform | None:
    from bots.teams import TeamsConfigurationError, TeamsPlatform, TeamsSettings

    try:
        settings = TeamsSettings.from_environment()
    except TeamsConfigurationError as error:
        raise ServerConfigurationError(PLATFORM_PROBLEM, platform="Teams", problem=error) from None
    return TeamsPlatform.for_backend(settings, backend) if settings is not None else None


# One entry per platform.
PLATFORM_FACTORIES: list[PlatformFactory] = [slack_from_environment, teams_from_environment]


def build_backend(settings: Settings) -> ChatBackend:
    assistant = build_assistant(settings)
    database = assistant.database
    return ChatBackend(
        assistant=assistant,
        contacts=Contacts(database),
        languages=LanguageChoices(database),
        overviews=Overviews(database, assistant.services),
        database=database,
    )


def configured_platforms(
    backend: ChatBackend, factories: Sequence[PlatformFactory] | None = None
) -> list[ChatPlatform]:
    """Return the platforms whose settings are present (by default from PLATFORM_FACTORIES)."""
    chosen = PLATFORM_FACTORIES if factories is None else factories
    platforms = [factory(backend) for factory in chosen]
    return [platform for platform in platforms if platform is not None]


def build_app(
    platforms: Sequence[ChatPlatform], housekeeping: Housekeeping | None = None
) -> web.Application:
    """Return the aiohttp application with /healthz and every platform's routes.

    With `housekeeping`, the app runs it at start and every `HOUSEKEEPING_INTERVAL`
    while it serves.
    """
    app = web.Application(client_max_size=MAX_REQUEST_BYTES)
    app[PLATFORMS_KEY] = tuple(platform.name for platform in platforms)
    app.router.add_get("/healthz", healthz)
    outbox = Outbox(platforms)
    for platform in platforms:
        platform.mount(app, outbox)
        logger.info("mounted the %s platform", platform.name)
    if housekeeping is not None:
        app.cleanup_ctx.append(_housekeeping_context(housekeeping))
    return app


def _housekeeping_context(
    housekeeping: Housekeeping,
) -> Callable[[web.Application], AsyncIterator[None]]:
    async def run_while_serving(app: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(_keep_house(housekeeping))
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    return run_while_serving


async def _keep_house(housekeeping: Housekeeping) -> None:
    """Run `housekeeping` now and then every interval; a failed run is logged, not fatal."""
    while True:
        try:
            await asyncio.to_thread(housekeeping.run, dt.datetime.now(dt.UTC))
        except Exception:
            # The server keeps serving; the next run tries again.
            logger.exception("housekeeping failed")
        await asyncio.sleep(HOUSEKEEPING_INTERVAL.total_seconds())


async def healthz(request: web.Request) -> web.Response:
    names: tuple[str, ...] = request.app[PLATFORMS_KEY]
    return web.json_response({"status": "ok", "platforms": list(names)})


def serve(settings: Settings, *, host: str, port: int) -> None:
    """Run the server until SIGINT or SIGTERM; raise ServerConfigurationError without a platform."""
    # Alembic 1.20 logs each of its plugins at INFO whenever it loads; that is noise here.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    backend = build_backend(settings)
    platforms = configured_platforms(backend)
    if not platforms:
        raise ServerConfigurationError(NO_PLATFORM)
    nlu.warm_up()
    app = build_app(platforms, Housekeeping(backend.database))
    asyncio.run(run_until_stopped(app, host=host, port=port))


async def run_until_stopped(app: web.Application, *, host: str, port: int) -> None:
    """Serve `app` on host:port, and stop it cleanly on SIGINT or SIGTERM.

    The start line is logged once the socket listens. On a signal, one line names
    it, and a last line follows when running requests and jobs have finished.
    """
    runner = web.AppRunner(app)
    await runner.setup()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    try:
        await web.TCPSite(runner, host, port).start()
        for stop_signal in STOP_SIGNALS:
            loop.add_signal_handler(stop_signal, _request_stop, stop_signal, stop)
        platforms: tuple[str, ...] = app[PLATFORMS_KEY]
        addresses = ", ".join(f"{address[0]}:{address[1]}" for address in runner.addresses)
        logger.info("vaktbot serve started: %s on %s", ", ".join(platforms), addresses)
        await stop.wait()
    finally:
        for stop_signal in STOP_SIGNALS:
            loop.remove_signal_handler(stop_signal)
        await runner.cleanup()
    logger.info("vaktbot serve stopped")


def _request_stop(stop_signal: signal.Signals, stop: asyncio.Event) -> None:
    logger.info("received %s: stopping after the running requests and jobs", stop_signal.name)
    stop.set()
