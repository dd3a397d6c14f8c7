"""QGIS-side services shared by the two shells, the docks (``plugin.gui``) and Processing (``plugin.processing``).

Connection resolution and the shared tokens, area reading, tile and result layers, project persistence, evalscript
presets, the job actions, background work, failure messages, translations, logging and the QGIS/Qt compat shims.
No widgets: nothing here imports ``qgis.gui`` or the two shells.
"""
