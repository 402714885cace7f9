"""What the timeline records when a case opens or changes status, written once for the
services, the bulk import and the demo data (which write events in bulk, without the
services, and must leave exactly what the services would)."""

from typing import Any

from amparo.cases.models import CaseStatus


def opened_payload(
    *,
    office_code: str,
    office_chosen_by: str,
    channel: str,
    materia_code: str,
    subtype_code: str,
    priority: int,
    assigned_to: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "after": {
            "status": str(CaseStatus.OPEN),
            "office": office_code,
            "office_chosen_by": office_chosen_by,
            "channel": str(channel),
            "materia": materia_code,
            "subtype": subtype_code,
            "priority": int(priority),
            "assigned_to": assigned_to,
        }
    }


def status_changed_payload(
    *, before: dict[str, str], status: str, closure_reason: str
) -> dict[str, Any]:
    return {
        "before": before,
        "after": {"status": str(status), "closure_reason": str(closure_reason)},
    }


FROM_OPEN = {"status": str(CaseStatus.OPEN), "closure_reason": ""}
