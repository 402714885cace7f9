"""Events from the telephony provider: recorded once per call id and kind."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from amparo.accounts.models import Role, User
from amparo.hotline.models import Call, OperatorExtension, TelephonyEvent, TelephonyEventKind
from amparo.hotline.phones import InvalidPhoneError, normalize_phone


@dataclass(frozen=True)
class EventInput:
    kind: str
    call_id: str
    occurred_at: datetime
    caller_number: str = ""
    operator: str = ""  # username or extension


def _operator(reference: str) -> tuple[User | None, int | None]:
    """The operator named by username or extension, and their CIAM office."""
    reference = reference.strip()
    if not reference:
        return None, None
    user = User.objects.filter(username=reference, is_active=True).first()
    if user is None:
        extension = OperatorExtension.objects.select_related("user").filter(extension=reference)
        user = next((e.user for e in extension if e.user.is_active), None)
    if user is None:
        return None, None
    membership = user.memberships.filter(role=Role.HOTLINE_OPERATOR, is_active=True).first()
    return user, (membership.office_id if membership else None)


def telephony_event_record(*, event: EventInput, raw_body: bytes) -> tuple[TelephonyEvent, bool]:
    """Store an authenticated event. The same call id and kind again changes nothing and
    returns (existing, False). A call-ended event also closes the logged call."""
    if event.kind not in TelephonyEventKind.values:
        raise ValidationError(_("Tipo de evento no válido."))
    call_id = event.call_id.strip()
    if not call_id or len(call_id) > 64:
        raise ValidationError(_("Falta el identificador de la llamada."))
    try:
        phone = normalize_phone(event.caller_number) if event.caller_number else ""
    except InvalidPhoneError as error:
        raise ValidationError(_("El número de quien llama no es válido.")) from error
    existing = TelephonyEvent.objects.filter(call_id=call_id, kind=event.kind).first()
    if existing is not None:
        return existing, False
    user, office_id = _operator(event.operator)
    try:
        with transaction.atomic():
            stored = TelephonyEvent.objects.create(
                kind=event.kind,
                call_id=call_id,
                caller_phone=phone,
                occurred_at=event.occurred_at,
                operator=user,
                office_id=office_id,
                body_sha256=hashlib.sha256(raw_body).hexdigest(),
            )
            if event.kind == TelephonyEventKind.CALL_ENDED:
                Call.objects.filter(
                    telephony_call_id=call_id, started_at__lte=event.occurred_at
                ).update(ended_at=event.occurred_at)
    except IntegrityError:  # the same event delivered twice at the same moment
        return TelephonyEvent.objects.get(call_id=call_id, kind=event.kind), False
    return stored, True
