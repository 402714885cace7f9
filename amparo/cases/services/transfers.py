"""Handing a case to another office: request, accept, refuse or cancel, with history."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.actor import Actor
from amparo.cases.models import Case, CaseTransfer, EventKind, TransferStatus
from amparo.cases.services._common import record_event, require_write, user_ref
from amparo.core.text import clean_text
from amparo.network.models import Office


def _payload(transfer: CaseTransfer) -> dict[str, object]:
    return {
        "transfer_id": transfer.pk,
        "from": transfer.from_office.code,
        "to": transfer.to_office.code,
        "status": transfer.status,
    }


def case_transfer_request(
    *,
    case: Case,
    to_office: Office,
    reason: str,
    actor: Actor,
) -> CaseTransfer:
    """Ask `to_office` to take the case over. One pending transfer per case at a time."""
    require_write(actor, case.office_id)
    reason = clean_text(reason, "reason", required=True)
    if to_office.pk == case.office_id:
        raise ValidationError({"to_office": _("El caso ya pertenece a esa representación.")})
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("office").get(pk=case.pk)
        if locked.is_concluded:
            raise ValidationError({"to_office": _("Un caso concluido no puede trasladarse.")})
        if locked.transfers.filter(status=TransferStatus.PENDING).exists():
            raise ValidationError({"to_office": _("El caso ya tiene un traslado pendiente.")})
        try:
            with transaction.atomic():
                transfer = CaseTransfer.objects.create(
                    case=locked,
                    from_office=locked.office,
                    to_office=to_office,
                    reason=reason,
                    requested_by=actor.user,
                    requested_at=timezone.now(),
                )
        except IntegrityError as error:  # a concurrent request won the race
            raise ValidationError(
                {"to_office": _("El caso ya tiene un traslado pendiente.")}
            ) from error
        record_event(
            case=locked,
            kind=EventKind.TRANSFER_REQUESTED,
            actor=actor,
            payload=_payload(transfer),
            text=reason,
        )
    return transfer


def _locked_pending(transfer: CaseTransfer) -> CaseTransfer:
    locked = (
        CaseTransfer.objects.select_for_update()
        .select_related("case", "from_office", "to_office")
        .get(pk=transfer.pk)
    )
    if locked.status != TransferStatus.PENDING:
        raise ValidationError({"status": _("El traslado ya fue resuelto.")})
    return locked


def _decide(
    transfer: CaseTransfer, status: TransferStatus, actor: Actor, reason: str = ""
) -> CaseTransfer:
    transfer.status = status
    transfer.decided_by = actor.user
    transfer.decided_at = timezone.now()
    transfer.decision_reason = reason
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    return transfer


def case_transfer_accept(*, transfer: CaseTransfer, actor: Actor) -> Case:
    """The receiving office takes the case over; the sending office stops seeing it and the
    previous assignment ends (the new office assigns its own officer)."""
    require_write(actor, transfer.to_office_id)
    with transaction.atomic():
        transfer = _locked_pending(transfer)
        case = Case.objects.select_for_update().get(pk=transfer.case_id)
        previous_officer = case.assigned_to
        case.office = transfer.to_office
        case.assigned_to = None
        case.save(update_fields=["office", "assigned_to", "updated_at"])
        _decide(transfer, TransferStatus.ACCEPTED, actor)
        payload = {**_payload(transfer), "assigned_before": user_ref(previous_officer)}
        record_event(
            case=case,
            kind=EventKind.TRANSFER_ACCEPTED,
            actor=actor,
            payload=payload,
        )
    return case


def case_transfer_refuse(*, transfer: CaseTransfer, reason: str, actor: Actor) -> CaseTransfer:
    """The receiving office declines, saying why; the case stays where it was."""
    require_write(actor, transfer.to_office_id)
    reason = clean_text(reason, "reason", required=True)
    with transaction.atomic():
        transfer = _decide(_locked_pending(transfer), TransferStatus.REFUSED, actor, reason)
        record_event(
            case=transfer.case,
            kind=EventKind.TRANSFER_REFUSED,
            actor=actor,
            payload=_payload(transfer),
            text=reason,
        )
    return transfer


def case_transfer_cancel(*, transfer: CaseTransfer, actor: Actor) -> CaseTransfer:
    """The sending office withdraws its pending request."""
    require_write(actor, transfer.from_office_id)
    with transaction.atomic():
        transfer = _decide(_locked_pending(transfer), TransferStatus.CANCELLED, actor)
        record_event(
            case=transfer.case,
            kind=EventKind.TRANSFER_CANCELLED,
            actor=actor,
            payload=_payload(transfer),
        )
    return transfer
