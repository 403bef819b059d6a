"""Custom bookingkit addresses: refused with a reason, or normalised to one spelling (#12.1)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from voucherdesk.bookingkit.environments import (
    PRODUCTION,
    AddressProblem,
    AddressRefused,
    environment_named,
    normalise_base_url,
)
from voucherdesk.paths import app_paths


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://x", AddressProblem.NOT_HTTP),
        ("bookingkit.example", AddressProblem.NOT_HTTP),
        ("file:///etc/passwd", AddressProblem.NOT_HTTP),
        ("https://user:pw@bk.example", AddressProblem.USER_IN_ADDRESS),
        ("https://user@bk.example", AddressProblem.USER_IN_ADDRESS),
        ("http://bk.example", AddressProblem.PLAIN_HTTP_REMOTE),
        ("http://10.0.0.5:8765", AddressProblem.PLAIN_HTTP_REMOTE),
        ("http://127.0.0.1.evil.example", AddressProblem.PLAIN_HTTP_REMOTE),
        ("https://", AddressProblem.NO_HOST),
        ("https://bk.example:99999", AddressProblem.NO_HOST),
        ("https://[::1", AddressProblem.NO_HOST),
        ("https://bk.example/?next=evil", AddressProblem.QUERY_OR_FRAGMENT),
        ("https://" + "a" * 3000 + ".example", AddressProblem.NO_HOST),
    ],
)
def test_refused_addresses_say_why(url: str, problem: AddressProblem) -> None:
    with pytest.raises(AddressRefused) as caught:
        environment_named("custom", url)
    assert caught.value.problem is problem
    assert str(caught.value)


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("https://Bk.Example:443/v3/", "https://bk.example"),
        ("  https://bk.example/api/v3  ", "https://bk.example/api"),
        ("HTTPS://BK.EXAMPLE:8443", "https://bk.example:8443"),
        ("http://127.0.0.1:8765/", "http://127.0.0.1:8765"),
        ("http://localhost:8765", "http://localhost:8765"),
        ("http://[::1]:8765", "http://[::1]:8765"),
        ("https://bücher.example", "https://xn--bcher-kva.example"),
    ],
)
def test_addresses_have_one_spelling(url: str, normal: str) -> None:
    assert normalise_base_url(url) == normal


def test_the_documented_environments_need_no_address() -> None:
    assert environment_named("production") == PRODUCTION
    with pytest.raises(ValueError, match="unknown environment"):
        environment_named("staging")


@pytest.mark.parametrize("url", ["ftp://x", "http://user:pw@127.0.0.1:1", "http://bk.example"])
def test_login_refuses_an_unusable_address_with_words(
    app_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    url: str,
) -> None:
    from voucherdesk import cli

    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    args = ["login", "--environment", "custom", "--url", url, "--client-id", "x"]
    code = cli.main([*args, "--client-secret-stdin"])
    err = capsys.readouterr().err
    assert code == 2
    assert "Cannot use this bookingkit address" in err
    assert "Traceback" not in err
    assert not app_paths().settings_file.exists()  # nothing saved for a refused address
