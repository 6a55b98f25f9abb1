"""`kg completion bash|zsh|fish`: each script loads in its real shell and completes
commands, options, formats and saved-query names."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = str(Path(sys.executable).parent)
def _env() -> dict[str, str]:
    """The environment as conftest leaves it for this test (the XDG folders its own, not
    the user's: taken at import, before conftest moved them, a saved query of yours came in
    the candidates, and the shells wrote into your home: hunt119 F1), this venv's bin first,
    and zsh's dump beside the test's own files."""
    return {**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
            "ZDOTDIR": os.environ["XDG_CONFIG_HOME"]}


def _shell(shell: str, script: str) -> str:
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed (.ci/run installs it)")
    done = subprocess.run([shell, "-c", script], capture_output=True, text=True, env=_env(),
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _bash_complete(*words: str) -> list[str]:
    setup = 'source <(kg completion bash); COMP_WORDS=(' + " ".join(f"'{w}'" for w in words) \
        + f'); COMP_CWORD={len(words) - 1}; _kg; printf "%s\\n" "${{COMPREPLY[@]}}"'
    return _shell("bash", setup).split()


def test_bash_completes_commands_options_formats_and_saved_queries() -> None:
    assert _bash_complete("kg", "qu") == ["query"]
    assert _bash_complete("kg", "query", "--format", "j") == ["json", "jsonl", "jsonld"]
    assert _bash_complete("kg", "query", "-f", "cs") == ["csv"]
    assert _bash_complete("kg", "--lang", "") == ["en", "de"]
    assert _bash_complete("kg", "run", "series-by") == ["series-by-architecture",
                                                         "series-by-category"]
    assert "--fail-empty" in _bash_complete("kg", "query", "--f")
    assert _bash_complete("kg", "completion", "") == ["bash", "zsh", "fish"]


def test_each_command_completes_the_formats_it_takes() -> None:
    """`kg list`, `revisions`, `diff` and `repl` take the result formats only; `query`,
    `run` and `export` take every format (the subgraph ones too)."""
    for command in ("list", "revisions", "diff", "repl"):
        assert _bash_complete("kg", command, "--format", "") == [
            "table", "json", "jsonl", "csv", "tsv", "md", "html"], command
    for command in ("query", "run", "export"):
        assert "turtle" in _bash_complete("kg", command, "-f", ""), command
    out = _shell("fish", 'kg completion fish | source; complete -C "kg list --format j"')
    assert [line.split("\t")[0] for line in out.splitlines()] == ["json", "jsonl"]


def test_every_command_completes_in_bash() -> None:
    from kg.cli import COMMANDS

    assert set(_bash_complete("kg", "")) >= set(COMMANDS)


def test_zsh_loads_the_script() -> None:
    out = _shell("zsh", 'eval "$(kg completion zsh)"; (( $+functions[_kg] )) && echo loaded')
    assert out.strip() == "loaded"


def test_zsh_runs_compinit_only_where_the_users_setup_has_not(tmp_path: Path) -> None:
    """The script ran compinit after the user's own (rewriting their dump), and with HOME
    empty wrote /.zcompdump (hunt68 F9): a shell that has run it keeps its own."""
    out = _shell("zsh", f"export HOME={tmp_path}; autoload -U compinit && "
                        f"compinit -d {tmp_path}/mine.zcompdump; "
                        'eval "$(kg completion zsh)"; (( $+functions[_kg] )) && echo loaded')
    assert out.strip() == "loaded"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.zcompdump"]  # no .zcompdump


def test_fish_completes() -> None:
    out = _shell("fish", 'kg completion fish | source; complete -C "kg query --format j"; '
                         'complete -C "kg run series-by"')
    firsts = [line.split("\t")[0] for line in out.splitlines()]
    assert firsts == ["json", "jsonl", "jsonld", "series-by-architecture", "series-by-category"]


def test_the_revision_names_the_scripts_offer_exist() -> None:
    """The completion offers the names `kg revisions --names` prints (it had a list of its
    own, without 2024), and each works."""
    from kg.cli.completion import revision_names

    names = revision_names()
    assert _bash_complete("kg", "--as-of", "") == names
    assert subprocess.run([sys.executable, "-m", "kg", "revisions", "--names"],
                          capture_output=True, text=True, env=_env()).stdout.split() == names
    for name in names:
        done = subprocess.run([sys.executable, "-m", "kg", "--as-of", name, "query",
                               "VMSeries | count"], capture_output=True, text=True, env=_env())
        assert done.returncode == 0, (name, done.stderr)


def test_revisions_names_prints_what_as_of_takes() -> None:
    """`kg revisions --names`: every name `--as-of` takes (dates aside), one per line; with
    --format it is refused (it was accepted and ignored)."""
    import io

    from kg.cli import main

    out = io.StringIO()
    assert main(["revisions", "--names"], out, io.StringIO()) == 0
    names = out.getvalue().splitlines()
    assert {"seed", "latest"} <= set(names) and len(names) == len(set(names))
    for name in names:
        assert main(["--as-of", name, "query", "VMSeries | count", "-f", "csv"], io.StringIO(),
                    io.StringIO()) == 0, name
    err = io.StringIO()
    assert main(["revisions", "--names", "--format", "json"], io.StringIO(), err) == 2
    assert "give it or --format, not both" in err.getvalue()


def test_a_file_name_with_spaces_is_one_word_and_diff_takes_revisions(tmp_path: Path) -> None:
    """hunt46 #4: bash split `my data.ttl` into two candidates (`compgen -f` through word
    splitting); `kg diff` completed no revision; fish lost the apostrophe of "query's"."""
    (tmp_path / "my data.ttl").write_text("")
    (tmp_path / "plain").mkdir()
    script = (f"cd {tmp_path}; source <(kg completion bash); COMP_WORDS=(kg --data m); "
              'COMP_CWORD=2; _kg; printf "[%s]\\n" "${COMPREPLY[@]}"')
    assert _shell("bash", script) == "[my data.ttl]\n"
    assert "seed" in _bash_complete("kg", "diff", "s")
    zsh = subprocess.run([sys.executable, "-m", "kg", "completion", "zsh"], capture_output=True,
                         text=True, env=_env()).stdout
    assert "complete -o default -F _kg kg" in zsh  # hunt48 #4: `kg do` Tab gave `kg docs/` beside docs/
    fish = subprocess.run([sys.executable, "-m", "kg", "completion", "fish"], capture_output=True,
                          text=True, env=_env()).stdout
    assert "print a saved query\\'s file" in fish
    assert _shell("fish", f"{fish}\ncomplete -C 'kg sh'") .startswith("show\tprint a saved query's file")


def test_a_command_of_one_name_is_offered_no_second() -> None:
    """hunt46 #7: after `kg run NAME ` every shell offered the saved queries' names again
    (and `kg diff A B ` revision names a third time)."""
    assert _bash_complete("kg", "run", "gpu-s") == ["gpu-series"]
    assert _bash_complete("kg", "run", "-f", "csv", "gpu-s") == ["gpu-series"]
    assert _bash_complete("kg", "run", "gpu-series", "") == []
    assert "2025" in _bash_complete("kg", "diff", "seed", "")
    assert _bash_complete("kg", "diff", "seed", "2025", "") == []
    fish = subprocess.run([sys.executable, "-m", "kg", "completion", "fish"], capture_output=True,
                          text=True, env=_env()).stdout
    assert _shell("fish", f"{fish}\ncomplete -C 'kg run gpu-se'").split() == ["gpu-series"]
    assert _shell("fish", f"{fish}\ncomplete -C 'kg run gpu-series '").strip() == ""


def test_saved_names_come_from_the_kg_typed(tmp_path: Path) -> None:
    """`/path/venv/bin/kg run …` with no kg on the PATH: the names are that kg's (the
    scripts called a bare `kg`: silently no names, hunt51 #12); `~/…` is the home's."""
    kg = str(Path(BIN) / "kg")
    script = Path(tmp_path / "kg.bash")
    script.write_text(subprocess.run([kg, "completion", "bash"], capture_output=True,
                                     text=True, check=True).stdout)
    env = {**os.environ, "PATH": "/usr/bin:/bin", "HOME": str(Path(BIN).parent.parent)}
    home_kg = "~/" + str(Path(kg).relative_to(env["HOME"]))
    for typed in (kg, home_kg):
        done = subprocess.run(["bash", "-c", f"source {shlex.quote(str(script))}; "
                               f"COMP_WORDS=({shlex.quote(typed)} run series-by); COMP_CWORD=2; "
                               '_kg; printf "%s\\n" "${COMPREPLY[@]}"'],
                              capture_output=True, text=True, env=env, timeout=60)
        assert done.stdout.split() == ["series-by-architecture", "series-by-category"], typed
    if shutil.which("fish") is not None:
        fish = tmp_path / "kg.fish"
        fish.write_text(subprocess.run([kg, "completion", "fish"], capture_output=True,
                                       text=True, check=True).stdout)
        done = subprocess.run(["fish", "-c", f"source {shlex.quote(str(fish))}; complete -C "
                               + shlex.quote(f"{shlex.quote(kg)} run series-by")],
                              capture_output=True, text=True, env=env, timeout=60)
        assert [line.split("\t")[0] for line in done.stdout.splitlines()] == [
            "series-by-architecture", "series-by-category"]
