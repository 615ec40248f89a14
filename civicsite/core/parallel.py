"""Work spread over processes: the pure steps (parse a page, render a page) of a large site run on
every core. Workers are forked, so they inherit the loaded site instead of receiving a copy."""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Iterable, Iterator, Optional, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_STATE: Any = None
_FUNC: Optional[Callable] = None
MIN_ITEMS = 48  # below this a pool costs more than it saves


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _call(item):
    return _FUNC(_STATE, item)


def process_map(func: Callable[[Any, T], R], state: Any, items: Iterable[T], jobs: int,
                ordered: bool = True, min_items: int = MIN_ITEMS) -> Iterator[R]:
    """``func(state, item)`` for every item, in ``jobs`` processes when that pays off (in order
    unless ``ordered`` is false; from ``min_items`` items on: fewer when each takes long); in
    this process otherwise, or where fork is unavailable."""
    global _STATE, _FUNC
    items = list(items)
    if jobs <= 1 or len(items) < max(min_items, 2) or \
            "fork" not in multiprocessing.get_all_start_methods():
        for item in items:
            yield func(state, item)
        return
    _STATE, _FUNC = state, func
    pool = multiprocessing.get_context("fork").Pool(jobs)
    try:
        chunk = max(1, min(32, len(items) // (jobs * 8)))
        mapper = pool.imap if ordered else pool.imap_unordered
        yield from mapper(_call, items, chunksize=chunk)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        _STATE, _FUNC = None, None
