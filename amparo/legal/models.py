"""The PALE legal network: providers (law firms, NGOs, university clinics, pro bono
partners) under contract with an office, and the cases referred to them with the national's
consent. A provider's lawyers see a referral — and only the fields the officer chose to
share, copied when it was sent — while it is open to them; revoking it cuts their access
at the next request."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.core.crypto import EncryptedTextField


class ProviderKind(models.TextChoices):
    LAW_FIRM = "law_firm", _("Despacho de abogados")
    NGO = "ngo", _("Organización civil")
    CLINIC = "clinic", _("Clínica jurídica universitaria")
    PRO_BONO = "pro_bono", _("Aliado pro bono")
    # The Mexican Capital Legal Assistance Program: contracted by headquarters, it takes
    # capital cases from every office (candidates.capital_candidates).
    CAPITAL = "capital", _("Programa de casos de pena capital (MCLAP)")


class Provider(models.Model):
    """A provider of legal services, coordinated by one office (its contracts may be with
    others)."""

    name = models.CharField(_("nombre"), max_length=160, unique=True)
    kind = models.CharField(_("tipo"), max_length=12, choices=ProviderKind.choices)
    office = models.ForeignKey(
        "network.Office", verbose_name=_("representación que lo coordina"),
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    materias = models.ManyToManyField("cases.Materia", verbose_name=_("materias"), related_name="+")
    counties = models.ManyToManyField(
        "network.JurisdictionArea", verbose_name=_("condados que atiende"), related_name="+"
    )
    languages = models.CharField(_("idiomas"), max_length=120, default="es,en")
    phone = models.CharField(_("teléfono"), max_length=40, blank=True)
    email = models.EmailField(_("correo electrónico"), blank=True)
    is_active = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("proveedor PALE")
        verbose_name_plural = _("proveedores PALE")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BarAdmission(models.Model):
    """A lawyer's admission to the bar of a US state (or a Canadian province), as the
    provider reports it; the office records the day it checked the bar's public roll."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="bar_admissions")
    lawyer_name = models.CharField(_("abogado(a)"), max_length=160)
    region = models.CharField(_("estado o provincia"), max_length=2)
    number = models.CharField(_("número de colegiación"), max_length=40)
    verified_on = models.DateField(_("verificado el"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("colegiación")
        verbose_name_plural = _("colegiaciones")
        ordering = ["region", "lawyer_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "region", "number"], name="legal_bar_admission_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.number}"


class ProviderContact(models.Model):
    """Someone the office deals with at a provider: the partner in charge, the clinic's
    coordinator, billing. Office-only (the public directory shows the front desk)."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="contacts")
    name = models.CharField(_("nombre"), max_length=160)
    role = models.CharField(_("función"), max_length=120, blank=True)
    phone = models.CharField(_("teléfono"), max_length=40, blank=True)
    email = models.EmailField(_("correo electrónico"), blank=True)

    class Meta:
        verbose_name = _("contacto del proveedor")
        verbose_name_plural = _("contactos del proveedor")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ProviderLawyer(models.Model):
    """A user with the external-lawyer role who works for a provider."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="lawyers")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pale_lawyer"
    )

    class Meta:
        verbose_name = _("abogado(a) del proveedor")
        verbose_name_plural = _("abogados del proveedor")

    def __str__(self) -> str:
        return f"{self.user_id}@{self.provider_id}"


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("Borrador")
    IN_FORCE = "in_force", _("Vigente")
    EXPIRED = "expired", _("Vencido")
    TERMINATED = "terminated", _("Terminado")


class Contract(models.Model):
    """A contract between an office and a provider: its period, ceiling and capacity."""

    office = models.ForeignKey("network.Office", on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="contracts")
    starts_on = models.DateField(_("inicio"))
    ends_on = models.DateField(_("fin"))
    ceiling = models.BigIntegerField(_("techo (centavos de dólar)"))
    capacity = models.PositiveIntegerField(_("canalizaciones abiertas a la vez"))
    # The approved invoice lines' running total, never above the ceiling (a CHECK): two
    # approvals racing for the last dollars cannot both pass.
    approved_total = models.BigIntegerField(_("total aprobado (centavos)"), default=0)
    status = models.CharField(
        _("estatus"), max_length=12, choices=ContractStatus.choices, default=ContractStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("registrado el"))
    # The contract this one renews: putting the renewal in force ends that one and moves
    # its referrals here (renewals.contract_renew).
    renews = models.OneToOneField(
        "self", verbose_name=_("renueva"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="renewal",
    )  # fmt: skip

    class Meta:
        verbose_name = _("contrato PALE")
        verbose_name_plural = _("contratos PALE")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="legal_contract_period"),
            models.CheckConstraint(condition=models.Q(ceiling__gt=0), name="legal_contract_ceiling"),
            models.CheckConstraint(
                condition=models.Q(approved_total__gte=0, approved_total__lte=models.F("ceiling")),
                name="legal_contract_within_ceiling",
                violation_error_message=_("El total aprobado superaría el techo del contrato."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.provider_id}:{self.office_id}:{self.starts_on}"


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Enviada")
    ACCEPTED = "accepted", _("Aceptada")
    DECLINED = "declined", _("Rechazada por el proveedor")
    IN_PROGRESS = "in_progress", _("En curso")
    CONCLUDED = "concluded", _("Concluida")
    REVOKED = "revoked", _("Revocada")


# What the provider's lawyers see: a referral while it is open to them.
OPEN_TO_PROVIDER = (
    ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS,
    ReferralStatus.CONCLUDED,
)  # fmt: skip
# What counts against a contract's capacity.
OPEN_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)


class ConsentKind(models.TextChoices):
    SIGNED_FORM = "signed_form", _("Formato firmado")
    VERBAL = "verbal", _("Verbal, con testigo")
    OVERRIDE = "override", _("Sin consentimiento: decisión del titular")


class Outcome(models.TextChoices):
    RELEASED_ON_BOND = "released_on_bond", _("Liberación bajo fianza")
    RELIEF_GRANTED = "relief_granted", _("Alivio migratorio otorgado")
    REMOVAL_ORDER = "removal_order", _("Orden de deportación")
    VOLUNTARY_DEPARTURE = "voluntary_departure", _("Salida voluntaria")
    CHARGES_DISMISSED = "charges_dismissed", _("Cargos retirados")
    ACQUITTED = "acquitted", _("Absolución")
    CONVICTED = "convicted", _("Condena")
    SETTLEMENT = "settlement", _("Acuerdo")
    OTHER = "other", _("Otro")


class Referral(models.Model):
    """A case referred to a provider under a contract, with the national's consent (or the
    head of office's override) and the fields chosen to share, copied when it was sent."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("network.Office", on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="referrals")
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="referrals")
    status = models.CharField(
        _("estatus"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    # The shared fields, as JSON, encrypted: names and identifiers of a national.
    shared = EncryptedTextField(_("datos compartidos"))
    consent = models.CharField(_("consentimiento"), max_length=12, choices=ConsentKind.choices)
    consent_detail = models.CharField(_("testigo, documento o motivo"), max_length=240, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("enviada el"))
    answered_at = models.DateTimeField(_("respondida el"), null=True, blank=True)
    decline_reason = models.CharField(_("motivo del rechazo"), max_length=240, blank=True)
    outcome = models.CharField(_("resultado"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_detail = models.CharField(_("detalle del resultado"), max_length=240, blank=True)
    concluded_at = models.DateTimeField(_("concluida el"), null=True, blank=True)
    # The answer's deadline (deadlines.answer_due): when the provider was reminded, and
    # when the officer was asked to reassign. Each is sent once.
    reminded_at = models.DateTimeField(_("recordatorio enviado el"), null=True, blank=True)
    reassign_asked_at = models.DateTimeField(_("reasignación pedida el"), null=True, blank=True)

    class Meta:
        verbose_name = _("canalización PALE")
        verbose_name_plural = _("canalizaciones PALE")
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["provider", "status", "sent_at"], name="referral_provider"),
            models.Index(fields=["contract", "status"], name="referral_contract"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}→{self.provider_id}"


class UpdateKind(models.TextChoices):
    NOTE = "note", _("Nota")
    HEARING = "hearing", _("Audiencia")


class ReferralUpdate(models.Model):
    """What the provider (or the office) reports on a referral: a note or a hearing date."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="updates")
    kind = models.CharField(_("tipo"), max_length=8, choices=UpdateKind.choices)
    text = models.TextField(_("texto"), blank=True)
    hearing_at = models.DateTimeField(_("audiencia"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("registrada el"))

    class Meta:
        verbose_name = _("actualización de la canalización")
        verbose_name_plural = _("actualizaciones de la canalización")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.referral_id}:{self.kind}"


class ServiceLevel(models.TextChoices):
    CONSULTATION = "consultation", _("Consulta")
    ADVICE = "advice", _("Asesoría")
    REPRESENTATION = "representation", _("Representación")


class Fee(models.Model):
    """What a contract pays per hour for a service level in a matter."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="fees")
    level = models.CharField(_("nivel de servicio"), max_length=16, choices=ServiceLevel.choices)
    materia = models.ForeignKey(
        "cases.Materia", verbose_name=_("materia"), on_delete=models.PROTECT, related_name="+"
    )
    hourly = models.BigIntegerField(_("tarifa por hora (centavos de dólar)"))

    class Meta:
        verbose_name = _("tarifa")
        verbose_name_plural = _("tarifas")
        constraints = [
            models.UniqueConstraint(fields=["contract", "level", "materia"], name="legal_fee_once"),
            models.CheckConstraint(condition=models.Q(hourly__gt=0), name="legal_fee_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.contract_id}:{self.level}:{self.materia_id}"


class InvoiceStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Presentada")
    APPROVED = "approved", _("Aprobada")
    REJECTED = "rejected", _("Rechazada")


class InvoiceLine(models.Model):
    """One month's work on one referral, priced by the contract's fee schedule; the office
    approves (within the ceiling) or rejects it."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="invoice_lines")
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="invoice_lines")
    office = models.ForeignKey("network.Office", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("mes"))  # its first day
    level = models.CharField(_("nivel de servicio"), max_length=16, choices=ServiceLevel.choices)
    hours = models.DecimalField(_("horas"), max_digits=6, decimal_places=2)
    amount = models.BigIntegerField(_("importe (centavos de dólar)"))
    description = models.CharField(_("descripción"), max_length=500)
    status = models.CharField(
        _("estatus"), max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("presentada el"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("resuelta el"), null=True, blank=True)
    reject_reason = models.CharField(_("motivo del rechazo"), max_length=240, blank=True)

    class Meta:
        verbose_name = _("línea de factura")
        verbose_name_plural = _("líneas de factura")
        ordering = ["-month", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0, hours__gt=0), name="legal_invoice_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral_id}:{self.month}:{self.amount}"


class ReferralDocument(models.Model):
    """A case document on a referral: uploaded by the provider's lawyers, or shared with
    them by the office. The file is a case attachment (cases.CaseAttachment); the provider
    reads only the documents of its referrals that are shared with it."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="documents")
    attachment = models.ForeignKey(
        "cases.CaseAttachment", on_delete=models.PROTECT, related_name="+"
    )
    shared_with_provider = models.BooleanField(_("compartido con el proveedor"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("agregado el"))

    class Meta:
        verbose_name = _("documento de la canalización")
        verbose_name_plural = _("documentos de la canalización")
        ordering = ["-added_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "attachment"], name="legal_document_once")
        ]

    def __str__(self) -> str:
        return f"{self.referral_id}:{self.attachment_id}"


class DeadlineKind(models.TextChoices):
    TRIAL = "trial", _("Juicio")
    SENTENCING = "sentencing", _("Sentencia")
    APPEAL = "appeal", _("Apelación")
    EXECUTION = "execution", _("Fecha de ejecución")
    OTHER = "other", _("Otra fecha del tribunal")


class CapitalDeadline(models.Model):
    """A court date in a capital case (cases.Case.is_capital_case), followed with the
    Mexican Capital Legal Assistance Program (MCLAP). Reminders escalate as it nears:
    the officer, then the head of office, then headquarters (capital.REMINDER_LEVELS)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("network.Office", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("tipo de fecha"), max_length=12, choices=DeadlineKind.choices)
    due_on = models.DateField(_("fecha"))
    court = models.CharField(_("tribunal"), max_length=160, blank=True)
    notes = models.CharField(_("notas"), max_length=500, blank=True)
    # How many reminder levels were sent (0 none; see capital.REMINDER_LEVELS).
    reminded_level = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("registrada el"))

    class Meta:
        verbose_name = _("fecha de un caso de pena capital")
        verbose_name_plural = _("fechas de casos de pena capital")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["due_on", "reminded_level"], name="capital_deadline_due")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.kind}:{self.due_on}"


class ContractDocument(models.Model):
    """A document of a contract (the signed contract, an amendment, a certificate of
    insurance), checked and stored as case attachments are (cases.file_types,
    cases.attachment_storage), read only by the contracting office."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("título"), max_length=160)
    original_name = models.CharField(_("nombre del archivo"), max_length=255)
    content_type = models.CharField(_("tipo de contenido"), max_length=100)
    size = models.PositiveBigIntegerField(_("tamaño en bytes"))
    sha256 = models.CharField(_("huella SHA-256"), max_length=64)
    storage_path = models.CharField(max_length=255, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("fecha de carga"))

    class Meta:
        verbose_name = _("documento del contrato")
        verbose_name_plural = _("documentos del contrato")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "sha256"], name="legal_contract_document_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract_id}:{self.title}"
