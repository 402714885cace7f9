"""Pages of the economic-support fund: funds with balances, deposits and office allocations,
the statement for a period (each figure a link to its entries), the requests (the
committee's queue), a request with its decisions, payment, the bond's life and the
repatriation's logistics."""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amparo.accounts.access import get_for_actor, may_write, may_write_office
from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.core.forms import apply_service_errors
from amparo.support import committee, logistics, selectors, services, statements
from amparo.support.forms import (
    AllocationForm,
    BondCancelForm,
    DecisionForm,
    DepositForm,
    LedgerQueryForm,
    LogisticsForm,
    RequestForm,
    cents,
)
from amparo.support.models import Fund, RequestKind, RequestStatus, SupportRequest


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
    return _fund_page(request, fund, deposit_form=form)


def _fund_page(
    request: HttpRequest,
    fund: Fund,
    *,
    deposit_form: DepositForm | None = None,
    allocation_form: AllocationForm | None = None,
) -> HttpResponse:
    deposit_form = deposit_form or DepositForm()
    allocation_form = allocation_form or AllocationForm()
    context = {
        "fund": fund,
        "accounts": selectors.accounts_of(fund),
        "postings": selectors.statement(fund)[:200],
        "form": deposit_form,
        "allocation_form": allocation_form,
        "can_write": may_write(acting(request), fund),
    }
    failed = deposit_form.errors or allocation_form.errors
    return render(request, "support/fund.html", context, status=400 if failed else 200)


@require_POST
def fund_allocate(request: HttpRequest, pk: int) -> HttpResponse:
    """Set part of the fund aside for one office."""
    actor = acting(request)
    fund = selectors.fund_for(actor, pk)
    if not may_write(actor, fund):
        raise PermissionDenied
    form = AllocationForm(request.POST)
    if form.is_valid():
        try:
            services.allocate(
                actor=actor, fund=fund, office=form.cleaned_data["office"],
                amount=cents(form.cleaned_data["amount"]),
                idempotency_key=form.cleaned_data["idempotency_key"],
                memo=form.cleaned_data["memo"],
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Asignación registrada."))
            return redirect("support:fund", fund.pk)
    return _fund_page(request, fund, allocation_form=form)


def _ledger_query(request: HttpRequest, fund: Fund) -> LedgerQueryForm:
    """The statement's filters, by default the fund's period (`selectors.default_period`)."""
    params = request.GET.copy()
    if not params.get("desde") and not params.get("hasta"):
        params["desde"], params["hasta"] = (
            day.isoformat() for day in selectors.default_period(fund)
        )
    return LedgerQueryForm(params, fund=fund)


@require_http_methods(["GET"])
def fund_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """The statement for a period, of the whole fund or one office's allocation: opening
    balance, what each kind of entry added or took, closing balance, each a link."""
    actor = acting(request)
    fund = selectors.fund_for(actor, pk)
    form = _ledger_query(request, fund)
    context: dict[str, object] = {"fund": fund, "form": form}
    if form.is_valid():
        query = form.query()
        start, end = selectors.period(fund, query.start, query.end)
        summary = selectors.summary(fund, start, end, query.office)
        context.update(summary=summary, rows=_summary_rows(fund, summary))
        audit_record(actor=actor, action=Action.VIEW, target=fund, reason="statement")
    return render(request, "support/summary.html", context, status=200 if form.is_valid() else 400)


def _summary_rows(fund: Fund, summary: selectors.Summary) -> list[dict[str, object]]:
    """The statement's lines, each with the address of the entries that make it up."""
    office = summary.office.code if summary.office else ""
    start, end = summary.start.isoformat(), summary.end.isoformat()

    def entries_url(**params: str) -> str:
        chosen = {key: value for key, value in {**params, "oficina": office}.items() if value}
        return f"{reverse('support:fund_entries', args=[fund.pk])}?{urlencode(chosen)}"

    before = (summary.start - timedelta(days=1)).isoformat()
    rows: list[dict[str, object]] = [
        {"label": _("Saldo inicial"), "amount": summary.opening_total, "kind": "opening",
         "href": entries_url(hasta=before)},
    ]  # fmt: skip
    for line in summary.lines:
        rows.append({
            "label": line.label, "amount": line.change, "moved": line.moved, "kind": line.kind,
            "href": entries_url(desde=start, hasta=end, tipo=line.kind),
        })  # fmt: skip
    rows.append(
        {"label": _("Saldo final"), "amount": summary.closing_total, "kind": "closing",
         "href": entries_url(hasta=end)}
    )  # fmt: skip
    return rows


@require_http_methods(["GET"])
def fund_entries(request: HttpRequest, pk: int) -> HttpResponse:
    """The entries behind a figure of the statement."""
    actor = acting(request)
    fund = selectors.fund_for(actor, pk)
    form = LedgerQueryForm(request.GET, fund=fund)
    context: dict[str, object] = {"fund": fund, "form": form}
    if form.is_valid():
        context["postings"] = selectors.entries(fund, form.query())[:500]
        audit_record(
            actor=actor, action=Action.LIST, target_type="support.posting", reason="entries"
        )
    return render(request, "support/entries.html", context, status=200 if form.is_valid() else 400)


@require_http_methods(["GET"])
def fund_statement(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """The entries (with the statement's filters) and the trial balance as CSV or XLSX,
    audited as an export."""
    actor = acting(request)
    fund = selectors.fund_for(actor, pk)
    form = LedgerQueryForm(request.GET, fund=fund)
    if not form.is_valid():
        return HttpResponse(" ".join(str(e) for e in form.errors.values()), status=400)
    audit_record(actor=actor, action=Action.EXPORT, target=fund, reason=f"statement.{extension}")
    postings = selectors.entries(fund, form.query())
    if extension == "xlsx":
        content: str | bytes = statements.statement_xlsx(fund, postings)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, kind = statements.statement_csv(fund, postings), "text/csv; charset=utf-8"
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
    form = RequestForm(
        request.POST or None, initial={"currency": "USD"},
        funds=selectors.funds_open_for_requests(), documents=case.attachments.all(),
    )  # fmt: skip
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
                cofunders=cofunders, currency=data["currency"],
                document_ids=[document.pk for document in data["documents"]],
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
                exchange_rate=form.cleaned_data["exchange_rate"],
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Decisión registrada."))
            return redirect("support:request", found.pk)
    if request.method == "GET":
        audit_record(actor=actor, action=Action.VIEW, target=found)
    return _request_page(request, found, decision_form=form)


def _request_page(
    request: HttpRequest,
    found: SupportRequest,
    *,
    decision_form: DecisionForm | None = None,
    logistics_form: LogisticsForm | None = None,
) -> HttpResponse:
    actor = acting(request)
    form = decision_form or DecisionForm()
    if not committee.is_cross_currency(found):
        del form.fields["exchange_rate"]
    levels = committee.required_levels(found)
    can_decide = found.status == RequestStatus.SUBMITTED and any(
        committee.may_decide(actor, found, level) for level in levels
    )
    short_of = None
    if can_decide and not committee.is_cross_currency(found):
        available = selectors.available_for(found)
        short_of = available if available < found.amount else None
    context = {
        "short_of": short_of,
        "support_request": found,
        "form": form,
        "cross_currency": committee.is_cross_currency(found),
        "checklist": logistics.checklist(found),
        "logistics_form": logistics_form,
        "can_record_logistics": may_write(actor, found) and found.status != RequestStatus.REJECTED,
        "documents": found.documents.all(),
        "can_decide": can_decide,
        "can_pay": found.status == RequestStatus.APPROVED and may_write(actor, found.fund),
        "is_bond": found.kind == RequestKind.BAIL_BOND,
        "can_manage_fund": may_write(actor, found.fund),
        "bond_form": BondCancelForm(),
    }
    failed = form.errors or (logistics_form is not None and logistics_form.errors)
    return render(request, "support/request.html", context, status=400 if failed else 200)


@require_POST
def request_logistics(request: HttpRequest, pk: int) -> HttpResponse:
    """Record one item of a repatriation's checklist."""
    actor = acting(request)
    found = selectors.request_for(actor, pk)
    form = LogisticsForm(request.POST)
    if form.is_valid():
        try:
            logistics.logistics_record(
                actor=actor, request=found, step=form.cleaned_data["step"],
                done_on=form.cleaned_data["done_on"], detail=form.cleaned_data["detail"],
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Paso de la logística registrado."))
            return redirect("support:request", found.pk)
    return _request_page(request, found, logistics_form=form)


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
