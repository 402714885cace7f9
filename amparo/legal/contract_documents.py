"""A contract's documents: the head of the contracting office (or central administration)
adds them; the file is checked by content, extension and size and stored as the case
attachments are, and its row and audit record are written in one transaction (the file is
removed again if that fails)."""

from typing import IO, cast

from django.core.exceptions import PermissionDenied, ValidationError
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
from amparo.core.text import clean_text
from amparo.legal.models import Contract, ContractDocument
from amparo.legal.permissions import may_manage


def _duplicate() -> ValidationError:
    return ValidationError({"file": _("Ese archivo ya está en el contrato.")})


def contract_add_document(
    *, actor: Actor, contract: Contract, upload: UploadedFile, title: str
) -> ContractDocument:
    if not may_manage(actor, contract):
        raise PermissionDenied
    title = clean_text(title, "title", required=True, limit=160)
    name = safe_display_name(upload.name or "")
    try:
        checked = check_file(cast(IO[bytes], upload), name=name, max_bytes=max_attachment_bytes())
    except FileTypeError as error:
        raise ValidationError({"file": _(error.message) % error.params}) from error
    if ContractDocument.objects.filter(contract=contract, sha256=checked.sha256).exists():
        raise _duplicate()
    stored = attachment_storage.store_in(upload, folder=f"contracts/{contract.pk}")
    try:
        with transaction.atomic():
            document = ContractDocument.objects.create(
                contract=contract, title=title, original_name=name,
                content_type=checked.file_type.content_type, size=checked.size,
                sha256=checked.sha256, storage_path=stored, uploaded_by=actor.user,
                uploaded_at=timezone.now(),
            )  # fmt: skip
            audit_record(actor=actor, action=Action.CREATE, target=document)
    except BaseException as error:
        attachment_storage.delete_stored(stored)
        if isinstance(error, IntegrityError):
            raise _duplicate() from error
        raise
    return document
