"""Pages of the PALE network: the office's referrals and providers, referring a case (the
ranked candidates, consent and the fields to share), a referral as the office sees it, and
the provider's portal, where a lawyer sees only their referrals and only what was shared."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.accounts.access import get_for_actor, may_write, visible
from amparo.accounts.actor import Actor, acting
from amparo.accounts.models import Role
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.forms import AttachmentForm
from amparo.core.forms import apply_service_errors
from amparo.legal import invoices, ledes, renewals, selectors, services
from amparo.legal.candidates import candidates_for
from amparo.legal.deadlines import answer_due
from amparo.legal.follow_up_views import document_context
from amparo.legal.forms import (
    AnswerForm,
    BarAdmissionForm,
    ConcludeForm,
    ContractForm,
    FeeForm,
    InvoiceDecisionForm,
    InvoiceForm,
    ProviderContactForm,
    ProviderForm,
    ReferralForm,
    ReportForm,
    RevokeForm,
    shared_rows,
)
from amparo.legal.models import (
    Contract,
    ContractDocument,
    InvoiceLine,
    InvoiceStatus,
    Provider,
    Referral,
)
from amparo.legal.permissions import is_lawyer_of, may_manage
from amparo.legal.provider_views import renewal_prefix
from amparo.legal.warnings import contract_warnings
from amparo.network.models import JurisdictionArea


def referrals(request: HttpRequest) -> HttpResponse:
    """The office's referrals; a provider's lawyer goes to the portal instead."""
    actor = acting(request)
    if actor.role == Role.EXTERNAL_LAWYER:
        return redirect("legal:portal")
    found = selectors.referrals_for(actor).order_by("-sent_at")[:200]
    audit_record(actor=actor, action=Action.LIST, target_type="legal.referral")
    warnings = contract_warnings(actor, actor.office.local_today())
    return render(request, "legal/referrals.html", {"referrals": found, "warnings": warnings})


@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    case = selectors.case_to_refer(actor, request.GET.get("case"))
    ranked = candidates_for(case)
    choices = [(str(c.offer.provider_id), c.offer.provider_name) for c in ranked if c.eligible]
    form = ReferralForm(request.POST or None, providers=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        provider = Provider.objects.get(pk=data["provider"])  # one of the eligible, above
        try:
            referral = services.referral_send(
                actor=actor, case=case, provider=provider, share=data["share"],
                consent=services.Consent(data["consent"], data["consent_detail"]),
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Caso canalizado al PALE."))
            return redirect("legal:referral", referral.pk)
    context = {"case": case, "candidates": ranked, "form": form}
    return render(request, "legal/referral_form.html", context, status=400 if form.errors else 200)


def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    referral = selectors.referral_for(actor, pk)
    if is_lawyer_of(actor, referral):
        return redirect("legal:portal_referral", referral.pk)
    audit_record(actor=actor, action=Action.VIEW, target=referral)
    context = {
        **document_context(actor, referral),
        "answer_due": answer_due(referral.sent_at, referral.office),
        "referral": referral,
        "shared": shared_rows(services.shared_fields(referral)),
        "updates": visible(actor, referral.updates.select_related("author")),
        "can_revoke": may_write(actor, referral),
        "revoke_form": RevokeForm(),
        "invoice_lines": visible(actor, referral.invoice_lines.order_by("-month", "-id")),
    }
    return render(request, "legal/referral.html", context)


@require_POST
def referral_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    referral = selectors.referral_for(actor, pk)
    form = RevokeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Indique el motivo."))
        services.referral_revoke(actor=actor, referral=referral, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Canalización revocada: el proveedor ya no la ve."))
    return redirect("legal:referral", referral.pk)


def portal(request: HttpRequest) -> HttpResponse:
    """A provider's lawyer: the referrals open to their provider, a page at a time."""
    actor = acting(request)
    # Paginator counts through count() and slices, all PortalList does (the stubs ask more).
    referrals: Any = selectors.PortalList(actor)
    paginator: Paginator[selectors.PortalRow] = Paginator(referrals, selectors.PORTAL_PAGE)
    page = paginator.get_page(request.GET.get("pagina"))
    audit_record(actor=actor, action=Action.LIST, target_type="legal.referral", reason="portal")
    return render(request, "legal/portal.html", {"rows": page.object_list, "page": page})


@require_http_methods(["GET", "POST"])
def portal_referral(request: HttpRequest, pk: int) -> HttpResponse:
    """One referral as its provider sees it: the shared fields, and the provider's steps."""
    actor = acting(request)
    referral = selectors.referral_for(actor, pk)
    if not is_lawyer_of(actor, referral):
        raise PermissionDenied
    steps: dict[str, type[Form]] = {
        "answer": AnswerForm, "report": ReportForm, "conclude": ConcludeForm, "invoice": InvoiceForm,
    }  # fmt: skip
    forms: dict[str, Form] = {name: form() for name, form in steps.items()}
    if request.method == "POST":
        step = request.POST.get("step", "")
        form = steps.get(step)
        if form is None:
            raise PermissionDenied
        bound = forms[step] = form(request.POST)
        if bound.is_valid():
            try:
                _portal_step(actor, referral, step, bound.cleaned_data)
            except ValidationError as error:
                apply_service_errors(bound, error)
            else:
                messages.success(request, _("Registrado."))
                return redirect("legal:portal_referral", referral.pk)
    else:
        audit_record(actor=actor, action=Action.VIEW, target=referral, reason="portal")
    context = {
        **document_context(actor, referral), "upload_form": AttachmentForm(),
        "answer_due": answer_due(referral.sent_at, referral.office),
        "referral": referral, "shared": shared_rows(services.shared_fields(referral)),
        "updates": visible(actor, referral.updates.all()),
        **{f"{name}_form": f for name, f in forms.items()},
        "invoice_lines": visible(actor, referral.invoice_lines.order_by("-month", "-id")),
    }  # fmt: skip
    failed = any(f.errors for f in forms.values())
    return render(request, "legal/portal_referral.html", context, status=400 if failed else 200)


def _portal_step(actor: Actor, referral: Referral, step: str, data: dict[str, Any]) -> None:
    if step == "answer":
        services.referral_answer(
            actor=actor, referral=referral, accept=data["accept"], reason=data["reason"] or ""
        )
    elif step == "report":
        hearing = data["hearing_at"]
        if hearing is not None:  # typed in the office's local time
            hearing = timezone.make_aware(timezone.make_naive(hearing), referral.office.zone)
        services.referral_report(
            actor=actor, referral=referral, text=data["text"] or "", hearing_at=hearing
        )
    elif step == "invoice":
        amount = data["amount"]
        invoices.invoice_submit(
            actor=actor, referral=referral, month=data["month"], level=data["level"],
            hours=data["hours"], description=data["description"],
            amount=int(amount * 100) if amount is not None else None,
        )  # fmt: skip
    else:
        services.referral_conclude(
            actor=actor, referral=referral, outcome=data["outcome"], detail=data["detail"] or ""
        )


@require_http_methods(["GET", "POST"])
def providers(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    can_create = actor.role in (Role.HEAD_OF_OFFICE, Role.CENTRAL_ADMIN)
    form = ProviderForm(request.POST or None)
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                provider = services.provider_create(
                    actor=actor, office=actor.office, name=data["name"], kind=data["kind"],
                    materias=list(data["materias"]), languages=data["languages"],
                    phone=data["phone"], email=data["email"],
                    counties=list(JurisdictionArea.objects.filter(office=actor.office)),
                )  # fmt: skip
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Proveedor registrado."))
                return redirect("legal:provider", provider.pk)
    context = {"providers": selectors.providers_for(actor), "form": form, "can_create": can_create}
    return render(request, "legal/providers.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    provider = selectors.provider_for(actor, pk)
    can_manage = may_manage(actor, provider)
    form = ContractForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                contract = services.contract_create(
                    actor=actor, provider=provider, office=actor.office, starts_on=data["starts_on"],
                    ends_on=data["ends_on"], ceiling=int(data["ceiling"] * Decimal(100)),
                    capacity=data["capacity"],
                )  # fmt: skip
                services.contract_set_status(actor=actor, contract=contract, status="in_force")
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Contrato registrado y vigente."))
                return redirect("legal:provider", provider.pk)
    contracts = list(
        selectors.contracts_of(actor, provider)
        .select_related("renewal")
        .prefetch_related(
            "fees__materia",
            Prefetch("documents", queryset=visible(actor, ContractDocument.objects.all())),
        )
    )
    if can_manage:
        for contract in contracts:
            contract.renewal_form = renewal_form(contract)  # type: ignore[attr-defined]
    context = {
        "provider": provider, "contracts": contracts, "form": form, "can_manage": can_manage,
        "fee_form": FeeForm(), "admissions": visible(actor, provider.bar_admissions.all()),
        "contacts": visible(actor, provider.contacts.all()),
        "admission_form": BarAdmissionForm(prefix="bar"),
        "contact_form": ProviderContactForm(prefix="contact"),
    }  # fmt: skip
    return render(request, "legal/provider.html", context, status=400 if form.errors else 200)


def renewal_form(contract: Contract) -> ContractForm | None:
    """A renewal's form, filled with the next period, for a contract that may be renewed."""
    if contract.status not in renewals.RENEWABLE or hasattr(contract, "renewal"):
        return None
    length = contract.ends_on - contract.starts_on
    starts_on = contract.ends_on + timedelta(days=1)
    return ContractForm(prefix=renewal_prefix(contract), initial={
        "starts_on": starts_on, "ends_on": starts_on + length,
        "ceiling": Decimal(contract.ceiling) / 100, "capacity": contract.capacity,
    })  # fmt: skip


@require_POST
def invoice_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The office approves (within the contract's ceiling) or rejects an invoice line."""
    actor = acting(request)
    line = get_for_actor(actor, InvoiceLine.objects.all(), pk, write=True)
    form = InvoiceDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Indique la decisión."))
        invoices.invoice_decide(actor=actor, line=line, approve=form.cleaned_data["approve"],
                                reason=form.cleaned_data["reason"])  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Línea de factura resuelta."))
    return redirect("legal:referral", line.referral_id)


@require_GET
def contract_ledes(request: HttpRequest, pk: int) -> HttpResponse:
    """The contract's approved lines (of a month, with ?mes=YYYY-MM) as LEDES 1998B."""
    actor = acting(request)
    contract = get_for_actor(actor, Contract.objects.all(), pk)
    lines = visible(
        actor, contract.invoice_lines.filter(status=InvoiceStatus.APPROVED)
    ).select_related("office", "referral", "submitted_by")
    month = request.GET.get("mes", "")
    if month:
        try:
            year, number = (int(part) for part in month.split("-"))
            lines = lines.filter(month=date(year, number, 1))
        except ValueError:
            return HttpResponse(_("Mes no válido (AAAA-MM)."), status=400)
    audit_record(actor=actor, action=Action.EXPORT, target=contract, reason="ledes")
    response = HttpResponse(
        ledes.ledes_1998b(lines, invoice_date=actor.office.local_today()),
        content_type="text/plain; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="pale-{contract.pk}{"-" + month if month else ""}.txt"'
    )
    return response


@require_POST
def fee_set(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the hourly fee of a service level in a matter, for one contract."""
    actor = acting(request)
    contract = get_for_actor(actor, Contract.objects.all(), pk, write=True)
    form = FeeForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Indique nivel, materia y una tarifa mayor que cero."))
        invoices.fee_set(actor=actor, contract=contract, level=form.cleaned_data["level"],
                         materia=form.cleaned_data["materia"],
                         hourly=int(form.cleaned_data["hourly"] * 100))  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Tarifa registrada."))
    return redirect("legal:provider", contract.provider_id)
