"""Sentinel Hub Batch for QGIS.

QGIS imports this package at start-up, so nothing heavy is imported here: the plugin class (and with it
the GUI modules) is imported only when QGIS asks for it.
"""

from __future__ import annotations


def classFactory(iface):
    """Create the plugin; ``iface`` is ``None`` under ``qgis_process``, which then calls only ``initProcessing()``."""
    from .plugin.plugin import SentinelHubBatchPlugin

    return SentinelHubBatchPlugin(iface)
