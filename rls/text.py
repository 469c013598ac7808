"""Fold free text (medication lines, condition names) into tokens the knowledge tables use."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Letters and digits become separate tokens, so "10mg", "Prozac20mg" and "T2DM" split the same
# way whether or not the record puts spaces between them.
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_APOSTROPHES = str.maketrans("", "", "'’`´")
_NOT_CODE = re.compile(r"[^0-9A-Z]")
# Single letters joined by dots are one abbreviation: "P.M.", "P.M", "p. m." read as "pm", as do
# "S.L.E." and "q.h.s."; "Vit. D" and "E. coli" are left alone (a word, not a letter, by a dot).
_DOTTED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.\s?)+[^\W\d_](?![^\W\d_])")
_DOT_OR_SPACE = re.compile(r"[.\s]")


def fold(text: str) -> str:
    """Lower-case text and strip accents and apostrophes ("Sjögren's" -> "sjogrens")."""
    text = text.lower().translate(_APOSTROPHES)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> tuple[str, ...]:
    """Split text into folded word and number tokens, dropping punctuation and spacing."""
    folded = fold(text)
    if "." in folded:
        folded = _DOTTED.sub(lambda m: _DOT_OR_SPACE.sub("", m.group()), folded)
    return tuple(_TOKEN.findall(folded))


def normalize_code(code: str) -> str:
    """Fold an ATC or ICD-10 code: upper case, no dots, spaces or daggers ("e11.65" -> "E1165")."""
    return _NOT_CODE.sub("", code.upper())


def day_text(day: date) -> str:
    """Write a date the way the pages do ("4 Apr 2025"), never ISO, in running text."""
    return f"{day.day} {day:%b %Y}"
