"""The REPL in a real terminal (tmux), as a person uses it: paging, expanded rows,
Ctrl-R, and Ctrl-C on a statement that would run for many seconds."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEED

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    """One tmux server of its own, running one REPL in a 100×30 window."""

    def __init__(self, tmp_path: Path, args: str, *, env: str = "", after: str = "") -> None:
        self.base = ["tmux", "-L", f"kg-test-{os.getpid()}-{id(self)}"]
        variables = f"XDG_STATE_HOME={tmp_path} NO_COLOR=1 {env}"
        command = (f"cd {shlex.quote(str(ROOT))} && {'' if after else 'exec '}env {variables} "
                   f"{shlex.quote(sys.executable)} -m kg repl "  # exec: a Ctrl-C ends no
                   f"--as-of {SEED} {args}{'; ' + after if after else ''}")  # shell around it
        subprocess.run([*self.base, "new-session", "-d", "-s", "kg", "-x", "100", "-y", "30",
                        command], check=True)

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.base, "send-keys", "-t", "kg", *keys], check=True)

    def screen(self) -> str:
        return subprocess.run([*self.base, "capture-pane", "-p", "-t", "kg"],
                              capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    terminal = Tmux(tmp_path, "")
    try:
        terminal.wait_for("Ctrl-D to leave")
        yield terminal
    finally:
        terminal.close()


def test_long_output_is_paged(tmux: Tmux) -> None:
    """37 VM sizes on a 30-line terminal: less shows the first screenful; q returns."""
    tmux.keys("VMSize", "Enter")
    shown = tmux.wait_for("Standard_NC6")
    assert "(37 rows)" not in shown and "more rows" not in shown
    tmux.keys("G")  # less: to the end
    tmux.wait_for("(37 rows)")
    tmux.keys("q")
    tmux.wait_for(f"(37 rows)\nkg {SEED}>")  # the pager left the text, the prompt is back


def test_wide_rows_are_expanded(tmux: Tmux) -> None:
    tmux.keys("VMSeries | where architecture = Volta | show name, link, supportedBy", "Enter")
    shown = tmux.wait_for("(2 rows)")
    assert "-[ RECORD 1 ]" in shown and "name        | NCv3" in shown
    assert "link        | https://learn.microsoft.com/azure/virtual-machines/ncv3-series" in shown


def test_ctrl_r_enter_takes_the_entry(tmux: Tmux) -> None:
    tmux.keys("VMSeries | where category = GPU | count", "Enter")
    tmux.wait_for("(1 row)")
    tmux.keys("C-l", "C-r", "categ")
    tmux.wait_for("categ")
    tmux.keys("Enter")
    tmux.wait_for(f"kg {SEED}> VMSeries | where category = GPU | count")
    tmux.keys("Enter")
    shown = tmux.wait_for("(1 row)")
    assert "   10" in shown


def test_ctrl_c_cancels_a_long_statement(tmp_path: Path) -> None:
    """A statement that runs for many seconds on 80,000 generated facts: Ctrl-C returns to
    the prompt within a second, and the next statement answers."""
    data = tmp_path / "many.ttl"
    lines = ["@prefix kg: <https://w3id.org/azml-kg/ontology#> .",
             "@prefix ent: <https://w3id.org/azml-kg/id/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    architectures = ["Volta", "Pascal", "Ampere", "Turing"]
    lines += [f'ent:gen{i} a kg:VMSeries ; rdfs:label "Gen {i}"@en , "Gen {i}"@de ; '
              f"kg:category ent:gpu-category ; kg:architecture ent:{architectures[i % 4]} ; "
              f"kg:order {1000 + i} ." for i in range(8000)]
    data.write_text("\n".join(lines) + "\n")
    terminal = Tmux(tmp_path, f"--data {data}")
    try:
        terminal.wait_for("Ctrl-D to leave", timeout=60)
        terminal.keys("VMSeries | where category.^category.architecture = Volta | count", "Enter")
        time.sleep(1.5)
        assert "(1 row)" not in terminal.screen(), "the statement was not long after all"
        started = time.monotonic()
        terminal.keys("C-c")
        terminal.wait_for("cancelled")
        assert time.monotonic() - started < 1.0
        terminal.keys("GPUArchitecture | count", "Enter")
        shown = terminal.wait_for("(1 row)", timeout=10)
        assert "Traceback" not in shown
    finally:
        terminal.close()


def _many_series(path: Path, count: int) -> Path:
    """A data file of ``count`` generated GPU series (a statement over them takes seconds)."""
    lines = ["@prefix kg: <https://w3id.org/azml-kg/ontology#> .",
             "@prefix ent: <https://w3id.org/azml-kg/id/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    lines += [f'ent:gen{i} a kg:VMSeries ; rdfs:label "Gen {i}"@en ; kg:category '
              f"ent:gpu-category ; kg:architecture ent:Volta ." for i in range(count)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_keys_typed_ahead_wait_unshown_for_the_prompt(tmp_path: Path) -> None:
    """Keys typed while a statement runs are not echoed where the next prompt is then drawn
    over them (hunt50 #10): they wait, unshown, and the next prompt holds them."""
    data = _many_series(tmp_path / "some.ttl", 3000)
    terminal = Tmux(tmp_path, f"--data {data}")
    try:
        terminal.wait_for("Ctrl-D to leave", timeout=60)
        terminal.keys("VMSeries | where category.^category.architecture = Volta | count", "Enter")
        time.sleep(0.5)
        terminal.keys("GPUArch")
        time.sleep(0.5)
        during = terminal.screen()
        assert "(1 row)" not in during, "the statement was not long after all"
        assert "GPUArch" not in during
        terminal.wait_for("(1 row)", timeout=120)
        terminal.wait_for(f"kg {SEED}> GPUArch")
    finally:
        terminal.close()


def test_the_terminal_is_left_as_found(tmp_path: Path) -> None:
    """The echo is off between prompts only: on for the editor, after .restart, and when
    the REPL ends (the shell after it echoes what is typed)."""
    editor = tmp_path / "editor.sh"
    editor.write_text(f"stty -a > {shlex.quote(str(tmp_path / 'in-editor'))}\n")
    terminal = Tmux(tmp_path, "", env=f"VISUAL={shlex.quote('sh ' + str(editor))}",
                    after=f"stty -a > {shlex.quote(str(tmp_path / 'after'))}; sleep 30")
    try:
        terminal.wait_for("Ctrl-D to leave")
        terminal.keys("GPUArchitecture | count", "C-x", "C-e")
        _wait_file(tmp_path / "in-editor")
        terminal.wait_for("(1 row)")
        terminal.keys(".restart", "Enter")
        terminal.wait_for("restart", timeout=60)
        time.sleep(1)
        terminal.keys("C-d")
        _wait_file(tmp_path / "after")
    finally:
        terminal.close()
    for name in ("in-editor", "after"):
        modes = (tmp_path / name).read_text().split()
        assert "echo" in modes and "-echo" not in modes, name


def _wait_file(path: Path, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not (path.exists() and path.read_text()) and time.monotonic() < end:
        time.sleep(0.05)
    assert path.exists(), f"{path.name} never written"
