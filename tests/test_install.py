"""kg as a user installs it: the wheel (and the sdist) carry the embedded graph and the saved
queries, and an installed kg answers from any folder, with nothing of the checkout present
(issue 11 §1)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    stale = ROOT / "build" / "lib" / "kg" / "stale_of_an_earlier_build.py"  # (ignored by git)
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_text("raise ImportError('a module deleted since')\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
          "-w", str(dist), str(ROOT)], cwd=dist)
    (found,) = dist.glob("azml_kg-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; kg's dependencies come from the test venv's
    site-packages (its own install of kg, an editable one, is not on the path)."""
    venv = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", str(venv)], cwd=venv)
    py = venv / "bin" / "python"
    _run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
         cwd=venv)
    site = _run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                cwd=venv).strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def test_the_wheel_carries_the_graph_and_the_queries(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "kg/data/ontology/kg.ttl" in names
    assert any(n.startswith("kg/data/ontology/facts/") and n.endswith(".trig") for n in names)
    assert "kg/data/queries/table-cuda.kgq" in names
    assert "kg/grammar.lark" in names


def test_the_wheel_carries_the_modules_of_the_checkout_and_no_other(wheel: Path) -> None:
    """`pip wheel .` reused build/lib, so a module deleted since an earlier build shipped
    (hunt106 F2)."""
    shipped = {n for n in zipfile.ZipFile(wheel).namelist()
               if n.startswith("kg/") and not n.startswith("kg/data/")}
    ours = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kg").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}
    assert shipped == ours


PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_distribution_is_not_pypis_kg() -> None:
    """hunt75 F1: `kg` on PyPI is another project, so `pip install kg[notebook]` (which the
    README said) ran a stranger's setup.py; and its 0.10.0 would replace ours on an upgrade."""
    from kg.cli.registry import DISTRIBUTION


    assert PYPROJECT["project"]["name"] == DISTRIBUTION == "azml-kg"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install kg[" not in readme and "pip install 'kg[" not in readme
    assert "Do not run\n`pip install kg`: `kg` on PyPI is another project." in readme


def test_a_build_carries_the_files_kg_reads_and_no_other(tmp_path: Path) -> None:
    """hunt75 F10: a scratch query, an editor's backup, a `.DS_Store` and a `gpus.trig.orig`
    in the working tree went into the wheel (the scratch query as one of kg's own)."""
    spec = importlib.util.spec_from_file_location("kg_build_hook", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)  # (not as __main__: no build)
    onto, queries = tmp_path / "ontology", tmp_path / "queries"
    for path in ("kg.ttl", "facts/gpus.trig", "facts/gpus.trig.orig", "facts/.#gpus.trig",
                 "facts/notes.txt", ".DS_Store", "kg.ttl~", "old/kg.ttl"):
        (onto / path).parent.mkdir(parents=True, exist_ok=True)
        (onto / path).write_text("x", encoding="utf-8")
    for path in ("table-cuda.kgq", "table-cuda.kgq~", ".#scratch.kgq", ".DS_Store", "README"):
        (queries / path).parent.mkdir(parents=True, exist_ok=True)
        (queries / path).write_text("x", encoding="utf-8")
    assert [p.relative_to(onto).as_posix() for p in hook.bundled(onto, hook.BUNDLED["ontology"])] \
        == ["facts/gpus.trig", "kg.ttl"]
    assert [p.name for p in hook.bundled(queries, hook.BUNDLED["queries"])] == ["table-cuda.kgq"]
    shipped = {p.relative_to(ROOT / "ontology").as_posix()
               for p in hook.bundled(ROOT / "ontology", hook.BUNDLED["ontology"])}
    from kg.shipped import shipped_files

    assert shipped == {p.relative_to(ROOT / "ontology").as_posix() for p in shipped_files()
                       if p.is_relative_to(ROOT / "ontology")} | {"shapes.ttl"}


def test_the_sdist_carries_them_too(tmp_path: Path) -> None:
    _run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "-o", str(tmp_path),
          str(ROOT)], cwd=tmp_path)
    (sdist,) = tmp_path.glob("azml_kg-*.tar.gz")
    names = tarfile.open(sdist).getnames()
    assert any(n.endswith("/ontology/kg.ttl") for n in names)
    assert any(n.endswith("/queries/table-cuda.kgq") for n in names)
    assert any(n.endswith("/setup.py") for n in names)
    assert any(n.endswith("/docs/language.md") for n in names)  # the README links it
    assert not any("/tests/" in n for n in names)  # all of the tests, or none (hunt75 F11)


def test_an_installed_kg_answers_from_anywhere(installed: Path, tmp_path: Path) -> None:
    kg = str(installed / "bin" / "kg")
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "KG_ONTOLOGY": "", "KG_QUERIES": ""}
    env = {k: v for k, v in env.items() if v} | {"PYTHONPATH": ""}
    out = _run([kg, "query", "--as-of", "seed", "VMSeries | where category = GPU | count"],
               cwd=tmp_path, env=env)
    assert json.loads(out) == [{"count": 10}]
    listed = json.loads(_run([kg, "list", "--format", "json"], cwd=tmp_path, env=env))
    assert {"table-cuda", "series-by-architecture"} <= {q["name"] for q in listed}
    where = _run([str(installed / "bin" / "python"), "-c",
                  "import kg; print(kg.__file__); print(len(kg.open_graph().query('VMSeries | "
                  "count').rows))"], cwd=tmp_path, env=env).split()
    assert where[0].startswith(str(installed)) and where[1] == "1"
    version = _run([kg, "--version"], cwd=tmp_path, env=env)  # pyproject.toml's (hunt75 F2)
    assert version == f"kg {PYPROJECT['project']['version']} ({Path(where[0]).parent})\n"


def test_saved_queries_of_the_user_live_in_xdg_data_home(installed: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"XDG_DATA_HOME": str(data), "PYTHONPATH": ""}
    script = ("from kg.saved import save_query, load_saved; "
              "p = save_query('mine', 'VMSeries | count'); print(p); "
              "print(load_saved('mine').name)")
    out = _run([str(installed / "bin" / "python"), "-c", script], cwd=tmp_path, env=env).split()
    assert out == [str(data / "kg" / "queries" / "mine.kgq"), "mine"]
    listed = _run([str(installed / "bin" / "kg"), "list", "--format", "json"], cwd=tmp_path,
                  env=env)
    assert "mine" in {q["name"] for q in json.loads(listed)}


def test_missing_shipped_queries_are_an_error_not_an_empty_list(installed: Path,
                                                               tmp_path: Path) -> None:
    done = subprocess.run([str(installed / "bin" / "kg"), "list"], cwd=tmp_path, text=True,
                          capture_output=True, env={**os.environ, "PYTHONPATH": "",
                                                    "KG_QUERIES": str(tmp_path / "nowhere")})
    assert done.returncode == 4
    assert "$KG_QUERIES names no folder of saved queries" in done.stderr


def test_an_install_without_its_data_names_the_folder_it_lacks(installed: Path,
                                                               tmp_path: Path) -> None:
    """hunt51 #10: without kg/data, kg named site-packages/queries (and would have taken
    another distribution's top-level queries/ or ontology/ for its own)."""
    import shutil

    site = Path(_run([str(installed / "bin" / "python"), "-c",
                      "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=tmp_path).strip())
    data = site / "kg" / "data"
    shutil.move(str(data), str(tmp_path / "data"))
    (site / "queries").mkdir()  # another distribution's folder of that name
    (site / "queries" / "x.kgq").write_text("# name: x\nVMSeries | count\n")
    try:
        env = {**os.environ, "PYTHONPATH": "", "KG_QUERIES": "", "KG_ONTOLOGY": ""}
        listed = subprocess.run([str(installed / "bin" / "kg"), "list"], cwd=tmp_path,
                                text=True, capture_output=True, env=env)
        assert listed.returncode == 4
        assert f"{data / 'queries'}" in listed.stderr
        asked = subprocess.run([str(installed / "bin" / "kg"), "query", "VMSeries | count"],
                               cwd=tmp_path, text=True, capture_output=True, env=env)
        assert asked.returncode == 4 and f"{data / 'ontology'}" in asked.stderr
    finally:
        shutil.rmtree(site / "queries")
        shutil.move(str(tmp_path / "data"), str(data))
