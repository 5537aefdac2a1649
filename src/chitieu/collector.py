"""Reading a document without the cyclic garbage collector's interruptions.

Reading one document builds hundreds of thousands of small objects that hold no reference
cycles (tokens, candidate tuples, search states and their back-pointer chains); reference
counting frees each as soon as it is dropped. The cyclic collector, woken every few hundred
allocations, would meanwhile walk the young objects again and again, and the loaded models'
objects at every full pass: about a tenth of the time restoring a scanned report takes. A
document is a bounded piece of work, so the collector is paused while its text is read and
runs again after; whatever cycles were made meanwhile are collected then. Loading the file is
left out: the PDF, Word and OCR libraries' objects may hold cycles, and a long PDF's pages
are best collected as they go.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off, then leave it as it was.

    Only a pause that turned the collector off turns it on again: a caller that had it off keeps
    it off, and overlapping pauses (threads of a server) end with it on.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
