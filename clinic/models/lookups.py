"""Lookups of our own, for queries Django's built-in ones make slow."""

from __future__ import annotations

from typing import Any

from django.db.models.lookups import In


class AnyOf(In):
    """`AnyOf(F("patient_id"), ids)`: the rows whose column is one of `ids` (ints).

    PostgreSQL takes the ids as one array parameter (`= ANY(%s)`); `__in` spells out one
    placeholder per id, which Django prepares and psycopg splices in one by one: ~6 ms of
    Python for each query of a 500-patient refresh batch (docs/scaling.md). Other databases
    get `IN`. The ids are not converted: pass ints.
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, list(self.rhs))
