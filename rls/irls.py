"""IRLS severity bands for a clinician-recorded total score.

The IRLS questionnaire's wording is licensed (MAPI Research Trust): only the total score
(0–40) is stored, and its band shown (the IRLS licence: the items are not reproduced).
"""

from __future__ import annotations

IRLS_MAX = 40

_BANDS = ((0, "none"), (10, "mild"), (20, "moderate"), (30, "severe"), (IRLS_MAX, "very severe"))
# The highest total of each band, mildest first: a database can rank bands from these.
IRLS_BAND_TOPS = tuple(upper for upper, _label in _BANDS)


def irls_band(score: int) -> str:
    """Return the band of an IRLS total (mild 1–10 … very severe 31–40; 0 is none)."""
    if not 0 <= score <= IRLS_MAX:
        raise ValueError(f"IRLS total must be 0–{IRLS_MAX}, got {score}")
    return next(label for upper, label in _BANDS if score <= upper)
