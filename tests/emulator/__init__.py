"""The local stack used by tests and ``make demo``: moto S3 + a Sentinel Hub Batch v2 emulator (see README.md)."""


def _initialise_v8() -> None:
    """Start V8 without mini-racer's ``--single-threaded`` default, before anything else in the process creates a
    context: that flag keeps the optimising compiler off and makes evalscripts about 20 times slower."""
    try:
        from py_mini_racer import init_mini_racer
    except ImportError:
        return
    init_mini_racer(flags=(), ignore_duplicate_init=True)


_initialise_v8()
