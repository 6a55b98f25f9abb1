"""Mutations of a statement: token deletion, duplication and swaps, random tokens and bytes,
deep nesting, huge numbers, long pipelines, long ``or`` chains, truncation."""

from __future__ import annotations

import random
import re

from fuzz.generate import KEYWORDS

_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|[\w.\-$^]+|\s+|.', re.S)
PUNCT = list("|.,()[]\"'$^~#=<>!") + ["<=", ">=", "!=", " | ", "\n"]
ODD = ["\x00", "\x1b[31m", "\ud800", "\udfff", "\u202e", "\ufeff", "ä", "€", "😀", "\\",
       "\t", "\r", "\x7f", "\u0085", "--", "/*", "'''", '"""', "{", "}", ";", "?x", "${x}"]


def tokens(text: str) -> list[str]:
    """The statement's tokens, whitespace kept, so that joining them gives it back."""
    return _TOKEN.findall(text)


class Mutator:
    """Applies one to four random mutations to a seed."""

    def __init__(self, rng: random.Random, words: list[str]) -> None:
        self.rng = rng
        self.words = words + KEYWORDS
        self.ops = [self.delete, self.duplicate, self.swap, self.insert, self.replace,
                    self.random_bytes, self.truncate, self.nest, self.huge_number,
                    self.long_pipeline, self.long_or, self.repeat_not]
        #: the cheap token edits are drawn more often than the big ones
        self.weights = [6, 4, 4, 5, 5, 3, 2, 1, 1, 1, 0.5, 1]

    def mutate(self, text: str) -> str:
        for _ in range(self.rng.randint(1, 4)):
            op = self.rng.choices(self.ops, self.weights)[0]
            text = op(text)
        return text

    def _at(self, toks: list[str]) -> int:
        return self.rng.randrange(len(toks)) if toks else 0

    def delete(self, text: str) -> str:
        toks = tokens(text)
        if toks:
            del toks[self._at(toks)]
        return "".join(toks)

    def duplicate(self, text: str) -> str:
        toks = tokens(text)
        if toks:
            i = self._at(toks)
            toks[i:i] = [toks[i]] * self.rng.randint(1, 3)
        return "".join(toks)

    def swap(self, text: str) -> str:
        toks = tokens(text)
        if len(toks) > 1:
            i, j = self._at(toks), self._at(toks)
            toks[i], toks[j] = toks[j], toks[i]
        return "".join(toks)

    def insert(self, text: str) -> str:
        toks = tokens(text)
        toks.insert(self._at(toks), self.rng.choice([" ", ""]) + self._token() + " ")
        return "".join(toks)

    def replace(self, text: str) -> str:
        toks = tokens(text)
        if toks:
            toks[self._at(toks)] = self._token()
        return "".join(toks)

    def _token(self) -> str:
        return self.rng.choice([self.rng.choice(self.words), self.rng.choice(PUNCT),
                                self.rng.choice(ODD)])

    def random_bytes(self, text: str) -> str:
        at = self.rng.randrange(len(text) + 1)
        junk = "".join(chr(self.rng.choice([self.rng.randrange(0x20), self.rng.randrange(0x20, 0x7F),
                                            self.rng.randrange(0x80, 0x3000),
                                            self.rng.randrange(0xD800, 0xE000)]))
                       for _ in range(self.rng.randint(1, 8)))
        return text[:at] + junk + text[at:]

    def truncate(self, text: str) -> str:
        return text[: self.rng.randrange(len(text) + 1)]

    def nest(self, text: str) -> str:
        depth = self.rng.choice([10, 63, 65, 200, 3000])
        where = text.find("where ")
        if where < 0:
            return text + " | where " + "(" * depth + "has name" + ")" * depth
        at = where + len("where ")
        return text[:at] + "(" * depth + text[at:] + ")" * self.rng.choice([depth, depth - 1, 0])

    def repeat_not(self, text: str) -> str:
        return text + " | where " + "not " * self.rng.choice([5, 64, 70, 1000]) + "has name"

    def huge_number(self, text: str) -> str:
        digits = self.rng.choice([20, 400, 5000])
        big = self.rng.choice(["9" * digits, "1" + "0" * digits, "-" + "9" * digits,
                               "1." + "5" * digits])
        numbers = list(re.finditer(r"\d+(?:\.\d+)*", text))
        if not numbers:
            return text + f" | limit {big}"
        m = self.rng.choice(numbers)
        return text[:m.start()] + big + text[m.end():]

    def long_pipeline(self, text: str) -> str:
        stage = self.rng.choice(["limit 5", "distinct", "where has name", "count",
                                 "follow architecture | follow ^architecture", "sort name",
                                 "limit 50 | where has category", "show name"])
        return text + f" | {stage}" * self.rng.choice([10, 30, 99, 101, 400])

    def long_or(self, text: str) -> str:
        terms = self.rng.choice([50, 500, 999, 1001, 3000])
        joiner = self.rng.choice([" or ", " and "])
        cond = joiner.join(f'name = "v{i}"' for i in range(terms))
        return text + f" | where {cond}"
