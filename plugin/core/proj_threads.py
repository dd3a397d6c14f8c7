"""pyproj only on threads that Python created: why QGIS 3.40 crashed in the tile preview, and the fix.

The cause: pyproj 3.5 to 3.7 keeps one PROJ context per thread. It finds that context through a slot of the
operating-system thread (``PyThread_tss``) but frees it through a ``threading.local`` object, which lives only
as long as the *Python thread state*. QGIS runs Python on threads Python did not create — QgsTask and Processing
algorithms on a QThreadPool, slots on QThreads — and every such call gets a fresh thread state that is deleted
when the call returns (``PyGILState_Ensure``/``Release`` in sip). The first pyproj call on a pooled thread thus
frees its context when the task ends, while the thread's slot still points at it; the next task on the same
pooled thread (the second tile preview) hands the freed context to ``proj_create`` and QGIS dies with SIGSEGV in
``projCppContext::getDatabaseContext``. pyproj's wheels and Debian 13's python3-pyproj 3.7.1 alike; QGIS's own
PROJ contexts play no part (reproduced with a bare PyQt QThreadPool). pyproj fixes it after 3.7.2
(pyproj4/pyproj#1541, #1626), but the plugin must work with the pyproj that QGIS installs ship.

The fix: every function of the core that makes pyproj objects is decorated with :func:`on_python_thread`. Called
on a thread Python created (the main thread, ``threading.Thread``, the emulator's servers), it runs there: pyproj's
context then lives exactly as long as the thread. Called on any other thread, it runs on one Python thread kept
for this purpose while the caller waits. Those functions return plain data (numbers, strings, shapely geometries),
never pyproj objects, so no PROJ object leaves the thread that made it. :func:`require_python_thread` guards the
places that make pyproj objects, so a new code path that forgets the decorator fails with a clear error instead of
crashing QGIS. To make that guard unavoidable, :mod:`.proj` is the only module of the plugin that imports pyproj (a
layering test holds it): everything else makes CRSs and transformers through it, and it refuses to on a thread
Python did not create.
"""

from __future__ import annotations

import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Optional, TypeVar

Result = TypeVar("Result")

_EXECUTOR: Optional[ThreadPoolExecutor] = None
_EXECUTOR_LOCK = threading.Lock()
THREAD_NAME = "sentinelhub-batch-proj"


def is_python_thread() -> bool:
    """Whether Python created the calling thread (its thread state, and pyproj's context, last as long as it).

    Python describes threads it did not start (Qt's pooled threads, QThreads) as ``threading._DummyThread``.
    """
    return not isinstance(threading.current_thread(), threading._DummyThread)


def require_python_thread() -> None:
    if not is_python_thread():
        raise RuntimeError(
            "pyproj objects may only be made on threads Python created (pyproj 3.5-3.7 frees their PROJ context "
            "between two calls on a Qt thread and then crashes); call this through a function decorated with "
            "on_python_thread.")


def _executor() -> ThreadPoolExecutor:
    global _EXECUTOR
    with _EXECUTOR_LOCK:
        if _EXECUTOR is None:
            _EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix=THREAD_NAME)
        return _EXECUTOR


def on_python_thread(function: Callable[..., Result]) -> Callable[..., Result]:
    """``function`` runs on the calling thread if Python created it, else on the plugin's PROJ thread (waiting)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs) -> Result:
        if is_python_thread():
            return function(*args, **kwargs)
        return _executor().submit(function, *args, **kwargs).result()

    return wrapper

