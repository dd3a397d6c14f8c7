"""What the benchmarks share: the local stack in a process of its own (behind its latency proxies), the proxies'
request counts, and timing a render of a layer. Not a benchmark itself (``run.py`` runs ``bench_*.py`` only)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from typing import Dict, Tuple

import requests

STACK_LINE = re.compile(r"^\s+(base URL|token URL|client id|client secret|S3 endpoint|S3 bucket|S3 access key|"
                        r"S3 secret key|S3 region)\s+(\S+)\s*$")

STACK_NICENESS = 10


def start_stack_process(latency_ms: float = 0.0) -> Tuple[subprocess.Popen, Dict[str, str]]:
    """``python -m emulator.stack --fast --latency-ms`` in a child process; returns it and what it printed (the
    bucket by its name).

    The process runs at a lower priority: the real service runs on other machines, and on a 2-core machine the
    emulator's busy threads would otherwise take the CPU from the plugin's GUI thread, whose stalls are measured."""
    environment = dict(os.environ)
    environment["PYTHONUNBUFFERED"] = "1"
    process = subprocess.Popen([sys.executable, "-m", "emulator.stack", "--fast", "--latency-ms", str(latency_ms)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=environment)
    os.setpriority(os.PRIO_PROCESS, process.pid, STACK_NICENESS)
    values: Dict[str, str] = {}
    deadline = time.monotonic() + 120
    assert process.stdout is not None
    while time.monotonic() < deadline and "S3 region" not in values:
        line = process.stdout.readline()
        if not line:
            break
        match = STACK_LINE.match(line)
        if match:
            values.setdefault(match.group(1), match.group(2).removeprefix("s3://"))
    if "S3 region" not in values:
        process.terminate()
        raise RuntimeError("The local stack did not start (python -m emulator.stack printed no S3 settings).")
    return process, values


def stop_stack_process(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()


def proxy_counts(url: str, reset: bool = False) -> dict:
    return (requests.delete if reset else requests.get)(url + "/_latency", timeout=10).json()


def render_seconds(layer, size: int = 1000) -> float:
    """Seconds QGIS takes to draw ``layer`` at its full extent on a ``size`` × ``size`` px image."""
    from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize

    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(size, size))
    settings.setExtent(layer.extent())
    started = time.perf_counter()
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return time.perf_counter() - started
