"""Adding a document to a case: check it, store it, record it — all or nothing."""

import logging
from collections.abc import Callable
from typing import IO, cast

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases import attachment_storage
from amparo.cases.file_types import FileTypeError, check_file, safe_display_name
from amparo.cases.limits import max_attachment_bytes
from amparo.cases.models import AttachmentKind, Case, CaseAttachment, EventKind
from amparo.cases.services._common import record_event, require_write

logger = logging.getLogger(__name__)


def _duplicate() -> ValidationError:
    return ValidationError({"file": _("Ese archivo ya está adjunto al caso.")})


def case_add_attachment(
    *,
    case: Case,
    upload: UploadedFile,
    kind: str,
    actor: Actor,
) -> CaseAttachment:
    """Validate the file by content, extension and size (AMPARO_MAX_ATTACHMENT_MB), store
    it under a random name, then write the row, a timeline event and the access record in
    one transaction. If that transaction fails the stored file is removed again."""
    require_write(actor, case.office_id)
    return store_attachment(case=case, upload=upload, kind=kind, actor=actor)


def store_attachment(
    *,
    case: Case,
    upload: UploadedFile,
    kind: str,
    actor: Actor,
    then: Callable[[CaseAttachment], object] | None = None,
) -> CaseAttachment:
    """case_add_attachment without the office check, for a module whose own rule lets
    someone else add to the case (a PALE provider's lawyer, to a referral open to them).
    `then` runs inside the same transaction, so its rows and the file stand or fall
    together."""
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": _("Tipo de documento no válido.")})
    name = safe_display_name(upload.name or "")
    try:
        checked = check_file(cast(IO[bytes], upload), name=name, max_bytes=max_attachment_bytes())
    except FileTypeError as error:
        raise ValidationError({"file": _(error.message) % error.params}) from error
    if CaseAttachment.objects.filter(case=case, sha256=checked.sha256).exists():
        raise _duplicate()

    stored = attachment_storage.store(upload, case_id=case.pk)
    try:
        with transaction.atomic():
            attachment = CaseAttachment.objects.create(
                case=case,
                uploaded_by=actor.user,
                uploaded_at=timezone.now(),
                kind=kind,
                original_name=name,
                content_type=checked.file_type.content_type,
                size=checked.size,
                sha256=checked.sha256,
                storage_path=stored,
            )
            record_event(
                case=case,
                kind=EventKind.ATTACHMENT_ADDED,
                actor=actor,
                payload={
                    "attachment_id": attachment.pk,
                    "kind": kind,
                    "name": name,
                    "size": checked.size,
                },
            )
            audit_record(actor=actor, action=Action.CREATE, target=attachment)
            if then is not None:
                then(attachment)
    except BaseException as error:
        # Nothing refers to the file any more: remove it so no orphan stays on disk.
        attachment_storage.delete_stored(stored)
        if isinstance(error, IntegrityError):
            raise _duplicate() from error  # a concurrent upload of the same file won
        raise
    logger.info("attachment %s stored for case %s", attachment.pk, case.pk)
    return attachment
