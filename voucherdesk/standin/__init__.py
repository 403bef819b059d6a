"""A bookingkit API v3 stand-in server on loopback: demo mode and tests talk real HTTP to it."""

from voucherdesk.standin.faults import Fault, FaultPlan
from voucherdesk.standin.seed import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_CODES,
    DEMO_PASSES,
    DEMO_TICKETS,
)
from voucherdesk.standin.server import StandinServer
from voucherdesk.standin.state import StandinState

__all__ = [
    "DEMO_CLIENT_ID",
    "DEMO_CLIENT_SECRET",
    "DEMO_CODES",
    "DEMO_PASSES",
    "DEMO_TICKETS",
    "Fault",
    "FaultPlan",
    "StandinServer",
    "StandinState",
]
