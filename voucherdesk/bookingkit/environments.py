"""Where bookingkit lives: the two documented environments plus custom/demo URLs."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

_NAMES = ("production", "sandbox", "custom", "demo")


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


def _clean_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if url.endswith("/v3"):  # people paste the API root; we want the host root
        url = url[: -len("/v3")]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) address: {url!r}")
    return url


def environment_named(name: str, custom_url: str | None = None) -> Environment:
    """The environment for a settings value; "custom" and "demo" need ``custom_url``."""
    if name == "production":
        return PRODUCTION
    if name == "sandbox":
        return SANDBOX
    if name in ("custom", "demo"):
        if not custom_url:
            raise ValueError(f"environment {name!r} needs an address")
        return Environment(name, _clean_url(custom_url))
    raise ValueError(f"unknown environment {name!r}; expected one of {', '.join(_NAMES)}")
