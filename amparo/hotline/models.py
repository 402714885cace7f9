"""CIAM hotline: calls, their escalation to a consulate, callbacks, shifts and the events a
telephony provider sends. Calls belong to the CIAM office that took them."""

from datetime import time, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.core.crypto import BlindIndexedQuerySet, EncryptedTextField, refresh_blind_indexes
from amparo.hotline.topics import CallTopic


class OriginCountry(models.TextChoices):
    US = "US", _("Estados Unidos")
    CA = "CA", _("Canadá")
    MX = "MX", _("México")
    OTHER = "other", _("Otro país")


class Language(models.TextChoices):
    SPANISH = "es", _("Español")
    ENGLISH = "en", _("Inglés")
    FRENCH = "fr", _("Francés")
    INDIGENOUS = "indigenous", _("Lengua indígena")
    OTHER = "other", _("Otra")


class Outcome(models.TextChoices):
    INFORMATION = "information", _("Información proporcionada")
    REFERRED = "referred", _("Canalizada a un consulado")
    CASE_OPENED = "case_opened", _("Caso abierto")
    EMERGENCY_SERVICES = "emergency_services", _("Transferida a servicios de emergencia")
    CALLBACK = "callback", _("Devolución de llamada programada")
    DROPPED = "dropped", _("Llamada cortada")


class Call(models.Model):
    """One call answered by a CIAM operator."""

    office = models.ForeignKey(
        "network.Office",
        verbose_name=_("centro de atención"),
        on_delete=models.PROTECT,
        related_name="hotline_calls",
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("operador"),
        on_delete=models.PROTECT,
        related_name="hotline_calls",
    )
    started_at = models.DateTimeField(_("inicio"))
    ended_at = models.DateTimeField(_("fin"), null=True, blank=True)
    # Encrypted like people's phones; earlier calls are found through the keyed hash.
    caller_phone = EncryptedTextField(
        _("teléfono de quien llama"), blank=True, blind_index="caller_phone_index"
    )
    caller_phone_index = models.CharField(max_length=64, blank=True, editable=False)
    caller_name = models.CharField(_("nombre de quien llama"), max_length=200, blank=True)
    origin_country = models.CharField(
        _("país de origen de la llamada"),
        max_length=8,
        choices=OriginCountry.choices,
        default=OriginCountry.US,
    )
    origin_state = models.CharField(_("estado o provincia"), max_length=8, blank=True)
    county = models.CharField(_("condado"), max_length=100, blank=True)
    zip_code = models.CharField(_("código postal"), max_length=10, blank=True)
    language = models.CharField(
        _("idioma"), max_length=12, choices=Language.choices, default=Language.SPANISH
    )
    topic = models.CharField(_("tema"), max_length=32, choices=CallTopic.choices)
    summary = models.TextField(_("resumen"), blank=True)
    outcome = models.CharField(_("resultado"), max_length=24, choices=Outcome.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("persona"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hotline_calls",
    )
    escalated_case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("caso abierto"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hotline_calls",
    )
    # NULL, not "": many calls have no telephony id and the unique constraint ignores NULL.
    telephony_call_id = models.CharField(
        _("identificador de la central telefónica"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BlindIndexedQuerySet["Call"].as_manager()

    class Meta:
        verbose_name = _("llamada")
        verbose_name_plural = _("llamadas")
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["office", "-started_at"], name="hotline_call_office_started"),
            models.Index(fields=["caller_phone_index", "-started_at"], name="hotline_call_phone"),
            models.Index(fields=["-started_at"], name="hotline_call_started"),
        ]

    def __str__(self) -> str:
        return f"{self.office_id}:{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        names = refresh_blind_indexes(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *names}
        super().save(*args, **kwargs)

    @property
    def handling_time(self) -> timedelta | None:
        return None if self.ended_at is None else self.ended_at - self.started_at


class Urgency(models.TextChoices):
    NONE = "none", _("Sin urgencia")
    IMMINENT_DETENTION = "imminent_detention", _("Detención inminente")
    ALREADY_DETAINED = "already_detained", _("Ya está detenida")
    MISSING_AT_BORDER = "missing_at_border", _("Persona desaparecida en la frontera")
    MEDICAL_EMERGENCY = "medical_emergency", _("Emergencia médica")


class Escalation(models.Model):
    """A call turned into a protection case of the consulate with jurisdiction. The
    receiving office acknowledges it; urgent ones page its on-duty officer."""

    call = models.OneToOneField(Call, on_delete=models.PROTECT, related_name="escalation")
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(
        "network.Office",
        verbose_name=_("representación que recibe"),
        on_delete=models.PROTECT,
        related_name="hotline_escalations",
    )
    urgency = models.CharField(
        _("urgencia"), max_length=24, choices=Urgency.choices, default=Urgency.NONE
    )
    urgent = models.BooleanField(_("urgente"), default=False)
    # Often the caller is not the person in trouble: a wife calls about her detained husband.
    caller_is_affected = models.BooleanField(_("quien llama es la persona afectada"), default=True)
    caller_relation = models.CharField(_("relación con quien llama"), max_length=80, blank=True)
    routed_by = models.CharField(_("ruta"), max_length=16)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("acuse recibido el"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acuse recibido por"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("escalamiento")
        verbose_name_plural = _("escalamientos")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["office", "acknowledged_at"], name="hotline_esc_pending")]

    def __str__(self) -> str:
        return f"{self.call_id}→{self.case_id}"


class ShiftKind(models.TextChoices):
    MORNING = "morning", _("Matutino")
    AFTERNOON = "afternoon", _("Vespertino")
    NIGHT = "night", _("Nocturno")


DEFAULT_SHIFT_TIMES: dict[str, tuple[time, time]] = {
    ShiftKind.MORNING: (time(6), time(14)),
    ShiftKind.AFTERNOON: (time(14), time(22)),
    ShiftKind.NIGHT: (time(22), time(6)),
}


class HotlineShift(models.Model):
    """One of the three daily shifts of a CIAM office, in the office's local time, and the
    operators who work it. A shift whose end is before its start runs past midnight."""

    office = models.ForeignKey(
        "network.Office", on_delete=models.PROTECT, related_name="hotline_shifts"
    )
    kind = models.CharField(_("turno"), max_length=12, choices=ShiftKind.choices)
    starts_at = models.TimeField(_("hora de inicio"))
    ends_at = models.TimeField(_("hora de fin"))
    operators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("operadores"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("turno CIAM")
        verbose_name_plural = _("turnos CIAM")
        ordering = ["office", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["office", "kind"], name="hotline_shift_unique_kind")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}:{self.kind}"


class CallbackStatus(models.TextChoices):
    OPEN = "open", _("Pendiente")
    DONE = "done", _("Realizada")
    FAILED = "failed", _("Sin contacto")
    CANCELLED = "cancelled", _("Cancelada")


class CallbackOutcome(models.TextChoices):
    REACHED = "reached", _("Se habló con la persona")
    NO_ANSWER = "no_answer", _("No contestó")
    VOICEMAIL = "voicemail", _("Buzón de voz")
    WRONG_NUMBER = "wrong_number", _("Número equivocado")


class Callback(models.Model):
    """A call the CIAM must return. Assigned to an operator or to a shift; open callbacks
    of a shift that ended move to the shift on duty."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="callbacks")
    due_at = models.DateTimeField(_("devolver a más tardar"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asignada a"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    shift = models.ForeignKey(
        HotlineShift,
        verbose_name=_("turno"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="callbacks",
    )
    attempts = models.PositiveSmallIntegerField(_("intentos"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("intentos máximos"), default=3)
    status = models.CharField(
        _("estatus"), max_length=12, choices=CallbackStatus.choices, default=CallbackStatus.OPEN
    )
    outcome = models.CharField(
        _("resultado"), max_length=16, choices=CallbackOutcome.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("devolución de llamada")
        verbose_name_plural = _("devoluciones de llamada")
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["status", "due_at"], name="hotline_callback_due")]

    def __str__(self) -> str:
        return f"{self.call_id}@{self.due_at:%Y-%m-%d %H:%M}"


class CallbackAttempt(models.Model):
    """One try at returning a call (append-only history of a callback)."""

    callback = models.ForeignKey(Callback, on_delete=models.PROTECT, related_name="tries")
    at = models.DateTimeField(_("fecha y hora"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("resultado"), max_length=16, choices=CallbackOutcome.choices)
    note = models.TextField(_("nota"), blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.callback_id}:{self.outcome}"


class OperatorExtension(models.Model):
    """The telephone extension at which an operator answers (telephony events name either
    the operator's username or this extension)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hotline_extension"
    )
    extension = models.CharField(_("extensión"), max_length=16, unique=True)

    def __str__(self) -> str:
        return self.extension


class TelephonyEventKind(models.TextChoices):
    CALL_STARTED = "call.started", _("Llamada iniciada")
    CALL_ENDED = "call.ended", _("Llamada terminada")


class TelephonyEvent(models.Model):
    """What the telephony provider told us, once per call id and kind (idempotency)."""

    kind = models.CharField(max_length=16, choices=TelephonyEventKind.choices)
    call_id = models.CharField(max_length=64)
    caller_phone = EncryptedTextField(blank=True)
    occurred_at = models.DateTimeField()
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(
        "network.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body_sha256 = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)
    claimed_by_call = models.ForeignKey(
        Call, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["call_id", "kind"], name="telephony_event_once")
        ]
        indexes = [models.Index(fields=["operator", "kind", "claimed_by_call"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.call_id}"
