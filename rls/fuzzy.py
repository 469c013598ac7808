"""Near misses: the closest names our own tables know, by rapidfuzz edit-distance ratio.

A misspelt line ("metoclopramde") is matched approximately only above a high score, and the
finding says so; below it the line is "not recognised" and the closest names are offered as
suggestions ("Xanac" -> Xanax (alprazolam)), never silently taken as checked.

A slip of a vowel ("Trazadone", "Flouxetine", "Clonazapam") scores under the high score in
any name shorter than 13 letters, yet a pharmacist reads it at once: the consonants carry the
name. Such a word is matched approximately too, on four conditions: the consonants, in order,
are those of one drug only; that drug's name is also the closest by edit distance; the two
still score 80; and the drug is one we flag (`slip_targets`). A wrong guess can then only
show as a finding that says it was matched approximately, never as a line taken as checked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

# Scores are rapidfuzz's normalised Indel ratio, 0-100. 92 lets one slip in a long name
# through ("metoclopramde", 96) but not a different drug of similar spelling
# ("chlorpropamide" against chlorpromazine, 79). 80 is where a name is still worth offering:
# typing slips score 80-94 ("Xanac" 80, "Benedryl" 88), while a correctly spelt drug the
# tables do not know scores 70-78 against a different one, which a click would put in its
# place ("hydralazine" offered hydroxyzine at 73, "digoxin" doxepin at 71).
APPROXIMATE_SCORE = 92.0
SUGGESTION_SCORE = 80.0
# A vowel slip must still be this close: "trazadone" scores 89 against trazodone, and two
# names that merely share their consonants ("lexotan", "loxitane") score under 70.
VOWEL_SLIP_SCORE = SUGGESTION_SCORE
MIN_SLIP_WORD = 6  # "Xanex", "Regln": too short for the consonants to name one drug
_VOWELS = frozenset("aeiouyаеёиоуыэюя")
_REPEATS = re.compile(r"(.)\1+")
SUGGESTIONS = 3
WORD_CACHE_SIZE = 20_000  # words remembered per vocabulary; cleared when full
MIN_WORD = 4  # shorter words are doses, routes and abbreviations, not misspelt drug names

# Words of a medication line that are never a drug's name: salts, forms, routes, timing.
NOT_NAMES = frozenset(
    """
    tab tabs tablet tablets cap caps capsule capsules caplet caplets daily nightly bedtime
    morning evening night oral orally extended release delayed modified solution suspension
    injection inject patch cream drops drop units unit twice three four times with without
    food take each every hours hour week weekly month monthly spray inhaler puffs puff syrup
    chewable dissolving sodium hydrochloride potassium acetate maleate tartrate succinate
    besylate besilate citrate sulfate sulphate carbonate mesylate fumarate bromide chloride
    phosphate hydrobromide dihydrochloride oxalate pamoate retard forte mite plus extra
    strength relief allergy sleep children adult adults liquid ointment gel lotion powder
    sachet sachets strip film films dose doses before after meals meal needed when required
    start stop continue hold held generic brand mouth under tongue sublingual rectal vaginal
    topical
    """.split()  # noqa: SIM905 - a word list reads better as words
)


class Vocabulary:
    """Our own names (folded) with how to show each: "benadryl" -> "Benadryl (diphenhydramine)"."""

    def __init__(self, shown: Iterable[tuple[str, str]], slip_targets: Iterable[str] = ()) -> None:
        self.shown: dict[str, str] = {}
        for folded, display in shown:
            self.shown.setdefault(folded, display)
        self.single = [name for name in self.shown if " " not in name]
        self._by_consonants = self._one_drug_per_consonants(slip_targets)
        self._closest: dict[str, tuple[tuple[str, float], ...]] = {}

    def approximate(self, word: str) -> str | None:
        """Return the one known single-word name this word is a near miss of, if any."""
        closest = self.closest(word)
        if not closest:
            return None
        name, score = closest[0]
        if score >= APPROXIMATE_SCORE:
            return name
        if len(word) < MIN_SLIP_WORD or score < VOWEL_SLIP_SCORE:
            return None
        return name if self._by_consonants.get(consonants(word)) == self.shown[name] else None

    def suggestions(self, words: Iterable[str]) -> tuple[str, ...]:
        """Return the closest known names to any of the words, best first, each once."""
        scored: dict[str, float] = {}
        for word in words:
            for name, score in self.closest(word):
                shown = self.shown[name]
                scored[shown] = max(score, scored.get(shown, 0.0))
        ranked = sorted(scored, key=lambda shown: (-scored[shown], shown))
        return tuple(ranked[:SUGGESTIONS])

    def closest(self, word: str) -> tuple[tuple[str, float], ...]:
        """Return up to SUGGESTIONS (name, score) pairs for a word, best first: one search."""
        if not _candidate(word):
            return ()
        found = self._closest.get(word)
        if found is None:
            if len(self._closest) >= WORD_CACHE_SIZE:
                self._closest.clear()
            found = self._closest[word] = tuple(
                (name, score)
                for name, score, _ in process.extract(
                    word,
                    self.single,
                    scorer=fuzz.ratio,
                    limit=SUGGESTIONS,
                    score_cutoff=SUGGESTION_SCORE,
                )
            )
        return found

    def clear_cache(self) -> None:
        """Forget remembered words."""
        self._closest.clear()

    def _one_drug_per_consonants(self, names: Iterable[str]) -> dict[str, str]:
        """Map consonants to how their drug is shown, where they spell the names of one only."""
        by_key: dict[str, set[str]] = defaultdict(set)
        for name in self.single:  # every name, so a shared key ("pndl": Panadol, pindolol) drops
            if len(name) >= MIN_SLIP_WORD:
                by_key[consonants(name)].add(name)
        targets = set(names)
        drugs = {key: {self.shown[name] for name in found} for key, found in by_key.items()}
        return {
            key: shown.pop()
            for key, shown in drugs.items()
            if len(shown) == 1 and by_key[key] <= targets
        }


def consonants(word: str) -> str:
    """Return a folded word's first letter and its consonants, doubles as one: "trzdn"."""
    rest = "".join(ch for ch in word[1:] if ch not in _VOWELS)
    return _REPEATS.sub(r"\1", word[:1] + rest)


def _candidate(word: str) -> bool:
    return len(word) >= MIN_WORD and word.isalpha() and word not in NOT_NAMES
