"""Staff accounts and the memberships through which they hold a role in an office."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CENTRAL_ADMIN = "central_admin", _("Administración central")
    CENTRAL_ANALYST = "central_analyst", _("Análisis central")
    HEAD_OF_OFFICE = "head_of_office", _("Titular de la representación")
    CONSULAR_OFFICER = "consular_officer", _("Funcionario consular")
    HOTLINE_OPERATOR = "hotline_operator", _("Operador CIAM")
    EXTERNAL_LAWYER = "external_lawyer", _("Abogado externo (PALE)")
    AUDITOR = "auditor", _("Auditoría")


CENTRAL_ROLES = frozenset({Role.CENTRAL_ADMIN, Role.CENTRAL_ANALYST})


class User(AbstractUser):
    """A member of staff or a contracted lawyer. Roles come only from memberships."""

    must_change_password = models.BooleanField(
        _("debe cambiar su contraseña"),
        default=False,
        help_text=_("La contraseña la fijó otra persona: se cambia al entrar."),
    )

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")


class Membership(models.Model):
    """A role held by a user in one office. A user may hold several (office switcher)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    office = models.ForeignKey(
        "network.Office", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=24, choices=Role.choices)
    is_active = models.BooleanField(_("vigente"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membresía")
        verbose_name_plural = _("membresías")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "office", "role"], name="membership_unique_role_in_office"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.office}"
