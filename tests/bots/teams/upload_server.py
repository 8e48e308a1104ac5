"""A stand-in for the OneDrive upload session: an HTTPS server on 127.0.0.1 that records PUTs.

Its certificate is self-signed for 127.0.0.1 and made once per test session.
The bot trusts it through `client_context`, so the https-only rule stays on in
the tests.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestServer
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

UPLOAD_PATH = "/personal/upload-session"


@dataclass(frozen=True)
class LoopbackCertificate:
    certificate_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.certificate_file, self.key_file)
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.certificate_file))


def make_loopback_certificate(folder: Path) -> LoopbackCertificate:
    """Write a self-signed certificate for 127.0.0.1 and its key into `folder`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(tz=dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certificate_file = folder / "upload.pem"
    key_file = folder / "upload-key.pem"
    certificate_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return LoopbackCertificate(certificate_file, key_file)


@dataclass(frozen=True)
class RecordedPut:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class UploadServer:
    """Records every PUT; answers `status` (201, as OneDrive does for a finished upload)."""

    status: int = 201
    # Seconds the server waits before it answers, to let the bot's upload time out.
    delay_seconds: float = 0.0
    # Where a 307 answer sends the bot, when set.
    redirect_to: str | None = None
    puts: list[RecordedPut] = field(default_factory=list)
    server: TestServer | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_put(UPLOAD_PATH, self._put)
        return app

    async def start(self, certificate: LoopbackCertificate) -> None:
        self.server = TestServer(self.app(), host="127.0.0.1")
        await self.server.start_server(ssl=certificate.server_context())

    def url(self, scheme: str = "https") -> str:
        assert self.server is not None
        return f"{scheme}://127.0.0.1:{self.server.port}{UPLOAD_PATH}?session=7f3a"

    async def close(self) -> None:
        if self.server is not None:
            await self.server.close()

    async def _put(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.puts.append(RecordedPut(request.path, dict(request.headers), body))
        await asyncio.sleep(self.delay_seconds)
        if self.redirect_to is not None:
            raise web.HTTPTemporaryRedirect(self.redirect_to)
        return web.json_response({"id": "01ONEDRIVEITEM"}, status=self.status)
