"""The refusals the stand-in answers with, as exceptions the HTTP layer turns into bodies.

bookingkit documents only the shapes (reference section 7, U15): error bodies
``{"code", "user_message", "internal_message"}`` and rate-limit bodies
``{"error_code", "error", "error_description"}``. The numeric ``code`` values below are ours:

    40000 request body is not JSON / not an object     40100 token missing, unknown or expired
    40010 order fields invalid                         40101 token lacks the scope
    40020 date not bookable (past, lead time, full)    40400 no such item / path
    40030 voucher cannot pay this order                42900 plain rate limit (faults only)
    40040 payment refused                              50000 injected server error
    40050 duplicate external_reference (U12)
    40060 a product cannot be booked (U24, U25)
    40070 open-date ticket cannot be redeemed
    40080 pass cannot pay these participants
"""

from __future__ import annotations

from typing import Any

from voucherdesk.bookingkit.guesses import ERROR_CODE_MONTHLY_QUOTA, ERROR_CODE_TOKEN_STILL_VALID

BAD_JSON = 40000
BAD_ORDER = 40010
DATE_NOT_BOOKABLE = 40020
VOUCHER_REFUSED = 40030
PAYMENT_REFUSED = 40040
DUPLICATE_REFERENCE = 40050
PRODUCT_REFUSED = 40060
TICKET_REFUSED = 40070
PASS_REFUSED = 40080
UNAUTHORIZED = 40100
MISSING_SCOPE = 40101
NOT_FOUND = 40400


class ApiProblem(Exception):
    """An answer with bookingkit's error body."""

    def __init__(self, status: int, code: int, user_message: str, internal: str = "") -> None:
        super().__init__(user_message)
        self.status = status
        self.code = code
        self.user_message = user_message
        self.internal_message = internal or user_message

    def body(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "user_message": self.user_message,
            "internal_message": self.internal_message,
        }


def bad_request(code: int, message: str) -> ApiProblem:
    return ApiProblem(400, code, message)


def not_found(what: str) -> ApiProblem:
    return ApiProblem(404, NOT_FOUND, f"{what} not found")


class RateLimitProblem(Exception):
    """A 429 with the OAuth-style body bookingkit uses for its limits."""

    def __init__(self, error_code: int, description: str) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description

    def body(self) -> dict[str, Any]:
        return {
            "error_code": self.error_code,
            "error": "Too many requests",
            "error_description": self.description,
        }


def token_still_valid() -> RateLimitProblem:
    return RateLimitProblem(ERROR_CODE_TOKEN_STILL_VALID, "please reuse your oauth tokens")


def quota_exhausted(limit: int) -> RateLimitProblem:
    return RateLimitProblem(
        ERROR_CODE_MONTHLY_QUOTA,
        "You exceeded your monthly request limit. "
        f"Your current limit is {limit} requests per month",
    )


class OAuthProblem(Exception):
    """A refusal of the token endpoint: ``{"error", "error_description"}``."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.error = error
        self.description = description

    def body(self) -> dict[str, Any]:
        return {"error": self.error, "error_description": self.description}
