"""Open-date tickets and passes of our own on a running stand-in, with dates we control."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from voucherdesk.bookingkit.guesses import RedemptionStrategy
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.pass_quote import PassQuote
from voucherdesk.desk.ticket_quote import TicketQuote
from voucherdesk.standin import StandinServer


@dataclass
class TicketTour:
    """A 60-minute tour with an appointment running now (started 10 minutes ago), one in two
    hours and one tomorrow, and one open ticket for it (Adult, 39.00, Erika Mustermann)."""

    event_id: str
    running_id: str
    later_id: str
    tomorrow_id: str
    ticket_id: str
    code: str

    @classmethod
    def add_to(
        cls,
        server: StandinServer,
        code: str = "ODT-TEST-1",
        *,
        running_free: int = 4,
        later_free: int = 0,
        tomorrow_free: int = 3,
    ) -> TicketTour:
        state = server.state
        now = state.now()
        event_id = state.add_event("Ticket Tour", [("Adult", Decimal("39.00"))], duration=60)
        running = state.add_date(event_id, now - timedelta(minutes=10), running_free, total=8)
        later = state.add_date(event_id, now + timedelta(hours=2), later_free, total=8)
        tomorrow = state.add_date(event_id, now + timedelta(days=1), tomorrow_free, total=8)
        ticket = state.add_open_date_ticket(
            code,
            event_id,
            customer_name="Erika Mustermann",
            price_value=Decimal("39.00"),
            price_title="Adult",
        )
        return cls(event_id, running, later, tomorrow, ticket, code)

    def quote(
        self,
        desk: Desk,
        strategy: RedemptionStrategy = RedemptionStrategy.CURRENT_WITHOUT_OVERBOOKING,
        picked: str | None = None,
    ) -> TicketQuote:
        client = desk.client
        check = desk.check(self.code)
        assert check.ticket is not None, check
        event = client.get_event(self.event_id)
        dates = desk.ticket_dates(event)
        chosen = next((d for d in dates if d.id == picked), None)
        return desk.quote_ticket(check.ticket, event, dates, strategy, chosen)


@dataclass
class PassTour:
    """A tour (Adult 20.00) with one date in three days (10 places) and a 10-entry pass for
    it with ``left`` entries left."""

    event_id: str
    date_id: str
    price_id: str
    pass_id: str
    code: str

    @classmethod
    def add_to(
        cls, server: StandinServer, code: str = "PASS-TEST-1", *, left: int = 7, slots: int = 10
    ) -> PassTour:
        state = server.state
        event_id = state.add_event("Pass Tour", [("Adult", Decimal("20.00"))])
        date_id = state.add_date(event_id, state.now() + timedelta(days=3), slots)
        price_id = str(state.event(event_id)["prices"][0]["id"])
        pass_id = state.add_pass(
            code, total=10, available=left, event_id=event_id, price_id=price_id, price=None
        )
        return cls(event_id, date_id, price_id, pass_id, code)

    def quote(self, desk: Desk, entries: int) -> PassQuote:
        check = desk.check(self.code)
        assert check.sold_pass is not None, check
        client = desk.client
        return desk.quote_pass(
            check.sold_pass, client.get_event(self.event_id), client.get_date(self.date_id), entries
        )

    def left(self, server: StandinServer) -> int:
        return int(server.state.flex_ticket(self.pass_id)["redemption_available"])
