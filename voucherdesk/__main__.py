"""``python -m voucherdesk`` is the same as the ``voucherdesk`` command."""

import sys

from voucherdesk.cli import main

sys.exit(main())
