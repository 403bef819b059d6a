"""VoucherDesk: redeem bookingkit value vouchers at a box-office counter."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("voucherdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
