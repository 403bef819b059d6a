"""Mutation testing of the money path, journal.py and quote.py (``bash tests/mutation.sh``): tests
that kill mutants the rest of the suite lets survive, and in ``EXPLAINED`` the survivors that
cannot or need not be killed, each with its reason (gathered by tests/helpers/explained_mutants).
"""

from __future__ import annotations

EXPLAINED: dict[str, str] = {}
