"""Python packages the plugin needs, checked before anything imports them: instructions, not a traceback.

What matters is not a package's version but whether shapely and pyproj can share the process with QGIS. On Linux
every shared library joins one symbol namespace, so the GEOS or PROJ copy a pip wheel carries is not private: each
function that the library QGIS loaded also has is served by QGIS's copy, the others by the wheel's, and two versions
of one library then work on the same objects (NaN coordinates, crashes). That is safe only when the wheel was built
for a GEOS/PROJ no newer than the one QGIS loaded, whose C API then has every function it calls. Distribution
packages (Debian's python3-shapely, OSGeo4W's python3-shapely) are built against the very library QGIS uses and
always fit. On Windows and macOS a wheel's copy keeps its own symbols and is merely a second, independent library.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import Iterable, List, Optional, Set, Tuple

from ..core.proj_threads import on_python_thread

Version = Tuple[int, ...]

REQUIRED: Tuple[Tuple[str, str, str], ...] = (
    # (import name, pip requirement, why)
    ("shapely", "shapely>=2.0", "areas and tiles"),
    ("pyproj", "pyproj>=3.4", "coordinate systems of the tiling grids"),
    ("requests", "requests>=2.28", "talking to Sentinel Hub"),
)

SHAPELY_WHEEL_GEOS: Tuple[Tuple[Version, Version], ...] = (
    # (shapely series, GEOS its Linux wheels carry), read from the shapely.libs/ of the manylinux wheels on PyPI:
    # 2.0.7 → libgeos_c 3.11.4, 2.1.2 → 3.13.1, 2.2.0 → 3.14.1.
    ((2, 0), (3, 11)),
    ((2, 1), (3, 13)),
    ((2, 2), (3, 14)),
)


def version_tuple(text: str) -> Version:
    """The leading numbers of a version string: "3.13.1-CAPI-1.19.2" → (3, 13, 1)."""
    match = re.match(r"\d+(?:\.\d+)*", str(text).strip())
    return tuple(int(part) for part in match.group(0).split(".")) if match else ()


def shapely_requirement(qgis_geos: Version) -> Optional[str]:
    """The pip requirement whose Linux wheels fit a QGIS that loads GEOS ``qgis_geos``; None when none does."""
    fitting = [series for series, geos in SHAPELY_WHEEL_GEOS if geos[:2] <= tuple(qgis_geos[:2])]
    if not fitting:
        return None
    newest = fitting[-1]
    return f"shapely>=2.0,<{newest[0]}.{newest[1] + 1}"


def loaded_library_files(names: Iterable[str], maps_path: str = "/proc/self/maps") -> Set[str]:
    """Files of the shared libraries ``names`` (e.g. ``libgeos_c``) mapped into this process (Linux only).

    A wheel's copy has a hashed name (``libgeos_c-1e72bdae.so.1.17.4``), the system's a plain one.
    """
    alternatives = "|".join(re.escape(name) for name in names)
    pattern = re.compile(rf"/(?:{alternatives})[-.][^/]*$")
    files = set()
    try:
        with open(maps_path, encoding="utf-8", errors="replace") as maps:
            for line in maps:
                fields = line.split(maxsplit=5)
                if len(fields) == 6 and pattern.search(fields[5].strip()):
                    files.add(os.path.realpath(fields[5].strip()))
    except OSError:
        pass
    return files


def library_conflict(package: str, built_for: Version, qgis_runs: Version, copies: Set[str],
                     library: str) -> Optional[str]:
    """Why ``package`` cannot share the process with QGIS, or None: two copies and a newer one behind the package."""
    if len(copies) < 2 or not built_for or not qgis_runs or built_for[:2] <= qgis_runs[:2]:
        return None
    return (f"{package} was built for {library} {'.'.join(map(str, built_for))}, newer than the "
            f"{library} {'.'.join(map(str, qgis_runs))} QGIS loaded, and both copies are in QGIS's process "
            f"({', '.join(sorted(os.path.basename(path) for path in copies))}), where they would mix")


def _qgis_geos() -> Version:
    from qgis.core import Qgis

    return (Qgis.geosVersionMajor(), Qgis.geosVersionMinor(), Qgis.geosVersionPatch())


def _qgis_proj() -> Version:
    from qgis.core import QgsProjUtils

    return (QgsProjUtils.projVersionMajor(), QgsProjUtils.projVersionMinor())


def _shapely_problem(shapely) -> Optional[str]:
    if version_tuple(shapely.__version__)[:1] < (2,):
        problem = f"found {shapely.__version__}; the plugin uses the shapely 2 API"
    elif sys.platform.startswith("linux"):
        problem = library_conflict("shapely", tuple(shapely.geos_version), _qgis_geos(),
                                   loaded_library_files(["libgeos_c"]), "GEOS")
    else:
        problem = None
    if problem and sys.platform.startswith("linux") and shapely_requirement(_qgis_geos()) is None:
        problem += ("; no shapely wheel carries a GEOS that old, so build shapely against QGIS's GEOS: "
                    "pip install --no-binary shapely (needs the GEOS development files)")
    return problem


def _pyproj_problem(pyproj) -> Optional[str]:
    if sys.platform.startswith("linux"):
        built_for = version_tuple(getattr(pyproj, "__proj_compiled_version__", ""))
        conflict = library_conflict("pyproj", built_for, _qgis_proj(), loaded_library_files(["libproj"]), "PROJ")
        if conflict:
            return conflict
    return _pyproj_database_problem(pyproj)


@on_python_thread
def _pyproj_database_problem(pyproj) -> Optional[str]:
    """Its database must suit the PROJ that serves its calls (a wheel's newer proj.db, an older libproj)."""
    try:
        if pyproj.CRS.from_epsg(32633).to_epsg() != 32633:
            return "its PROJ database gives wrong answers"
    except Exception as error:
        return f"it cannot read its PROJ database ({error})"
    return None


def missing_requirements() -> List[str]:
    """The pip requirements that are not met, each with why it is needed (empty when all is well)."""
    problems = []
    for module_name, requirement, purpose in REQUIRED:
        try:
            module = importlib.import_module(module_name)
        except Exception:  # an ImportError, or a broken binary package
            problems.append(f"{_fitting_requirement(module_name, requirement)} ({purpose})")
            continue
        check = {"shapely": _shapely_problem, "pyproj": _pyproj_problem}.get(module_name)
        problem = check(module) if check else None
        if problem:
            problems.append(f"{_fitting_requirement(module_name, requirement)} ({purpose}; {problem})")
    return problems


def _fitting_requirement(module_name: str, requirement: str) -> str:
    if module_name == "shapely" and sys.platform.startswith("linux"):
        return shapely_requirement(_qgis_geos()) or requirement
    return requirement


def install_hint(problems: List[str]) -> str:
    requirements = " ".join(f'"{problem.split(" (")[0]}"' for problem in problems)
    if sys.platform == "win32":
        how = f"in the OSGeo4W Shell: python -m pip install {requirements}"
    elif sys.platform == "darwin":
        how = (f"with the Python inside the QGIS application: /Applications/QGIS-LTR.app/Contents/MacOS/bin/python3 "
               f"-m pip install --user {requirements} (QGIS.app for the latest release)")
    else:
        how = (f"preferably from your distribution, whose packages are built against the GEOS and PROJ QGIS uses "
               f"(Debian/Ubuntu: sudo apt install python3-shapely python3-pyproj, if they are recent enough), "
               f"else: python3 -m pip install --user --break-system-packages {requirements} (this writes only to "
               "~/.local)")
    return ("Sentinel Hub Batch needs these Python packages in QGIS's Python: " + "; ".join(problems) + ". "
            f"Install them {how}, then restart QGIS.")
