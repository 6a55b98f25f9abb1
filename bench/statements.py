"""The representative statements of the scale section, each with a hand-written SPARQL
query for the same question: what a user who knows SPARQL would write, so a slow shape
of kg's compiled query shows against it.

The names are the generator's (bench/generate.py) and the page's hubs; they exist at
every size. Versions compare as numbers here (major·1000 + minor), labels are English.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.vocab import PREFIXES

__all__ = ["Statement", "STATEMENTS", "HEADER"]

HEADER = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def en(var: str, label: str) -> str:
    """The English label of ``?var`` as ``?label`` (optional)."""
    return f'OPTIONAL {{ ?{var} rdfs:label ?{label} FILTER(LANGMATCHES(LANG(?{label}), "en")) }}'


def vnum(var: str, out: str) -> str:
    """A version's major·1000 + minor, as a number (hand-written, plain SPARQL)."""
    major = f'xsd:integer(STRBEFORE(CONCAT(STR(?{var}), "."), "."))'
    minor = f'xsd:integer(STRBEFORE(CONCAT(STRAFTER(CONCAT(STR(?{var}), ".0"), "."), "."), "."))'
    return f"BIND({major} * 1000 + {minor} AS ?{out})"


@dataclass(frozen=True)
class Statement:
    key: str  #: a short name for the table
    kgq: str
    hand: str  #: hand-written SPARQL for the same question


_SCAN = f"""SELECT ?s ?name ?series ?sname ?vcpus WHERE {{
  ?s a kg:VMSize ; kg:gpuCount ?n ; kg:rdma true . FILTER(?n >= 4)
  {en("s", "name")}
  OPTIONAL {{ ?s kg:series ?series . {en("series", "sname")} }}
  OPTIONAL {{ ?s kg:vcpus ?vcpus }}
}} ORDER BY ?name"""

_MINCUDA = f"""SELECT DISTINCT ?s ?name ?a ?aname WHERE {{
  ?s a kg:VMSeries ; kg:architecture ?a . ?a kg:minCuda/kg:versionNumber ?v .
  {vnum("v", "num")} FILTER(?num >= 10000)
  {en("s", "name")} {en("a", "aname")}
}} ORDER BY ?name"""

_HUB_CELL = f"""SELECT ?t ?name (GROUP_CONCAT(DISTINCT ?sname; separator=", ") AS ?series) WHERE {{
  ?t a kg:ManagedCompute . {en("t", "name")}
  OPTIONAL {{ ?s kg:supportedBy ?t . {en("s", "sname")} }}
}} GROUP BY ?t ?name ORDER BY ?name"""

_ARCH_CELL = f"""SELECT ?a ?name (GROUP_CONCAT(DISTINCT ?sname; separator=", ") AS ?users) WHERE {{
  ?a a kg:GPUArchitecture . {en("a", "name")}
  OPTIONAL {{ ?s kg:architecture ?a . {en("s", "sname")} }}
}} GROUP BY ?a ?name ORDER BY ?name"""

_TWO_CELLS = f"""SELECT DISTINCT ?t ?name ?series ?sizes WHERE {{
  ?t a kg:ManagedCompute . {en("t", "name")}
  OPTIONAL {{ SELECT ?t (GROUP_CONCAT(DISTINCT ?sname; separator=", ") AS ?series) WHERE {{
    ?s kg:supportedBy ?t . {en("s", "sname")} }} GROUP BY ?t }}
  OPTIONAL {{ SELECT ?t (GROUP_CONCAT(DISTINCT ?zname; separator=", ") AS ?sizes) WHERE {{
    ?z kg:series/kg:supportedBy ?t . {en("z", "zname")} }} GROUP BY ?t }}
}} ORDER BY ?name"""

_NOT_PATH = """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a kg:VMSeries MINUS { ?z kg:series ?s ; kg:gpuCount ?g FILTER(?g >= 4) }
}"""

#: a text two steps away (a NOT EXISTS that walked the path again was quadratic: hunt125 F1)
_TEXT_TWO_STEPS = f"""SELECT (COUNT(DISTINCT ?z) AS ?n) WHERE {{
  ?z a kg:VMSize ; kg:series ?s . {en("s", "name")} FILTER(CONTAINS(LCASE(?name), "9"))
}}"""

#: a text through a step of several values (a NOT EXISTS that walked the path again per text
#: was quadratic: 27 s at 30k triples, hunt128)
_TEXT_SEVERAL = f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?s a kg:VMSeries ; kg:supportedBy ?t . {en("t", "name")} FILTER(CONTAINS(LCASE(?name), "cluster"))
}}"""

_COUNT_BY = f"""SELECT ?c ?cname (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?s a kg:VMSeries ; kg:supportedBy ?any ; kg:category ?c . {en("c", "cname")}
}} GROUP BY ?c ?cname ORDER BY DESC(?n)"""

_SORT = f"""SELECT ?r ?name ?v WHERE {{
  ?r a kg:FrameworkRelease ; kg:versionNumber ?v . {en("r", "name")}
  BIND(STRAFTER(CONCAT(STR(?v), ".0.0"), ".") AS ?rest)
  BIND(xsd:integer(STRBEFORE(CONCAT(STR(?v), "."), ".")) AS ?major)
  BIND(xsd:integer(STRBEFORE(?rest, ".")) AS ?minor)
  BIND(xsd:integer(STRBEFORE(CONCAT(STRAFTER(?rest, "."), "."), ".")) AS ?patch)
}} ORDER BY DESC(?major) DESC(?minor) DESC(?patch) LIMIT 50"""

_COLLECT = f"""SELECT ?a ?aname (GROUP_CONCAT(DISTINCT ?name; separator=", ") AS ?names) WHERE {{
  ?s a kg:VMSeries ; kg:architecture ?a . {en("a", "aname")} {en("s", "name")}
}} GROUP BY ?a ?aname ORDER BY ?aname"""

_DESCRIBE = f"""SELECT ?dir ?p ?o ?oname ?g ?gname WHERE {{
  {{ GRAPH ?g {{ ent:compute-cluster ?p ?o }} BIND("out" AS ?dir) }}
  UNION {{ GRAPH ?g {{ ?o ?p ent:compute-cluster }} BIND("in" AS ?dir) }}
  {en("o", "oname")} {en("g", "gname")}
}} ORDER BY ?dir ?p ?oname"""

_ENTITY = 'isIRI(?{0}) && STRSTARTS(STR(?{0}), STR(ent:))'

_PATH = f"""SELECT ?x ?p ?q WHERE {{
  ?x ?p ent:compute-cluster . ?x ?q ent:memory-optimized .
  FILTER({_ENTITY.format("x")} && STRSTARTS(STR(?p), STR(kg:)) && STRSTARTS(STR(?q), STR(kg:)))
}} ORDER BY ?x LIMIT 10"""

_NEIGHBORS = f"""SELECT DISTINCT ?m ?n WHERE {{
  {{ ent:gen-arch-3 ?p ?m }} UNION {{ ?m ?p ent:gen-arch-3 }}
  FILTER({_ENTITY.format("m")} && STRSTARTS(STR(?p), STR(kg:)))
  {{ ?m ?q ?n }} UNION {{ ?n ?q ?m }}
  FILTER({_ENTITY.format("n")} && STRSTARTS(STR(?q), STR(kg:)))
}}"""

# the verdict, as `check` gives it: the architecture directly or through the GPU, the
# window it has, the version compared with it, and the source of each fact
#: CUDA 12.1's window of compute capabilities holds the architecture's (a generated GPU has
#: its architecture's one compute capability, so the architecture's stands for the GPU's)
_CC_WINDOW = """OPTIONAL { ?a kg:computeCapability ?acc }
  OPTIONAL { ent:cuda-12.1 kg:minComputeCapability ?ccmin }
  OPTIONAL { ent:cuda-12.1 kg:maxComputeCapability ?ccmax }
  BIND(!BOUND(?acc) || ((!BOUND(?ccmin) || xsd:decimal(STR(?ccmin)) <= xsd:decimal(STR(?acc)))
       && (!BOUND(?ccmax) || xsd:decimal(STR(?acc)) <= xsd:decimal(STR(?ccmax)))) AS ?ccok)"""

_CHECK = f"""SELECT ?a ?g ?gmin ?grem ?ok WHERE {{
  ent:cuda-12.1 kg:versionNumber ?cv . {vnum("cv", "v")}
  {{ GRAPH ?g {{ ent:gen-series-13 kg:architecture ?a }} }}
  UNION {{ GRAPH ?g {{ ent:gen-series-13 kg:gpu ?gpu }} ?gpu kg:architecture ?a }}
  OPTIONAL {{ GRAPH ?gmin {{ ?a kg:minCuda ?mv }} ?mv kg:versionNumber ?min . {vnum("min", "lo")} }}
  OPTIONAL {{ GRAPH ?grem {{ ?a kg:removedInCuda ?rv }} ?rv kg:versionNumber ?rem .
             {vnum("rem", "hi")} }}
  {_CC_WINDOW}
  BIND(BOUND(?lo) && ?lo <= ?v && (!BOUND(?hi) || ?v < ?hi) && ?ccok AS ?ok)
}}"""

_CHECK_WITH = f"""SELECT DISTINCT ?size ?name ?a ?ok WHERE {{
  {{ SELECT ?size WHERE {{ ?size a kg:VMSize ; kg:gpuCount ?n FILTER(?n >= 2) }}
     ORDER BY ?size LIMIT 1000 }}
  {en("size", "name")}
  OPTIONAL {{
    ?size kg:series ?s . {{ ?s kg:architecture ?a }} UNION {{ ?s kg:gpu/kg:architecture ?a }}
    OPTIONAL {{ ?a kg:minCuda/kg:versionNumber ?min . {vnum("min", "lo")} }}
    OPTIONAL {{ ?a kg:removedInCuda/kg:versionNumber ?rem . {vnum("rem", "hi")} }}
    {_CC_WINDOW}
    BIND(BOUND(?lo) && ?lo <= 12001 && (!BOUND(?hi) || 12001 < ?hi) && ?ccok AS ?ok)
  }}
}}"""

STATEMENTS: tuple[Statement, ...] = (
    Statement("class scan + condition",
              "VMSize | where gpuCount >= 4 and rdma | show name, series, vcpus", _SCAN),
    Statement("architecture.minCuda >= 10.0",
              "VMSeries | where architecture.minCuda >= 10.0 | show name, architecture", _MINCUDA),
    Statement("many values in a cell (hub)", "ManagedCompute | show name, ^supportedBy", _HUB_CELL),
    Statement("many values in a cell (arch)", "GPUArchitecture | show name, ^architecture",
              _ARCH_CELL),
    Statement("two cells of many values (hub)",
              "ManagedCompute | show name, ^supportedBy, ^supportedBy.^series", _TWO_CELLS),
    Statement("not, on a path of two steps",
              "VMSeries | where not (^series.gpuCount >= 4) | count", _NOT_PATH),
    Statement("text two steps away", 'VMSize | where series.name ~ "9" | count', _TEXT_TWO_STEPS),
    Statement("text through several values",
              'VMSeries | where supportedBy.name ~ "cluster" | count', _TEXT_SEVERAL),
    Statement("count by", "VMSeries | where has supportedBy | count by category", _COUNT_BY),
    Statement("version sort",
              "FrameworkRelease | sort versionNumber desc | show name, versionNumber | limit 50",
              _SORT),
    Statement("collect … by …", "VMSeries | where has architecture | collect name by architecture",
              _COLLECT),
    Statement("describe a hub", 'describe "compute cluster"', _DESCRIBE),
    Statement("path between two hubs", 'path "compute cluster" to "Memory optimized"', _PATH),
    Statement("neighbors", 'neighbors "Gen Arch 3" depth 2', _NEIGHBORS),
    Statement("check A with B", 'check "Gen Series 13" with "CUDA 12.1"', _CHECK),
    Statement("check with (1,000 rows)",
              'VMSize | where gpuCount >= 2 | limit 1000 | check with "CUDA 12.1"', _CHECK_WITH),
)
