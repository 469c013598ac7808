"""Model validation that checks all of a row's CHECK constraints in one query.

Django validates each `CheckConstraint` with its own query (`Q.check`), wrapped in a savepoint
inside a transaction: three round trips and a query built from every field's value, per
constraint. A lab result has three constraints, so validating it cost nine queries and nearly
half of a lab entry's CPU. Here the row's values are bound once and every constraint's
condition is one column of a single SELECT, with Django's semantics kept: a condition that is
NULL passes (as in SQL), one naming an excluded field is skipped, a database error lets the
constraints pass with a warning (the table's own CHECKs still refuse the row at save), and
errors come out in the order the constraints are declared, with their own messages and codes.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from typing import Any

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

logger = logging.getLogger(__name__)


class ChecksInOneQuery(models.Model):
    """A model whose `full_clean` checks its CHECK constraints in one query, not one each."""

    class Meta:
        abstract = True

    def validate_constraints(self, exclude: Any = None) -> None:
        using = router.db_for_write(self.__class__, instance=self)
        passed = check_constraints_passed(self, exclude, using)
        errors: dict[str, Any] = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                try:
                    if isinstance(constraint, models.CheckConstraint):
                        if not passed.get(constraint.name, True):
                            raise ValidationError(
                                constraint.get_violation_error_message(),
                                code=constraint.violation_error_code,
                            )
                    else:
                        constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    fields: tuple[str, ...] = getattr(constraint, "fields", ())
                    if getattr(error, "code", None) == "unique" and len(fields) == 1:
                        errors.setdefault(fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def check_constraints_passed(instance: Any, exclude: Any, using: str) -> dict[str, bool]:
    """Return, by constraint name, whether the instance's values meet each CHECK constraint."""
    checks = [
        constraint
        for _, constraints in instance.get_constraints()
        for constraint in constraints
        if isinstance(constraint, models.CheckConstraint)
    ]
    query = Query(None)
    for name, value in _values_named_by(instance, checks, exclude).items():
        query.add_annotation(value, name, select=False)
    names: list[str] = []
    for constraint in checks:
        met = Coalesce(
            ExpressionWrapper(Q(constraint.condition), output_field=BooleanField()),
            Value(True),
            output_field=BooleanField(),
        )
        try:
            query.add_annotation(met, f"check_{len(names)}")
        except FieldError:
            continue  # it names a field left out of validation: Django skips it too
        names.append(constraint.name)
    if not names:
        return {}
    connection = connections[using]
    guard = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
    try:
        with guard:
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError as error:
        logger.warning("Checking the constraints of %r failed: %s", instance, error)
        return {}
    return {name: bool(met) for name, met in zip(names, row, strict=True)}


def _values_named_by(instance: Any, checks: list[Any], exclude: Any) -> dict[str, Any]:
    """The instance's field values as expressions, for the fields the constraints name only.

    Binding every field cost more than the check itself: a lab result's stored canonical value
    is a generated column, rebuilt from a CASE over every analyte and unit.
    """
    named = {ref[0] for check in checks for ref in instance._get_expr_references(check.condition)}
    unnamed = {field.name for field in instance._meta.local_concrete_fields} - named
    left_out = set(exclude or ()) | unnamed
    return instance._get_field_expression_map(meta=instance._meta, exclude=left_out)
