"""The receiving office's side of a transfer: a narrow view of the request (folio, materia,
subtype, reason, offices) — never the case's notes — and accept or refuse."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amparo.accounts.access import may_write_office
from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases import services
from amparo.cases.forms import TransferRefuseForm
from amparo.cases.models import CaseTransfer
from amparo.cases.selectors import incoming_transfers, transfer_for_actor
from amparo.core.forms import apply_service_errors


@require_http_methods(["GET"])
def list_incoming_transfers(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    transfers = list(incoming_transfers(actor)[:200])
    audit_record(actor=actor, action=Action.LIST, target_type="cases.casetransfer")
    return render(request, "cases/transfers.html", {"transfers": transfers})


def _render_transfer(
    request: HttpRequest, transfer: CaseTransfer, form: TransferRefuseForm, status: int = 200
) -> HttpResponse:
    actor = acting(request)
    return render(
        request,
        "cases/transfer_detail.html",
        {
            "transfer": transfer,
            "refuse_form": form,
            "can_decide": transfer.status == "pending"
            and may_write_office(actor, transfer.to_office_id),
        },
        status=status,
    )


@require_http_methods(["GET"])
def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    transfer = transfer_for_actor(actor, pk)
    audit_record(actor=actor, action=Action.VIEW, target=transfer)
    return _render_transfer(request, transfer, TransferRefuseForm())


@require_POST
def accept_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    transfer = transfer_for_actor(actor, pk, write=True)
    try:
        case = services.case_transfer_accept(transfer=transfer, actor=actor)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cases:transfer_detail", pk=transfer.pk)
    messages.success(request, _("Traslado aceptado; el caso ahora pertenece a su representación."))
    return redirect("cases:detail", pk=case.pk)


@require_POST
def refuse_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    transfer = transfer_for_actor(actor, pk, write=True)
    form = TransferRefuseForm(request.POST)
    if form.is_valid():
        try:
            services.case_transfer_refuse(
                transfer=transfer, reason=form.cleaned_data["reason"], actor=actor
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Traslado rechazado."))
            return redirect("cases:transfers")
    return _render_transfer(request, transfer, form, status=400)
