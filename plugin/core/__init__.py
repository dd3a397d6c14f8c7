"""QGIS-free core: the API client, auth, models, grids, cost and storage layout.

Nothing in this package imports ``qgis``; the GUI and the Processing provider call into it.
"""
