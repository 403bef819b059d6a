"""Python's cyclic garbage collector held off while a long list is read into an index.

Reading 100,000 vouchers allocates hundreds of thousands of short-lived objects (a page's
items, the validated codes). Enough of them are alive at each of the collector's young passes
to be promoted, and every few pages that sets off a full collection: 20-25 ms in which no
other thread of the process runs Python, the counter window's included. Held off for the
refresh, the collector has nothing to do afterwards: those objects are freed by reference
counting as each batch is stored. Cycles made meanwhile anywhere in the process wait for the
collector until the refresh ends (seconds).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0  # refreshes running now (the voucher and pass indexes may refresh together)
_was_enabled = False


@contextmanager
def collections_held() -> Iterator[None]:
    """No automatic garbage collection inside; as before once the last holder leaves (a
    collector that was switched off stays off)."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
