"""PALE pages beyond the referral itself: its documents (the provider uploads, the office
shares, each downloads what it may read), a contract's documents, the capital cases'
court dates, and the yearly report (page, CSV, XLSX)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.accounts.access import get_for_actor, may_write, visible
from amparo.accounts.actor import Actor, acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.forms import AttachmentForm
from amparo.cases.models import Case, CaseAttachment
from amparo.cases.views.attachments import attachment_response
from amparo.core.yearly_report import yearly_report
from amparo.legal import capital, documents, reports, selectors
from amparo.legal.contract_documents import contract_add_document
from amparo.legal.forms import (
    CapitalDeadlineForm,
    ContractDocumentForm,
    ShareDocumentForm,
)
from amparo.legal.models import Contract, ContractDocument, Referral, ReferralDocument
from amparo.legal.permissions import is_lawyer_of


@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A provider's lawyer adds a document to a referral open to them."""
    actor = acting(request)
    referral = selectors.referral_for(actor, pk)
    form = AttachmentForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(_("Elija el tipo de documento y el archivo."))
        documents.document_upload(actor=actor, referral=referral,
                                  upload=form.cleaned_data["file"], kind=form.cleaned_data["kind"])  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Documento agregado."))
    return redirect("legal:portal_referral", referral.pk)


@require_POST
def document_share(request: HttpRequest, pk: int) -> HttpResponse:
    """The office shares one of the case's documents with the provider."""
    actor = acting(request)
    referral = selectors.referral_for(actor, pk, write=True)
    attachment = get_for_actor(
        actor, CaseAttachment.objects.filter(case_id=referral.case_id),
        request.POST.get("attachment"),
    )  # fmt: skip
    try:
        documents.document_share(actor=actor, referral=referral, attachment=attachment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Documento compartido con el proveedor."))
    return redirect("legal:referral", referral.pk)


@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    actor = acting(request)
    document = get_for_actor(
        actor, ReferralDocument.objects.select_related("attachment", "referral__provider"), pk
    )
    audit_record(actor=actor, action=Action.VIEW, target=document)
    return attachment_response(document.attachment)


def document_context(actor: Actor, referral: Referral) -> dict[str, object]:
    """The documents a referral page lists, and (for the office) the case's documents it
    can still share."""
    shown = visible(actor, ReferralDocument.objects.filter(referral=referral)).select_related(
        "attachment"
    )
    if is_lawyer_of(actor, referral) or not may_write(actor, referral):
        return {"documents": shown}
    unshared = visible(actor, CaseAttachment.objects.filter(case_id=referral.case_id)).exclude(
        pk__in=shown.values("attachment_id")
    )
    choices = [(str(a.pk), a.original_name) for a in unshared]
    form = ShareDocumentForm(attachments=choices) if choices else None
    return {"documents": shown, "share_form": form}


@require_POST
def contract_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    """The head of the contracting office adds a document to a contract."""
    actor = acting(request)
    contract = get_for_actor(actor, Contract.objects.all(), pk, write=True)
    form = ContractDocumentForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(_("Indique el título y elija el archivo."))
        contract_add_document(actor=actor, contract=contract, upload=form.cleaned_data["file"],
                              title=form.cleaned_data["title"])  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Documento agregado al contrato."))
    return redirect("legal:provider", contract.provider_id)


@require_GET
def contract_document(request: HttpRequest, pk: int) -> FileResponse:
    actor = acting(request)
    document = get_for_actor(actor, ContractDocument.objects.all(), pk)
    audit_record(actor=actor, action=Action.VIEW, target=document)
    return attachment_response(document)


@require_http_methods(["GET", "POST"])
def capital_deadlines(request: HttpRequest) -> HttpResponse:
    """The capital cases' court dates the office follows, soonest first; adding one."""
    actor = acting(request)
    cases = visible(actor, Case.objects.filter(is_capital_case=True)).order_by("-opened_at")[:200]
    form = CapitalDeadlineForm(request.POST or None, cases=[(str(c.pk), c.folio) for c in cases])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = get_for_actor(actor, Case.objects.select_related("office"), data["case"], write=True)
        try:
            capital.deadline_add(actor=actor, case=case, kind=data["kind"], due_on=data["due_on"],
                                     court=data["court"], notes=data["notes"])  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Fecha registrada; los recordatorios empiezan 90 días antes.")
            )
            return redirect("legal:capital")
    today = actor.office.local_today()
    upcoming = capital.deadlines_for(actor).filter(due_on__gte=today)[:200]
    audit_record(actor=actor, action=Action.LIST, target_type="legal.capitaldeadline")
    context = {"deadlines": upcoming, "form": form, "today": today}
    return render(request, "legal/capital.html", context, status=400 if form.errors else 200)


@require_GET
def report(request: HttpRequest, extension: str = "") -> HttpResponse:
    return yearly_report(request, extension, build=reports.report, template="legal/report.html",
                         target_type="legal.referral", filename="pale")  # fmt: skip
