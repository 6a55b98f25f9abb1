"""Build hook: the wheel and the sdist carry the embedded graph and the saved queries.

``ontology/`` and ``queries/`` stay at the top of the repository (MANIFEST.in puts them
in the sdist); building copies them into the package as ``kg/data/ontology`` and
``kg/data/queries``, where :mod:`kg.paths` finds them in an installed kg.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("ontology", "queries")


class BuildWithData(build_py):
    """``build_py``, then copy the data folders into ``kg/data`` of the build."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads them from the checkout
        for name in BUNDLED:
            target = Path(self.build_lib) / "kg" / "data" / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(ROOT / name, target,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithData})
