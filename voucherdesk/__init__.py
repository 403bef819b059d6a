"""VoucherDesk: redeem bookingkit value vouchers at a box-office counter."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version comes from the installed package's metadata, read on first use only:
    # importlib.metadata is slow to import, and starting the window does not need it.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("voucherdesk")
        except PackageNotFoundError:  # running from a source tree that was never installed
            return "0.0.0"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
