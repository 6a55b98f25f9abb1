"""Build hook: the wheel and the sdist carry the embedded graph and the saved queries.

``ontology/`` and ``queries/`` stay at the top of the repository (MANIFEST.in puts them
in the sdist); building copies them into the package as ``kg/data/ontology`` and
``kg/data/queries``, where :mod:`kg.paths` finds them in an installed kg. Only the files
kg reads go: the graph's Turtle and TriG, the queries' ``.kgq``, none hidden or a backup
(a scratch query, an editor's ``x.kgq~`` or a ``gpus.trig.orig`` shipped: hunt75 F10).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: each folder kg ships, and the files of it kg reads
BUNDLED = {"ontology": ("*.ttl", "facts/*.trig"), "queries": ("*.kgq",)}


def bundled(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    """The files of ``folder`` that go into the build: matching ``patterns``, not hidden."""
    return sorted(p for pattern in patterns for p in folder.glob(pattern)
                  if p.is_file() and not any(part.startswith(".")
                                             for part in p.relative_to(folder).parts))


class BuildWithData(build_py):
    """``build_py``, then copy the data folders into ``kg/data`` of the build."""

    def run(self) -> None:
        editable = getattr(self, "editable_mode", False)
        stale = Path(self.build_lib) / "kg"
        if not editable and stale.exists():  # a module deleted since an earlier build went
            shutil.rmtree(stale)  # into the wheel from build/lib (hunt106 F2)
        super().run()
        if editable:
            return  # an editable install reads them from the checkout
        for name, patterns in BUNDLED.items():
            target = Path(self.build_lib) / "kg" / "data" / name
            if target.exists():
                shutil.rmtree(target)
            for path in bundled(ROOT / name, patterns):
                copy = target / path.relative_to(ROOT / name)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, copy)


if __name__ == "__main__":  # (a test imports it for :func:`bundled`)
    setup(cmdclass={"build_py": BuildWithData})
