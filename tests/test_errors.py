"""Every malformed query gets a plain-words error: line, column, the line, a caret, a hint.

The expected texts are exact: a change in wording is a deliberate change here.
"""

from __future__ import annotations

import io
import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import ExitStatus, QueryError
from kg.session import Graph
from kg.textscan import display_width
from tests.conftest import SEED, ctrl_c_as_in_a_terminal

CASES = [
    # other tools' habits (hunt88 #5): psql's backslash commands (shown as typed, not as
    # Python's '\\'), SQL's comment, a document's quotes
    ('\\q', "error: line 1, column 1: unexpected character '\\'\n  \\q\n  ^\nthe REPL's commands "
              "start with a dot: psql's \\q is .quit"),
    # each psql command the REPL has is named (hunt98 F8: \x and \timing got the list above)
    ('\\timing on', "error: line 1, column 1: unexpected character '\\'\n  \\timing on\n  ^\n"
                     "the REPL's commands start with a dot: psql's \\timing is .timing"),
    ('\\e', "error: line 1, column 1: unexpected character '\\'\n  \\e\n  ^\n"
             "in the REPL, psql's \\e is Ctrl-X Ctrl-E (the statement in $VISUAL or $EDITOR)"),
    ('\\zz', "error: line 1, column 1: unexpected character '\\'\n  \\zz\n  ^\nthe REPL's commands "
              "start with a dot: .quit, .schema, .help (psql's \\q, \\d, \\?)"),
    # a shell's line continuation: psql's list was no help (hunt120 F8); psql's \o writes
    # all that follows, .export the last result alone (F10)
    ('VMSeries \\\n| count', "error: line 1, column 10: unexpected character '\\'\n  VMSeries \\\n"
                            "           ^\nKGQ needs no `\\` at a line's end: end the line with `|`, "
                            "and the statement goes on on the next"),
    ('VMSeries \\\r\n| count', "error: line 1, column 10: unexpected character '\\'\n  VMSeries \\?\n"
                              "           ^\nKGQ needs no `\\` at a line's end: end the line with "
                              "`|`, and the statement goes on on the next"),  # (Windows': hunt122 F9)
    ('\\o out.txt', "error: line 1, column 1: unexpected character '\\'\n  \\o out.txt\n  ^\n"
                    "the REPL's commands start with a dot: psql's \\o is .export (of the last "
                    "result)"),
    ('-- x', "error: line 1, column 1: unexpected character '-'\n  -- x\n  ^\na comment starts with #"),
    # a Cyrillic look-alike in a Latin name: quoted, it was an unknown class (hunt99 F10)
    ('V\u041cSeries | count', "error: line 1, column 2: unexpected character '\u041c'\n"
                              "  V\u041cSeries | count\n   ^\n`\u041c` is cyrillic capital letter "
                              "em, not the Latin letter it looks like: type `V\u041cSeries` again "
                              "in Latin letters"),
    # a file's source unquoted (hunt98 F12: lark's list said `)`, `]`, `and`, `depth`)
    ('VMSeries from h.ttl, x', "error: line 1, column 15: a source named with a `.` is "
                               "written in quotes: `h.ttl`\n  VMSeries from h.ttl, x\n"
                               "                ^^^^^\nfrom \"h.ttl\""),  # (not `h.ttl,`: hunt101)
    ('describe V\u0416Series', "error: line 1, column 11: unexpected character '\u0416'\n"
                               "  describe V\u0416Series\n            ^\na name with letters "
                               "outside A–Z is written in quotes: \"V\u0416Series\""),  # Ж: no
    # Latin look-alike (hunt101)
    ('VMSeries from h.ttl | count', "error: line 1, column 15: a source named with a `.` is "
                                    "written in quotes: `h.ttl`\n  VMSeries from h.ttl | count\n"
                                    "                ^^^^^\nfrom \"h.ttl\""),
    ('describe “NC Promo”', "error: line 1, column 10: unexpected character '“'\n  describe “NC Promo”\n"
                            "           ^\nwrite straight quotes, \" or ': “ ” „ ‘ ’ are a document's, "
                            "not KGQ's"),
    ('VMSeriez | count',
     'error: line 1, column 1: unknown class or entity `VMSeriez`\n  VMSeriez | count\n  ^^^^^^^^\ndid you mean `VMSeries` or `VMSize` or `VMCategory`?'),
    ('VMSeries | where categori = GPU',
     'error: line 1, column 18: unknown property `categori`\n  VMSeries | where categori = GPU\n                   ^^^^^^^^\ndid you mean `category`?'),
    ('VMSeries | where category = GPX',
     'error: line 1, column 29: unknown entity `GPX`\n  VMSeries | where category = GPX\n                              ^^^\ndid you mean `GPU`?'),
    ('VMSeries | where architecture = Voltaa',
     'error: line 1, column 33: unknown entity `Voltaa`\n  VMSeries | where architecture = Voltaa\n                                  ^^^^^^\ndid you mean `Volta`?'),
    ('TrainingTarget | where supports AutoMLL',
     'error: line 1, column 33: unknown feature `AutoMLL`\n  TrainingTarget | where supports AutoMLL\n                                  ^^^^^^^\ndid you mean `Automated machine learning`?'),
    ('VMSeries | whre category = GPU',
     'error: line 1, column 12: unexpected name `whre`: expected a stage (where, show, sort, limit, count, collect, follow, distinct, check with, transpose)\n  VMSeries | whre category = GPU\n             ^^^^\ndid you mean `where`?'),
    ('VMSeries | where name = "NC',
     'error: line 1, column 25: unclosed string: add the closing "\n  VMSeries | where name = "NC\n                          ^^^'),
    ('VMSeries | where (category = GPU',
     'error: line 1, column 18: unclosed `(`: add the closing `)`\n  VMSeries | where (category = GPU\n                   ^'),
    ('VMSeries | where name in [NC, ND',
     'error: line 1, column 26: unclosed `[`: add the closing `]`\n  VMSeries | where name in [NC, ND\n                           ^'),
    # hunt39 #4: lark's merged list there ("asc or desc, `)`, `]` or …") named tokens that
    # cannot come after a source
    ('quit()',
     'error: line 1, column 5: unexpected `(`: after a source (a class, an entity or a path), a '
     'statement ends, or goes on with `|` and a stage, `.` and a property, or `from` and a '
     'source\n  quit()\n      ^'),
    ('VMSeries | where retiredOn < 2024-02-30',  # hunt39 #14: it has the form
     'error: line 1, column 30: `retiredOn` holds dates; `2024-02-30` is not a date (YYYY-MM-DD): '
     'it has the form, and is no day of the calendar\n  VMSeries | where retiredOn < 2024-02-30\n'
     '                               ^^^^^^^^^^'),
    ('schema NCv3',  # hunt39 #8: it did not say what NCv3 is
     'error: line 1, column 8: unknown class `NCv3`\n  schema NCv3\n         ^^^^\n'
     '`NCv3` is an entity (VM series): `describe NCv3` lists its facts'),
    ('| where category = GPU',
     'error: line 1, column 1: a pipeline must start with a source (a class, an entity or a path) before `|`\n  | where category = GPU\n  ^'),
    ('',
     'error: empty query: expected a class, an entity or a statement (describe, path, neighbors, check, schema)'),
    ('# just a comment',
     'error: empty query: expected a class, an entity or a statement (describe, path, neighbors, check, schema)'),
    ('VMSeries | where retiredOn > "soon"',
     'error: line 1, column 30: `retiredOn` holds dates; `soon` is not a date (YYYY-MM-DD)\n  VMSeries | where retiredOn > "soon"\n                               ^^^^^^'),
    ('GPUArchitecture | where minCuda >= abc',
     'error: line 1, column 36: `minCuda` holds versions; `abc` is not a version\n  GPUArchitecture | where minCuda >= abc\n                                     ^^^'),
    # a bare word no cell shows: an empty result, unsaid (hunt107 F4)
    ('TrainingTarget | where supports(AutoML) = yse',
     'error: line 1, column 43: a cell of `supports(AutoML)` shows yes, no, "not stated" or '
     '"yes (…)", not `yse`\n  TrainingTarget | where supports(AutoML) = yse\n'
     '                                            ^^^\ndid you mean `yes`?'),
    ('TrainingTarget | where supports(AutoML) != true',
     'error: line 1, column 44: a cell of `supports(AutoML)` shows yes, no, "not stated" or '
     '"yes (…)", not `true`\n  TrainingTarget | where supports(AutoML) != true\n'
     '                                             ^^^^\nwrite yes or no'),
    ('VMSeries | where category < GPU',
     'error: line 1, column 18: `category` holds VM category entities, which have no order: use = or !=\n  VMSeries | where category < GPU\n                   ^^^^^^^^^^^^^^'),
    ('VMSeries | where architecture = $arch',
     'error: line 1, column 33: parameter `$arch` has no value\n  VMSeries | where architecture = $arch\n                                  ^^^^^\ngive it a value: --param arch=VALUE (in the REPL: .set arch VALUE; in Python: params={\'arch\': VALUE})'),
    ('VMSeries | where category = GPU |',
     'error: line 1, column 34: the query ends too early: expected a stage (where, show, sort, limit, count, collect, follow, distinct, check with, transpose)\n  VMSeries | where category = GPU |\n                                   ^'),
    ('VMSeries \x00\x01 | count',
     "error: line 1, column 10: unexpected character '\\x00'\n  VMSeries ?? | count\n           ^"),
    ('VMSeries | where is Seriess',
     'error: line 1, column 21: unknown class `Seriess`\n  VMSeries | where is Seriess\n                      ^^^^^^^\ndid you mean `VMSeries`?'),
    ('VMSeries | limit x',
     'error: line 1, column 18: unexpected name `x`: expected a whole number\n  VMSeries | limit x\n                   ^'),
    ('VMSize | where isolated = maybe',
     'error: line 1, column 27: `isolated` holds booleans; `maybe` is not true or false\n  VMSize | where isolated = maybe\n                            ^^^^^'),
    ('path NCv3 to "NCv3"',  # it gave an empty result, and exit 1 under --fail-empty
     'error: line 1, column 6: a path needs two entities: both ends are `NCv3`\n'
     '  path NCv3 to "NCv3"\n       ^^^^^^^^^^^^^^\n`neighbors ENTITY` lists what one entity links to'),
    ('describe Kubernetess',
     'error: line 1, column 10: unknown entity `Kubernetess`\n  describe Kubernetess\n           ^^^^^^^^^^^\ndid you mean `Azure Machine Learning Kubernetes` or `Azure Kubernetes Service`?'),
    # hunt71 F2: a fraction where a whole number is due was "unexpected `.`: expected `|`"
    ('VMSeries | limit 1.5',
     'error: line 1, column 18: unexpected number or version `1.5`: expected a whole number after `limit`\n  VMSeries | limit 1.5\n                   ^^^'),
    ('neighbors NCv3 depth 2.5',
     'error: line 1, column 22: unexpected number or version `2.5`: expected a whole number after `depth`\n  neighbors NCv3 depth 2.5\n                       ^^^'),
    ('VMSize | where gpuCount > 5. and rdma',
     'error: line 1, column 27: a number does not end in `.`: `5.`\n  VMSize | where gpuCount > 5. and rdma\n                            ^^\nwrite `5` or `5.0`'),
    # hunt73 R5: a version or a decimal ending in a dot; R12: the caret after the last word,
    # not after a comment
    ('FrameworkRelease | where cudaBuild >= 12.1.',
     'error: line 1, column 39: a number does not end in `.`: `12.1.`\n  FrameworkRelease | where cudaBuild >= 12.1.\n                                        ^^^^^\nwrite `12.1`'),
    ('VMSeries | where # a note',
     'error: line 1, column 17: the query ends too early: a condition must follow `where`\n  VMSeries | where # a note\n                  ^'),
    ('VMSeries | where category = GPU and',  # (hunt109 F7: a list of what starts one)
     'error: line 1, column 36: the query ends too early: a condition must follow `and`\n  VMSeries | where category = GPU and\n                                     ^'),
    # hunt73 R4: past a keyword that came too soon only `not` is looked for (`tno`: "`to`?")
    ('VMSeries | where tno has gpu',
     'error: line 1, column 22: unexpected `has`: expected a comparison (= != < <= > >=), `.`, `~`, `|`, the end of the query, `and`, `in`, …\n  VMSeries | where tno has gpu\n                       ^^^'),
    # hunt71 F3: a three-letter keyword with two letters swapped was a name ("a name of
    # several words is written in quotes: "GPU adn""), and a keyword too soon ended the look
    ('VMSeries | where category = GPU adn has retiredOn',
     'error: line 1, column 33: unexpected name `adn`\n  VMSeries | where category = GPU adn has retiredOn\n                                  ^^^\ndid you mean `and`?'),
    ('VMSeries | where nto has retiredOn',
     'error: line 1, column 18: unexpected name `nto`\n  VMSeries | where nto has retiredOn\n                   ^^^\ndid you mean `not`?'),
    ('VMSeries | sort name acs',
     'error: line 1, column 22: unexpected name `acs`\n  VMSeries | sort name acs\n                       ^^^\ndid you mean `asc`?'),
    # hunt71 F4: "unknown entity `VMSeries`" of a name the graph has, as a class
    ('describe VMSeries',
     'error: line 1, column 10: `VMSeries` is a class, not an entity\n  describe VMSeries\n           ^^^^^^^^\n`VMSeries` lists its instances, `schema VMSeries` its properties'),
    ('neighbors "VM series"',
     'error: line 1, column 11: `VM series` is a class, not an entity\n  neighbors "VM series"\n            ^^^^^^^^^^^\n`"VM series"` lists its instances, `schema "VM series"` its properties'),
    ('NCv3.architecture.minCuda.foo',
     'error: line 1, column 27: unknown property `foo`\n  NCv3.architecture.minCuda.foo\n                            ^^^'),
    ('VMSeries | count | where name = NC',
     'error: line 1, column 20: `where` cannot follow `count`: filter and pick before grouping\n  VMSeries | count | where name = NC\n                     ^^^^^^^^^^^^^^^'),
    # hunt42 #9: the groups were sorted by a cell no group has, in no order one could explain
    ('VMSeries | count by category | sort supports(AutoML)',
     'error: line 1, column 37: after `count`, `sort` takes a column by name: `category`, `count`\n  VMSeries | count by category | sort supports(AutoML)\n                                      ^^^^^^^^^^^^^^^^'),
    ('VMSeries | show name, gpu.computeCapability.x',
     'error: line 1, column 45: `x` cannot follow a path to versions: they have no properties\n  VMSeries | show name, gpu.computeCapability.x\n                                              ^'),
    ('path NCv3 to',
     'error: line 1, column 13: the query ends too early: expected a date (YYYY-MM-DD), a name, a number or version, a $parameter or a quoted string\n  path NCv3 to\n              ^'),
    ('VMSeries\n| where category = GPU\n| show nam',
     'error: line 3, column 8: unknown property `nam`\n  | show nam\n         ^^^\ndid you mean `name`?'),
    ('VMSeries | where supportedBy = GPU',
     'error: line 1, column 32: `GPU` is not a managed compute\n  VMSeries | where supportedBy = GPU\n                                 ^^^\n`supportedBy` links to a managed compute'),
    # a letter a bare name cannot hold: say to quote the name (hunt23 #3)
    ('describe Batchrückschluss',
     'error: line 1, column 16: unexpected character \'ü\'\n  describe Batchrückschluss\n                 ^\na name with letters outside A–Z is written in quotes: "Batchrückschluss"'),
    # bare words in a row: quote the name (the expected list said "asc or desc, `)`, …")
    ('describe compute cluster',
     'error: line 1, column 10: unexpected name `cluster` after `compute`\n  describe compute cluster\n           ^^^^^^^^^^^^^^^\na name of several words is written in quotes: "compute cluster"'),
    ('check NCv3 with PyTorch 2.4',
     'error: line 1, column 17: unexpected number or version `2.4` after `PyTorch`\n  check NCv3 with PyTorch 2.4\n                  ^^^^^^^^^^^\na name of several words is written in quotes: "PyTorch 2.4"'),
    ('VMSeries | sort name architecture desc',
     'error: line 1, column 17: unexpected name `architecture` after `name`\n  VMSeries | sort name architecture desc\n                  ^^^^^^^^^^^^^^^^^\nput a `,` between two columns, or quote a name of several words: "name architecture"'),
    ('which VM series does a compute cluster accept',
     'error: line 1, column 1: unexpected name `VM` after `which`\n  which VM series does a compute cluster accept\n  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\na statement starts with a class (`VMSeries | …`), an entity or a path from one (`NCv3.architecture`), or with describe, path, neighbors, check or schema'),
    ('VMSeries | limit 10 20',
     'error: line 1, column 21: unexpected number or version `20`: expected `|` or the end of the query\n  VMSeries | limit 10 20\n                      ^^'),
    ('neighbors NCv3 depth 2 3',
     'error: line 1, column 24: unexpected number or version `3`: the `neighbors` statement ends before it\n  neighbors NCv3 depth 2 3\n                         ^'),
    # after a whole check, lark's merged list said "expected `,`, a comparison, asc or desc,
    # …"; a stage after it, "expected the end of the query" (hunt49 F6)
    ('check NCv3 with "CUDA 12.0" "CUDA 11.0"',
     'error: line 1, column 29: unexpected quoted string `"CUDA 11.0"`: the `check` statement '
     'ends before it\n  check NCv3 with "CUDA 12.0" "CUDA 11.0"\n                              '
     '^^^^^^^^^^^'),
    ('check with "CUDA 12.0"',
     'error: line 1, column 7: `check` names its first entity before `with`\n  check with '
     '"CUDA 12.0"\n        ^^^^\n`check A with B`'),
    ('check "NC \\"x\\"  y" with "CUDA 12.0" # mine\n| count',
     'error: line 2, column 1: unexpected `|`: a `check` statement takes no stages\n  | count\n'
     '  ^\nto check rows, check in a pipeline: `"NC \\"x\\"  y" | check with "CUDA 12.0" | …`'),
    ('check "NC Promo" with "CUDA 12.0" | where verdict = compatible',
     'error: line 1, column 35: unexpected `|`: a `check` statement takes no stages\n  check '
     '"NC Promo" with "CUDA 12.0" | where verdict = compatible\n                                    '
     '^\nto check rows, check in a pipeline: `"NC Promo" | check with "CUDA 12.0" | …`'),
    # a keyword at the start of a longer word ran as the keyword and the rest (hunt27 #1):
    # `orcategory` as `or category`, `astral` as a column titled `tral`
    ('VMSeries | where architecture = Volta orcategory = GPU | count',
     'error: line 1, column 33: unexpected word `orcategory`\n  VMSeries | where architecture = Volta orcategory = GPU | count\n                                  ^^^^^^^^^^^^^^^^\na name of several words is written in quotes: "Volta orcategory" (or, if you mean `or`, a word of its own: `or category`)'),
    ('VMSeries | show name astral',  # a column left out its comma, more likely than `as`
     'error: line 1, column 17: unexpected word `astral`\n  VMSeries | show name astral\n                  ^^^^^^^^^^^\nput a `,` between two columns, or quote a name of several words: "name astral"'),
    ('VMSeries | show name order',  # `order` is a property: not `or der`
     'error: line 1, column 17: unexpected word `order`\n  VMSeries | show name order\n                  ^^^^^^^^^^\nput a `,` between two columns, or quote a name of several words: "name order"'),
    ('VMSeries | sort name descending',
     'error: line 1, column 22: unexpected name `descending`\n  VMSeries | sort name descending\n                       ^^^^^^^^^^\ndid you mean `desc`?'),
    ('neighbors NCv3 deep 2',
     'error: line 1, column 11: unexpected name `deep` after `NCv3`\n  neighbors NCv3 deep 2\n            ^^^^^^^^^^^\n`neighbors ENTITY depth N`, or quote a name of several words: "NCv3 deep 2"'),
    ('VMSeries | limit 5x',
     'error: line 1, column 18: unexpected word `5x`: expected `|` or the end of the query\n  VMSeries | limit 5x\n                   ^^'),
    ('neighbors Volta depth2',
     'error: line 1, column 11: unexpected word `depth2`\n  neighbors Volta depth2\n            ^^^^^^^^^^^^\n`neighbors ENTITY depth N`, or quote a name of several words: "Volta depth2" (or, if you mean `depth`, a word of its own: `depth 2`)'),
    ('VMSeries | sort name ascending',
     'error: line 1, column 22: unexpected word `ascending`\n  VMSeries | sort name ascending\n                       ^^^^^^^^^\ndid you mean `asc`?'),
    ('VMSeries | where architecture inside [Volta]',
     'error: line 1, column 18: unexpected word `inside`\n  VMSeries | where architecture inside [Volta]\n                   ^^^^^^^^^^^^^^^^^^^\na condition is `PATH = VALUE` (or != < <= > >=), `PATH ~ "text"`, `PATH in [A, B]`, `has PATH`, `is CLASS` or `supports FEATURE` (or, if you mean `in`, a word of its own: `in side`)'),
    # a keyword misspelt: the nearest one (spec §5; the expected list named none, hunt27 #6)
    ('check NCv3 wth "CUDA 12.1"',
     'error: line 1, column 12: unexpected name `wth`\n  check NCv3 wth "CUDA 12.1"\n             ^^^\ndid you mean `with`?'),
    ('describ NCv3',
     'error: line 1, column 1: unexpected name `describ`\n  describ NCv3\n  ^^^^^^^\ndid you mean `describe`?'),
    ('path NCv3 too "CUDA 9.0"',
     'error: line 1, column 11: unexpected name `too`\n  path NCv3 too "CUDA 9.0"\n            ^^^\ndid you mean `to`?'),
    ('VMSeries | shwo name',
     'error: line 1, column 12: unexpected name `shwo`: expected a stage (where, show, sort, limit, count, collect, follow, distinct, check with, transpose)\n  VMSeries | shwo name\n             ^^^^\ndid you mean `show`?'),
    ('VMSeries | where name like "NC"',
     'error: line 1, column 18: unexpected name `like` after `name`\n  VMSeries | where name like "NC"\n                   ^^^^^^^^^\na condition is `PATH = VALUE` (or != < <= > >=), `PATH ~ "text"`, `PATH in [A, B]`, `has PATH`, `is CLASS` or `supports FEATURE`'),
    # the caret under the depth, not the whole statement (hunt27 #7)
    ('neighbors NCv3 depth 7',
     'error: line 1, column 22: depth must be between 1 and 6, not 7\n  neighbors NCv3 depth 7\n                       ^'),
    # a feature's did-you-mean names features alone (it named NCv3 and NVv3; hunt27 #7)
    ('TrainingTarget | show supports(NCv3)',
     'error: line 1, column 32: `NCv3` is not a feature\n  TrainingTarget | show supports(NCv3)\n                                 ^^^^\nthe features: `Automated machine learning`, `Automatic cluster management and job scheduling`, `Autoscales each time you submit a job`, `Azure Machine Learning designer`, `Machine learning pipelines`, `Single- or multi-node cluster`, `Support for both CPU and GPU resources`'),
    ('TrainingTarget | where supports Automl2',
     'error: line 1, column 33: unknown feature `Automl2`\n  TrainingTarget | where supports Automl2\n                                  ^^^^^^^\ndid you mean `Automated machine learning`?'),
    # two names with no word between (graph F9), a version as a source (hunt27 #5)
    ('path Volta Pascal',
     'error: line 1, column 6: unexpected name `Pascal` after `Volta`\n  path Volta Pascal\n       ^^^^^^^^^^^^\n`path A to B`: put `to` between the two, or quote a name of several words: "Volta Pascal"'),
    ('check NCv3 "CUDA 12.1"',
     'error: line 1, column 12: unexpected quoted string `"CUDA 12.1"`: expected `with`\n  check NCv3 "CUDA 12.1"\n             ^^^^^^^^^^^\n`check A with B`'),
    ('11.0 | show name',
     'error: line 1, column 1: unexpected number or version `11.0`: a statement starts with a class, an entity or a path\n  11.0 | show name\n  ^^^^\na version names an entity quoted: "11.0"'),
    # a step walked backwards to where it never leads (it said the series has no `category`)
    ('VMSeries.^category',
     'error: line 1, column 11: no `category` leads to a VM series\n  VMSeries.^category\n            ^^^^^^^^\n`^category` walks back from VM category to VM series'),
    # an unknown feature: no class for a did-you-mean (it said "did you mean `Note`?", hunt29)
    ('TrainingTarget | show supports(Note)',
     'error: line 1, column 32: `Note` is a class, not a feature\n  TrainingTarget | show supports(Note)\n                                 ^^^^\nthe features: `Automated machine learning`, `Automatic cluster management and job scheduling`, `Autoscales each time you submit a job`, `Azure Machine Learning designer`, `Machine learning pipelines`, `Single- or multi-node cluster`, `Support for both CPU and GPU resources`'),
    # a name typed in part: the one it begins first (includesCapability came first, hunt23 #7)
    ('NCv3 | show Archit',
     'error: line 1, column 13: unknown property `Archit`\n  NCv3 | show Archit\n              ^^^^^^\ndid you mean `architecture`?'),
    ('VMSeries | where gpuSupport = true',
     'error: line 1, column 18: VM series has no property `gpuSupport`\n  VMSeries | where gpuSupport = true\n                   ^^^^^^^^^^\n`gpuSupport` belongs to inference target'),
    # two columns with one title: JSON would keep one of them
    ('VMSeries | show name as a, category as A',
     'error: line 1, column 28: two columns are titled `A`: give one another title with `as`\n  VMSeries | show name as a, category as A\n                             ^^^^^^^^^^^^^'),
    ('VMSeries | count by category as count',
     'error: line 1, column 21: two columns are titled `count`: give one another title with `as`\n  VMSeries | count by category as count\n                      ^^^^^^^^^^^^^^^^^'),
    ('VMSeries | collect name by name',
     'error: line 1, column 20: two columns are titled `name`: give one another title with `as`\n  VMSeries | collect name by name\n                     ^^^^'),
    ('VMSeries | count by category | show count, count',
     'error: line 1, column 44: `count` is picked twice\n  VMSeries | count by category | show count, count\n                                             ^^^^^'),
    # "an" before a class that starts with a vowel ("leads to a inference target")
    ('InferenceTarget | show ^supportedBy',
     'error: line 1, column 25: no `supportedBy` leads to an inference target\n  InferenceTarget | show ^supportedBy\n                          ^^^^^^^^^^^\n`^supportedBy` walks back from managed compute to VM series'),
    ('VMSeries | show name as verdict | check with "CUDA 12.0"',
     'error: line 1, column 35: `check with` adds a column titled `verdict`, and the rows have one: give it another title with `as`\n  VMSeries | show name as verdict | check with "CUDA 12.0"\n                                    ^^^^^^^^^^^^^^^^^^^^^^'),
]


def test_quit_as_python_has_it_gets_a_hint() -> None:
    from kg.hints import hint_for

    assert hint_for("quit()") == "the REPL is left with `.quit` (or `quit`, or Ctrl-D)"
    assert hint_for('VMSeries | where name = "quit()"') is None


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[c[0][:40] or "empty" for c in CASES])
def test_error_text(graph: Graph, query: str, expected: str) -> None:
    with pytest.raises(QueryError) as info:
        graph.query(query)
    assert info.value.render() == expected
    assert info.value.status == ExitStatus.QUERY


@pytest.mark.parametrize(("text", "wider"), [
    ('TrainingTarget | where createdWith = "Azure CLI"', 'Target | where createdWith = "Azure CLI" '
                                                         "and is TrainingTarget"),
    ("UnmanagedCompute | where gpuSupport", "Target | where gpuSupport and is UnmanagedCompute"),
    ("TrainingTarget | where has usedFor", "Target | where has usedFor and is TrainingTarget"),
])
def test_a_property_of_a_class_that_shares_instances_is_taken(graph: Graph, text: str,
                                                                wider: str) -> None:
    """`schema TrainingTarget` lists `createdWith`: a compute cluster is managed compute and
    a training target, and some training targets have the property, so the question has
    the answer the wider class gives (it was "training target has no property
    `createdWith`"). What no instance has stays an error (`VMSeries.minCuda`)."""
    rows = graph.query(text).rows
    assert rows and rows == graph.query(wider).rows
    with pytest.raises(QueryError, match="VM series has no property `minCuda`"):
        graph.query("VMSeries | where minCuda > 1")


def test_the_values_a_path_source_gives_sort_by_their_title(graph: Graph) -> None:
    """`VMSeries.retiredOn` gives dates in a column titled `retiredOn`; `sort retiredOn`
    sorts them (it was "`retiredOn` cannot follow a path to dates"), as `sort` finds a
    column by its title. A property the values have not is still an error."""
    dates = [row[0] for row in graph.query("VMSeries.retiredOn").rows]
    assert len(dates) >= 2 and dates == sorted(dates)
    assert [row[0] for row in graph.query("VMSeries.retiredOn | sort retiredOn desc").rows] \
        == dates[::-1]
    counts = [row[0] for row in graph.query("VMSeries.^series.gpuCount | sort gpuCount desc").rows]
    assert counts == sorted(counts, reverse=True) and len(counts) > 1
    with pytest.raises(QueryError, match="cannot follow a path to dates"):
        graph.query("VMSeries.retiredOn | sort retiredOn.name")


def test_all_problems_are_collected(graph: Graph) -> None:
    with pytest.raises(QueryError) as info:
        graph.query("VMSeries | where categori = GPX and architecture = Voltaa | show nam")
    messages = [p.message for p in info.value.problems]
    assert messages == ["unknown property `categori`", "unknown entity `Voltaa`",
                        "unknown property `nam`"]


def test_spans_point_at_the_token(graph: Graph) -> None:
    text = "VMSeries | where architecture = Voltaa"
    with pytest.raises(QueryError) as info:
        graph.query(text)
    span = info.value.problems[0].span
    assert span is not None and text[span.start:span.end] == "Voltaa"
    assert span.line_col(text) == (1, 33)


def test_ambiguous_name_lists_candidates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    extra = tmp_path / "twins.ttl"
    extra.write_text(
        "@prefix ent: <https://w3id.org/azml-kg/id/> .\n"
        "@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "ent:twin-a a kg:VMSeries ; rdfs:label \"Twin\"@en .\n"
        "ent:twin-b a kg:GPU ; rdfs:label \"Twin\"@en .\n")
    graph = Graph.open([extra])
    with pytest.raises(QueryError) as info:
        graph.query("describe Twin")
    assert info.value.render() == (
        "error: line 1, column 10: `Twin` is ambiguous: it names `Twin` (VM series, twin-a), "
        "`Twin` (GPU, twin-b)\n"
        "  describe Twin\n"
        "           ^^^^\n"
        'use a more specific name, or one\'s IRI in quotes: "https://w3id.org/azml-kg/id/twin-a" '
        'or "https://w3id.org/azml-kg/id/twin-b"')
    assert [str(r[0]) for r in graph.query("describe twin-a").rows][:1] == ["out"]
    # by its IRI: the way to one whose local name is the ambiguous name (hunt36-data #15)
    by_iri = graph.query('describe "https://w3id.org/azml-kg/id/twin-b"').rows
    assert by_iri == graph.query("describe twin-b").rows != []
    with pytest.raises(QueryError, match="unknown entity"):
        graph.query('describe "https://w3id.org/azml-kg/id/twin-c"')


def test_a_megabyte_query(graph: Graph) -> None:
    """Past the documented statement size (kg.limits), one clear error, at once."""
    text = "VMSeries | where " + " or ".join(["name = \"NC\""] * 80_000)
    assert len(text) > 1_000_000
    with pytest.raises(QueryError) as info:
        graph.query(text + " |")
    assert "the query is too long (1,200,015 characters; at most 100,000)" in info.value.render()


def test_a_megabyte_of_junk(graph: Graph) -> None:
    with pytest.raises(QueryError) as info:
        graph.query("\x7f" * 1_100_000)
    assert info.value.render().startswith("error: line 1, column 1: the query is too long")


def test_long_lines_are_cut_around_the_error(graph: Graph) -> None:
    text = "VMSeries | where " + "name = \"NC\" or " * 50 + "nam = 1"
    with pytest.raises(QueryError) as info:
        graph.query(text)
    lines = info.value.render().split("\n")
    assert all(len(line) < 120 for line in lines)
    caret = lines[2].index("^")
    assert lines[1][caret:caret + 3] == "nam"


def test_caret_accounts_for_a_prompt(graph: Graph) -> None:
    with pytest.raises(QueryError) as info:
        graph.query("VMSeriez")
    info.value.indent = 5
    assert info.value.render().split("\n")[2] == "       ^^^^^^^^"


def test_the_command_line_hints_the_kgq_form_of_other_query_languages() -> None:
    import io

    from kg.cli import main

    err = io.StringIO()
    status = main(["query", "VMSeries | filter architecture == Volta"], io.StringIO(), err)
    assert status == ExitStatus.QUERY
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("error: line 1, column 12: unexpected name `filter`")
    assert "hint: KGQ keeps rows with `where`: `VMSeries | where category = GPU`" in lines
    assert "hint: KGQ compares with a single `=`: `VMSeries | where architecture = Volta`" in lines


@pytest.mark.parametrize(("query", "hint"), [
    ('VMSeries | where name like "NC"', 'KGQ tests text with `~` (it contains the text): `VMSeries | where name ~ "NC"`'),
    ("VMSeries | where category <> GPU", "KGQ says not equal with `!=`: `VMSeries | where category != GPU`"),
    ("VMSeries | where !has retiredOn", "KGQ negates with `not`: `VMSeries | where not has retiredOn`"),
    # (hunt107 F7)
    ("VMSeries | sort by name", "KGQ's `sort` takes the column itself: `VMSeries | sort name desc`"),
    ("VMSeries | where architecture not in [Volta]",
     "KGQ negates the whole condition: `VMSeries | where not architecture in [Volta, Pascal]`"),
    ('VMSeries | where name !~ "x"', 'KGQ negates the whole condition: `VMSeries | where not name ~ "NC"`'),
    ("VMSeries | where retiredOn is not null",
     "KGQ asks whether a row has a value with `has`: `VMSeries | where not has retiredOn` "
     "(`has retiredOn`: it has one)"),
])
def test_habits_of_sql_and_python_get_their_kgq_form(query: str, hint: str) -> None:
    from kg.hints import hint_for

    assert hint_for(query) == hint
    kgq = {"like": "~", "<>": "!=", "!has": "not has", "sort by": "sort", "architecture not in":
           "not architecture in", "name !~": "not name ~", "retiredOn is not null": "has retiredOn"}
    for habit, ours in kgq.items():
        query = query.replace(habit, ours)
    assert hint_for(query) is None


@pytest.mark.parametrize(("query", "expected"), [
    ("VMSeries\u00a0| count", "unexpected character no-break space (U+00A0)"),  # (hunt107 F13:
    ("VMSeries\u200b| count", "unexpected character zero width space (U+200B)"),  # `'\xa0'`)
    ('path NCv3 as to "CUDA 9.0"', "unexpected `as`: expected `to`"),
    ("VMSeries | where category = GPU 2023-01-01",
     "unexpected date (YYYY-MM-DD) `2023-01-01`: expected `|`, the end of the query, `and` or `or`"),
    ('VMSeries | show name "x"',
     "unexpected quoted string `\"x\"`: expected `,`, `.`, `|`, the end of the query or `as`"),
    ("check NCv3.architecture with 12.0", "unexpected `.`: expected `with`"),
    ("VMSeries | where (category = GPU ]", "unexpected `]`: expected `)`, `and` or `or`"),
])
def test_a_syntax_error_expects_what_may_follow_there(graph: Graph, query: str, expected: str) -> None:
    """What the parser takes where it stopped, not lark's list of what one rule takes in any
    of the states it shares (`depth` outside `neighbors`, `asc or desc` outside `sort`, `)`
    with no bracket open: hunt107 F1)."""
    with pytest.raises(QueryError) as info:
        graph.query(query)
    assert info.value.problems[0].message == expected


@pytest.mark.parametrize("args", [["query", "VMSeries"], ["export", "VMSeries"],
                                  ["run", "gpu-series"], ["list"]])
def test_an_empty_format_is_a_usage_error_not_the_default(args: list[str]) -> None:
    err = io.StringIO()
    assert main([*args, "--format", ""], io.StringIO(), err) == ExitStatus.USAGE
    assert err.getvalue().startswith("error: unknown format ''; expected one of: table, json")
    # a command of result formats names those only, not the ones it refuses
    assert ("turtle" in err.getvalue()) is (args[0] != "list")


def test_ctrl_c_ends_a_command_at_once() -> None:
    """Ctrl-C while a `kg` command waits (here for its statement on a pipe that stays open):
    "interrupted", exit 130, within a second, no traceback."""
    proc = subprocess.Popen([sys.executable, "-m", "kg", "query", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=Path(__file__).resolve().parent.parent,
                            preexec_fn=ctrl_c_as_in_a_terminal)
    try:
        time.sleep(2)  # past start-up: the command waits for its input
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)  # stdin still open, as a terminal's is (closed at once, the
        # empty statement it then read raced the Ctrl-C: parsed before the graph opens)
        waited = time.monotonic() - sent
        out, err = proc.communicate(timeout=10)
    finally:
        proc.kill()
    assert waited < 1
    assert (proc.returncode, err.decode(), out) == (ExitStatus.INTERRUPTED, "interrupted\n", b"")


def test_ctrl_c_as_kg_starts_says_interrupted() -> None:
    """Ctrl-C while `kg` still imports its modules (as a meta-path finder raises it here,
    on importing the command): "interrupted", exit 130, not a traceback of the import."""
    script = ("import sys\n"
              "class CtrlC:\n"
              "    def find_spec(self, name, path=None, target=None):\n"
              "        if name == 'kg.cli':\n"
              "            raise KeyboardInterrupt\n"
              "sys.meta_path.insert(0, CtrlC())\n"
              "from kg.__main__ import main\n"
              "main()\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, check=False)
    assert (done.returncode, done.stderr, done.stdout) == (ExitStatus.INTERRUPTED,
                                                           "interrupted\n", "")


def _kg_without(fd: int, *args: str) -> subprocess.CompletedProcess[str]:
    """``kg args`` started with the standard stream ``fd`` closed (as ``>&-`` does)."""
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, cwd=Path(__file__).resolve().parent.parent,
                          preexec_fn=lambda: os.close(fd), check=False)


def test_a_closed_standard_stream_is_an_error_or_nothing_never_a_traceback(tmp_path: Path) -> None:
    """Started with stdout closed, a command that prints its result fails as on a full disk
    (exit 4, one line), and one that writes a file succeeds; with stderr closed the exit
    status is still the error's; with stdin closed, `-` has no statement to read, a usage
    error (it was "empty query", exit 3, as if stdin held nothing: hunt123 F7)."""
    printed = _kg_without(1, "query", "VMSeries")
    assert (printed.returncode, printed.stderr) == (
        ExitStatus.DATA, "error: cannot write the output: the stream is closed\n")
    target = tmp_path / "count.json"
    written = _kg_without(1, "export", "-o", str(target), "VMSeries | count")
    assert (written.returncode, written.stderr) == (0, "")
    assert '"count": 34' in target.read_text()
    assert _kg_without(2, "query", "Nope").returncode == ExitStatus.QUERY
    empty = _kg_without(0, "query", "-")
    assert (empty.returncode, empty.stderr) == (ExitStatus.USAGE, "error: stdin is closed: there "
                                                "is no statement to read (- reads it from stdin)\n")
    assert "Traceback" not in printed.stderr + written.stderr + empty.stderr
    for asked in (["--help"], ["--version"], ["query", "--help"]):  # exit 70 (hunt51 #6)
        helped = _kg_without(1, *asked)
        assert (helped.returncode, helped.stderr) == (
            ExitStatus.DATA, "error: cannot write the output: the stream is closed\n"), asked


def test_what_a_command_wrote_said_to_a_closed_stderr_is_lost_not_the_work(tmp_path: Path) -> None:
    """`kg docs DIR 2>&-` and `kg export --tables DIR 2>&-` wrote every file and ended with
    exit 4, as their "wrote …" could not be said (hunt64 F4); `kg diff`'s notes too."""
    site = _kg_without(2, "docs", str(tmp_path / "site"), "--as-of", "seed")
    tables = _kg_without(2, "export", "--tables", str(tmp_path / "tables"))
    assert (site.returncode, tables.returncode) == (0, 0)
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "tables" / "cuda.md").is_file()
    assert _kg_without(2, "diff", "seed", "latest").returncode == 0


def test_a_literal_its_datatype_does_not_allow_is_kept_quietly(tmp_path: Path) -> None:
    """A date that is no date in a data file: the JSON-LD export keeps its text, and
    nothing of rdflib's (which logs a traceback as it converts it) reaches stderr."""
    data = tmp_path / "baddate.ttl"
    data.write_text('@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n'
                    '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
                    '<https://w3id.org/azml-kg/id/NCv3> kg:retiredOn "2025-02-29"^^xsd:date .\n')
    done = subprocess.run([sys.executable, "-m", "kg", "--data", str(data), "query", "-f",
                           "jsonld", "NCv3 | show name, retiredOn"], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert "2025-02-29" in done.stdout


def test_a_number_that_is_none_is_shown_as_its_text(tmp_path: Path) -> None:
    """``"INF"`` and ``"NaN"`` as xsd:double in a data file: cells show their text, JSON
    stays JSON (no bare NaN), and sorting a cell with them and a number does not fail."""
    data = tmp_path / "odd-numbers.ttl"
    data.write_text('@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n'
                    '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
                    '<https://w3id.org/azml-kg/id/container-instances> kg:maxMemoryGB '
                    '"INF"^^xsd:double , "NaN"^^xsd:double .\n')
    out, err = io.StringIO(), io.StringIO()
    status = main(["--data", str(data), "query", "-f", "json",
                   "InferenceTarget | where has maxMemoryGB | show name, maxMemoryGB"], out, err)
    assert (status, err.getvalue()) == (0, "note: `maxMemoryGB` holds several values in some "
                                           "rows, where one is expected (facts past the "
                                           "ontology's cardinality, which kg validate names, or "
                                           "two sources' texts in one language): in JSON it is "
                                           "an array in every row\n"
                                           "note: `maxMemoryGB` holds numbers, and in some rows a "
                                           "value that is not one, written as its text (a fact of "
                                           "another datatype, which kg validate names): in JSON it "
                                           "is a string\n")  # (hunt140 F1)

    def no_constant(name: str) -> None:
        raise AssertionError(f"not JSON: {name}")

    rows = json.loads(out.getvalue(), parse_constant=no_constant)
    assert sorted(map(str, rows[0]["maxMemoryGB"])) == ["48", "INF", "NaN"]


def test_a_boolean_that_is_none_is_shown_as_its_text(tmp_path: Path) -> None:
    """``"maybe"^^xsd:boolean`` in a data file is no boolean: its cell shows its text (it
    showed ``false``), as an invalid number does; the four forms XSD allows, white space
    around them collapsed, are booleans."""
    from kg.literals import to_python

    data = tmp_path / "odd-flags.ttl"
    data.write_text('@prefix ex: <http://example.org/x#> .\n'
                    '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
                    '<https://w3id.org/azml-kg/id/NCv3> ex:flag "maybe"^^xsd:boolean .\n')
    out, err = io.StringIO(), io.StringIO()
    status = main(["--data", str(data), "query", "-f", "json", "describe NCv3"], out, err)
    assert (status, err.getvalue()) == (0, "")
    assert [r["value"] for r in json.loads(out.getvalue()) if r["property"] == "flag"] == ["maybe"]
    boolean = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
    assert [to_python(ox.Literal(t, datatype=boolean)) for t in
            ("true", "1", " false ", "0", "maybe", "TRUE")] == [True, True, False, False,
                                                                 "maybe", "TRUE"]


@pytest.mark.parametrize("command", [["query", "-f", "jsonld", "describe Quoting"],
                                     ["validate"]])
def test_a_triple_term_rdflib_cannot_hold_is_a_data_error(tmp_path: Path,
                                                          command: list[str]) -> None:
    """An RDF 1.2 triple term in a data file: the table shows it as Turtle writes it, and
    what goes through rdflib (JSON-LD, SHACL validation) says in one line why it cannot,
    exit 4, where it was an internal error (exit 70)."""
    data = tmp_path / "quoted.ttl"
    data.write_text('@prefix ent: <https://w3id.org/azml-kg/id/> .\n'
                    '@prefix ex: <http://example.org/x#> .\n'
                    'ent:quoting <http://www.w3.org/2000/01/rdf-schema#label> "Quoting"@en ;\n'
                    '  ex:says <<( ent:NCv3 ex:runs "CUDA 12" )>> .\n', encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(data), "query", "-f", "json", "describe Quoting"], out, err) == 0
    assert '<<( <https://w3id.org/azml-kg/id/NCv3> <http://example.org/x#runs> "CUDA 12" )>>' \
        in [row["value"] for row in json.loads(out.getvalue())]
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(data), *command], out, err) == ExitStatus.DATA
    assert err.getvalue().startswith("error: the graph holds an RDF 1.2 triple term <<( ")
    assert err.getvalue().count("\n") == 1 and "internal" not in err.getvalue()


def test_a_folder_given_as_data_is_named_a_folder(tmp_path: Path) -> None:
    """--data FOLDER: "is a folder" (it said "unknown RDF file type ''"), exit 4."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(tmp_path), "query", "VMSeries | count"], out, err) == ExitStatus.DATA
    assert err.getvalue() == f"error: {tmp_path}: is a folder; give an RDF file in it\n"


def test_the_caret_stands_under_the_word_after_wide_characters() -> None:
    """After 日本語 (two terminal cells each) the carets stand under `categori` (they stood
    three cells to its left)."""
    text = 'VMSeries | where name ~ "日本語" | where categori = GPU'
    with pytest.raises(QueryError) as info:
        Graph.open().query(text)
    shown, carets = str(info.value).split("\n")[1:3]
    at = carets.index("^")
    wide_before = sum(1 for ch in shown[:shown.index("categori")] if ch in "日本語")
    assert at == shown.index("categori") + wide_before and carets.count("^") == 8


@pytest.mark.parametrize(("text", "says"), [
    ("Target | where maxMemoryGB = 9223372036854775807",
     "is not a number: a number has at most 18 digits on each side of its point"),
    ("GPUArchitecture | where minCuda >= 1.2.3.4.5",
     "is not a version: a version has at most 4 parts of at most 9 digits"),
    ("FrameworkRelease | where versionNumber >= 1234567890.1",
     "is not a version: a version has at most 4 parts of at most 9 digits"),
])
def test_a_value_past_a_limit_names_the_limit(text: str, says: str) -> None:
    """A number or version longer than kg takes says which limit it passes (it said only
    "is not a number"), as the README's Limits promise; a value of no such shape does not."""
    with pytest.raises(QueryError, match=says):
        Graph.open().query(text)
    with pytest.raises(QueryError) as info:
        Graph.open().query("Target | where maxMemoryGB = abc")
    assert "digits" not in str(info.value)


def test_what_an_error_quotes_is_shown_with_its_control_characters_escaped() -> None:
    """An error quoting what the user gave (here a URL) shows an escape, never the raw
    control character (a terminal would act on it)."""
    out, err = io.StringIO(), io.StringIO()
    status = main(["--endpoint", "http://127.0.0.1:1/\x1b[2Jq", "query", "VMSeries"], out, err)
    assert status == ExitStatus.USAGE
    assert "\x1b" not in err.getvalue() and "\\x1b[2Jq" in err.getvalue()


def test_a_value_longer_than_the_parser_takes_is_a_data_error(tmp_path: Path) -> None:
    """One text of 17 MiB in a data file: a data error naming the file, not an internal
    error (pyoxigraph's parser holds one token in at most 16 MiB)."""
    from kg.errors import DataError

    data = tmp_path / "long.ttl"
    data.write_text('<https://w3id.org/azml-kg/id/x> <http://www.w3.org/2000/01/rdf-schema#comment> "'
                    + "a" * (17 * 1024 * 1024) + '" .\n')
    with pytest.raises(DataError, match=f"{data}: a value .* longer than the parser takes"):
        Graph.open([data])


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["query", "--help"]])
def test_help_that_cannot_be_written_is_an_error(args: list[str]) -> None:
    """`kg --help > /dev/full` fails as any command's output does (exit 4, one line); it
    was exit 0 (argparse hides a failed write)."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "kg", *args], stdout=full,
                              stderr=subprocess.PIPE, text=True, check=False, timeout=60)
    assert (done.returncode, done.stderr) == (
        ExitStatus.DATA, "error: cannot write the output: No space left on device\n")
    shown = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                           check=False, timeout=60)
    assert shown.returncode == 0 and shown.stdout and shown.stderr == ""


def test_an_unknown_argument_names_the_command_it_was_given_to() -> None:
    """argparse's top level reported `kg query --bogus` as `kg`'s; `-o` on a command that
    prints says which command writes files."""
    import io

    from kg.cli import main

    for argv, says in ((["query", "--bogus", "VMSeries"], "(see `kg query --help`)"),
                       (["--bogus"], "(see `kg --help`)")):
        err = io.StringIO()
        assert main(argv, io.StringIO(), err) == ExitStatus.USAGE
        assert err.getvalue().startswith("error: unrecognized option: --bogus") and \
            err.getvalue().endswith(says + "\n"), err.getvalue()
    for argv in (["query", "-o", "x.json", "VMSeries"], ["query", "--output=x", "VMSeries"],
                 ["run", "-ox", "gpu-series"]):
        err = io.StringIO()
        assert main(argv, io.StringIO(), err) == ExitStatus.USAGE
        assert err.getvalue() == (f"error: kg {argv[0]} has no option -o: it prints its result "
                                  "(`kg export -o FILE …` writes it to a file)\n"), argv


_SCRIPT = "VMSeries | count\n\nTarget | count\n\nVMSeries | show name\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_piped_script_whose_output_cannot_be_written_ends_with_one_error() -> None:
    """`kg repl < script > /dev/full` (or stdout closed): one line and exit 4, as `kg query`,
    not "internal error … please report it" (exit 70) once per statement, each still run."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "kg", "repl"], input=_SCRIPT, stdout=full,
                              stderr=subprocess.PIPE, text=True, check=False, timeout=60)
    assert (done.returncode, done.stderr) == (
        ExitStatus.DATA, "error: cannot write the output: No space left on device\n")
    closed = subprocess.run(f"{shlex.quote(sys.executable)} -m kg repl >&-", shell=True, input=_SCRIPT,
                            stderr=subprocess.PIPE, text=True, check=False, timeout=60)
    assert (closed.returncode, closed.stderr) == (
        ExitStatus.DATA, "error: cannot write the output: the stream is closed\n")


def test_a_piped_script_whose_reader_left_ends_quietly() -> None:
    """`kg repl < script | head -1`: the reader leaves; the script ends, exit 0, nothing
    said (a closed pipe is no error), as `kg query … | head -1`."""
    done = subprocess.run(f"{shlex.quote(sys.executable)} -m kg repl | head -c 1 >/dev/null; "
                          "echo ${PIPESTATUS[0]} >&2", shell=True, executable="/bin/bash",
                          input=_SCRIPT * 50, capture_output=True, text=True, check=False,
                          timeout=120)
    assert done.stderr == "0\n"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_output_is_utf8_whatever_the_locale(encoding: str) -> None:
    """JSON of German labels under an ASCII or Latin-1 stdout: it ended half-written with
    "internal error" (exit 70), or came out in Latin-1, which `jq` misread without a word."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    done = subprocess.run([sys.executable, "-m", "kg", "run", "table-training-targets", "--lang",
                           "de", "-f", "json"], capture_output=True, env=env, check=False,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout.decode("utf-8"))
    assert any("ja (über SDK)" in row.values() for row in rows)


_UBER = 'Feature | where name ~ "Übermittlung" | show name'


@pytest.mark.parametrize(("env", "how"), [
    ({"PYTHONIOENCODING": "latin-1"}, "stdin"), ({"PYTHONIOENCODING": "ascii"}, "stdin"),
    ({"PYTHONIOENCODING": "ascii"}, "repl"), ({"PYTHONIOENCODING": "utf-16"}, "stdin"),
    ({"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}, "argument"),
    ({"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}, "param")])
def test_a_statement_is_read_as_utf8_whatever_the_locale(env: dict[str, str], how: str) -> None:
    """hunt115 F1: a statement on stdin was read in the locale's or PYTHONIOENCODING's
    codec: Latin-1 found no rows (exit 0), ASCII was exit 70; with LANG=C an argument's "Ü"
    was "the byte 0xc3 is not UTF-8" (exit 3), a parameter's exit 2."""
    kg = [sys.executable, "-m", "kg", "--lang", "de"]
    cmd, given = {
        "stdin": ([*kg, "query", "-f", "csv", "-"], _UBER),
        "repl": ([*kg, "repl"], f".format csv\n{_UBER}\n"),
        "argument": ([*kg, "query", "-f", "csv", _UBER], ""),
        "param": ([*kg, "query", "-f", "csv", _UBER.replace('"Übermittlung"', "$n"), "-p",
                   "n=Übermittlung"], ""),
    }[how]
    done = subprocess.run(cmd, input=given.encode("utf-8"), capture_output=True,
                          env={**os.environ, **env}, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Automatische Skalierung bei jeder Übermittlung" in done.stdout.decode("utf-8")


def test_a_terminal_of_no_width_is_80_wide_or_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal that says it has 0 columns (`script`, CI ptys) got tables one character
    wide, and $COLUMNS was not read."""
    from kg.output.table import terminal_width

    class Pty(io.StringIO):
        def fileno(self) -> int:
            return 0

    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((0, 0)))
    monkeypatch.delenv("COLUMNS", raising=False)
    assert terminal_width(Pty()) == 80
    monkeypatch.setenv("COLUMNS", "100")
    assert terminal_width(Pty()) == 100
    monkeypatch.setenv("COLUMNS", "wide")
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((132, 40)))
    assert terminal_width(Pty()) == 132


@pytest.mark.parametrize(("argv", "fmt"), [
    (["query", "--ids", "-f", "md", "VMSeries | limit 1"], "md"),
    (["run", "gpu-series", "--ids", "-f", "table"], "table"),
    (["export", "--ids", "-f", "turtle", "VMSeries | limit 1"], "turtle")])
def test_ids_with_a_format_it_adds_nothing_to_is_refused(argv: list[str], fmt: str) -> None:
    """`--ids` was ignored without a word outside JSON, JSON Lines, CSV and TSV."""
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, out, err) == ExitStatus.USAGE
    assert err.getvalue().startswith(f"error: --ids adds IRIs to json, jsonl, csv, tsv, not to "
                                      f"{fmt}") and out.getvalue() == ""
    out = io.StringIO()
    assert main([*argv[:argv.index("-f") + 1], "csv", *argv[argv.index("-f") + 2:]], out,
                io.StringIO()) == ExitStatus.OK
    assert out.getvalue().startswith("@id,")


def test_a_script_whose_stderr_is_closed_still_gives_its_results() -> None:
    """What a command did goes to stderr in a pipe; with stderr closed, that note failed
    and took the results with it (exit 4, nothing written)."""
    done = subprocess.run(f"{shlex.quote(sys.executable)} -m kg repl 2>&-", shell=True,
                          input=".format csv\nVMSeries | where category = GPU | count\n",
                          stdout=subprocess.PIPE, text=True, check=False, timeout=60)
    assert (done.returncode, done.stdout) == (0, "count\n14\n")


def test_options_are_taken_only_in_full_and_a_near_one_is_suggested() -> None:
    """argparse took `--form csv` for `--format csv`: a script that abbreviates would break
    the day kg gains another option starting the same. A misspelt or shortened option is
    refused, naming the option meant; before the command too (`de` was taken for it)."""
    import io

    from kg.cli import main

    for argv, says in ((["query", "VMSeries | count", "--form", "csv"],
                        "unrecognized option: --form (did you mean --format?)"),  # hunt78 F5
                       (["query", "VMSeries | count", "--formt=csv"], "(did you mean --format?)"),
                       (["query", "VMSeries | count", "--as-o", "seed"], "(did you mean --as-of?)"),
                       (["--lan", "de", "query", "VMSeries | count"],
                        "unrecognized option: --lan (did you mean --lang?)\n(see `kg --help`)"),
                       (["query", "VMSeries | count", "--bogus"], "--bogus\n(see `kg query"),
                       (["query", "--form", "json", "VMSeries"],  # json was the statement:
                        "unrecognized option: --form (did you mean --format?)"),  # not `VMSeries`
                       # an option of the command given before it: not "did you mean" itself
                       (["--format", "json", "query", "VMSeries | count"],
                        "--format is an option of `kg query`: give it after the command"),
                       (["--ids", "query", "VMSeries | count"],
                        "--ids is an option of `kg query`: give it after the command"),
                       (["-f", "json", "query", "VMSeries | count"],  # short ones too
                        "-f is an option of `kg query`: give it after the command")):
        out, err = io.StringIO(), io.StringIO()
        assert main(argv, out, err) == ExitStatus.USAGE, argv
        assert says in err.getvalue() and out.getvalue() == "", err.getvalue()


def test_a_german_session_suggests_german_names() -> None:
    """The did-you-mean of a German session names entities as it shows them (it named
    `Memory optimized` to one typing `Arbeitsspeicher`; hunt27 #7); any name resolves."""
    german = Graph.open(as_of=SEED, lang="de")
    with pytest.raises(QueryError) as info:
        german.query('VMSeries | where category = "Arbeitsspeicher"')
    assert info.value.render().endswith("did you mean `Arbeitsspeicheroptimiert`?")
    assert german.query('VMSeries | where category = "Arbeitsspeicheroptimiert" | count').rows == \
        german.query('VMSeries | where category = "Memory optimized" | count').rows


def test_a_misspelt_parameter_is_hinted_with_its_dollar() -> None:
    """hunt50 #3: `$archx` said "did you mean `arch`?", which is no parameter written so."""
    with pytest.raises(QueryError) as info:
        Graph.open().query("VMSeries | where architecture = $archx | show name",
                           {"arch": "Volta", "cuda": "12.0"})
    assert info.value.problems[0].hint == "did you mean `$arch`?"


def test_an_error_fits_a_narrow_terminal() -> None:
    """hunt50 #9: in a REPL 50 columns wide, the source line wrapped apart from its carets,
    and the message's words were cut in two; given the width, the line is cut around the
    problem and the words wrapped whole."""
    text = "VMSeries | where category = GPU and architecture = Volta and gpu = foo | show name"
    with pytest.raises(QueryError) as info:
        Graph.open().query(text)
    info.value.indent, info.value.width = 2, 50
    lines = info.value.render().splitlines()
    assert all(len(line) <= 50 for line in lines), lines
    shown, carets = next((a, b) for a, b in zip(lines, lines[1:]) if "^" in b)
    start = carets.index("^")
    assert shown[start:start + 3] == "foo" and carets.strip() == "^^^"
    info.value.width = None  # kg's own stderr: as before
    assert text in info.value.render()
    wide = "VMSeries | where " + "name = 日本語 or " * 6 + "gpu = foo | show name"  # (hunt53 F3)
    with pytest.raises(QueryError) as info:
        Graph.open().query(wide)
    info.value.indent, info.value.width = 2, 50
    lines = info.value.render().splitlines()
    assert all(display_width(line) <= 50 for line in lines), lines


@pytest.mark.parametrize(("text", "hint"), [
    ('VMSeries | where name = "C:\\', "a backslash escapes the character after it"),
    ("VMSeries | where name = $", "a parameter's name follows `$`"),
])
def test_hints_for_a_trailing_backslash_and_a_lone_dollar(text: str, hint: str) -> None:
    """Adding the closing quote after `"C:\\` left the string open again, and a lone `$`
    got no hint (hunt58 F14)."""
    from kg.errors import QuerySyntaxError
    from kg.parser import parse

    with pytest.raises(QuerySyntaxError) as caught:
        parse(text)
    assert hint in caught.value.render()


def test_an_empty_parameter_value_is_said_empty() -> None:
    """`cuda=` said "`` names no CUDA version" (hunt58 F14)."""
    from kg.errors import SavedQueryError
    from kg.saved import load_saved, run_saved
    from kg.session import Graph

    with pytest.raises(SavedQueryError, match="parameter `cuda`: the value is empty; it accepts"):
        run_saved(Graph.open(), load_saved("series-for-cuda"), {"cuda": ""})


@pytest.mark.parametrize(("argv", "said"), [
    (["check", "NCv3", "with", "CUDA 12.1"],  # as the shell gives `"CUDA 12.1"` (hunt77 R4)
     "`check` is no command: a statement is given to kg query, as in: "
     "kg query 'check NCv3 with \"CUDA 12.1\"'"),
    (["--lang", "de", "describe", "NCv3"],
     "`describe` is no command: a statement is given to kg query, as in: "
     "kg --lang de query 'describe NCv3'"),
    (["--data", "x.ttl", "VMSeries"], "`VMSeries` is no command: a statement is given to kg "
     "query, as in: kg --data x.ttl query VMSeries")])
def test_a_statement_given_as_a_command_is_pointed_to_kg_query(argv: list[str], said: str) -> None:
    """hunt75 F15: `kg check NCv3 with "CUDA 12.1"`, as a reader of the README's examples may
    type it, got only "invalid choice: 'check'"."""
    err = io.StringIO()
    assert main(argv, io.StringIO(), err) == ExitStatus.USAGE
    assert err.getvalue() == f"error: {said}\n"
    for typo in ("bogus", "Query"):  # a command mistyped: argparse's list (hunt77 R5)
        other = io.StringIO()
        assert main([typo, "x"], io.StringIO(), other) == ExitStatus.USAGE
        assert f"invalid choice: '{typo}'" in other.getvalue()


def test_a_query_error_copies_and_pickles() -> None:
    """An exception is made again from its ``args``, a QueryError's one message: copying or
    pickling one failed (hunt79), as a notebook or a process pool does."""
    import copy
    import pickle

    from kg.errors import QueryCheckError

    with pytest.raises(QueryCheckError) as caught:
        Graph.open().query("VMSeris | count")
    error = caught.value
    for again in (pickle.loads(pickle.dumps(error)), copy.deepcopy(error), copy.copy(error)):  # noqa: S301
        assert type(again) is QueryCheckError and again == error and str(again) == str(error)


def test_a_copied_query_error_keeps_what_it_holds() -> None:
    """A subclass's fields, attributes set on it and its notes came back lost (hunt81 F5)."""
    import copy
    import dataclasses
    import pickle

    from kg.errors import Problem

    @dataclasses.dataclass
    class Coded(QueryError):
        code: int = 7

    error = Coded([Problem("m", None)], "src", code=9)
    error.extra = "x"  # type: ignore[attr-defined]
    error.add_note("a note")
    for again in (copy.deepcopy(error), copy.copy(error)):
        assert (again.code, again.extra, again.__notes__) == (9, "x", ["a note"])  # type: ignore[attr-defined]
    assert pickle.loads(pickle.dumps(QueryError([Problem("m", None)], "s"))).source == "s"  # noqa: S301


def test_the_note_on_several_values_says_the_shape_written(tmp_path: Path) -> None:
    """hunt115 F2: streamed JSON types a column by its first rows, and a later row of two
    values is the only array; the note said "an array in every row". And it spoke of JSON
    under CSV."""
    kg_ns = "https://w3id.org/azml-kg/ontology#"
    lines = [f'<https://example.org/s{i:04d}> a <{kg_ns}VMSize> ; '
             f'<http://www.w3.org/2000/01/rdf-schema#label> "mid{i:04d}"@en ; '
             f'<{kg_ns}gpuCount> {i % 8} .' for i in range(700)]
    lines.append(f'<https://example.org/s0699> <{kg_ns}gpuCount> 99 .')
    data = tmp_path / "mid.ttl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    statement = 'VMSize | where name ~ "mid" | sort name | show name, gpuCount'
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(data), "query", "-f", "json", statement], out, err) == 0
    rows = json.loads(out.getvalue())
    assert [r["name"] for r in rows if isinstance(r["gpuCount"], list)] == ["mid0699"]
    assert err.getvalue().endswith(": in JSON it is an array in the rows that hold several, "
                                   "where the first rows did not\n"), err.getvalue()
    err = io.StringIO()
    assert main(["--data", str(data), "query", "-f", "csv", statement], io.StringIO(), err) == 0
    assert err.getvalue().startswith("note: `gpuCount` holds several values") and \
        "JSON" not in err.getvalue()


def test_a_date_that_is_none_is_noted(tmp_path: Path) -> None:
    """A date column that holds a value that is no date (`"2020-13-45"^^xsd:date`, a plain
    `"yesterday"`) is noted as a boolean or number column is: it sorts as text among the
    dates (hunt141 F2); JSON writes a string for either, so the note says nothing of JSON."""
    data = tmp_path / "odd-dates.ttl"
    data.write_text('@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n'
                    '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
                    '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '<https://example.org/W2> a kg:VMSeries ; rdfs:label "Wtwo"@en ; '
                    'kg:retiredOn "2020-13-45"^^xsd:date .\n'
                    '<https://example.org/W5> a kg:VMSeries ; rdfs:label "Wfive"@en ; '
                    'kg:retiredOn "yesterday" .\n')
    out, err = io.StringIO(), io.StringIO()
    status = main(["--data", str(data), "query", "-f", "json",
                   "VMSeries | where has retiredOn | show name, retiredOn"], out, err)
    assert (status, err.getvalue()) == (0, "note: `retiredOn` holds dates, and in some rows a "
                                           "value that is not one, written as its text (a fact "
                                           "of another datatype, which kg validate names)\n")
    out, err = io.StringIO(), io.StringIO()
    assert main(["query", "-f", "json", "VMSeries | where has retiredOn | show name, retiredOn"],
                out, err) == 0
    assert err.getvalue() == ""


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_a_page_tables_words_are_no_mistyped_values(fmt: str) -> None:
    """`kg export --saved table-inference-v1 -f md` writes its booleans as yes and no, as
    the page does: no note that the graph kg ships holds a value that is no boolean
    (hunt141 F1)."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["export", "--saved", "table-inference-v1", "-f", fmt], out, err) == 0
    assert err.getvalue() == "" and out.getvalue()
