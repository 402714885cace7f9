"""The consular network: offices and the jurisdiction (circunscripción) each one covers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeKind(models.TextChoices):
    HEADQUARTERS = "headquarters", _("Oficina central (SRE)")
    EMBASSY = "embassy", _("Embajada")
    CONSULATE_GENERAL = "consulate_general", _("Consulado general")
    CONSULATE = "consulate", _("Consulado")
    CONSULAR_SECTION = "consular_section", _("Sección consular")
    LIAISON_OFFICE = "liaison_office", _("Oficina de enlace")
    INTERESTS_SECTION = "interests_section", _("Sección de intereses")
    HONORARY_CONSULATE = "honorary_consulate", _("Consulado honorario")
    CONTACT_CENTER = "contact_center", _("Centro de atención telefónica")


class Office(models.Model):
    """One representation of Mexico abroad (or the central office in Mexico City)."""

    code = models.SlugField(_("clave"), max_length=12, unique=True)
    slug = models.SlugField(_("identificador web"), max_length=60, unique=True)
    kind = models.CharField(_("tipo"), max_length=24, choices=OfficeKind.choices)
    name = models.CharField(_("nombre"), max_length=160)
    country = models.CharField(_("país (ISO 3166-1)"), max_length=2)
    region = models.CharField(_("estado o provincia"), max_length=8, blank=True)
    city = models.CharField(_("ciudad"), max_length=100)
    time_zone = models.CharField(_("zona horaria"), max_length=64)
    latitude = models.FloatField(_("latitud"))
    longitude = models.FloatField(_("longitud"))
    address = models.CharField(_("dirección"), max_length=255, blank=True)
    phone = models.CharField(_("teléfono"), max_length=32, blank=True)
    emergency_phone = models.CharField(_("teléfono de emergencia"), max_length=32, blank=True)
    email = models.EmailField(_("correo"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("representación de la que depende"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    active_from = models.DateField(_("activa desde"), null=True, blank=True)
    active_until = models.DateField(_("activa hasta"), null=True, blank=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("representación")
        verbose_name_plural = _("representaciones")
        indexes = [models.Index(fields=["country", "region"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_headquarters(self) -> bool:
        return self.kind == OfficeKind.HEADQUARTERS
