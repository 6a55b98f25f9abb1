"""The statements of one fuzz run, from a seed: every seed as it is, then generated
statements, mutated seeds and mutated generated statements, in a fixed proportion."""

from __future__ import annotations

import random

from fuzz.corpus import Vocabulary, seeds, vocabulary
from fuzz.generate import Generator
from fuzz.mutate import Mutator


def statements(count: int, seed: int = 0,
               vocab: Vocabulary | None = None) -> tuple[list[str], dict[str, str]]:
    """``count`` statements (the same for the same seed) and the parameter values they use."""
    rng = random.Random(seed)
    vocab = vocab or vocabulary()
    texts, params = seeds()
    gen = Generator(vocab, rng)
    mutator = Mutator(rng, vocab.classes + vocab.properties + vocab.entities[:200])
    out = list(texts[:count])
    while len(out) < count:
        r = rng.random()
        if r < 0.35:
            out.append(gen.statement())
        elif r < 0.8:
            out.append(mutator.mutate(rng.choice(texts)))
        else:
            out.append(mutator.mutate(gen.statement()))
    return out, params
