"""Files kg writes: through symbolic links to their target, special files written as they are
(never replaced by a regular file), stale temporaries of killed writers cleaned up, names too
long a clear error, and several files (`--tables`, `kg docs`) all or none."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kg import fileio, fileread
from kg.cli import main
from kg.errors import ExitStatus, ExportError
from kg.fileio import write_all, write_atomic
from kg.tempfiles import NAME_MAX, STALE_AGE, clean_stale, temp_prefix

SEED = "2024-01-23"


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".kg-tmp-" in p.name)


def test_a_symlink_is_written_through_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real" / "out.ttl"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    write_atomic(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n"
    assert _temps(tmp_path) == [] and _temps(target.parent) == []


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "made.md")
    write_atomic(link, "x")
    assert link.is_symlink() and (tmp_path / "made.md").read_text() == "x"


def test_a_fifo_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:  # blocks until the writer opens it
            got.append(handle.read())

    reader = threading.Thread(target=read)
    reader.start()
    write_atomic(fifo, "through the pipe\n")
    reader.join(5)
    assert got == [b"through the pipe\n"]
    assert fifo.is_fifo()


def test_a_fifo_nothing_reads_is_an_error_not_a_hang(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fileio, "FIFO_WAIT", 0.2)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="a FIFO that nothing reads"):
        write_atomic(fifo, "x")
    assert fifo.is_fifo()


def test_a_fifo_whose_reader_leaves_is_said_so_and_holds_no_rename_back(tmp_path: Path) -> None:
    """A reader that leaves early: kg's own error, which `kg` takes as a reader leaving
    its stdout (exit 0) and the REPL says (it was "internal error", exit 70: hunt66 R3);
    and while a slow reader reads, no rename waits on it (a SIGTERM waited 10 s: R4)."""
    from kg.errors import ReaderLeft

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    seen: list[bool] = []

    def read_a_little() -> None:
        with open(fifo, "rb") as f:
            f.read(5)
            seen.append(fileio._COMMITTING.locked())
            time.sleep(0.2)

    reader = threading.Thread(target=read_a_little)
    reader.start()
    with pytest.raises(ReaderLeft, match="its reader left before the end"):
        write_atomic(fifo, "x" * 1_000_000)
    reader.join(5)
    assert seen == [False]


def test_dev_stdout_is_written_as_it_is_open(tmp_path: Path) -> None:
    """`kg export -o /dev/stdout >> log` replaced log, its lines gone (hunt66): written to
    the descriptor, as it is open, it appends; `/dev/fd/1` closed is "the stream is closed",
    as `/dev/stdout` is (R10)."""
    log = tmp_path / "log"
    log.write_text("old line\n")
    cmd = [sys.executable, "-m", "kg", "export", "-f", "csv", "-o", "/dev/stdout", "VMSeries | count"]
    with open(log, "a") as out:
        subprocess.run(cmd, stdout=out, check=True, cwd=Path(__file__).resolve().parent.parent)
    assert log.read_text() == "old line\ncount\n34\n"
    closed = subprocess.run([*cmd[:7], "/dev/fd/1", cmd[-1]], capture_output=True, text=True,
                            preexec_fn=lambda: os.close(1), check=False,
                            cwd=Path(__file__).resolve().parent.parent)
    assert (closed.returncode, closed.stderr) == (
        ExitStatus.DATA, "error: cannot write /dev/fd/1: the stream is closed\n")


def test_a_device_is_never_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_rename(*args: object) -> None:
        raise AssertionError("a device must not be replaced")

    monkeypatch.setattr(os, "replace", no_rename)
    write_atomic("/dev/null", "gone\n")
    assert Path("/dev/null").is_char_device()


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(ExportError, match="not a regular file"):
            write_atomic(path, "x")
        assert path.is_socket()


def test_export_to_a_symlink_and_a_fifo_through_the_cli(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fileio, "FIFO_WAIT", 0.2)
    target = tmp_path / "target.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    err = io.StringIO()
    assert main(["export", "VMSeries | count", "-o", str(link)], err=err) == 0, err.getvalue()
    assert link.is_symlink() and target.read_text().startswith("[")
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    assert main(["export", "VMSeries | count", "-o", str(fifo)], err=err) == ExitStatus.DATA
    assert "nothing reads" in err.getvalue() and fifo.is_fifo()


# --- names -------------------------------------------------------------------------------


def test_a_name_too_long_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / ("x" * (NAME_MAX + 1) + ".json")
    with pytest.raises(ExportError, match="longer than the 255 bytes") as caught:
        write_atomic(path, "x")
    assert caught.value.status == ExitStatus.DATA
    err = io.StringIO()
    assert main(["export", "VMSeries | count", "-o", str(path)], err=err) == ExitStatus.DATA
    assert "Traceback" not in err.getvalue() and "255 bytes" in err.getvalue()
    assert main(["export", "--tables", str(path)], err=err) == ExitStatus.DATA
    # a saved query's file kg cannot read is a path's error, exit 4 (hunt51 #8); a name, 3
    assert main(["run", "x" * 300 + ".kgq"], err=err) == ExitStatus.DATA
    assert main(["run", "x" * 300], err=err) == ExitStatus.QUERY
    assert "Traceback" not in err.getvalue() and "cannot write the output" not in err.getvalue()


def test_a_long_name_that_fits_is_written(tmp_path: Path) -> None:
    """The temporary name of a 250-byte name would not fit: it takes the name's hash."""
    path = tmp_path / ("ä" * 120 + ".md")  # 243 bytes
    write_atomic(path, "x")
    write_atomic(path, "y")
    assert path.read_text() == "y" and _temps(tmp_path) == []
    assert len(os.fsencode(temp_prefix(path.name))) < 40


# --- stale temporaries ------------------------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _aged(*paths: Path, seconds: float = STALE_AGE + 60) -> None:
    """As if ``paths`` were last changed ``seconds`` ago."""
    then = time.time() - seconds
    for path in paths:
        os.utime(path, (then, then))


def test_stale_temporaries_of_the_target_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    prefix = temp_prefix(target.name)
    dead = tmp_path / f"{prefix}{_dead_pid()}-0123abcd"
    live = tmp_path / f"{prefix}{os.getpid()}-0123abcd"
    other = tmp_path / f"{temp_prefix('other.ttl')}{_dead_pid()}-0123abcd"
    for path in (dead, live, other):
        path.write_text("partial")
    _aged(dead, live, other)
    write_atomic(target, "x")
    assert not dead.exists()
    assert live.exists() and other.exists()  # a live writer's, another target's
    assert clean_stale(tmp_path / "other.ttl") == [other]


def test_a_young_temporary_of_a_process_not_seen_stays(tmp_path: Path) -> None:
    """A writer in another PID namespace (a container) or on another host (NFS) is gone to
    this process's eyes: its temporary file was removed as it wrote it, and its write
    failed (hunt83 F13). One whose process is gone stays until it is an hour old."""
    target = tmp_path / "out.ttl"
    young = tmp_path / f"{temp_prefix(target.name)}{_dead_pid()}-0123abcd"
    young.write_text("being written elsewhere")
    _aged(young, seconds=STALE_AGE - 60)
    write_atomic(target, "x")
    assert young.exists() and clean_stale(target) == []
    _aged(young)
    assert clean_stale(target) == [young]


def test_a_writer_in_another_pid_namespace_keeps_its_temporary_file(tmp_path: Path) -> None:
    """As reported (hunt83 F13): `kg export -o F` while another `kg export -o F` in a PID
    namespace of its own (`unshare --pid`) runs: the second took the first's temporary
    file for a dead process's and removed it; the first failed, "No such file or
    directory". Both succeed now, the one renamed last winning. Needs unshare."""
    import shutil

    if shutil.which("unshare") is None:
        pytest.skip("no unshare")
    out, mark, go = tmp_path / "ns.csv", tmp_path / "mark", tmp_path / "go"
    held = ("import os, sys, time\nfrom pathlib import Path\n"
            "mark, go, sync = Path(sys.argv[1]), Path(sys.argv[2]), os.fsync\n"
            "def held(fd):\n"
            "    mark.write_text('held')\n"
            "    while not go.exists(): time.sleep(0.01)\n"
            "    sync(fd)\n"
            "os.fsync = held\nsys.argv = ['kg', *sys.argv[3:]]\n"
            "from kg.cli import entry\nentry()\n")
    root = Path(__file__).resolve().parent.parent
    first = subprocess.Popen([sys.executable, "-c", held, str(mark), str(go), "export", "-o",
                              str(out), "--as-of", SEED, "VMSeries | count"], cwd=root,
                             stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not mark.exists() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert mark.exists(), "the first write never reached its sync"
        second = subprocess.run(["unshare", "--pid", "--fork", "--mount-proc", sys.executable,
                                 "-m", "kg", "export", "-o", str(out), "--as-of", SEED,
                                 "VMSize | count"], cwd=root, capture_output=True, text=True,
                                timeout=120)
        if second.returncode != 0 and "unshare" in second.stderr:
            pytest.skip(f"cannot unshare here: {second.stderr.strip()}")
        go.touch()
        _, err = first.communicate(timeout=60)
    finally:
        go.touch()
        first.kill()
    assert (second.returncode, second.stderr) == (0, "")
    assert (first.returncode, err) == (0, "")
    assert main(["export", "-o", str(tmp_path / "first.csv"), "--as-of", SEED,
                 "VMSeries | count"]) == 0
    assert out.read_text() == (tmp_path / "first.csv").read_text() and _temps(tmp_path) == []


def test_a_temporary_file_removed_by_another_process_is_said_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When another process removes kg's temporary file before the rename, the error says
    so, not a bare "No such file or directory" (hunt83 F13); during the write or at the
    rename."""
    target = tmp_path / "out.json"
    replace = os.replace

    def taken_first(src: str, dst: str) -> None:
        os.unlink(src)  # as the other process did
        replace(src, dst)

    monkeypatch.setattr(fileio.os, "replace", taken_first)
    with pytest.raises(ExportError, match=r"cannot write .*out\.json: another process removed "
                                          r"kg's temporary file \.out\.json\.kg-tmp-\d+-\w+ "
                                          r"before kg renamed it; write it again"):
        write_atomic(target, "new")
    monkeypatch.setattr(fileio.os, "replace", replace)
    sync = os.fsync

    def taken_while_synced(fd: int) -> None:
        sync(fd)
        for name in _temps(tmp_path):
            os.unlink(tmp_path / name)

    monkeypatch.setattr(os, "fsync", taken_while_synced)
    with pytest.raises(ExportError, match="another process removed kg's temporary file"):
        write_atomic(target, "new")
    assert list(tmp_path.iterdir()) == []


def test_a_writer_killed_mid_write_is_cleaned_up_next_time(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old\n")
    script = ("import os, signal, sys\nfrom kg import fileio\n"
              "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
              "fileio.write_atomic(sys.argv[1], 'new' * 100000)\n")
    killed = subprocess.run([sys.executable, "-c", script, str(target)], check=False)
    assert killed.returncode == -9
    assert target.read_text() == "old\n" and len(_temps(tmp_path)) == 1
    write_atomic(target, "newer\n")  # too young yet: it stays
    assert target.read_text() == "newer\n" and len(_temps(tmp_path)) == 1
    _aged(*(tmp_path / name for name in _temps(tmp_path)))
    write_atomic(target, "newest\n")
    assert target.read_text() == "newest\n" and _temps(tmp_path) == []


# --- several files: all or none ----------------------------------------------------------


def test_write_all_writes_none_when_one_fails(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("old a")
    (tmp_path / "c").mkdir()
    with pytest.raises(ExportError, match="it is a folder"):
        write_all({tmp_path / "a.md": "new a", tmp_path / "b.md": "new b", tmp_path / "c": "x"})
    assert (tmp_path / "a.md").read_text() == "old a"
    assert not (tmp_path / "b.md").exists() and _temps(tmp_path) == []


def test_write_all_removes_the_folders_it_made_when_one_fails(tmp_path: Path) -> None:
    """A failed write leaves no folder it made behind (a failed `kg docs DIR` had left
    an empty DIR/de/); folders that were there stay, with what is in them."""
    (tmp_path / "old").mkdir()
    (tmp_path / "c").mkdir()
    files = {tmp_path / "new" / "de" / "a.md": "a", tmp_path / "old" / "x" / "b.md": "b",
             tmp_path / "c": "x"}
    with pytest.raises(ExportError, match="it is a folder"):
        write_all(files, folders=[tmp_path / "new" / "de"], make_folders=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "old"]
    assert list((tmp_path / "old").iterdir()) == []
    write_all({tmp_path / "new" / "de" / "a.md": "a"}, folders=[tmp_path / "new" / "de"])
    assert (tmp_path / "new" / "de" / "a.md").read_text() == "a"


def test_a_failed_site_leaves_no_folder_behind(tmp_path: Path) -> None:
    (tmp_path / "site" / "index.html").mkdir(parents=True)
    assert main(["docs", str(tmp_path / "site")]) == ExitStatus.DATA
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["index.html"]


def test_write_all_writes_a_fifo_first_and_nothing_else_when_nothing_reads_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A FIFO among the files (written directly, not renamed) is written before any file is
    replaced: when nothing reads it, the other files keep their old text."""
    monkeypatch.setattr(fileio, "FIFO_WAIT", 0.2)
    (tmp_path / "a.md").write_text("old a")
    os.mkfifo(tmp_path / "z.md")
    with pytest.raises(ExportError, match="FIFO that nothing reads"):
        write_all({tmp_path / "a.md": "new a", tmp_path / "z.md": "new z"})
    assert (tmp_path / "a.md").read_text() == "old a" and _temps(tmp_path) == []


def test_tables_are_all_rewritten_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import tables

    assert main(["export", "--tables", str(tmp_path), "--as-of", SEED]) == 0
    before = {p.name: p.read_text() for p in tmp_path.iterdir()}
    assert len(before) >= 3
    stale = f"<!-- stale: {tables.GENERATED} -->\n"  # kg's own (another's it refuses)
    for path in tmp_path.iterdir():
        path.write_text(stale)
    rendered = tables.table_markdown
    calls: list[str] = []

    def fail_third(saved: object, *args: object) -> str:
        calls.append("x")
        if len(calls) == 3:
            raise ExportError("a broken table")
        return rendered(saved, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(tables, "table_markdown", fail_third)
    assert main(["export", "--tables", str(tmp_path), "--as-of", SEED]) == ExitStatus.DATA
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == dict.fromkeys(before, stale)
    monkeypatch.setattr(tables, "table_markdown", rendered)
    assert main(["export", "--tables", str(tmp_path), "--as-of", SEED]) == 0
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == before


class _Outlasted:
    """A lock on a file system slower than any bound: a wait with a timeout runs out at
    once while another holds it (no test waits the bound out); one without, waits."""

    def __init__(self) -> None:
        self.lock, self.asked = threading.Lock(), threading.Event()

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if self.lock.locked():  # (the writer's own acquire comes first, on a free lock)
            self.asked.set()
        if timeout is not None and timeout >= 0:
            return self.lock.acquire(blocking=False)
        return self.lock.acquire(blocking)

    def release(self) -> None:
        self.lock.release()

    def locked(self) -> bool:
        return self.lock.locked()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class TestSettleWrites:
    """Ctrl-C on a `kg` command that writes files (`kg docs`, `--tables`): before the process
    leaves, renames under way finish, none starts after, and the temporary files of writes
    never renamed are removed (a site was left half old, half new, with temp files)."""

    @pytest.fixture(autouse=True)
    def _lock_of_its_own(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """settle_writes keeps the lock, as the process leaves: each test has its own (a
        writer left waiting on it waits for good, as a daemon thread)."""
        monkeypatch.setattr(fileio, "_COMMITTING", threading.Lock())
        monkeypatch.setattr(fileio, "_SETTLED", threading.Event())
        monkeypatch.setattr(fileio, "_settler", None)

    def _old_site(self, tmp_path: Path) -> dict[Path, str]:
        files = {tmp_path / f"page{i}.html": f"old {i}" for i in range(20)}
        for path, text in files.items():
            path.write_text(text)
        return {path: f"new {i}" for i, path in enumerate(files)}

    def test_renames_under_way_finish(self, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
        new = self._old_site(tmp_path)
        replace, renaming = os.replace, threading.Event()

        def slow_replace(src: object, dst: object) -> None:
            renaming.set()
            time.sleep(0.02)
            replace(src, dst)  # type: ignore[arg-type]

        monkeypatch.setattr(fileio.os, "replace", slow_replace)
        writer = threading.Thread(target=fileio.write_all, args=(new,), daemon=True)
        writer.start()
        assert renaming.wait(5)
        fileio.settle_writes()  # as Ctrl-C: the process would leave now
        assert all(path.read_text() == text for path, text in new.items())
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in new)

    def test_renames_under_way_finish_however_long_they_take(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """On a slow file system (NFS, a big site) the renames outlasted settle_writes' 10 s,
        and the clean-up went ahead: a site part old, part new (hunt83 F8). Here any bounded
        wait runs out at once (:class:`_Outlasted`), and the renames are held till the
        clean-up has begun: they finish, and every file is new."""
        monkeypatch.setattr(fileio, "_COMMITTING", _Outlasted())
        new = self._old_site(tmp_path)
        replace, renaming, go_on = os.replace, threading.Event(), threading.Event()

        def held_replace(src: object, dst: object) -> None:
            renaming.set()
            go_on.wait(60)
            replace(src, dst)  # type: ignore[arg-type]

        monkeypatch.setattr(fileio.os, "replace", held_replace)
        writer, failed = _writing(new)
        assert renaming.wait(60)
        settler = threading.Thread(target=fileio.settle_writes, daemon=True)
        settler.start()
        assert fileio._COMMITTING.asked.wait(60)  # the clean-up waits, or gave up at once
        go_on.set()
        settler.join(60)
        writer.join(60)
        assert not settler.is_alive() and not writer.is_alive() and failed == []
        assert all(path.read_text() == text for path, text in new.items())
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in new)

    def test_a_signal_in_the_thread_renaming_makes_the_renames_left(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The REPL's SIGTERM handler runs in the thread that is renaming (its `.export`):
        it cannot wait for the lock that thread holds; it makes the renames left itself,
        and the files are all new (hunt83 F7). In a thread of its own, in case it hangs."""
        new = self._old_site(tmp_path)
        replace, settled = os.replace, []

        def signalled(src: object, dst: object) -> None:
            replace(src, dst)  # type: ignore[arg-type]
            if not settled:  # after the first rename: the handler, in this thread
                settled.append(True)
                fileio.settle_writes()

        monkeypatch.setattr(fileio.os, "replace", signalled)
        writer = threading.Thread(target=fileio.write_all, args=(new,), daemon=True)
        writer.start()
        writer.join(60)
        assert not writer.is_alive(), "settle_writes waited for its own thread"
        assert all(path.read_text() == text for path, text in new.items())
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in new)

    def test_writes_not_renamed_leave_no_file(self, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
        new = self._old_site(tmp_path)
        prepare, prepared = fileio._prepare, threading.Event()

        def slow_prepare(*args: object) -> object:
            found = prepare(*args)  # type: ignore[arg-type]
            prepared.set()
            time.sleep(0.01)
            return found

        monkeypatch.setattr(fileio, "_prepare", slow_prepare)
        writer, stopped = _writing(new)
        assert prepared.wait(5)
        fileio.settle_writes()  # once, as the process leaving on Ctrl-C calls it
        time.sleep(0.5)  # the writer goes on, and may create no temporary file (hunt27 F2:
        # `--tables` left those of the tables it wrote after the Ctrl-C)
        writer.join(5)
        assert not writer.is_alive()  # it stopped at its next temporary file, with an error
        assert len(stopped) == 1 and "kg is stopping" in str(stopped[0])
        assert all(path.read_text() == f"old {i}" for i, path in enumerate(new))
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in new)

    def test_a_folder_made_for_writes_not_renamed_is_removed(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """hunt51 #11: Ctrl-C during `kg docs` into an old site left an empty de/ the run
        had made (the writer, abandoned, never reached its clean-up)."""
        monkeypatch.setattr(fileio, "_MADE", [])
        site, release, entered = tmp_path / "site", threading.Event(), threading.Event()
        site.mkdir()
        (site / "index.html").write_text("old")
        prepare = fileio._prepare

        def blocked(*args: object) -> object:
            entered.set()
            release.wait(5)
            return prepare(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(fileio, "_prepare", blocked)
        new = {site / "index.html": "new", site / "de" / "index.html": "neu"}
        def write() -> None:
            with contextlib.suppress(ExportError):  # "kg is stopping", once released
                fileio.write_all(new, folders=[site / "de"])

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        assert entered.wait(5) and (site / "de").is_dir()
        fileio.settle_writes()  # the process leaves, its writer still at work
        assert [p.name for p in site.iterdir()] == ["index.html"]
        assert (site / "index.html").read_text() == "old"
        release.set()
        writer.join(5)

    def test_a_finished_write_forgets_its_folders(self, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(fileio, "_MADE", [])
        fileio.write_all({tmp_path / "de" / "a.html": "a"}, folders=[tmp_path / "de"])
        assert fileio._MADE == []
        fileio.settle_writes()
        assert (tmp_path / "de" / "a.html").read_text() == "a"

    def test_a_second_settle_in_the_thread_that_settled_returns(self, tmp_path: Path) -> None:
        """SIGTERM to the REPL while its restart settles the writes (`settle_writes(2.0)`,
        then the exec): the handler's settle waited for the lock its own thread held, for
        ever, and every later SIGTERM with it (hunt84 F3). In a thread, in case it hangs."""
        leftover = tmp_path / ".x.kg-tmp-1-a"
        settled = threading.Thread(target=lambda: (fileio.settle_writes(2.0),
                                                   fileio._WRITING.add(leftover),
                                                   leftover.write_text("x"),
                                                   fileio.settle_writes()), daemon=True)
        settled.start()
        settled.join(10)
        assert not settled.is_alive(), "the second settle waited for its own thread's lock"
        assert not leftover.exists()  # and it cleaned up all the same

    def test_no_write_after_settling_until_resumed(self, tmp_path: Path) -> None:
        target = tmp_path / "t.md"
        fileio.settle_writes()
        with pytest.raises(ExportError, match="kg is stopping"):
            fileio.write_atomic(target, "new")
        assert list(tmp_path.iterdir()) == []
        fileio.resume_writes()  # the REPL's restart failed: it goes on
        fileio.write_atomic(target, "new")
        assert [p.name for p in tmp_path.iterdir()] == ["t.md"]


def test_a_nul_in_a_data_path_is_a_data_error() -> None:
    """`.load a<NUL>b.ttl` was "internal error: ValueError: embedded null byte" (exit 70), and
    `kg.open_graph(data=[…])` a bare ValueError."""
    from kg.errors import DataError
    from kg.session import Graph

    with pytest.raises(DataError, match="no such file"):
        Graph.open(["a\x00b.ttl"])
    with pytest.raises(fileread.Unreadable, match="a NUL character"):
        fileread.read_regular(Path("a\x00b"), 10)


def test_a_read_only_file_system_is_named(tmp_path: Path) -> None:
    """On a read-only mount the error blamed the file's mode and said to make it writable
    (hunt56 F10); it names the file system. Needs a mount namespace of its own."""
    import shlex
    import shutil

    if shutil.which("unshare") is None:
        pytest.skip("no unshare")
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "x.csv").write_text("old\n")
    where = shlex.quote(str(folder))
    script = (f"mount --bind {where} {where} && mount -o remount,bind,ro {where} && exec "
              f"{shlex.quote(sys.executable)} -m kg export -o {where}/x.csv VMSeries")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True)
    if "mount" in done.stderr and "kg" not in done.stderr:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")
    assert done.returncode == 4 and "the file system it is on is read-only" in done.stderr
    assert (folder / "x.csv").read_text() == "old\n"


def _writing(files: dict[Path, str]) -> tuple[threading.Thread, list[ExportError]]:
    """``fileio.write_all(files)`` started in a thread of its own, and where its error goes."""
    failed: list[ExportError] = []

    def write() -> None:
        try:
            fileio.write_all(files)
        except ExportError as exc:
            failed.append(exc)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer, failed


def test_a_rename_is_flushed_with_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After the renames, each folder written into is flushed (fsync of the folder: the new
    name outlives a power cut, as the file's data does), and so is `.save`'s."""
    from kg import tempfiles
    from kg.saved.writing import save_query

    synced: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(tempfiles.os, "fsync", fsync)
    (tmp_path / "a").mkdir()
    write_all({tmp_path / "a" / "x.txt": "x", tmp_path / "y.txt": "y"})
    assert str(tmp_path / "a") in synced and str(tmp_path) in synced
    synced.clear()
    (tmp_path / "q").mkdir()
    save_query("mine", "VMSeries | count", directory=tmp_path / "q")
    assert str(tmp_path / "q") in synced  # (the file itself too, as every write's)


def _lock_of(folder: Path) -> Path:
    """The lock file of ``folder`` (kg.tempfiles.folders_held)."""
    from kg.paths import lock_folder

    where, info = lock_folder(), folder.stat()
    assert where is not None
    return where / f"{info.st_dev:x}-{info.st_ino:x}.lock"


def _folder_held_by_another(folder: Path, seconds: float) -> subprocess.Popen[str]:
    """A process that holds ``folder``'s lock for ``seconds`` (as another kg renaming)."""
    code = ("import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(float(sys.argv[2]))")
    holder = subprocess.Popen([sys.executable, "-c", code, str(_lock_of(folder)), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_renames_wait_for_another_process_renaming_into_the_folder(tmp_path: Path) -> None:
    """hunt83 F21: two `kg docs` into one folder at once left pages of both; each run's
    renames now hold the folders they rename into, so the later run's files come whole."""
    holder = _folder_held_by_another(tmp_path, 0.6)
    writer = threading.Thread(target=write_all, args=({tmp_path / "a.md": "a", tmp_path / "b.md": "b"},))
    writer.start()
    time.sleep(0.3)
    assert not (tmp_path / "a.md").exists() and not (tmp_path / "b.md").exists()
    holder.wait()
    writer.join(10)
    assert (tmp_path / "a.md").read_text() == "a" and (tmp_path / "b.md").read_text() == "b"


def test_a_folder_held_too_long_is_written_all_the_same(tmp_path: Path) -> None:
    """A lock held longer than kg's renames ever hold it is something else's: kg waits for
    it no longer, and writes."""
    from kg.tempfiles import folders_held

    holder = _folder_held_by_another(tmp_path, 5)
    try:
        start = time.monotonic()
        with folders_held([tmp_path], wait=0.3):
            (tmp_path / "x").write_text("x")
        assert 0.3 <= time.monotonic() - start < 3
    finally:
        holder.kill()
        holder.wait()


def test_one_folder_by_two_names_is_one_lock(tmp_path: Path) -> None:
    """hunt87 F1: a folder and a link to it (a target that is a link, resolved) were two
    locks of one folder, and the second waited 10 s for the first."""
    (tmp_path / "out").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "out")
    start = time.monotonic()
    write_all({tmp_path / "out" / "a.txt": "a", tmp_path / "link" / "b.txt": "b"})
    assert time.monotonic() - start < 5
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt", "b.txt"]


def test_the_lock_is_the_users_alone(tmp_path: Path) -> None:
    """hunt87 F2: a lock on the folder itself, anyone who may read the folder could take
    and hold every kg write there; the lock is a file no one else may open, in a folder no
    one else may enter."""
    write_all({tmp_path / "a.txt": "a"})
    lock = _lock_of(tmp_path)
    assert lock.exists() and lock.stat().st_mode & 0o077 == 0
    assert lock.parent.stat().st_mode & 0o077 == 0 and lock.parent.stat().st_uid == os.geteuid()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a link to another user")
def test_another_users_link_in_a_sticky_shared_folder_is_not_followed(tmp_path: Path) -> None:
    """hunt129 F3: kg resolved a link itself, so fs.protected_symlinks never stopped it:
    another user's link in /tmp had `kg export -o /tmp/x.html` replace the file it led to.
    kg follows a link in a sticky folder everyone may write only as the kernel would: the
    writer's own, or the folder owner's."""
    shared, victim = tmp_path / "shared", tmp_path / "precious.txt"
    shared.mkdir()
    shared.chmod(0o1777)
    victim.write_text("precious\n")
    link, own = shared / "out.json", shared / "mine.json"
    link.symlink_to(victim)
    os.lchown(link, 12345, 12345)  # a link of another user's (uid 12345)
    with pytest.raises(ExportError, match=r"out.json: it is a symbolic link of another "
                                          r"user's \(uid 12345\) in .*shared, a sticky folder"):
        write_atomic(link, "x")
    own.symlink_to(link)  # a link of the writer's own to it: every link on the way counts
    with pytest.raises(ExportError, match="a symbolic link of another user's"):
        write_atomic(own, "x")
    out, err = io.StringIO(), io.StringIO()
    assert main(["export", "-o", str(link), "VMSeries | count"], out, err) == ExitStatus.DATA
    assert "fs.protected_symlinks" in err.getvalue() and victim.read_text() == "precious\n"
    assert _temps(shared) == [] and _temps(tmp_path) == []
    os.chown(shared, 12345, 12345)  # the folder owner's link: followed, as the kernel does
    write_atomic(link, "theirs\n")
    assert victim.read_text() == "theirs\n" and link.is_symlink()
    os.chown(shared, 0, 0)
    shared.chmod(0o777)  # not sticky: followed too
    write_atomic(own, "plain\n")
    assert victim.read_text() == "plain\n"


@pytest.mark.parametrize("command", [["docs", "{dir}"], ["export", "--tables", "{dir}"]])
@pytest.mark.parametrize("leads", ["out", "nowhere", "device"])
def test_a_folder_kg_fills_is_not_left_through_a_link(tmp_path: Path, command: list[str],
                                                      leads: str) -> None:
    """hunt129 F3: `kg docs DIR` (and --tables) wrote through a link in DIR to anywhere: a
    dangling one planted in a shared folder made a file outside it, one to /dev/zero was
    written "directly". A link in DIR that leads out of it, or to nothing, is refused."""
    folder, elsewhere = tmp_path / "shared", tmp_path / "victim"
    folder.mkdir()
    elsewhere.mkdir()
    target = {"out": elsewhere / "new.md", "nowhere": folder / "gone.md",
              "device": Path("/dev/zero")}[leads]
    (folder / "cuda.md").symlink_to(target)
    out, err = io.StringIO(), io.StringIO()
    args = [a.format(dir=folder) for a in command]
    assert main(args, out, err) == ExitStatus.DATA, err.getvalue()
    said = "a symbolic link to nothing" if leads == "nowhere" else "a symbolic link (or in a " \
        f"linked folder) that leads out of {folder}, to {os.path.realpath(target)}"
    assert f"cuda.md: it is {said}" in err.getvalue(), err.getvalue()
    assert list(elsewhere.iterdir()) == [] and sorted(p.name for p in folder.iterdir()) == ["cuda.md"]


def test_a_link_within_the_folder_kg_fills_is_written_through(tmp_path: Path) -> None:
    """A link in DIR to a table in DIR (a user's own layout) is written as before."""
    folder = tmp_path / "tables"
    out, err = io.StringIO(), io.StringIO()
    assert main(["export", "--tables", str(folder)], out, err) == ExitStatus.OK, err.getvalue()
    (folder / "cuda.md").rename(folder / "real.md")
    (folder / "real.md").write_text((folder / "real.md").read_text() + "old\n")
    (folder / "cuda.md").symlink_to("real.md")
    assert main(["export", "--tables", str(folder)], out, err) == ExitStatus.OK, err.getvalue()
    assert (folder / "cuda.md").is_symlink() and "old" not in (folder / "real.md").read_text()
