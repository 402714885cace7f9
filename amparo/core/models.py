"""Bookkeeping for the synthetic demo data written by `manage.py seed_demo`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoDataset(models.Model):
    """One generated dataset (e.g. "people"): how much was asked for and how much is written.

    `written` advances in the same transaction as each batch, so an interrupted run resumes
    exactly where it stopped; generation is deterministic by row index.
    """

    name = models.SlugField(_("conjunto"), max_length=40, unique=True)
    seed = models.PositiveIntegerField(_("semilla"))
    scale = models.FloatField(_("escala"))
    target = models.PositiveIntegerField(_("filas objetivo"))
    written = models.PositiveIntegerField(_("filas escritas"), default=0)
    started_at = models.DateTimeField(_("iniciado"), auto_now_add=True)
    completed_at = models.DateTimeField(_("terminado"), null=True, blank=True)

    class Meta:
        verbose_name = _("conjunto de datos de demostración")
        verbose_name_plural = _("conjuntos de datos de demostración")

    def __str__(self) -> str:
        return f"{self.name} ({self.written}/{self.target})"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None and self.written >= self.target
