"""Nationals (personas) that offices assist. The owning office scopes who may see them."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "F", _("Mujer")
    MALE = "M", _("Hombre")
    INTERSEX = "X", _("Intersexual / no binario")
    UNKNOWN = "U", _("Sin dato")


class BirthState(models.TextChoices):
    """Mexican states by their ISO 3166-2:MX code, plus birth abroad (nationals by descent)."""

    AGU = "AGU", "Aguascalientes"
    BCN = "BCN", "Baja California"
    BCS = "BCS", "Baja California Sur"
    CAM = "CAM", "Campeche"
    CHP = "CHP", "Chiapas"
    CHH = "CHH", "Chihuahua"
    CMX = "CMX", "Ciudad de México"
    COA = "COA", "Coahuila"
    COL = "COL", "Colima"
    DUR = "DUR", "Durango"
    MEX = "MEX", "Estado de México"
    GUA = "GUA", "Guanajuato"
    GRO = "GRO", "Guerrero"
    HID = "HID", "Hidalgo"
    JAL = "JAL", "Jalisco"
    MIC = "MIC", "Michoacán"
    MOR = "MOR", "Morelos"
    NAY = "NAY", "Nayarit"
    NLE = "NLE", "Nuevo León"
    OAX = "OAX", "Oaxaca"
    PUE = "PUE", "Puebla"
    QUE = "QUE", "Querétaro"
    ROO = "ROO", "Quintana Roo"
    SLP = "SLP", "San Luis Potosí"
    SIN = "SIN", "Sinaloa"
    SON = "SON", "Sonora"
    TAB = "TAB", "Tabasco"
    TAM = "TAM", "Tamaulipas"
    TLA = "TLA", "Tlaxcala"
    VER = "VER", "Veracruz"
    YUC = "YUC", "Yucatán"
    ZAC = "ZAC", "Zacatecas"
    ABROAD = "NE", _("Nacimiento en el extranjero")


def validate_not_in_future(value: date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("La fecha no puede ser posterior a hoy."), code="future")


class Person(models.Model):
    """A Mexican national with an owning office. Extended by the people-and-cases work."""

    office = models.ForeignKey(
        "network.Office",
        verbose_name=_("representación"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    given_names = models.CharField(_("nombre(s)"), max_length=120)
    first_surname = models.CharField(_("primer apellido"), max_length=80)
    second_surname = models.CharField(_("segundo apellido"), max_length=80, blank=True)
    date_of_birth = models.DateField(
        _("fecha de nacimiento"), null=True, blank=True, validators=[validate_not_in_future]
    )
    sex = models.CharField(_("sexo"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_state = models.CharField(
        _("entidad de nacimiento"), max_length=3, blank=True, choices=BirthState.choices
    )
    created_at = models.DateTimeField(_("registrada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizada"), auto_now=True)

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        indexes = [models.Index(fields=["office", "first_surname", "given_names"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.first_surname, self.second_surname) if p)
