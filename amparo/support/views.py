"""Pages of the economic-support fund: funds with balances and statement, deposits, the
requests (the committee's queue), a request with its decisions, payment and the bond's life."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amparo.accounts.access import get_for_actor, may_write, may_write_office
from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.core.forms import apply_service_errors
from amparo.support import committee, selectors, services, statements
from amparo.support.forms import BondCancelForm, DecisionForm, DepositForm, RequestForm, cents
from amparo.support.models import RequestKind, RequestStatus


def funds(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    return render(request, "support/funds.html", {"funds": selectors.funds_visible_to(actor)})


@require_http_methods(["GET", "POST"])
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    fund = selectors.fund_for(actor, pk)
    form = DepositForm(request.POST or None)
    if request.method == "POST":
        if not may_write(actor, fund):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.deposit(
                    actor=actor, fund=fund, amount=cents(form.cleaned_data["amount"]),
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    cofunding=form.cleaned_data["cofunding"], memo=form.cleaned_data["memo"],
                )  # fmt: skip
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Depósito registrado."))
                return redirect("support:fund", fund.pk)
    else:
        audit_record(actor=actor, action=Action.VIEW, target=fund)
    context = {
        "fund": fund,
        "accounts": selectors.accounts_of(fund),
        "postings": selectors.statement(fund)[:200],
        "form": form,
        "can_write": may_write(actor, fund),
    }
    return render(request, "support/fund.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET"])
def fund_statement(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """The statement and trial balance as CSV or XLSX (audited as an export)."""
    actor = acting(request)
    fund = selectors.fund_for(actor, pk)
    audit_record(actor=actor, action=Action.EXPORT, target=fund, reason=f"statement.{extension}")
    if extension == "xlsx":
        content: str | bytes = statements.statement_xlsx(fund)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, kind = statements.statement_csv(fund), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="estado-fondo-{fund.pk}.{extension}"'
    return response


def requests(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    found = selectors.requests_visible_to(actor).order_by("status", "-requested_at")[:200]
    audit_record(actor=actor, action=Action.LIST, target_type="support.supportrequest")
    context = {"requests": found, "people_released": selectors.people_released(actor)}
    return render(request, "support/requests.html", context)


@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    case = get_for_actor(actor, Case.objects.select_related("office"), request.GET.get("case"))
    if not may_write_office(actor, case.office_id):
        raise PermissionDenied
    form = RequestForm(request.POST or None, funds=selectors.funds_open_for_requests())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cofunders = []
        if data["cofunder_name"]:
            cofunders = [committee.CoFunding(data["cofunder_name"], cents(data["cofunder_amount"]))]
        try:
            created = committee.request_submit(
                actor=actor, case=case, fund=data["fund"], kind=data["kind"],
                amount=cents(data["amount"]), payee_name=data["payee_name"],
                payee_kind=data["payee_kind"], justification=data["justification"],
                cofunders=cofunders,
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Solicitud enviada al comité."))
            return redirect("support:request", created.pk)
    status = 400 if form.errors else 200
    return render(request, "support/request_form.html", {"form": form, "case": case}, status=status)


@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    found = selectors.request_for(actor, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            committee.request_decide(
                actor=actor, request=found, level=form.cleaned_data["level"],
                approved=form.cleaned_data["approved"],
                minutes_number=form.cleaned_data["minutes_number"], note=form.cleaned_data["note"],
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Decisión registrada."))
            return redirect("support:request", found.pk)
    if request.method == "GET":
        audit_record(actor=actor, action=Action.VIEW, target=found)
    levels = committee.required_levels(found)
    context = {
        "support_request": found,
        "form": form,
        "can_decide": found.status == RequestStatus.SUBMITTED
        and any(committee.may_decide(actor, found, level) for level in levels),
        "can_pay": found.status == RequestStatus.APPROVED and may_write(actor, found.fund),
        "is_bond": found.kind == RequestKind.BAIL_BOND,
        "can_manage_fund": may_write(actor, found.fund),
        "bond_form": BondCancelForm(),
    }
    return render(request, "support/request.html", context, status=400 if form.errors else 200)


@require_POST
def request_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Pay, or move a bond on: cancelled (with interest), refunded, breached."""
    actor = acting(request)
    found = selectors.request_for(actor, pk)
    try:
        if step == "pago":
            committee.request_pay(actor=actor, request=found)
        elif step == "cancelacion":
            form = BondCancelForm(request.POST)
            interest = form.cleaned_data["interest"] if form.is_valid() else None
            committee.bond_cancel(actor=actor, request=found, interest=cents(interest or 0))
        elif step == "reembolso":
            committee.bond_refund(actor=actor, request=found)
        elif step == "perdida":
            committee.bond_breach(actor=actor, request=found)
        else:
            raise PermissionDenied
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Movimiento registrado en el fondo."))
    return redirect("support:request", found.pk)
