"""The sort keys the executor computes in Python are the keys the compiled SPARQL computes:
the executor orders (and cuts) rows by them where the engine would cost more."""

from __future__ import annotations

import random

import pyoxigraph as ox

from kg.literals import engine_version_key, natural_key, sparql_version_key_of, version_key
from kg.planner.builder import Builder
from kg.planner.columns import _natural

#: Texts a version or a name may hold in data: plain versions, components of more than
#: nine digits, leading zeros, empty components, letters, spaces, other scripts.
_ODD = ["", ".", "..", "0", "00", "08.1", "12.6", "12.", ".5", "1..2", "1.2.3.4.5.6",
        "1234567890", "0000000001234", "2.4.1+cu121", "v2", "CUDA 12.1", "PyTorch 2.10",
        "NC24ads A100 v4", "９.１", "1" * 30, "Gen Series 12", "ü 3.0"]


def _texts(count: int) -> list[str]:
    rnd = random.Random(7)
    alphabet = "0123456789......ab é-x"
    texts = list(_ODD)
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
              for _ in range(count)]
    texts += [".".join(str(rnd.randint(0, 10 ** rnd.randint(0, 12)))
                       for _ in range(rnd.randint(1, 6))) for _ in range(count)]
    return texts


def test_the_executors_keys_are_the_engines() -> None:
    """``engine_version_key`` and ``natural_key`` against the SPARQL each mirrors, run by
    the engine on the same texts (a few thousand, odd ones included)."""
    texts = _texts(1500)
    values = " ".join(str(ox.Literal(t)) for t in texts)
    query = (f"SELECT ?t ?version ?name WHERE {{ VALUES ?t {{ {values} }} "
             f"BIND({sparql_version_key_of('?t')} AS ?version) "
             f"BIND({_natural(Builder(lang='en'), 't')} AS ?name) }}")
    rows = [(t.value, v.value, n.value) for t, v, n in ox.Store().query(query)]
    assert len(rows) == len(texts)
    assert [(t, engine_version_key(t), natural_key(t)) for t, _, _ in rows] == rows


def test_plain_versions_take_the_short_way_to_the_same_key() -> None:
    """For plain versions the short way is ``version_key`` (what the checker compares
    constants by), and orders as versions do."""
    for text in ["1", "12.6", "2.4.1", "8.9.2.26", "1.2.3.4.5", "999999999.0", "007"]:
        assert engine_version_key(text) == version_key(text)
    assert engine_version_key("12.10") > engine_version_key("12.9") > engine_version_key("9.99")


def test_no_key_is_empty() -> None:
    """The executor's orders by names and cuts (``kg.cells._in_key_order``) take the empty
    text for "no key" (unbound): it sorts before every key, as SPARQL sorts unbound first,
    so no text may have it as its key."""
    for text in _texts(1500):
        assert engine_version_key(text) and natural_key(text)


def test_names_sort_by_every_number_in_them() -> None:
    """A name's key orders each run of digits as a number, wherever it stands (sizes such as
    ``NC6s_v3`` and ``NC12s_v3``, GPUs such as ``H100 NVL`` and ``H200``), case-insensitively;
    a run of more than nine digits keeps its text."""
    ordered = ["", "CUDA 9.0", "cuda 12.1", "CUDA 12.10", "CUDA 13", "CUDA 13.0", "NC",
               "NC Promo", "NC6s_v3", "NC12s_v3", "NC24rs_v3", "NC24s_v3", "NVIDIA H100",
               "NVIDIA H100 NVL", "NVIDIA H200", "PyTorch 2.2", "PyTorch 2.10"]
    assert sorted(reversed(ordered), key=natural_key) == ordered
    assert natural_key("0000000001") == natural_key("1") < natural_key("999999999")


def test_the_one_pass_name_key_is_the_two_steps() -> None:
    """``natural_key`` takes one pass where the query takes two regular expressions: the
    same key for texts heavy in digits and zeros (runs of every length, zeros inside)."""
    from kg.literals import natural_key_as_sparql

    rnd = random.Random(35)
    for alphabet in ("0123456789a ", "0001a", "ab 0123456789_-.ÄßİΣ\u0663"):
        for _ in range(20_000):
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
            assert natural_key.__wrapped__(text) == natural_key_as_sparql(text), text


def test_rows_by_versions_come_in_the_engines_order(tmp_path: object) -> None:
    """A sort by versions, no limit: the executor orders the rows by the versions the engine
    gathers percent-encoded (no regular expression a value), exactly as the engine's own
    ``ORDER BY`` of its version keys does: the least key (the greatest descending), unbound
    first ascending, then the IRI; versions with a space, a %, letters past ASCII, two
    versions on one entity, an IRI as a version, none."""
    from pathlib import Path

    from kg.plans import sparql_of
    from kg.session import Graph

    kg, ent = "https://w3id.org/azml-kg/ontology#", "https://w3id.org/azml-kg/id/"
    versions = {"a": ['"10.0"'], "b": ['"9.0"', '"11.1"'], "c": ['"12.1 update 1"'],
                "d": ['"1.2%20x"'], "e": ['"9.0.ü"'], "f": ["<https://example.org/7.5>"],
                "g": [], "h": ['"9.0"']}
    data = Path(str(tmp_path)) / "v.ttl"
    data.write_text("".join(
        f'<{ent}zz-{n}> a <{kg}FrameworkRelease> ; <http://www.w3.org/2000/01/rdf-schema#label> '
        f'"ZZ {n}"@en' + "".join(f" ; <{kg}versionNumber> {v}" for v in vs) + " .\n"
        for n, vs in versions.items()))
    graph = Graph.open(data=[data])
    for desc in ("", " desc"):
        text = f'FrameworkRelease | where name ~ "ZZ" | sort versionNumber{desc} | show name'
        plan = graph.compile(text)
        assert plan.by_versions and "ORDER BY" not in (sparql_of(plan) or "")  # type: ignore[union-attr]
        got = [row[0] for row in graph.query(text).rows]
        pick = max if desc else min
        keys = {n: pick((engine_version_key(v.strip('"<>')) for v in vs), default="")
                for n, vs in versions.items()}
        want = sorted(versions, key=lambda n: f"{ent}zz-{n}")  # then by the IRI
        want.sort(key=lambda n: keys[n], reverse=bool(desc))
        assert got == [f"ZZ {n}" for n in want], (desc, got)
        # the engine's own order (rows asked in order: it sorts by its version keys)
        engine = [row[0] for part in graph.stream(text) for row in part.rows]
        assert "ORDER BY" in (sparql_of(graph.compile(text, ordered=True)) or "")
        assert engine == got
