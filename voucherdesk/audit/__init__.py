"""The counter's audit trail: an append-only, hash-chained file of what was done, by whom.

Qt-free and below the desk: ``events`` (what one row says), ``chain`` (the row format and the
check of a whole trail), ``head`` (the chain head kept outside the file, in the keyring),
``trail`` (appending under a file lock, a torn last line set aside), ``export`` (CSV).
"""
