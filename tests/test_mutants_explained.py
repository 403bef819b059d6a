"""Tests that kill mutants of the money path which survived the rest of the suite, and the
reasons why each remaining survivor cannot or need not be killed (see tests/mutation.sh)."""
