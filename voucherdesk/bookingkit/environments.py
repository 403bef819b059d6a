"""Where bookingkit lives: the two documented environments plus custom/demo URLs.

A custom address is where the client secret and the access token will be sent, so it is
checked before anything is stored for it: http(s) only, plain ``http://`` only to this
computer (loopback), never with a user name or password in it. Addresses are normalised
(lower-case scheme and host, no default port, no trailing ``/`` or ``/v3``), so the keyring
entries bound to an address (``credentials.py``) do not depend on how it was typed.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

_NAMES = ("production", "sandbox", "custom", "demo")
_MAX_URL = 2000
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Environment:
    """A bookingkit installation; ``base_url`` has no trailing slash and no ``/v3``."""

    name: str
    base_url: str

    @property
    def api_url(self) -> str:
        return self.base_url + "/v3"

    @property
    def token_url(self) -> str:
        return self.base_url + "/oauth/token"


PRODUCTION = Environment("production", "https://api.bookingkit.de")
SANDBOX = Environment("sandbox", "https://api-sandbox.bookingkit.de")


class AddressProblem(StrEnum):
    NOT_HTTP = "not_http"  # ftp://, no scheme at all, ...
    NO_HOST = "no_host"  # no host, or a host or port that cannot be read
    USER_IN_ADDRESS = "user_in_address"  # https://user:pw@host
    PLAIN_HTTP_REMOTE = "plain_http_remote"  # http:// to anything but this computer
    QUERY_OR_FRAGMENT = "query_or_fragment"  # ?... or #... in a base address


class AddressRefused(ValueError):
    """A custom address VoucherDesk will not use; ``problem`` says why (for the words)."""

    def __init__(self, problem: AddressProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalise_base_url(url: str) -> str:
    """The address in one canonical spelling; raises :class:`AddressRefused` with the reason."""
    url = url.strip()
    if len(url) > _MAX_URL:
        raise AddressRefused(AddressProblem.NO_HOST, "the address is too long")
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError as exc:
        raise AddressRefused(AddressProblem.NO_HOST, "the host or port cannot be read") from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise AddressRefused(
            AddressProblem.NOT_HTTP, "the address must start with https:// (or http://)"
        )
    if "@" in parts.netloc:
        raise AddressRefused(
            AddressProblem.USER_IN_ADDRESS,
            "the address must not hold a user name or password (user:password@)",
        )
    if not host or any(ch.isspace() for ch in host):
        raise AddressRefused(AddressProblem.NO_HOST, "the address has no host name")
    if parts.query or parts.fragment:
        raise AddressRefused(
            AddressProblem.QUERY_OR_FRAGMENT, "a base address has no ?query or #fragment"
        )
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise AddressRefused(AddressProblem.NO_HOST, "the host name cannot be read") from exc
    if scheme == "http" and not _is_loopback(host):
        raise AddressRefused(
            AddressProblem.PLAIN_HTTP_REMOTE,
            "plain http:// is only allowed to this computer; use https:// for other hosts",
        )
    path = parts.path.rstrip("/")
    if path.endswith("/v3"):  # people paste the API root; we want the host root
        path = path[: -len("/v3")].rstrip("/")
    shown_host = f"[{host}]" if ":" in host else host
    shown_port = "" if port in (None, _DEFAULT_PORTS[scheme]) else f":{port}"
    return f"{scheme}://{shown_host}{shown_port}{path}"


def environment_named(name: str, custom_url: str | None = None) -> Environment:
    """The environment for a settings value; "custom" and "demo" need ``custom_url``.

    Raises ValueError (:class:`AddressRefused` for an address it will not use).
    """
    if name == "production":
        return PRODUCTION
    if name == "sandbox":
        return SANDBOX
    if name in ("custom", "demo"):
        if not custom_url:
            raise AddressRefused(AddressProblem.NO_HOST, f"environment {name!r} needs an address")
        return Environment(name, normalise_base_url(custom_url))
    raise ValueError(f"unknown environment {name!r}; expected one of {', '.join(_NAMES)}")
