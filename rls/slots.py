"""Building frozen rows faster, where millions are built: by setting their slots directly.

A frozen dataclass's generated __init__ goes through object.__setattr__ for every field; a
refresh of the clinic builds a million findings, evidence and snapshot rows, and setting the
slots of a new instance costs half as much. Only for classes with slots and no
__post_init__, and only where tests compare the result with the constructor's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any


def slot_setters(cls: type[Any], *names: str) -> tuple[Callable[[Any, Any], None], ...]:
    """Return the setters of the slots of a frozen dataclass whose fields `names` must list.

    A field added to the class, or a __post_init__ (which the setters would skip), fails here,
    at import, rather than building rows with a field left unset.
    """
    if [f.name for f in fields(cls)] != list(names) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} is no longer a row of the fields {names}")
    return tuple(getattr(cls, name).__set__ for name in names)
