"""A stand-in for Slack on loopback: the Web API, response URLs and file uploads.

Every call is recorded with its merged arguments (query, form or JSON), so tests
can assert what the adapter sent. Users are answered from `users`, which tests
fill with users.info objects.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from aiohttp.test_utils import TestServer

BOT_USER_ID = "UVAKTBOT"
BOT_ID = "BVAKTBOT"


@dataclass
class SlackCall:
    method: str
    arguments: dict[str, Any]
    token: str | None = None
    result: dict[str, Any] = field(default_factory=dict)


@dataclass
class SlackMock:
    server: TestServer | None = None
    calls: list[SlackCall] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Bot tokens the OAuth exchange hands out, by team id.
    installs: dict[str, str] = field(default_factory=dict)
    # Channels that no longer exist: chat.postMessage to them fails.
    deleted_channels: set[str] = field(default_factory=set)
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _files: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _response_urls: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self) -> str:
        return f"{self.base_url}/response/{next(self._response_urls)}"

    # --- queries for tests ---------------------------------------------------------------------

    def named(self, method: str) -> list[SlackCall]:
        return [call for call in self.calls if call.method == method]

    def texts(self, method: str) -> list[str]:
        return [str(call.arguments.get("text", "")) for call in self.named(method)]

    def posted_to(self, channel: str) -> list[SlackCall]:
        return [
            call
            for call in self.calls
            if call.method in ("chat.postMessage", "chat.update")
            and call.arguments.get("channel") == channel
        ]

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 20.0) -> None:
        """Wait until `condition` holds; fail with the recorded calls if it never does."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not condition():
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"timed out; calls were {[c.method for c in self.calls]}")
            await asyncio.sleep(0.02)

    # --- the server ----------------------------------------------------------------------------

    def application(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{number}", self._response)
        app.router.add_post("/upload/{file_id}", self._upload)
        return app

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        arguments = await _arguments(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or None
        token = token or arguments.get("token")
        call = SlackCall(method, arguments, token)
        self.calls.append(call)
        answer = getattr(self, "_" + method.replace(".", "_"), None)
        if answer is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        call.result = answer(arguments, token)
        return web.json_response(call.result)

    async def _response(self, request: web.Request) -> web.Response:
        body = json.loads(await request.text())
        self.responses.append({"url_number": request.match_info["number"], **body})
        self.calls.append(SlackCall("response_url", body))
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        self.uploads[request.match_info["file_id"]] = await request.read()
        return web.Response(text="OK")

    # --- Web API methods -----------------------------------------------------------------------

    def _auth_test(self, arguments: dict[str, Any], token: str | None) -> dict[str, Any]:
        team = next((team for team, known in self.installs.items() if known == token), "T0FJORD")
        return {
            "ok": True,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "team_id": team,
            "url": "https://fjordvik.slack.example/",
        }

    def _chat_postMessage(self, arguments: dict[str, Any], token: str | None) -> dict[str, Any]:
        if arguments["channel"] in self.deleted_channels:
            return {"ok": False, "error": "channel_not_found"}
        return {
            "ok": True,
            "channel": arguments["channel"],
            "ts": self._next_ts(),
            "message": {"text": arguments.get("text")},
        }

    def _chat_update(self, arguments: dict[str, Any], token: str | None) -> dict[str, Any]:
        return {"ok": True, "channel": arguments["channel"], "ts": arguments["ts"]}

    def _chat_postEphemeral(self, arguments: dict[str, Any], token: str | None) -> dict[str, Any]:
        return {"ok": True, "message_ts": self._next_ts()}

    def _conversations_open(self, arguments: dict[str, Any], token: str | None) -> dict[str, Any]:
        return {"ok": True, "channel": {"id": "D" + str(arguments["users"])}}

    def _users_info(self, arguments: dict[str, Any], token: str | None) -> dict[str, Any]:
        user = self.users.get(str(arguments.get("user")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": user}

    def _views_publish(self, arguments: dict[str, Any], token: str | None) -> dict[str, Any]:
        return {"ok": True, "view": {"id": "V1"}}

    def _files_getUploadURLExternal(
        self, arguments: dict[str, Any], token: str | None
    ) -> dict[str, Any]:
        file_id = f"F{next(self._files)}"
        return {"ok": True, "upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}

    def _files_completeUploadExternal(
        self, arguments: dict[str, Any], token: str | None
    ) -> dict[str, Any]:
        files = arguments.get("files")
        listed = json.loads(files) if isinstance(files, str) else files or []
        return {
            "ok": True,
            "files": [{"id": item["id"], "title": item.get("title")} for item in listed],
        }

    def _oauth_v2_access(self, arguments: dict[str, Any], token: str | None) -> dict[str, Any]:
        team_id = "T0BJORK"
        bot_token = f"xoxb-{team_id.lower()}"
        self.installs[team_id] = bot_token
        return {
            "ok": True,
            "app_id": "A0VAKTBOT",
            "token_type": "bot",
            "access_token": bot_token,
            "scope": "chat:write,commands",
            "bot_user_id": BOT_USER_ID,
            "team": {"id": team_id, "name": "Bjørkås kommune"},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": "U0ADMIN"},
        }

    def _next_ts(self) -> str:
        return f"1767000000.{next(self._ts):06d}"


async def _arguments(request: web.Request) -> dict[str, Any]:
    """Merge the query string and the form or JSON body of a Web API call."""
    arguments: dict[str, Any] = dict(request.query)
    raw = await request.text()
    if not raw:
        return arguments
    if request.content_type == "application/json":
        arguments.update(json.loads(raw))
    else:
        arguments.update(dict(parse_qsl(raw, keep_blank_values=True)))
    for name in ("blocks", "view"):
        if isinstance(arguments.get(name), str):
            arguments[name] = json.loads(arguments[name])
    return arguments
