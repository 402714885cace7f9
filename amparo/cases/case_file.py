"""The printable case file: a PDF of one case (its data, the consular notification, the
timeline and the list of attachments) for court hearings and detention visits, where phones
and screens are often not allowed. WeasyPrint renders it on the server from an HTML template;
every page says who printed it and when (in the office's time zone), and each printing is
written to the access trail as an export of the case."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML

from amparo.accounts.actor import Actor
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.cases.selectors import case_attachments, case_timeline, case_transfers
from amparo.cases.timeline import timeline_entries

STYLESHEET = Path(__file__).with_name("case_file.css")


@dataclass(frozen=True)
class CaseFile:
    filename: str
    pdf: bytes


def case_file(actor: Actor, case: Case, *, now: datetime | None = None) -> CaseFile:
    """The case as a PDF. `case` must come from the checkpoint (cases.selectors)."""
    printed_at = now or timezone.now()  # the template shows it in the office's zone
    html = render_to_string(
        "cases/case_file.html",
        {
            "case": case,
            "entries": timeline_entries(case_timeline(case)),
            "notifications": list(case.notifications.all()),
            "transfers": list(case_transfers(case)),
            "attachments": list(case_attachments(case)),
            "printed_by": actor.user.get_full_name() or actor.user.username,
            "printed_at": printed_at,
        },
    )
    pdf = HTML(string=html).write_pdf(stylesheets=[CSS(filename=STYLESHEET)])
    audit_record(actor=actor, action=Action.EXPORT, target=case, reason="case_file_pdf")
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return CaseFile(filename=f"expediente-{case.folio}.pdf", pdf=pdf)


def case_file_response(file: CaseFile) -> HttpResponse:
    response = HttpResponse(file.pdf, content_type="application/pdf")
    # Inline: the browser's PDF viewer opens it and prints; the name serves "save as".
    response["Content-Disposition"] = f'inline; filename="{file.filename}"'
    response["Cache-Control"] = "no-store"
    return response
