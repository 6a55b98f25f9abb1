"""What the documentation site holds: its pages, each a section of the page, in order.

A page is made of blocks: notes of the page (every note of the sections the page claims,
placed by the section of its source: :mod:`kg.site.placement`), tables (saved queries
from ``queries/``) and a diagram (a KGQ statement whose result the diagram draws).
Titles, leads and captions are the site's own words, in each language kg speaks
(:data:`WORDS`). Adding a page is one :class:`Page` here.
"""

from __future__ import annotations

from kg.i18n import VERDICT_WORDS, word
from kg.i18n import WORDS as KG_WORDS
from kg.records import record

__all__ = ["Table", "Page", "PAGES", "INDEX_SECTIONS", "INDEX_NOTES", "MATRIX", "WORDS", "say"]

Text = dict[str, str]  #: a text by language


@record
class Table:
    """A table of the page: a saved query, with a caption (the site adds the SDK/CLI
    version the table's source is for, if it says; a revision without that source has no
    such table)."""

    query: str  #: the saved query's name
    caption: Text


@record
class Page:
    """One page of the site: a section of the documentation page."""

    slug: str  #: the file name without extension (``cuda`` → ``cuda.html``, ``cuda.md``)
    title: Text
    lead: Text  #: one sentence under the title, and the page's line in the index
    #: the sections of the page (``kg:section`` in English, a part of one after `` › ``
    #: included) whose notes the page shows
    sections: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  #: the notes shown first, in this order (by local name)
    tables: tuple[Table, ...] = ()
    diagram: str | None = None  #: a KGQ statement (or saved query) whose diagram the page shows
    matrix: bool = False  #: the compatibility matrix (:data:`MATRIX`)


PAGES: tuple[Page, ...] = (
    Page("training-targets",
         {"en": "Training compute targets", "de": "Trainieren von Computezielen"},
         {"en": "Which training targets support automated ML, ML pipelines and the designer.",
          "de": "Welche Trainingsziele automatisiertes ML, ML-Pipelines und den Designer unterstützen."},
         sections=("Training compute targets",),
         notes=("note-training-scale-out", "note-reuse-across-jobs", "note-not-all-resources"),
         tables=(Table("table-training-targets", {"en": "Training targets", "de": "Trainingsziele"}),
                 Table("table-training-targets-v1", {"en": "Training targets", "de": "Trainingsziele"})),
         diagram="table-training-targets"),
    Page("inference-targets",
         {"en": "Compute targets for inference", "de": "Computeziele für Rückschlüsse"},
         {"en": "Where a model is deployed, what each target is used for and whether it has GPUs.",
          "de": "Wo ein Modell bereitgestellt wird, wofür jedes Ziel dient und ob es GPUs bietet."},
         sections=("Compute targets for inference",),
         notes=("note-docker-container", "note-scale-up-then-out"),
         tables=(Table("table-inference-v2", {"en": "Inference targets", "de": "Rückschlussziele"}),
                 Table("table-inference-v1", {"en": "Inference targets", "de": "Rückschlussziele"})),
         diagram="InferenceTarget | sort order | show name, usedFor"),
    Page("managed-compute",
         {"en": "Azure Machine Learning compute (managed)",
          "de": "Azure Machine Learning-Computeressource (verwaltet)"},
         {"en": "The computes Azure Machine Learning creates and manages, and what each can do.",
          "de": "Die Computeressourcen, die Azure Machine Learning erstellt und verwaltet, "
                "und was jede kann."},
         sections=("Azure Machine Learning compute (managed)",),
         notes=("note-managed-compute", "note-idle-compute-cluster", "note-idle-compute-instance"),
         tables=(Table("managed-compute", {"en": "Managed compute", "de": "Verwaltete Computeressourcen"}),
                 Table("table-managed-page", {"en": "Capabilities", "de": "Funktionen"})),
         diagram="ManagedCompute | sort order | show name, createdWith"),
    Page("vm-series",
         {"en": "Supported VM series and sizes", "de": "Unterstützte VM-Serien und -Größen"},
         {"en": "The VM series managed compute can use, their category and which computes support them.",
          "de": "Die VM-Serien, die verwaltete Computeressourcen nutzen können, ihre Kategorie "
                "und wer sie unterstützt."},
         sections=("Supported VM series and sizes",),
         notes=("note-region-availability",),
         tables=(Table("table-vm-series", {"en": "Supported VM series", "de": "Unterstützte VM-Serien"}),),
         diagram="VMSeries | where category = GPU | sort order | show name, gpu, architecture"),
    Page("cuda",
         {"en": "CUDA versions", "de": "CUDA-Versionen"},
         {"en": "The GPU architecture of each GPU series and the first CUDA version that supports it.",
          "de": "Die GPU-Architektur jeder GPU-Serie und die erste CUDA-Version, die sie unterstützt."},
         sections=("Supported VM series and sizes › CUDA versions table",
                   "Supported VM series and sizes › Framework compatibility"),
         notes=("note-cuda-drivers", "note-cuda-framework-compatibility"),
         tables=(Table("table-cuda-page", {"en": "CUDA versions by GPU architecture",
                                           "de": "CUDA-Versionen nach GPU-Architektur"}),),
         diagram="VMSeries | where has architecture | sort order | show name, architecture, "
                 "architecture.minCuda"),
    Page("retired-series",
         {"en": "Retired VM series", "de": "Eingestellte VM-Serien"},
         {"en": "VM series that were retired, with the date the page gives and Azure's deadline.",
          "de": "Eingestellte VM-Serien mit dem Datum der Seite und der Frist von Azure."},
         sections=("Supported VM series and sizes › Important",),
         notes=("note-recreate-retired-series",),
         tables=(Table("retired-series", {"en": "Retired series", "de": "Eingestellte Serien"}),),
         diagram="VMSeries | where has retiredOn | sort retiredOn, name | show name, retiredOn"),
    Page("isolated-sizes",
         {"en": "Compute isolation", "de": "Computeisolation"},
         {"en": "VM sizes isolated to one hardware type and dedicated to a single customer.",
          "de": "VM-Größen, die für einen Hardwaretyp isoliert und einem einzelnen Kunden vorbehalten sind."},
         sections=("Compute isolation",),
         notes=("note-compute-isolation",),
         tables=(Table("isolated-sizes", {"en": "Isolated VM sizes", "de": "Isolierte VM-Größen"}),),
         diagram="VMSize | where isolated | sort order | show name, series"),
    Page("unmanaged-compute",
         {"en": "Unmanaged compute", "de": "Nicht verwaltete Computeressourcen"},
         {"en": "Compute you create outside Azure Machine Learning and attach to a workspace.",
          "de": "Computeressourcen, die außerhalb von Azure Machine Learning erstellt und angefügt werden."},
         sections=("Unmanaged compute",),
         notes=("note-unmanaged-compute", "note-unmanaged-extra-steps"),
         tables=(Table("unmanaged-compute", {"en": "Unmanaged compute types",
                                             "de": "Nicht verwaltete Computetypen"}),)),
    Page("compatibility",
         {"en": "Compatibility: GPU series, CUDA and frameworks",
          "de": "Kompatibilität: GPU-Serien, CUDA und Frameworks"},
         {"en": "Can each GPU series use common CUDA versions and framework releases? "
                "Each verdict with the sourced facts behind it.",
          "de": "Kann jede GPU-Serie gängige CUDA-Versionen und Framework-Releases nutzen? "
                "Jedes Urteil mit den belegten Fakten dahinter."},
         matrix=True),
)

#: The front page's sections: the page's introduction (and every note no page claims).
INDEX_SECTIONS: tuple[str, ...] = ("What are compute targets in Azure Machine Learning?",)
#: The front page's notes shown first: what a compute target is.
INDEX_NOTES: tuple[str, ...] = ("note-compute-target-definition",)

#: The compatibility matrix: its columns (a saved query and the value of its parameter).
MATRIX: tuple[tuple[str, str, str], ...] = (
    ("compat-gpu-series-cuda", "cuda", "CUDA 11.8"),
    ("compat-gpu-series-cuda", "cuda", "CUDA 12.8"),
    ("compat-gpu-series-cuda", "cuda", "CUDA 13.0"),
    ("compat-gpu-series-release", "release", "PyTorch 2.8"),
    ("compat-gpu-series-release", "release", "TensorFlow 2.15.0"),
)

#: The site's own words, by key and language.
WORDS: dict[str, Text] = {
    "site": {"en": "What are compute targets in Azure Machine Learning?",
             "de": "Was sind Computeziele in Azure Machine Learning?"},
    "index": {"en": "Overview", "de": "Übersicht"},
    "sections": {"en": "Sections", "de": "Abschnitte"},
    "sources": {"en": "Sources", "de": "Quellen"},
    "diagram": {"en": "Diagram", "de": "Diagramm"},
    "diagram-of": {"en": "What the diagram draws:", "de": "Was das Diagramm zeigt:"},
    #: (hunt111 F3: it drew the GPUs Azure's VM pages name under a table that leaves them blank)
    "diagram-sources": {"en": "It draws facts of kg's other sources too, not only of the "
                              "page's tables.",
                        "de": "Es zeigt auch Fakten aus kgs anderen Quellen, nicht nur aus den "
                              "Tabellen der Seite."},
    "as-of": {"en": "As of the {revision}, commit {commit}.",
              "de": "Stand: {revision}, Commit {commit}."},
    "german-from": {"en": "The German texts come from the German page of the {revision} "
                          "(no German page of this revision was found): what the English page "
                          "changed since is in its English version alone.",
                    "de": "Die deutschen Texte stammen von der deutschen Seite zur {revision} "
                          "(zu dieser Revision wurde keine deutsche Seite gefunden): was die "
                          "englische Seite seither geändert hat, steht nur in ihrer englischen "
                          "Fassung."},
    "generated": {"en": "Generated by kg docs from the kg knowledge graph; every fact links to "
                        "its source.",
                  "de": "Von kg docs aus dem kg-Wissensgraphen erzeugt; jede Angabe verweist "
                        "auf ihre Quelle."},
    "markdown": {"en": "This page as Markdown", "de": "Diese Seite als Markdown"},
    "about": {"en": "This site regenerates the documentation page from a knowledge graph: "
                    "every table is a saved KGQ query, and every cell cites its sources.",
              "de": "Diese Website erzeugt die Dokumentationsseite aus einem Wissensgraphen: "
                    "jede Tabelle ist eine gespeicherte KGQ-Abfrage, und jede Zelle nennt "
                    "ihre Quellen."},
    "why": {"en": "Why", "de": "Begründung"},
    "series": {"en": "GPU series", "de": "GPU-Serie"},
    "verdicts": {"en": "Verdicts", "de": "Urteile"},
    **{verdict: KG_WORDS[verdict] for verdict in VERDICT_WORDS},
    "secondary": {"en": "secondary sources", "de": "sekundäre Quellen"},
    "unverified": {"en": "unverified", "de": "unbestätigt"},
    "doubtful": {"en": "doubtful", "de": "zweifelhaft"},
    "superseded": {"en": "superseded", "de": "überholt"},
}


def say(key: str, lang: str) -> str:
    """One of the site's words in ``lang`` (else English)."""
    return word(key, lang, WORDS)
