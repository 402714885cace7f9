from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.accounts.actor import Actor
from amparo.accounts.models import Role
from amparo.accounts.permissions import grantable_offices, grantable_roles
from amparo.network.models import Office

FORBIDDEN = "forbidden"


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Usuario"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Contraseña"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(forms.Form):
    otp_token = forms.RegexField(
        label=_("Código de 6 dígitos"),
        regex=r"^\d{6}$",
        error_messages={"invalid": _("Escriba los 6 dígitos que muestra su aplicación.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "maxlength": "6",
                "autofocus": True,
            }
        ),
    )

    def clean_otp_token(self) -> str:
        return str(self.cleaned_data["otp_token"]).strip()


class GrantForm(forms.Form):
    """Office and role, limited to what the actor may grant. An office or role outside
    that scope is reported as a permission error (code "forbidden"), not as a typo."""

    office = forms.ModelChoiceField(label=_("Representación"), queryset=Office.objects.all())
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        offices = grantable_offices(actor)
        self.fields["office"].widget.choices = [  # type: ignore[attr-defined]
            (office.pk, str(office)) for office in offices
        ]
        self.fields["role"].widget.choices = [  # type: ignore[attr-defined]
            (role.value, role.label) for role in grantable_roles(actor)
        ]
        if offices.count() == 1:
            self.fields["office"].initial = offices.get().pk

    def clean_office(self) -> Office:
        office: Office = self.cleaned_data["office"]
        if not grantable_offices(self.actor).filter(pk=office.pk).exists():
            raise forms.ValidationError(
                _("Solo puede otorgar membresías en su propia representación."), code=FORBIDDEN
            )
        return office

    def clean_role(self) -> str:
        role: str = self.cleaned_data["role"]
        if role not in grantable_roles(self.actor):
            raise forms.ValidationError(_("No puede otorgar ese rol."), code=FORBIDDEN)
        return role

    def is_forbidden(self) -> bool:
        return self.has_error("office", FORBIDDEN) or self.has_error("role", FORBIDDEN)


def password_field(label: Any, *, help_text: Any = "", current: bool = False) -> forms.CharField:
    """A password input the browser's password manager understands (never stripped)."""
    autocomplete = "current-password" if current else "new-password"
    return forms.CharField(
        label=label,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


def passwords_match(form: forms.Form, first: str, second: str, message: Any) -> None:
    data = form.cleaned_data
    if data.get(first) and data.get(second) and data[first] != data[second]:
        form.add_error(second, message)


class UserCreateForm(GrantForm):
    username = forms.CharField(label=_("Usuario"), max_length=150)
    first_name = forms.CharField(label=_("Nombre(s)"), max_length=150)
    last_name = forms.CharField(label=_("Apellidos"), max_length=150)
    email = forms.EmailField(label=_("Correo institucional"), required=False)
    password = password_field(
        _("Contraseña inicial"),
        help_text=_(
            "Al menos 12 caracteres. La persona la cambia y configura su segundo factor al entrar."
        ),
    )
    password_confirmation = password_field(_("Confirme la contraseña"))

    field_order = [
        "username",
        "first_name",
        "last_name",
        "email",
        "password",
        "password_confirmation",
        "office",
        "role",
    ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        passwords_match(
            self, "password", "password_confirmation", _("Las contraseñas no coinciden.")
        )
        return cleaned


class PasswordChangeForm(forms.Form):
    """Shapes the input only; accounts.services.password_change checks it."""

    current = password_field(_("Contraseña actual"), current=True)
    new = password_field(
        _("Nueva contraseña"),
        help_text=_("Al menos 12 caracteres; no solo números ni una contraseña común."),
    )
    repeated = password_field(_("Repita la nueva contraseña"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        passwords_match(self, "new", "repeated", _("Las dos contraseñas nuevas no coinciden."))
        return data


class PasswordResetForm(forms.Form):
    """A temporary password a manager gives someone who lost theirs."""

    password = password_field(
        _("Contraseña temporal"),
        help_text=_("Al menos 12 caracteres. La persona la cambia al entrar."),
    )
    password_confirmation = password_field(_("Confirme la contraseña"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        passwords_match(
            self, "password", "password_confirmation", _("Las contraseñas no coinciden.")
        )
        return data
