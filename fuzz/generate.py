"""Statements from the grammar: one method per rule of ``kg/grammar.lark``, each choosing
among the rule's alternatives, with names from the graph's vocabulary (and now and then a
name that is not there)."""

from __future__ import annotations

import random

from fuzz.corpus import PARAMS, Vocabulary

KEYWORDS = ["where", "show", "sort", "limit", "count", "by", "collect", "transpose", "as",
            "follow", "distinct", "check", "with", "describe", "path", "to", "neighbors",
            "depth", "schema", "from", "supports", "has", "is", "not", "and", "or", "in",
            "asc", "desc"]
COMPARE = ["=", "!=", "<", "<=", ">", ">="]
WORDS = ["GPU", "Volta", "AutoML", "NC", "true", "false", "nope", "CUDA", "x"]


class Generator:
    """Random statements that follow the grammar (most of them meaningful to the checker)."""

    def __init__(self, vocab: Vocabulary, rng: random.Random) -> None:
        self.vocab = vocab
        self.rng = rng

    def _pick(self, items: list[str]) -> str:
        return self.rng.choice(items)

    def statement(self) -> str:
        r = self.rng.random()
        if r < 0.75:
            return self.query()
        return self.rng.choice([
            lambda: f"describe {self.value()}",
            lambda: f"path {self.value()} to {self.value()}",
            lambda: f"neighbors {self.value()}" + (f" depth {self.int()}" if self.rng.random() < .5 else ""),
            lambda: f"check {self.value()} with {self.value()}",
            lambda: "schema" + (f" {self.name()}" if self.rng.random() < .7 else ""),
        ])()

    def query(self) -> str:
        source = self.path(source=True)
        if self.rng.random() < 0.05:
            source += f" from {self.value()}"
        stages = [self.stage() for _ in range(min(int(self.rng.expovariate(0.6)), 12))]
        return " | ".join([source, *stages])

    def stage(self) -> str:
        kind = self.rng.randrange(12)
        if kind <= 2:
            return f"where {self.cond(0)}"
        if kind == 3:
            return "show " + self.items(self.show_item)
        if kind == 4:
            return "sort " + self.items(lambda: self.expr() + self._maybe(" asc", " desc"))
        if kind == 5:
            return f"limit {self.int()}"
        if kind == 6:
            return "count" if self.rng.random() < .5 else "count by " + self.items(self.show_item)
        if kind == 7:
            return f"collect {self.show_item()} by " + self.items(self.show_item)
        if kind == 8:
            return "transpose" + self._maybe(f" as {self.alias()}")
        if kind == 9:
            return f"follow {self.path()}"
        if kind == 10:
            return "distinct"
        return f"check with {self.value()}"

    def items(self, make: object) -> str:
        count = 1 + min(int(self.rng.expovariate(1.0)), 5)
        return ", ".join(make() for _ in range(count))  # type: ignore[operator]

    def show_item(self) -> str:
        return self.expr() + self._maybe(f" as {self.alias()}")

    def alias(self) -> str:
        return self._pick(["a", "b", '"the name"', "count", "name"])

    def cond(self, depth: int) -> str:
        r = self.rng.random()
        if depth < 4 and r < 0.15:
            joiner = " and " if self.rng.random() < .5 else " or "
            return joiner.join(self.cond(depth + 1) for _ in range(self.rng.randint(2, 3)))
        if depth < 4 and r < 0.22:
            return f"not {self.cond(depth + 1)}"
        if depth < 4 and r < 0.28:
            return f"({self.cond(depth + 1)})"
        return self.atom()

    def atom(self) -> str:
        kind = self.rng.randrange(7)
        if kind == 0:
            return f"{self.expr()} {self._pick(COMPARE)} {self.value()}"
        if kind == 1:
            return f"{self.expr()} ~ {self.string()}"
        if kind == 2:
            values = ", ".join(self.value() for _ in range(self.rng.randint(0, 4)))
            return f"{self.expr()} in [{values}]"
        if kind == 3:
            return f"supports {self.value()}"
        if kind == 4:
            return f"has {self.path()}"
        if kind == 5:
            return f"is {self.name(classes=True)}"
        return self.expr()

    def expr(self) -> str:
        r = self.rng.random()
        if r < 0.08:
            return f"supports({self.value()})"
        if r < 0.1:
            return "supports"
        return self.path()

    def path(self, source: bool = False) -> str:
        if source:
            first = self.name(classes=self.rng.random() < 0.8)
        else:
            first = self.step()
        steps = [first] + [self.step() for _ in range(min(int(self.rng.expovariate(1.5)), 3))]
        return ".".join(steps)

    def step(self) -> str:
        r = self.rng.random()
        if r < 0.15:
            return "^" + self._pick(self.vocab.properties)
        if r < 0.2:
            return '"' + self._pick(self.vocab.properties) + '"'
        return self._pick(self.vocab.properties) if r < 0.95 else self._pick(WORDS)

    def name(self, classes: bool = True) -> str:
        if self.rng.random() < 0.05:
            return self._pick(WORDS + KEYWORDS)
        if classes:
            return self._pick(self.vocab.classes)
        return self._pick(self.vocab.entities)

    def value(self) -> str:
        kind = self.rng.randrange(8)
        if kind <= 2:
            return self._pick(self.vocab.entities)
        if kind == 3:
            return self.string()
        if kind == 4:
            return self.number()
        if kind == 5:
            year, month, day = self.rng.randint(1990, 2030), self.rng.randint(1, 12), self.rng.randint(1, 28)
            return f"{year}-{month:02d}-{day:02d}"
        if kind == 6:
            return "$" + self._pick(sorted(PARAMS))
        return self._pick(self.vocab.classes + WORDS)

    def string(self) -> str:
        return self._pick(['"CUDA 12.1"', '"x"', '""', '"compute cluster"', "'Volta'",
                           '"PyTorch 2.4.1"', '"a\\"b"', '"ä"', '"%"', '".*"'])

    def number(self) -> str:
        return self._pick(["0", "1", "10.0", "12.1", "-3", "2.4.1", "999999", "0.5"])

    def int(self) -> str:
        return str(self._pick([0, 1, 2, 3, 5, 10, 100]))

    def _maybe(self, *options: str) -> str:
        return self._pick(list(options)) if self.rng.random() < 0.3 else ""
