"""Words in a medication line that are not the drug: dosage forms, indications and notes."""

from __future__ import annotations

# Oral dosage forms whose words look like a skin preparation's ("gel" in "gel cap"): matched
# first and longest, so they never switch a class off the way "gel" or "cream" does.
DOSAGE_FORMS: tuple[str, ...] = (
    "gel cap",
    "gel caps",
    "gelcap",
    "gelcaps",
    "gel capsule",
    "gel capsules",
    "liqui gel",
    "liqui gels",
    "liquigel",
    "liquigels",
    "liquid gel",
    "liquid gels",
    "soft gel",
    "soft gels",
    "softgel",
    "softgels",
    "gel tab",
    "gel tabs",
    "geltab",
    "geltabs",
    "sleepgels",
)

# Words that start an indication or a note: the line's drug is named before them
# ("Thiamine 100 mg for alcohol withdrawal", "Zofran instead of Reglan"). Tuples are phrases.
NOTE_CUES: frozenset[str | tuple[str, ...]] = frozenset(
    {
        "for",
        "because",
        "indication",
        "replacing",
        "replaces",
        "replaced",
        "dx",
        ("instead", "of"),
        ("rather", "than"),
        ("in", "place"),
        ("switched", "from"),
        ("due", "to"),
        ("to", "replace"),
        ("changed", "from"),
        ("per", "dr"),
    }
)
# Words that make a bracketed aside a note rather than an ingredient: "(low Hct)", "(held)".
NOTE_MARKERS: frozenset[str] = frozenset(
    {"low", "high", "hx", "history", "held", "hold", "stopped", "see", "per", "not", "was", "prn"}
)
