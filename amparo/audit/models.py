"""The access trail: who read or changed what, from where, and whether it was allowed.

Rows are only ever inserted. A database trigger (PostgreSQL and SQLite, installed by
migration 0002 from `amparo.audit.append_only`) rejects UPDATE and DELETE (and TRUNCATE on
PostgreSQL), so not even a bug or an administrator with a Django shell can rewrite history.
The model and its queryset refuse the same operations earlier, with a clearer error.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import Role
from amparo.core.append_only import AppendOnlyError, AppendOnlyModel

__all__ = ["AccessRecord", "Action", "AppendOnlyError", "Outcome"]


class Action(models.TextChoices):
    VIEW = "view", _("Consulta de detalle")
    LIST = "list", _("Consulta de listado")
    EXPORT = "export", _("Exportación")
    CREATE = "create", _("Creación")
    UPDATE = "update", _("Modificación")
    DELETE = "delete", _("Eliminación")
    LOGIN = "login", _("Inicio de sesión")
    LOGIN_FAILED = "login_failed", _("Inicio de sesión fallido")
    LOGOUT = "logout", _("Cierre de sesión")


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("Permitido")
    DENIED = "denied", _("Denegado")


class AccessRecord(AppendOnlyModel):
    """One access to personal data or one write. Never holds personal values, only ids."""

    at = models.DateTimeField(_("fecha y hora (UTC)"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    username = models.CharField(_("usuario"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=24, blank=True)
    office = models.ForeignKey(
        "network.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("acción"), max_length=16, choices=Action.choices)
    target_type = models.CharField(_("tipo de registro"), max_length=64, blank=True)
    target_id = models.CharField(_("registro"), max_length=64, blank=True)
    target_office = models.ForeignKey(
        "network.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Representación dueña del registro consultado"),
    )
    outcome = models.CharField(_("resultado"), max_length=8, choices=Outcome.choices)
    ip_address = models.GenericIPAddressField(_("dirección IP"), null=True, blank=True)
    path = models.CharField(_("ruta"), max_length=255, blank=True)
    reason = models.CharField(_("motivo"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("registro de acceso")
        verbose_name_plural = _("registros de acceso")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "at"]),
            models.Index(fields=["user", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.target_type}:{self.target_id}"

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role in Role.values else self.role
