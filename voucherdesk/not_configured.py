"""Why the real counter cannot open: the facts, for the edges to word.

Apart from ``app_context`` (which raises it) so that the window's wording names it without
loading the services behind the counter (issue #13).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voucherdesk.bookingkit.environments import AddressProblem
    from voucherdesk.local_files import FileProblem


class NotConfiguredReason(StrEnum):
    NO_CREDENTIALS = "no_credentials"  # nothing stored for this environment and address
    ADDRESS_REFUSED = "address_refused"  # the stored custom address is refused now
    SETTINGS_DAMAGED = "settings_damaged"  # the settings were salvaged from a damaged file
    SETTINGS_MISSING = "settings_missing"  # no settings file, yet this counter has redeemed


class NotConfigured(Exception):
    """The real counter cannot open: the facts of why, for the edges to word. For the two
    settings reasons the environment may not be the counter's own, so only the setup (or
    ``login``) opens it again - never production defaults by surprise."""

    def __init__(
        self,
        reason: NotConfiguredReason,
        *,
        environment: str = "",
        address_problem: AddressProblem | None = None,
        settings_problem: FileProblem | None = None,
    ) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.environment = environment
        self.address_problem = address_problem
        self.settings_problem = settings_problem

    @property
    def needs_setup(self) -> bool:
        """The setup comes first: the settings cannot say which bookingkit this counter uses."""
        return self.reason in (
            NotConfiguredReason.SETTINGS_DAMAGED,
            NotConfiguredReason.SETTINGS_MISSING,
        )
