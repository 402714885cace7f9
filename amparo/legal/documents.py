"""Documents on a referral, through the case's attachments: the provider's lawyers upload
to the referrals open to them (the file joins the case, shared back with them), and the
office shares documents the case already has. The provider reads only what is shared."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import may_write
from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import CaseAttachment
from amparo.cases.services.attachments import store_attachment
from amparo.legal.models import OPEN_STATUSES, Referral, ReferralDocument
from amparo.legal.permissions import is_lawyer_of
from amparo.legal.services import on_case_timeline


def _require_open(referral: Referral) -> None:
    if referral.status not in OPEN_STATUSES:
        raise ValidationError({"file": _("La canalización ya no está abierta.")})


def document_upload(
    *, actor: Actor, referral: Referral, upload: UploadedFile, kind: str
) -> ReferralDocument:
    """A provider's lawyer adds a document to the referral (and so to the case)."""
    if not is_lawyer_of(actor, referral):
        raise PermissionDenied
    _require_open(referral)
    created: list[ReferralDocument] = []

    def link(attachment: CaseAttachment) -> None:
        document = ReferralDocument.objects.create(
            referral=referral, attachment=attachment, added_by=actor.user, added_at=timezone.now()
        )
        audit_record(actor=actor, action=Action.CREATE, target=document)
        created.append(document)

    store_attachment(case=referral.case, upload=upload, kind=kind, actor=actor, then=link)
    return created[0]


def document_share(
    *, actor: Actor, referral: Referral, attachment: CaseAttachment
) -> ReferralDocument:
    """The office shares one of the case's documents with the provider."""
    if not may_write(actor, referral):
        raise PermissionDenied
    _require_open(referral)
    if attachment.case_id != referral.case_id:
        raise ValidationError({"attachment": _("El documento no es de este caso.")})
    if ReferralDocument.objects.filter(referral=referral, attachment=attachment).exists():
        raise ValidationError({"attachment": _("Ese documento ya está compartido.")})
    with transaction.atomic():
        document = ReferralDocument.objects.create(
            referral=referral, attachment=attachment, added_by=actor.user, added_at=timezone.now()
        )
        audit_record(actor=actor, action=Action.CREATE, target=document)
        on_case_timeline(actor, referral, "document", name=attachment.original_name)
    return document
