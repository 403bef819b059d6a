"""TLS on loopback: a refused certificate gets its own error and words (#12 point 9), and a
trusted one works through the deadline transport."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from helpers.keyrings import MemoryKeyring

from voucherdesk.bookingkit import errors
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import environment_named
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore
from voucherdesk.bookingkit.transport import DeadlineTransport
from voucherdesk.cli_text import error_text
from voucherdesk.setup_check import SetupFailed, SetupProblem, verify_and_store
from voucherdesk.ui import wording

x509 = pytest.importorskip("cryptography.x509")
hashes = pytest.importorskip("cryptography.hazmat.primitives.hashes")
serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")
ec = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.ec")


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class _Answers(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def _json(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._json(b'{"access_token": "' + b"a" * 40 + b'", "expires_in": 3600}')

    def do_GET(self) -> None:
        self._json(b'[{"id": "ven1", "name": "TLS Vendor"}]')


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    cert_file, key_file = _self_signed(tmp_path)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    httpd.daemon_threads = True
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}", cert_file
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_refused_certificate_is_its_own_error(tls_server: tuple[str, Path]) -> None:
    url, _cert = tls_server
    with (
        BookingkitClient(
            environment_named("custom", url),
            Credentials("client-1", "secret-never-sent"),
            token_store=MemoryTokenStore(),
            timeout=2,
        ) as client,
        pytest.raises(errors.CertificateRefused) as caught,
    ):
        client.check_connection()
    words = error_text(caught.value)
    assert "certificate was refused" in words
    assert "Check the network connection" not in words
    shown = wording.error(caught.value)
    assert "certificate" in f"{shown.title} {shown.detail}".lower()
    assert "network connection" not in shown.next_step


def test_setup_says_certificate_not_offline(tls_server: tuple[str, Path]) -> None:
    url, _cert = tls_server
    with pytest.raises(SetupFailed) as caught:
        verify_and_store(
            environment_named("custom", url),
            Credentials("client-1", "secret-never-sent"),
            backend=MemoryKeyring(),
        )
    assert caught.value.problem is SetupProblem.CERTIFICATE


def test_a_trusted_certificate_works_through_the_deadline_transport(
    tls_server: tuple[str, Path],
) -> None:
    url, cert = tls_server
    trusted = ssl.create_default_context(cafile=str(cert))
    with BookingkitClient(
        environment_named("custom", url),
        Credentials("client-1", "secret-1"),
        token_store=MemoryTokenStore(),
        timeout=2,
        transport=DeadlineTransport(verify=trusted),
    ) as client:
        assert [v.name for v in client.check_connection()] == ["TLS Vendor"]
