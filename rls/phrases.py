"""Find known phrases in a token sequence with dictionary look-ups, longest phrase first."""

from __future__ import annotations

from collections.abc import Iterable

from rls.text import tokens

Phrase = tuple[str, ...]
Targets = frozenset[tuple[str, str]]


class PhraseIndex:
    """Map phrases (token tuples) to target sets; scan a token sequence left to right.

    At each position the longest known phrase wins and consumes its tokens, so
    "diabetes insipidus" is not also read as "diabetes", and "caffeine free" is not "caffeine".
    """

    def __init__(self, entries: Iterable[tuple[str, Targets]]) -> None:
        self.words: dict[str, Targets] = {}
        self.phrases: dict[Phrase, Targets] = {}
        self.longest_from: dict[str, int] = {}  # first token -> longest phrase starting with it
        for text, targets in entries:
            self.add(tokens(text), targets)

    def add(self, phrase: Phrase, targets: Targets) -> None:
        """Add targets to a phrase, merging with whatever it already names."""
        if not phrase or not targets:
            return
        if len(phrase) == 1:
            self.words[phrase[0]] = self.words.get(phrase[0], frozenset()) | targets
            return
        self.phrases[phrase] = self.phrases.get(phrase, frozenset()) | targets
        self.longest_from[phrase[0]] = max(self.longest_from.get(phrase[0], 0), len(phrase))

    def copy(self) -> PhraseIndex:
        """Return an independent copy, to extend with a clinic's local names."""
        clone = PhraseIndex(())
        clone.words = dict(self.words)
        clone.phrases = dict(self.phrases)
        clone.longest_from = dict(self.longest_from)
        return clone

    def scan(self, toks: Phrase) -> list[tuple[Targets, Phrase]]:
        """Return (targets, phrase) for each known phrase in toks, longest first, no overlaps."""
        return [(targets, phrase) for _, targets, phrase in self.scan_at(toks)]

    def scan_at(self, toks: Phrase) -> list[tuple[int, Targets, Phrase]]:
        """Return (position, targets, phrase) for each known phrase in toks, as `scan` does."""
        found: list[tuple[int, Targets, Phrase]] = []
        i, n = 0, len(toks)
        while i < n:
            size = self._match_size(toks, i)
            if size:
                phrase = toks[i : i + size]
                found.append((i, self._targets(phrase), phrase))
                i += size
            else:
                i += 1
        return found

    def _match_size(self, toks: Phrase, i: int) -> int:
        longest = self.longest_from.get(toks[i], 0)
        for size in range(min(longest, len(toks) - i), 1, -1):
            if toks[i : i + size] in self.phrases:
                return size
        return 1 if toks[i] in self.words else 0

    def _targets(self, phrase: Phrase) -> Targets:
        return self.words[phrase[0]] if len(phrase) == 1 else self.phrases[phrase]
