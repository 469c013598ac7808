"""Lookups of our own, for queries Django's built-in ones make slow."""

from __future__ import annotations

from typing import Any

from django.db.models import FloatField
from django.db.models.functions import Cast
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

    def get_prep_lookup(self) -> Any:
        # Ints already (above): Django's would look each id over for an expression, twice.
        return list(self.rhs)

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, list(self.rhs))


class AsFloat(Cast):
    """`AsFloat("value")`: a numeric column read as the float the database casts it to.

    The driver hands a float8 over as a Python float; a Decimal column it hands over as a
    Decimal, built in Python, ~0.4 µs a row. Django's own Cast to a FloatField then passes
    every row through a float() converter in Python, which costs more than the cast saves:
    this one leaves the value as the driver gives it (a float on PostgreSQL and SQLite alike).
    """

    def __init__(self, expression: Any) -> None:
        super().__init__(expression, output_field=FloatField())

    def get_db_converters(self, connection: Any) -> list[Any]:
        # Not the expression's float() converter; the field's own, if the backend has any.
        return self.output_field.get_db_converters(connection)
