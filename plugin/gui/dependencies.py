"""Python packages the plugin needs, checked before anything imports them: instructions, not a traceback."""

from __future__ import annotations

import importlib
from typing import List, Tuple

REQUIRED: Tuple[Tuple[str, str, str], ...] = (
    # (import name, pip requirement, why)
    ("shapely", "shapely>=2.0,<2.1", "areas and tiles"),
    ("pyproj", "pyproj>=3.4", "coordinate systems of the tiling grids"),
    ("requests", "requests>=2.28", "talking to Sentinel Hub"),
)


def missing_requirements() -> List[str]:
    """The pip requirements that are not met, each with why it is needed (empty when all is well)."""
    problems = []
    for module_name, requirement, purpose in REQUIRED:
        try:
            module = importlib.import_module(module_name)
        except Exception:  # an ImportError, or a broken binary package
            problems.append(f"{requirement} ({purpose})")
            continue
        if module_name == "shapely" and not str(getattr(module, "__version__", "0")).startswith("2.0"):
            problems.append(f"{requirement} ({purpose}; found {module.__version__}, which mixes its GEOS with the "
                            "one QGIS loads)")
    return problems


def install_hint(problems: List[str]) -> str:
    requirements = " ".join(f'"{problem.split(" (")[0]}"' for problem in problems)
    return (
        "Sentinel Hub Batch needs these Python packages in QGIS's Python: " + "; ".join(problems) + ". "
        f"Install them with: python3 -m pip install --user {requirements} (on Windows, in the OSGeo4W shell: "
        f"python -m pip install {requirements}), then restart QGIS."
    )
