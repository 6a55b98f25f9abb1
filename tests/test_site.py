"""`kg docs DIR`: the documentation site (issue 12 §1). Golden pages (the seed revision, en
and de; the SVG Graphviz draws is compared apart, as it depends on Graphviz's version),
strict HTML, footnotes that resolve to documents and commits, the page's own table
layouts, languages that do not overwrite each other, atomic writes, and a screenshot in
headless Chromium that must not be blank."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import ExportError
from kg.fileio import write_atomic
from kg.session import Graph
from kg.site import PAGES, build_site, write_site
from kg.tables import export_tables
from tests.conftest import SEED
from tests.htmlcheck import problems
from tests.png import read_png

GOLDEN = Path(__file__).resolve().parent / "golden" / "site"
UPDATE = os.environ.get("KG_UPDATE_GOLDEN") == "1"
#: every page: a wrong table on a page without one passed every test (hunt56 F5)
GOLDEN_PAGES = ("index", *(page.slug for page in PAGES))
SVG = re.compile(r"<svg\b.*?</svg>", re.S)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")



@pytest.fixture(autouse=True, scope="module")
def graphviz() -> None:
    """The site's diagrams are drawn by Graphviz: without it the tests fail, saying so."""
    if shutil.which("dot") is None:
        pytest.fail("the site's diagrams need Graphviz's `dot`, which is not installed: "
                    "apt-get install -y graphviz (.ci/run installs it)")


@pytest.fixture(scope="module")
def sites() -> dict[str, dict[str, str]]:
    """The site as of the seed revision, in English and German, by file name; and as of
    the latest revision in English (``latest``)."""
    built = {lang: build_site(Graph.open(lang=lang, as_of=SEED)) for lang in ("en", "de")}
    return {**built, "latest": build_site(Graph.open(lang="en"))}


def without_svg(text: str) -> str:
    return SVG.sub("<svg><!-- drawn by Graphviz; compared apart --></svg>", text)


@pytest.mark.parametrize("lang", ["en", "de", "latest"])
@pytest.mark.parametrize("page", GOLDEN_PAGES)
@pytest.mark.parametrize("ext", ["html", "md"])
def test_golden(sites: dict[str, dict[str, str]], lang: str, page: str, ext: str) -> None:
    got = without_svg(sites[lang][f"{page}.{ext}"])
    path = GOLDEN / lang / f"{page}.{ext}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, got)
    assert path.exists(), f"no golden file {path}: run with KG_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8"), f"{path} differs (KG_UPDATE_GOLDEN=1)"


def test_a_revision_with_a_part_dated_later_says_so(sites: dict[str, dict[str, str]]) -> None:
    """hunt74 F6: the seed's site, "as of 2024-01-23", showed Av1 and HB retired on
    2024-08-31 (its retired-series include is of 2024-10-17) and said nothing of it."""
    for name, text in (("en", "retired VM series include) of 2024-10-17."),
                       ("de", "Include der eingestellten VM-Serien) vom 17.10.2024.")):
        for page in ("index.html", "retired-series.md"):
            assert text in sites[name][page], (name, page)
    assert "dated later" not in sites["latest"]["index.html"]


def test_every_page_in_both_formats(sites: dict[str, dict[str, str]]) -> None:
    names = {"index", *(p.slug for p in PAGES)}
    assert len(PAGES) == 9
    for files in sites.values():
        assert set(files) == {f"{n}.{ext}" for n in names for ext in ("html", "md")}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_page_parses_strictly(sites: dict[str, dict[str, str]], lang: str) -> None:
    for name, text in sites[lang].items():
        if name.endswith(".html"):
            assert problems(text) == [], name
            assert f'<html lang="{lang}">' in text


def test_diagrams_are_inline_svg(sites: dict[str, dict[str, str]]) -> None:
    cuda = sites["en"]["cuda.html"]
    svg = SVG.search(cuda)
    assert svg is not None and 'role="img"' in svg.group(0) and "<?xml" not in cuda
    assert "NCv3" in svg.group(0) and "minimum CUDA" in svg.group(0)
    assert "```mermaid\nflowchart LR\n" in sites["en"]["cuda.md"]
    # named by its caption for assistive technology (hunt21 docs F8: no accessible name)
    named = re.search(r'<svg role="img" aria-labelledby="([^"]+)"', cuda)
    assert named is not None and f'<figcaption id="{named.group(1)}">' in cuda
    # no Graphviz names as tooltips (`kg`, `n1->n5`: hunt56 F14); an edge says what it is
    assert "<title>" not in svg.group(0)
    assert re.search(r'xlink:title="[^"]+ → minimum CUDA → CUDA [0-9.]+"', svg.group(0))


def test_the_pages_own_layouts(sites: dict[str, dict[str, str]]) -> None:
    """CUDA: one row per architecture, its series in one cell; managed compute: one row per
    capability, cluster and instance as columns, "Single node cluster" as on the page."""
    cuda = sites["en"]["cuda.md"]
    assert re.search(r"^\| Volta\[\^\d+\] \| NCv3, NDv2\[\^\d+\] \| CUDA 9\.0\[\^\d+\] \|$", cuda, re.M)
    managed = sites["en"]["managed-compute.md"]
    assert "| Capability | Azure Machine Learning compute cluster | Azure Machine Learning compute " \
           "instance |" in managed
    assert re.search(r"^\| Single- or multi-node cluster\[\^\d+\] \| yes\[\^\d+\] \| "
                     r"Single node cluster\[\^\d+\] \|$", managed, re.M)  # (the capability too:
    # and its blank cell's "no", each the table's: hunt111 F4)
    assert re.search(r"^\| Autoscales each time you submit a job\[\^(\d+)\] \| yes\[\^\1\] \| no\[\^\1\] \|$",
                     managed, re.M)
    assert re.search(r"^\| Cluster mit einem oder mehreren Knoten\[\^\d+\] \| ja\[\^\d+\] \| "
                     r"Einzelknotencluster\[\^\d+\] \|$", sites["de"]["managed-compute.md"], re.M)


def test_footnotes_name_source_document_and_commit(sites: dict[str, dict[str, str]]) -> None:
    cuda = sites["en"]["cuda.html"]
    notes = dict(re.findall(r'<li id="(fn-\d+)">(.*?)</li>', cuda))
    cited = set(re.findall(r'href="#(fn-\d+)"', cuda))
    assert cited == set(notes) and notes
    table = next(n for n in notes.values() if n.startswith('<span class="source">CUDA table</span>'))
    assert ('<a href="https://github.com/MicrosoftDocs/azure-ai-docs/blob/0eea71caf55c6e7bdbfa9b0b3664288200817f6d/'
            'articles/machine-learning/concept-compute-target.md">') in table
    assert "at commit <code>0eea71caf55c</code>" in table
    md = sites["en"]["cuda.md"]
    assert re.search(r"^\[\^1\]: .+ at commit `[0-9a-f]{12}`", md, re.M)


def test_compatibility_matrix(sites: dict[str, dict[str, str]]) -> None:
    page = sites["en"]["compatibility.html"]
    assert '<th scope="col">CUDA 12.8</th>' in page and '<th scope="col">PyTorch 2.8</th>' in page
    row = re.search(r'<tr><th scope="row">NCv3</th>(.*?)</tr>', page)
    assert row is not None
    assert '<a href="#why-ncv3-cuda-13-0">not compatible</a>' in row.group(1)
    why = page.split('id="why-ncv3-cuda-13-0"')[1].split("</ul>")[0]
    assert "Volta is removed in CUDA 13.0<sup" in why
    assert "nicht kompatibel" in sites["de"]["compatibility.html"]


def test_pages_are_deterministic(sites: dict[str, dict[str, str]]) -> None:
    assert build_site(Graph.open(lang="de", as_of=SEED)) == sites["de"]


# --- writing ------------------------------------------------------------------------


def test_one_run_writes_every_language_each_page_linking_to_its_translation(
        tmp_path: Path) -> None:
    """English in DIR, German in DIR/de/, in one run: a language link never points at a
    page that was not written (they were separate runs, and no page linked the other)."""
    site = tmp_path / "new" / "site"  # missing folders are created
    assert main(["docs", str(site), "--as-of", SEED]) == 0
    english, german = (site / "index.html").read_bytes(), (site / "de" / "index.html").read_bytes()
    assert german.startswith(b'<!DOCTYPE html>\n<html lang="de">')
    for page in ("index", *(p.slug for p in PAGES)):
        for folder, other in ((site, site / "de"), (site / "de", site)):
            html = (folder / f"{page}.html").read_text(encoding="utf-8")
            [href] = re.findall(r'<nav class="languages"[^>]*><a href="([^"]+)" hreflang', html)
            assert (folder / href).resolve() == (other / f"{page}.html").resolve()
            md = (folder / f"{page}.md").read_text(encoding="utf-8")
            [link] = re.findall(r"^(?:Languages|Sprachen): \[[^]]+\]\(([^)]+)\)$", md, re.M)
            assert (folder / link).resolve() == (other / f"{page}.md").resolve()
    assert main(["docs", str(site), "--lang", "de", "--as-of", SEED]) == 0  # the same site
    assert (site / "index.html").read_bytes() == english
    assert (site / "de" / "index.html").read_bytes() == german
    assert not [p for p in site.rglob("*.kg-tmp-*")]


def test_a_failed_run_leaves_the_old_site_whole(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    graph = Graph.open(as_of=SEED)
    write_site(tmp_path, graph)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert tmp_path / "de" / "index.html" in before
    (tmp_path / "notes.txt").write_text("mine")  # not the site's: kept
    calls = []

    def failing(fd: int) -> None:  # the fifth file's temporary file fails
        calls.append(fd)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(ExportError, match="No space left on device"):
        write_site(tmp_path, Graph.open(lang="en"))  # another revision: other bytes
    assert len(calls) == 5
    assert {p: p.read_bytes() for p in tmp_path.rglob("*")
            if p.is_file() and p.name != "notes.txt"} == before
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_the_site_and_the_tables_never_replace_each_others_files(tmp_path: Path) -> None:
    """hunt111 F2: `kg docs` and `kg export --tables` both write `cuda.md`, `vm-series.md`
    and `training-targets.md`, and each replaced the other's, exit 0; `kg docs` replaced
    an `index.md` of the user's too. Each refuses a file it did not write; its own it
    writes again."""
    graph = Graph.open(as_of=SEED)
    site, tables = tmp_path / "site", tmp_path / "tables"
    write_site(site, graph)
    export_tables(tables, graph)
    pages = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    with pytest.raises(ExportError, match=r"cuda\.md is there and is no table `kg export "
                                          r"--tables` wrote \(a page of `kg docs`"):
        export_tables(site, graph)
    with pytest.raises(ExportError, match=r"de/cuda\.md is there and is no table"):
        export_tables(site, graph, lang="de")
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == pages
    table = (tables / "cuda.md").read_bytes()
    with pytest.raises(ExportError, match=r"cuda\.md is there and is no page `kg docs` wrote"):
        write_site(tables, graph)
    assert (tables / "cuda.md").read_bytes() == table and not (tables / "index.md").exists()
    assert write_site(site, graph) and export_tables(tables, graph)[0]  # their own: again
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.md").write_text("# My notes\n")
    with pytest.raises(ExportError, match="index.md is there and is no page"):
        write_site(mine, graph)
    assert (mine / "index.md").read_text() == "# My notes\n"
    from kg.site import files  # one kg cannot read is not taken for a page (hunt122 F3;
    # root reads any file: the read fails here by a stand-in)
    (mine / "index.md").unlink()
    (mine / "cuda.md").write_text("unread\n")

    def unreadable(path: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "open", unreadable)
        assert not files._a_site_page(mine / "cuda.md")


def test_docs_command_needs_a_folder() -> None:
    assert main(["docs"]) == 2


# --- Chromium --------------------------------------------------------------------------


def chromium() -> str:
    """Debian's chromium; the test fails (never skips) without it: `.ci/run` installs it."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    pytest.fail("headless Chromium is needed to screenshot the site and is not installed: "
                "apt-get install -y chromium (.ci/run installs it)")


def screenshot(page: Path, out: Path, profile: Path) -> Path:
    shot = out / f"{page.stem}.png"
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", f"--user-data-dir={profile}", f"--screenshot={shot}",
                    "--window-size=1280,1600", page.as_uri()],
                   capture_output=True, timeout=120, check=False)
    return shot


@pytest.mark.parametrize("page", ["index", "cuda"])
def test_chromium_renders_the_site(tmp_path: Path, page: str) -> None:
    """The page opens from disk (no server, no network) and renders: the screenshot has the
    size asked for, many colours, and ink on a good part of it. KG_SCREENSHOTS=DIR keeps
    the screenshots to look at."""
    site = tmp_path / "site"
    write_site(site, Graph.open(as_of=SEED))
    keep = os.environ.get("KG_SCREENSHOTS")
    out = Path(keep) if keep else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    shot = screenshot(site / f"{page}.html", out, tmp_path / "profile")
    assert shot.is_file(), f"Chromium wrote no screenshot of {page}.html"
    width, height, pixels = read_png(shot.read_bytes())
    assert (width, height) == (1280, 1600)
    colours = set(pixels)
    inked = sum(1 for p in pixels if p[:3] != b"\xff\xff\xff") / len(pixels)
    assert len(colours) > 50, f"the screenshot of {page}.html has {len(colours)} colours: blank?"
    assert inked > 0.05, f"the screenshot of {page}.html is {inked:.1%} ink: blank?"


def test_a_source_without_a_document_links_its_own_address(
        sites: dict[str, dict[str, str]]) -> None:
    """A web page kg read (NVIDIA's MIG guide, cuFFT's documentation) was cited by its name
    alone, its address unprinted: 14 footnotes a reader could not follow (hunt34 H1)."""
    pages = "".join(sites["en"][name] for name in sites["en"] if name.endswith(".html"))
    notes = re.findall(r'<li id="fn-\d+">(.*?)</li>', pages)
    unlinked = [n for n in notes if '<a href="' not in n]
    assert not unlinked, unlinked[:3]
    md = "".join(sites["en"][name] for name in sites["en"] if name.endswith(".md"))
    assert re.search(r"^\[\^\d+\]: \[[^\]]+\]\(https://docs\.nvidia\.com/", md, re.M)


def test_german_footnotes_say_how_firm_in_german(sites: dict[str, dict[str, str]]) -> None:
    """"(secondary)" and "unverified" stood in the German footnotes (hunt34 L1)."""
    notes = "".join(re.findall(r'<li id="fn-\d+">(.*?)</li>',
                               "".join(sites["de"][n] for n in sites["de"] if n.endswith(".html"))))
    assert "sekundär" in notes and "secondary" not in notes and "unverified" not in notes


def test_a_site_as_of_a_revision_cites_that_revisions_documents(
        sites: dict[str, dict[str, str]]) -> None:
    """A source shared by several revisions (the seed's CUDA table, unchanged in 2025) cited
    the documents of all of them: the seed site named the commits of 2025 and 2026 on 7 of
    its 10 pages (hunt34-docs M1)."""
    pages = "".join(sites["en"][name] for name in sites["en"] if name.endswith(".md"))
    assert "0eea71caf55c" in pages  # the seed's commit
    assert "43dc14ea7c30" not in pages and "766e4b444667" not in pages


def test_a_german_site_says_whose_german_texts_it_shows(sites: dict[str, dict[str, str]]) -> None:
    """No German page of the later revisions was found: the German site as of 2026 showed the
    seed's German texts under "Stand: Seitenrevision vom 31.03.2026" without a word, and a
    German reader lost the 2025 billing caveat unknowingly (hunt56 F3). It says whose texts
    they are (kg:germanTextsFrom), on every page; the seed's German site and the English
    sites need not."""
    later = build_site(Graph.open(lang="de"))
    said = ("Die deutschen Texte stammen von der deutschen Seite zur Seitenrevision vom "
            "23.01.2024 (Grundlage)")
    for name, text in later.items():
        if name.endswith((".html", ".md")):
            assert said in text, name
    for lang in ("de", "en", "latest"):
        assert not any("deutschen Texte" in text or "German texts" in text
                       for text in sites[lang].values()), lang


def _pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_sigterm_or_sighup_leaves_the_site_whole_and_ends_kg_by_that_signal(
        tmp_path: Path, signame: str) -> None:
    """`kill`, `timeout`, a CI job cancelled or an ssh session closed, while `kg docs`
    writes: the site is all old or all new, with no temporary file (SIGTERM between two
    renames left 2 pages of 20 new and 18 temporary files: hunt64 F1), and kg ends by the
    signal, as its sender expects, saying nothing. Sent as the first temporary
    file appears, mid-run."""
    import signal
    import sys
    import time

    signum = getattr(signal, signame)
    site = tmp_path / "site"
    assert main(["docs", str(site), "--as-of", SEED]) == 0
    old = _pages(site)
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, "-m", "kg", "docs", str(site)], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if any(".kg-tmp-" in p.name for p in site.rglob("*")):
                break
            time.sleep(0.002)
        assert proc.poll() is None, "kg docs ended before it wrote a temporary file"
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert (proc.returncode, err) == (-signum, b"")
    assert not [p for p in site.rglob("*.kg-tmp-*")]
    assert main(["docs", str(tmp_path / "new")]) == 0
    assert _pages(site) in (old, _pages(tmp_path / "new")), "half a site"


def test_a_hangup_kg_was_started_ignoring_stays_ignored(tmp_path: Path) -> None:
    """`nohup kg docs DIR`: a SIGHUP (the terminal closed) does not stop it."""
    import signal
    import sys
    import time

    site = tmp_path / "site"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "docs", str(site), "--as-of", SEED],
        cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))  # as nohup does
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if site.exists():
                break
            time.sleep(0.002)
        proc.send_signal(signal.SIGHUP)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert (site / "index.html").is_file()
