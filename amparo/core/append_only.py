"""Rows that are only ever added: the access trail, case timelines and other histories.

The model refuses save() of an existing row and delete(); its queryset refuses update() and
delete(). Tables that must resist even raw SQL also get database triggers (see audit)."""

from typing import Any, NoReturn

from django.db import models


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove a row of an append-only history."""


def _refuse(model: str, operation: str) -> NoReturn:
    raise AppendOnlyError(f"{model} is append-only: {operation} is not allowed.")


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        _refuse(self.model.__name__, "update")

    def delete(self) -> NoReturn:
        _refuse(self.model.__name__, "delete")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse(type(self).__name__, "save() of an existing row")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse(type(self).__name__, "delete()")
