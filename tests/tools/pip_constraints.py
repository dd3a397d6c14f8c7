"""pip constraints that keep the project venv coherent with the QGIS of this machine (``make setup``).

Run with the system Python (the one QGIS uses) and the package link on PYTHONPATH. Prints:
- ``numpy==<the distribution's>``: GDAL's Python bindings are built against it (numpy 2 breaks Debian 12's);
- the shapely requirement whose Linux wheels carry a GEOS no newer than the one QGIS loads
  (``plugin/gui/dependencies.py`` says why). When the distribution's shapely fits, it already satisfies this and
  pip keeps it (Debian 13's 2.1); when it is too old (Debian 12's 1.8), pip installs a wheel within the bound.

Usage: python3 tests/tools/pip_constraints.py > constraints.txt
"""

from __future__ import annotations

import numpy
from qgis.core import Qgis
from sentinelhub_batch.plugin.gui.dependencies import shapely_requirement


def constraints() -> list:
    qgis_geos = (Qgis.geosVersionMajor(), Qgis.geosVersionMinor(), Qgis.geosVersionPatch())
    shapely = shapely_requirement(qgis_geos)
    if shapely is None:
        raise SystemExit(f"QGIS loads GEOS {qgis_geos}, older than any shapely wheel carries: install the "
                         "distribution's python3-shapely (2.0 or later) or build shapely with --no-binary shapely")
    return [f"numpy=={numpy.__version__}", shapely]


if __name__ == "__main__":
    print("\n".join(constraints()))
