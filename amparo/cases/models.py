"""Protection cases: the taxonomy, the case itself, its append-only timeline, consular
notifications (VCCR art. 36) and transfers between offices."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.cases import workflow
from amparo.cases.consular_notification import NotificationDelay, notification_delay
from amparo.core.append_only import AppendOnlyModel


class Materia(models.Model):
    """A branch of the catalog (migratorio, penal, …). Codes are fixed; labels editable."""

    code = models.CharField(_("clave"), max_length=40, unique=True)
    label = models.CharField(_("nombre"), max_length=120)
    position = models.PositiveSmallIntegerField(_("orden"), default=0)
    retired_at = models.DateTimeField(_("retirada el"), null=True, blank=True)

    class Meta:
        ordering = ["position", "label"]
        verbose_name = _("materia")
        verbose_name_plural = _("materias")

    def __str__(self) -> str:
        return self.label


class Subtype(models.Model):
    """A kind of case within a materia. Retired subtypes stay on old cases only."""

    materia = models.ForeignKey(
        Materia, verbose_name=_("materia"), on_delete=models.PROTECT, related_name="subtypes"
    )
    code = models.CharField(_("clave"), max_length=40)
    label = models.CharField(_("nombre"), max_length=160)
    position = models.PositiveSmallIntegerField(_("orden"), default=0)
    retired_at = models.DateTimeField(_("retirado el"), null=True, blank=True)

    class Meta:
        ordering = ["materia__position", "position", "label"]
        verbose_name = _("subtipo")
        verbose_name_plural = _("subtipos")
        constraints = [
            models.UniqueConstraint(fields=["materia", "code"], name="subtype_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.materia.label} · {self.label}"

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class CaseStatus(models.TextChoices):
    OPEN = workflow.OPEN, _("Abierto")
    IN_PROGRESS = workflow.IN_PROGRESS, _("En gestión")
    REFERRED = workflow.REFERRED, _("Referido")
    AWAITING_SUPPORT = workflow.AWAITING_SUPPORT, _("Apoyo en trámite")
    CONCLUDED = workflow.CONCLUDED, _("Concluido")


class ClosureReason(models.TextChoices):
    FAVORABLE = "favorable", _("Favorable")
    UNFAVORABLE = "unfavorable", _("Desfavorable")
    WITHDRAWN = "withdrawn", _("Desistimiento")
    NO_CONTACT = "no_contact", _("Sin contacto")
    TRANSFERRED = "transferred", _("Transferido a otra instancia")
    OUTSIDE_COMPETENCE = "outside_competence", _("Fuera de competencia")


class IntakeChannel(models.TextChoices):
    WALK_IN = "walk_in", _("Atención presencial")
    PHONE = "phone", _("Teléfono")
    CIAM = "ciam", _("CIAM")
    ALERT_BUTTON = "alert_button", _("Botón de alerta")
    AUTHORITY = "authority", _("Notificación de autoridad")
    DETENTION_VISIT = "detention_visit", _("Visita a centro de detención")
    OUTREACH = "outreach", _("Evento de protección preventiva")
    EMAIL = "email", _("Correo electrónico")
    OTHER = "other", _("Otro")


class Priority(models.IntegerChoices):
    """Stored as a number so lists sort by urgency."""

    LOW = 1, _("Baja")
    NORMAL = 2, _("Normal")
    HIGH = 3, _("Alta")
    URGENT = 4, _("Urgente")


# Boolean flag fields of a case, with their Spanish labels (used by forms, filters, API).
CASE_FLAGS: dict[str, Any] = {
    "is_minor": _("Niña, niño o adolescente"),
    "is_unaccompanied_minor": _("Menor no acompañado"),
    "is_vaim": _("Atención a la mujer (VAIM)"),
    "is_gender_violence": _("Violencia de género"),
    "is_capital_case": _("Pena capital (MCLAP)"),
    "is_detained": _("Persona detenida"),
    "is_vulnerable": _("Situación de vulnerabilidad"),
    "speaks_indigenous_language": _("Habla una lengua indígena"),
}


class Case(models.Model):
    """A protection case (expediente) owned by one office."""

    folio = models.CharField(_("folio"), max_length=32, unique=True, editable=False)
    office = models.ForeignKey(
        "network.Office",
        verbose_name=_("representación"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    office_override_reason = models.TextField(
        _("motivo de asignación a otra representación"),
        blank=True,
        help_text=_(
            "Obligatorio si la representación no es la que corresponde por circunscripción."
        ),
    )
    channel = models.CharField(_("canal de ingreso"), max_length=24, choices=IntakeChannel.choices)
    beneficiary = models.ForeignKey(
        "people.Person",
        verbose_name=_("persona beneficiaria"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    requester = models.ForeignKey(
        "people.Person",
        verbose_name=_("persona solicitante"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requested_cases",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("funcionario asignado"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    priority = models.PositiveSmallIntegerField(
        _("prioridad"), choices=Priority.choices, default=Priority.NORMAL
    )
    materia = models.ForeignKey(
        Materia, verbose_name=_("materia"), on_delete=models.PROTECT, related_name="cases"
    )
    subtype = models.ForeignKey(
        Subtype, verbose_name=_("subtipo"), on_delete=models.PROTECT, related_name="cases"
    )
    summary = models.TextField(_("resumen de los hechos"), blank=True)
    status = models.CharField(
        _("estatus"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    opened_at = models.DateTimeField(_("fecha de apertura"))
    closed_at = models.DateTimeField(_("fecha de cierre"), null=True, blank=True)
    closure_reason = models.CharField(
        _("motivo de cierre"), max_length=24, choices=ClosureReason.choices, blank=True
    )
    is_minor = models.BooleanField(CASE_FLAGS["is_minor"], default=False)
    is_unaccompanied_minor = models.BooleanField(
        CASE_FLAGS["is_unaccompanied_minor"], default=False
    )
    is_vaim = models.BooleanField(CASE_FLAGS["is_vaim"], default=False)
    is_gender_violence = models.BooleanField(CASE_FLAGS["is_gender_violence"], default=False)
    is_capital_case = models.BooleanField(CASE_FLAGS["is_capital_case"], default=False)
    is_detained = models.BooleanField(CASE_FLAGS["is_detained"], default=False)
    is_vulnerable = models.BooleanField(CASE_FLAGS["is_vulnerable"], default=False)
    speaks_indigenous_language = models.BooleanField(
        CASE_FLAGS["speaks_indigenous_language"], default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("caso")
        verbose_name_plural = _("casos")
        ordering = ["-opened_at", "-id"]
        # Each list sort (selectors.SORTS) has an index in the same column order, per office
        # (own-office roles) and across offices (central roles), so a keyset page reads only
        # the rows it shows. Every order ends in id, which breaks ties on opened_at.
        indexes = [
            models.Index(fields=["office", "-opened_at", "-id"], name="case_office_opened_id"),
            models.Index(
                fields=["office", "status", "-opened_at", "-id"], name="case_office_status_id"
            ),
            models.Index(
                fields=["office", "-priority", "-opened_at", "-id"], name="case_office_priority"
            ),
            # varchar_pattern_ops lets PostgreSQL use the index for folio prefix searches
            # (LIKE 'TA-2025-%') whatever the database collation; SQLite ignores opclasses.
            models.Index(
                fields=["office", "folio"],
                name="case_office_folio",
                opclasses=["", "varchar_pattern_ops"],
            ),
            # The usual filter pair (status + materia), newest first: serves the page and
            # the capped count without a BitmapAnd or a sequential scan.
            models.Index(
                fields=["office", "status", "materia", "-opened_at", "-id"],
                name="case_office_status_materia",
            ),
            models.Index(
                fields=["status", "materia", "-opened_at", "-id"], name="case_status_materia"
            ),
            models.Index(fields=["-opened_at", "-id"], name="case_opened_id"),
            models.Index(fields=["-priority", "-opened_at", "-id"], name="case_priority"),
            models.Index(fields=["assigned_to", "status"], name="case_assignee_status"),
            models.Index(fields=["materia", "subtype"], name="case_taxonomy"),
        ]

    def __str__(self) -> str:
        return self.folio

    @property
    def is_concluded(self) -> bool:
        return self.status == CaseStatus.CONCLUDED

    # Lists show these for every row: Django's get_status_display() hashes every
    # translated choice on each call, which was a sixth of the case list's time.
    @property
    def status_label(self) -> str:
        return str(CaseStatus(self.status).label)

    @property
    def priority_label(self) -> str:
        return str(Priority(self.priority).label)

    def active_flags(self) -> list[Any]:
        return [label for field, label in CASE_FLAGS.items() if getattr(self, field)]


class FolioCounter(models.Model):
    """The last folio sequence handed out per office and year; locked row by row."""

    office = models.ForeignKey("network.Office", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="folio_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}: {self.last_value}"


class EventKind(models.TextChoices):
    OPENED = "opened", _("Apertura")
    ASSIGNED = "assigned", _("Asignación")
    STATUS_CHANGED = "status_changed", _("Cambio de estatus")
    NOTE = "note", _("Nota")
    ACTION = "action", _("Gestión")
    NOTIFICATION = "notification", _("Notificación consular")
    TRANSFER_REQUESTED = "transfer_requested", _("Traslado solicitado")
    TRANSFER_ACCEPTED = "transfer_accepted", _("Traslado aceptado")
    TRANSFER_REFUSED = "transfer_refused", _("Traslado rechazado")
    TRANSFER_CANCELLED = "transfer_cancelled", _("Traslado cancelado")
    ATTACHMENT_ADDED = "attachment_added", _("Documento adjunto")
    SUPPORT = "support", _("Apoyo económico")
    PALE = "pale", _("Asesoría legal externa (PALE)")
    ALERT = "alert", _("Botón de alerta")


class ActionKind(models.TextChoices):
    CALL = "call", _("Llamada")
    LETTER = "letter", _("Oficio o carta")
    VISIT = "visit", _("Visita")
    MEETING = "meeting", _("Reunión")
    DOCUMENT = "document", _("Documento")


class CaseEvent(AppendOnlyModel):
    """One line of a case's timeline. Rows are only ever added (see save/delete)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("tipo"), max_length=24, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("fecha y hora"))
    payload = models.JSONField(_("datos"), default=dict, blank=True)
    text = models.TextField(_("texto"), blank=True)

    class Meta:
        verbose_name = _("evento del caso")
        verbose_name_plural = _("eventos del caso")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"], name="case_event_timeline")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.kind}"


class NotificationChannel(models.TextChoices):
    PHONE = "phone", _("Teléfono")
    FAX = "fax", _("Fax")
    EMAIL = "email", _("Correo electrónico")
    IN_PERSON = "in_person", _("En persona")
    DETENTION_VISIT = "detention_visit", _("Visita de protección")
    FAMILY = "family", _("Por familiares")
    OTHER = "other", _("Otro")


class ConsularNotification(models.Model):
    """How and when the consulate learned of a national's arrest (VCCR art. 36)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notifications")
    agency = models.CharField(_("autoridad que notifica"), max_length=160)
    notified_by = models.CharField(_("persona que notificó"), max_length=160, blank=True)
    arrested_at = models.DateTimeField(_("fecha y hora de la detención"))
    learned_at = models.DateTimeField(_("fecha y hora en que el consulado tuvo conocimiento"))
    channel = models.CharField(_("medio"), max_length=24, choices=NotificationChannel.choices)
    requested_by_detainee = models.BooleanField(
        _("la persona detenida solicitó la notificación"), default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-learned_at", "-id"]
        verbose_name = _("notificación consular")
        verbose_name_plural = _("notificaciones consulares")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.agency}"

    @property
    def delay(self) -> NotificationDelay:
        return notification_delay(arrested_at=self.arrested_at, learned_at=self.learned_at)


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Pendiente")
    ACCEPTED = "accepted", _("Aceptado")
    REFUSED = "refused", _("Rechazado")
    CANCELLED = "cancelled", _("Cancelado")


class CaseTransfer(models.Model):
    """A request to hand a case to another office, and its outcome."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transfers")
    from_office = models.ForeignKey(
        "network.Office", verbose_name=_("de"), on_delete=models.PROTECT, related_name="+"
    )
    to_office = models.ForeignKey(
        "network.Office",
        verbose_name=_("a"),
        on_delete=models.PROTECT,
        related_name="incoming_transfers",
    )
    reason = models.TextField(_("motivo"))
    status = models.CharField(
        _("estatus"), max_length=12, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("solicitado"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("resuelto"), null=True, blank=True)
    decision_reason = models.TextField(_("motivo de la resolución"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("traslado")
        verbose_name_plural = _("traslados")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="one_pending_transfer_per_case",
            )
        ]
        indexes = [models.Index(fields=["to_office", "status"], name="transfer_incoming")]

    def __str__(self) -> str:
        return f"{self.case_id}→{self.to_office_id}"


class AttachmentKind(models.TextChoices):
    ID_DOCUMENT = "id_document", _("Documento de identidad")
    COURT_DOCUMENT = "court_document", _("Documento judicial")
    MEDICAL = "medical", _("Documento médico")
    PHOTO = "photo", _("Fotografía")
    LETTER = "letter", _("Oficio o carta")
    OTHER = "other", _("Otro")


class CaseAttachment(models.Model):
    """A file added to a case. The file lives under MEDIA_ROOT with a random name (never
    the uploaded one) and is served only by the audited download view."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("fecha de carga"))
    kind = models.CharField(_("tipo de documento"), max_length=20, choices=AttachmentKind.choices)
    original_name = models.CharField(_("nombre del archivo"), max_length=255)
    content_type = models.CharField(_("tipo de contenido"), max_length=100)
    size = models.PositiveBigIntegerField(_("tamaño en bytes"))
    sha256 = models.CharField(_("huella SHA-256"), max_length=64)
    storage_path = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        verbose_name = _("documento adjunto")
        verbose_name_plural = _("documentos adjuntos")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["case", "-uploaded_at"], name="case_attachment_case")]
        constraints = [
            models.UniqueConstraint(fields=["case", "sha256"], name="case_attachment_unique_file")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.pk}"
