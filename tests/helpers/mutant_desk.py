"""The desk the mutation tests (tests/test_mutants_*.py) run: against the stand-in over loopback
HTTP, through a proxy that may answer otherwise than the stand-in, on a monotonic clock the test
moves by hand, with a journal that can be made to fail after a send.

The fixtures are imported by name into each test module that uses them (not put in conftest.py,
where a global ``desk`` would clash with the other suites' own).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from helpers.desk_setup import close_desk, make_desk
from voucherdesk.bookingkit.tokens import MemoryTokenStore
from voucherdesk.bookingkit.transport import DeadlineTransport
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import EntryState, Journal, JournalProblem, JournalUnavailable
from voucherdesk.money import Money
from voucherdesk.standin import StandinServer


def eur(value: str) -> Money:
    return Money(Decimal(value), "EUR")


class SteppedMonotonic:
    """A monotonic clock the test moves by hand (the desk's settle windows run on it)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Proxy(httpx.BaseTransport):
    """The client's way to the stand-in, over real loopback HTTP, with a hook that may answer
    one kind of request otherwise: a bookingkit that behaves in a way the stand-in cannot."""

    def __init__(self) -> None:
        self.inner = DeadlineTransport()
        self.hook: Answer | None = None

    def forward(self, request: httpx.Request) -> httpx.Response:
        return self.inner.handle_request(request)

    def read(self, request: httpx.Request) -> tuple[int, object]:
        """Forward ``request`` and return its status and decoded JSON body."""
        response = self.forward(request)
        response.read()
        return response.status_code, json.loads(response.content)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.hook is not None:
            answer = self.hook(request, self)
            if answer is not None:
                return answer
        return self.forward(request)

    def close(self) -> None:
        self.inner.close()


# A proxy hook: its own answer to a request, or None to let the stand-in answer.
Answer = Callable[[httpx.Request, Proxy], httpx.Response | None]


def json_answer(status: int, body: object) -> httpx.Response:
    return httpx.Response(status, json=body)


def get_of(request: httpx.Request) -> httpx.Request:
    """The GET of the resource ``request`` writes to, with the same credentials."""
    headers = {"Authorization": request.headers["Authorization"], "Accept-Encoding": "identity"}
    return httpx.Request("GET", request.url, headers=headers)


def rewrite_json(
    method: str, path: Callable[[str], bool], change: Callable[[object], object]
) -> Answer:
    """A proxy hook that changes the JSON answers to ``method`` on the paths ``path`` takes."""

    def hook(request: httpx.Request, via: Proxy) -> httpx.Response | None:
        if request.method != method or not path(request.url.path):
            return None
        headers = {**request.headers, "Accept-Encoding": "identity"}
        forwarded = httpx.Request(method, request.url, headers=headers, content=request.content)
        status, body = via.read(forwarded)
        return json_answer(status, change(body) if status < 300 else body)

    return hook


def is_voucher(path: str) -> bool:
    return path.startswith("/v3/vouchers/")


def after_booking(answer: Answer, *, booked: bool = False) -> Answer:
    """``answer`` from the first order posted on (``booked``: one was posted already): the
    reads before the order see bookingkit as it is."""
    posted = [True] if booked else []

    def hook(request: httpx.Request, via: Proxy) -> httpx.Response | None:
        if request.method == "POST" and request.url.path == "/v3/orders":
            posted.append(True)
        return answer(request, via) if posted else None

    return hook


def holding(balance: str) -> Callable[[object], object]:
    """A voucher's answer changed to hold ``balance``."""

    def change(voucher: object) -> object:
        assert isinstance(voucher, dict)
        return {**voucher, "remaining_value": balance}

    return change


# The marks that record the order once bookingkit holds it (the first of them carries it).
AFTER_THE_ORDER = (EntryState.BOOKED, EntryState.TOP_UP_SENT, EntryState.DONE)


def journal_fails_after_sending(monkeypatch: pytest.MonkeyPatch, *marks: EntryState) -> None:
    """Every later journal write of one of ``marks`` fails as on a full disk."""
    real_mark = Journal.mark

    def failing(self: Journal, entry: object, state: EntryState, **kw: object) -> object:
        if state in marks:
            raise JournalUnavailable(
                self.path, "database or disk is full", JournalProblem.CANNOT_WRITE
            )
        return real_mark(self, entry, state, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Journal, "mark", failing)


@pytest.fixture
def proxy() -> Iterator[Proxy]:
    made = Proxy()
    yield made
    made.close()


@pytest.fixture
def mono() -> SteppedMonotonic:
    return SteppedMonotonic()


@pytest.fixture
def tokens() -> MemoryTokenStore:
    """The API client's token, shared by the desks of one test as the keyring shares it."""
    return MemoryTokenStore()


@pytest.fixture
def desk(
    standin: StandinServer,
    tmp_path: Path,
    proxy: Proxy,
    mono: SteppedMonotonic,
    tokens: MemoryTokenStore,
) -> Iterator[Desk]:
    made = make_desk(
        standin.base_url, tmp_path / "till1", transport=proxy, monotonic=mono, token_store=tokens
    )
    yield made
    close_desk(made)  # its helper threads too
