"""The catalog of reasons people call the CIAM (domain.md §6). Shared by call logging,
escalation rules and the guidance scripts shown beside the call form."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallTopic(models.TextChoices):
    CONSULAR_PROCEDURES = "consular_procedures", _("Trámites consulares")
    DETENTION_DEPORTATION = "detention_deportation", _("Detención o deportación")
    LOCATE_RELATIVE = "locate_relative", _("Localizar a un familiar detenido o desaparecido")
    LABOR = "labor", _("Laboral")
    FAMILY = "family", _("Familiar")
    VIOLENCE_AGAINST_WOMEN = "violence_against_women", _("Violencia contra las mujeres")
    FRAUD = "fraud", _("Fraude")
    HEALTH = "health", _("Salud")
    EMERGENCY_RESCUE = "emergency_rescue", _("Emergencia o rescate en el desierto")
    OTHER = "other", _("Otro")
