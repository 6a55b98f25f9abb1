"""The why-chain in words: one small template table per language.

A *fact* template is keyed by the local name of the property it words
(``minCuda``); ``{s}`` is the subject, ``{o}`` the object (several objects of one
fact line are joined with ", "; a key ending in ``+`` is the wording for several,
where it differs). Other keys word the rule steps (``⇒ …``), the
cautions, and the missing facts. CUDA versions appear by their number.
"""

from __future__ import annotations

__all__ = ["TEMPLATES", "word", "has"]

TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        # facts
        "architecture": "{s} has architecture {o}",
        "gpu": "{s} has GPU {o}",
        "category": "{s} is in the category {o}",
        "series": "{s} is a size of the {o} series",
        "computeCapability": "{s} has compute capability {o}",
        "versionNumber": "{s}'s version number is {o}",
        "minCuda": "{s}'s minimum CUDA version is {o}",
        "buildsFromCuda": "a compiler builds code for {s} from CUDA {o} on",
        "removedInCuda": "{s} is removed in CUDA {o}",
        "deprecatedInCuda": "{s} is deprecated in CUDA {o}",
        "cudaBuild": "{s} ships a build for CUDA {o}",
        "buildCuda": "{s} is built for CUDA {o}",
        "includesCapability": "{s} includes compute capability {o}",
        "includesCapability+": "{s} includes compute capabilities {o}",
        "includesPtx": "{s} includes PTX for compute capability {o}",
        "includesPtx+": "{s} includes PTX for compute capabilities {o}",
        "computeCapability+": "{s} has compute capabilities {o}",
        "minComputeCapability": "CUDA {s} builds for compute capability {o} and above",
        "maxComputeCapability": "CUDA {s} builds for compute capability {o} and below",
        "includesArchitecture": "{s} includes architecture {o}",
        "excludesArchitecture": "{s} excludes architecture {o}",
        "supports": "{s} supports {o}",
        "qualifier": "{s} supports {o} ({q})",
        "qualified": "the cell says yes with a restriction: {q}",
        "retiredOn": "{s} was retired on {o}",
        "gpuSupport": "{s} has GPU support: {o}",
        "retirementDeadline": "{s} must be migrated by {o}",
        "row": "{s} is a row of this table",
        "column": "{s} is a column of this table",
        # rule steps
        "window": "⇒ CUDA {v} is at least {min} and below {removed}",
        "window_open": "⇒ CUDA {v} is at least {min}, and no source says a CUDA version "
                       "removed {a}",
        "below_min": "⇒ CUDA {v} is below {a}'s minimum {min}",
        "removed": "⇒ CUDA {v} is not below {removed}, the version that removed {a}",
        "blank": "⇒ the cell for {s} and {o} is blank, which this table reads as no",
        "covers": "⇒ {b} covers {a} with compute capability {cc}",
        "covers+": "⇒ {b} covers {a} with compute capabilities {cc}",
        "covers_by": "⇒ {b} covers {a}'s compute capability {t} with its code for {cc}",
        "covers_by+": "⇒ {b} covers {a}'s compute capabilities {t} with its code for {cc}",
        "covers_partly": "⇒ {b} covers {a}'s {yes}, not its {no}: the GPU's compute "
                         "capability decides",
        "covers_ptx": "⇒ {b} covers {a} with PTX for compute capability {cc}, compiled when "
                      "loaded",
        "lacks": "⇒ {b} has no code that runs on {a}'s compute capability {t}",
        "lacks+": "⇒ {b} has no code that runs on {a}'s compute capabilities {t}",
        "disputed": "⇒ the sources disagree whether {b} includes {a}",
        "disputed_min": "⇒ the sources disagree: CUDA {v} is enough for {a} by the minimum {yes}, "
                        "not by the minimum {no}",
        "disputed_builds": "⇒ the sources disagree: a compiler builds code for {a} with CUDA "
                           "{v} (from {since} on), below the minimum {min}",
        "disputed_removed": "⇒ the sources disagree: {a} is removed in CUDA {no} by one "
                            "source, only in {yes} by another",
        "no_gpu": "⇒ the table puts the series with a GPU in {g}, {s} in {c}, where no "
                  "series has a GPU: it runs no CUDA",
        "no_gpu_builds": "⇒ so none of {r}'s CUDA builds runs on it: the verdict is of its "
                         "CUDA builds (a CPU build, which needs no GPU, is no fact of the graph)",
        "cc_outside": "⇒ CUDA {v} builds for compute capabilities {low} to {high}, and {a}'s "
                      "{cc} is outside",
        "cc_inside": "⇒ CUDA {v} builds for compute capabilities {low} to {high}, and {a}'s "
                     "{cc} is inside",
        "cc_partly": "⇒ CUDA {v} builds for compute capabilities {low} to {high}: for {a}'s "
                     "{yes}, not for its {no}; the GPU's compute capability decides",
        "cc_disputed": "⇒ the sources disagree whether CUDA {v} builds for compute capability "
                       "{cc}",
        "fits": "⇒ {b} fits {a}",
        "build_for": "{r}'s build for CUDA {v}",
        "runs_before": "⇒ CUDA {v} came before {a}, yet {b} carries code that runs on it: "
                       "whether the build runs there, no source says",
        # cautions
        "caution": "caution: {text}",
        # missing facts
        "no_arch": "no fact gives the GPU architecture of {s}",
        "no_series": "no fact gives the VM series of the size {s}",
        "no_min": "no fact gives the minimum CUDA version of {a}",
        "no_builds": "no fact gives a CUDA build of {s}",
        "no_version": "no fact gives the version number of {s}",
        "disputed_version": "the sources disagree on the version number of {s}: {numbers}",
        "version_unusable": "the version number of {s} given as {values} is no version "
                            "number: what it is compared with is not decided",
        "no_cc": "no fact gives a compute capability of {a}",
        "cc_unusable": "a compute capability given as {values} is no version number: "
                       "whether the CUDA version builds for the GPU is not decided",
        "cc_unusable_build": "a compute capability given as {values} is no version number: "
                             "whether the build carries code for the GPU is not decided",
        "no_list_before": "no source lists the code {b} carries: CUDA {v} came before {a}, so "
                          "only PTX of an older compute capability could run there",
        "no_arch_list": "no source lists the GPU architectures {b} carries, so whether it runs "
                        "on {a} is not confirmed",
        "target_cuda": "{s} is a compute target: which CUDA versions it runs depends on the VM "
                       "series it uses; check a VM series or size with {o}",
        "no_table": "no table states whether {s} supports {o}: {s} is not a row of the table "
                    "that has {o}",
        "unrelated": "check does not relate {a1} {c1} to {a2} {c2}; it relates a target to a "
                     "feature, and a VM series, VM size, GPU or GPU architecture to a CUDA "
                     "version, a framework release or a framework build",
    },
    "de": {
        "architecture": "{s} hat die Architektur {o}",
        "gpu": "{s} hat die GPU {o}",
        "category": "{s} gehört zur Kategorie {o}",
        "series": "{s} ist eine Größe der Serie {o}",
        "computeCapability": "{s} hat die Compute Capability {o}",
        "versionNumber": "die Versionsnummer von {s} ist {o}",
        "minCuda": "Die minimale CUDA-Version für {s} ist {o}",
        "buildsFromCuda": "Ein Compiler erzeugt Code für {s} ab CUDA {o}",
        "removedInCuda": "{s} wird ab CUDA {o} nicht mehr unterstützt",
        "deprecatedInCuda": "{s} ist in CUDA {o} abgekündigt",
        "cudaBuild": "{s} hat einen Build für CUDA {o}",
        "buildCuda": "{s} ist für CUDA {o} gebaut",
        "includesCapability": "{s} enthält die Compute Capability {o}",
        "includesCapability+": "{s} enthält die Compute Capabilities {o}",
        "includesPtx": "{s} enthält PTX für die Compute Capability {o}",
        "includesPtx+": "{s} enthält PTX für die Compute Capabilities {o}",
        "computeCapability+": "{s} hat die Compute Capabilities {o}",
        "minComputeCapability": "CUDA {s} baut für die Compute Capability {o} und höher",
        "maxComputeCapability": "CUDA {s} baut für die Compute Capability {o} und niedriger",
        "includesArchitecture": "{s} enthält die Architektur {o}",
        "excludesArchitecture": "{s} schließt die Architektur {o} aus",
        "supports": "{s} unterstützt {o}",
        "qualifier": "{s} unterstützt {o} ({q})",
        "qualified": "die Zelle sagt ja, mit einer Einschränkung: {q}",
        "retiredOn": "{s} wurde am {o} eingestellt",
        "gpuSupport": "{s} hat GPU-Unterstützung: {o}",
        "retirementDeadline": "{s} muss bis zum {o} migriert werden",
        "row": "{s} ist eine Zeile dieser Tabelle",
        "column": "{s} ist eine Spalte dieser Tabelle",
        "window": "⇒ CUDA {v} ist mindestens {min} und kleiner als {removed}",
        "window_open": "⇒ CUDA {v} ist mindestens {min}, und keine Quelle nennt eine "
                       "CUDA-Version, die {a} entfernt",
        "below_min": "⇒ CUDA {v} ist kleiner als {min}, die minimale Version für {a}",
        "removed": "⇒ CUDA {v} ist nicht kleiner als {removed}, die Version, die {a} entfernt",
        "blank": "⇒ die Zelle für {s} und {o} ist leer, was diese Tabelle als Nein liest",
        "covers": "⇒ {b} deckt {a} mit der Compute Capability {cc} ab",
        "covers+": "⇒ {b} deckt {a} mit den Compute Capabilities {cc} ab",
        "covers_by": "⇒ {b} deckt die Compute Capability {t} von {a} mit seinem Code für {cc} ab",
        "covers_by+": "⇒ {b} deckt die Compute Capabilities {t} von {a} mit seinem Code für "
                      "{cc} ab",
        "covers_partly": "⇒ {b} deckt {yes} von {a} ab, nicht {no}: die Compute Capability "
                         "der GPU entscheidet",
        "covers_ptx": "⇒ {b} deckt {a} mit PTX für die Compute Capability {cc} ab, beim Laden "
                      "übersetzt",
        "lacks": "⇒ {b} enthält keinen Code, der auf der Compute Capability {t} von {a} läuft",
        "lacks+": "⇒ {b} enthält keinen Code, der auf den Compute Capabilities {t} von {a} "
                  "läuft",
        "disputed": "⇒ die Quellen widersprechen sich, ob {b} {a} enthält",
        "disputed_min": "⇒ die Quellen widersprechen sich: CUDA {v} genügt für {a} nach der "
                        "Mindestversion {yes}, nicht nach der Mindestversion {no}",
        "disputed_builds": "⇒ die Quellen widersprechen sich: ein Compiler erzeugt Code für {a} "
                           "mit CUDA {v} (ab {since}), unter der Mindestversion {min}",
        "disputed_removed": "⇒ die Quellen widersprechen sich: {a} entfällt laut einer Quelle "
                            "ab CUDA {no}, laut einer anderen erst ab {yes}",
        "no_gpu": "⇒ die Tabelle ordnet die Serien mit GPU der Kategorie {g} zu, {s} der "
                  "Kategorie {c}, in der keine Serie eine GPU hat: sie führt kein CUDA aus",
        "no_gpu_builds": "⇒ also läuft keiner der CUDA-Builds von {r} darauf: das Urteil gilt "
                         "seinen CUDA-Builds (ein CPU-Build, der keine GPU braucht, ist keine "
                         "Tatsache des Graphen)",
        "fits": "⇒ {b} passt zu {a}",
        "build_for": "der Build von {r} für CUDA {v}",
        "runs_before": "⇒ CUDA {v} kam vor {a}, doch {b} enthält Code, der darauf läuft: ob "
                       "der Build dort läuft, sagt keine Quelle",
        "cc_outside": "⇒ CUDA {v} baut für die Compute Capabilities {low} bis {high}, und "
                      "{cc} von {a} liegt außerhalb",
        "cc_inside": "⇒ CUDA {v} baut für die Compute Capabilities {low} bis {high}, und "
                     "{cc} von {a} liegt innerhalb",
        "cc_partly": "⇒ CUDA {v} baut für die Compute Capabilities {low} bis {high}: für {yes} "
                     "von {a}, nicht für {no}; die Compute Capability der GPU entscheidet",
        "cc_disputed": "⇒ die Quellen widersprechen sich, ob CUDA {v} für die Compute "
                       "Capability {cc} baut",
        "caution": "Achtung: {text}",
        "no_arch": "keine Aussage nennt die GPU-Architektur von {s}",
        "no_series": "keine Aussage nennt die VM-Serie der Größe {s}",
        "no_min": "keine Aussage nennt die minimale CUDA-Version von {a}",
        "no_builds": "keine Aussage nennt einen CUDA-Build von {s}",
        "no_version": "keine Aussage nennt die Versionsnummer von {s}",
        "disputed_version": "die Quellen nennen verschiedene Versionsnummern für {s}: {numbers}",
        "version_unusable": "die Versionsnummer von {s}, angegeben als {values}, ist keine "
                            "Versionsnummer: womit sie verglichen wird, bleibt offen",
        "no_cc": "keine Aussage nennt eine Compute Capability von {a}",
        "cc_unusable": "eine Compute Capability, angegeben als {values}, ist keine "
                       "Versionsnummer: ob die CUDA-Version für die GPU baut, bleibt offen",
        "cc_unusable_build": "eine Compute Capability, angegeben als {values}, ist keine "
                             "Versionsnummer: ob der Build Code für die GPU enthält, bleibt "
                             "offen",
        "no_list_before": "keine Quelle nennt den Code, den {b} enthält: CUDA {v} kam vor {a}, "
                          "also könnte dort nur PTX einer älteren Compute Capability laufen",
        "no_arch_list": "keine Quelle nennt die GPU-Architekturen, die {b} enthält; ob er auf {a} "
                        "läuft, ist nicht bestätigt",
        "target_cuda": "{s} ist ein Computeziel: welche CUDA-Versionen es ausführt, hängt von der "
                       "genutzten VM-Serie ab; prüfen Sie eine VM-Serie oder -Größe mit {o}",
        "no_table": "keine Tabelle sagt, ob {s} {o} unterstützt: {s} ist keine Zeile der "
                    "Tabelle mit {o}",
        "unrelated": "check setzt {c1} und {c2} nicht in Beziehung; check prüft ein "
                     "Computeziel mit einer Funktion sowie eine VM-Serie, VM-Größe, GPU oder "
                     "GPU-Architektur mit einer CUDA-Version, einem Framework-Release oder "
                     "einem Framework-Build",
    },
}


def word(lang: str, key: str, **parts: str) -> str:
    """The template ``key`` in ``lang`` (else English), filled with ``parts``; a fact of a
    property without a template reads ``S key O``. An English template's ``{a1}`` and
    ``{a2}`` are the articles of ``{c1}`` and ``{c2}`` (`an inference target`)."""
    table = TEMPLATES.get(lang, TEMPLATES["en"])
    template = table.get(key) or TEMPLATES["en"].get(key) or "{s} " + key + " {o}"
    articles = {f"a{n}": _article(parts.get(f"c{n}", "")) for n in (1, 2)}
    return template.format(**articles, **parts)


def _article(noun: str) -> str:
    """``a`` or ``an`` before an English noun, by how it starts (`an unmanaged compute`, `a
    use case`: a u sounding "you" takes `a`)."""
    word = noun.lower()
    if word.startswith(("use", "usu", "uni", "uti", "eu", "one")):
        return "a"
    return "an" if word[:1] in ("a", "e", "i", "o", "u") else "a"


def has(lang: str, key: str) -> bool:
    """Is there a template ``key`` (in ``lang`` or English)?"""
    return key in TEMPLATES.get(lang, {}) or key in TEMPLATES["en"]
