"""The parser lark builds from the grammar is kept between runs in a folder of the user's
alone: lark's own choice, a file of a fixed name in the shared temporary folder that it
unpickles, let another user who made that file first run code as whoever ran kg next
(hunt51 #1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.paths import parser_cache

ROOT = Path(__file__).resolve().parent.parent


def test_no_parser_is_read_or_written_in_the_shared_temporary_folder(tmp_path: Path) -> None:
    shared, cache = tmp_path / "tmp", tmp_path / "cache"
    shared.mkdir()
    env = {**os.environ, "TMPDIR": str(shared), "XDG_CACHE_HOME": str(cache)}
    for _ in range(2):  # built, then read from the cache
        done = subprocess.run([sys.executable, "-m", "kg", "query", "VMSeries | count", "-f",
                               "csv"], cwd=ROOT, env=env, capture_output=True, text=True)
        assert (done.returncode, done.stdout) == (0, "count\n34\n"), done.stderr
    assert list(shared.iterdir()) == []
    assert [p.name for p in (cache / "kg").iterdir()] \
        == [f"parser-{sys.version_info[0]}.{sys.version_info[1]}.lark-cache"]
    assert (cache / "kg").stat().st_mode & 0o777 == 0o700


def test_a_cache_that_is_not_the_users_alone_is_not_used(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = Path(str(parser_cache("parser")))
    assert path.parent == tmp_path / "kg"
    path.write_bytes(b"")
    path.chmod(0o664)  # a umask of 002: in a folder no one else may enter, as good
    assert parser_cache("parser") == str(path)
    (tmp_path / "kg").chmod(0o777)  # kg's own folder, opened: closed again, then used
    assert parser_cache("parser") == str(path)
    assert (tmp_path / "kg").stat().st_mode & 0o777 == 0o700
    path.unlink()
    os.mkfifo(path)
    assert parser_cache("parser") is False
    path.unlink()
    path.symlink_to(tmp_path / "elsewhere")
    assert parser_cache("parser") is False
    path.unlink()
    if os.geteuid() == 0:  # a file, or the folder, of another user's
        path.write_bytes(b"")
        os.chown(path, 65534, 65534)
        assert parser_cache("parser") is False
        path.unlink()
        os.chown(tmp_path / "kg", 65534, 65534)
        assert parser_cache("parser") is False
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    (tmp_path / "file").write_text("")
    assert parser_cache("parser") is False  # no folder to be had: built each time


def test_no_home_no_cache_and_no_home_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt52 F10: with HOME a folder that does not exist, it was made (/nonexistent/.cache
    as root); with HOME empty, /.cache."""
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "nowhere"))
    assert parser_cache("parser") is False and not (tmp_path / "nowhere").exists()
    monkeypatch.setenv("HOME", "")
    assert parser_cache("parser") is False
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x" / "cache"))  # where given, it is
    assert parser_cache("parser") == str(tmp_path / "x" / "cache" / "kg" /  # made, its parents
                                         f"parser-{sys.version_info[0]}.{sys.version_info[1]}"
                                         ".lark-cache")  # too (hunt53 F5)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert parser_cache("parser") == str(tmp_path / "cache" / "kg" /
                                         f"parser-{sys.version_info[0]}.{sys.version_info[1]}.lark-cache")



def test_a_cache_folder_named_with_a_byte_that_is_not_utf8_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt89 F2: lark names its cache by a hash of the path's UTF-8, and a byte that is not
    (`\\xff`, kept by Python as a lone surrogate) made every statement exit 70; no cache."""
    odd = os.fsdecode(bytes(tmp_path) + b"/c\xff")
    monkeypatch.setenv("XDG_CACHE_HOME", odd)
    assert parser_cache("parser") is False
    done = subprocess.run([sys.executable, "-m", "kg", "query", "VMSeries | count", "-f", "csv"],
                          cwd=ROOT, env={**os.environ, "XDG_CACHE_HOME": odd},
                          capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "count\n34\n", "")
