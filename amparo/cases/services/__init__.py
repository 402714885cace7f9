"""Every write to cases goes through these functions (one transaction, event + audit)."""

from amparo.cases.services.attachments import case_add_attachment
from amparo.cases.services.cases import (
    case_add_action,
    case_add_note,
    case_assign,
    case_change_status,
    case_open,
    case_record_notification,
    jurisdiction_office_id,
)
from amparo.cases.services.taxonomy import (
    materia_create,
    materia_update,
    subtype_create,
    subtype_set_retired,
    subtype_update,
)
from amparo.cases.services.transfers import (
    case_transfer_accept,
    case_transfer_cancel,
    case_transfer_refuse,
    case_transfer_request,
)

__all__ = [
    "case_add_action",
    "case_add_attachment",
    "case_add_note",
    "case_assign",
    "case_change_status",
    "case_open",
    "case_record_notification",
    "case_transfer_accept",
    "case_transfer_cancel",
    "case_transfer_refuse",
    "case_transfer_request",
    "jurisdiction_office_id",
    "materia_create",
    "materia_update",
    "subtype_create",
    "subtype_set_retired",
    "subtype_update",
]
