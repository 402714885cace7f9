"""Pages of the PALE network: the office's referrals and providers, referring a case (the
ranked candidates, consent and the fields to share), a referral as the office sees it, and
the provider's portal, where a lawyer sees only their referrals and only what was shared."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amparo.accounts.access import get_for_actor, may_write
from amparo.accounts.actor import Actor, acting
from amparo.accounts.models import Role
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.cases.models import Case
from amparo.core.forms import apply_service_errors
from amparo.legal import selectors, services
from amparo.legal.candidates import candidates_for
from amparo.legal.forms import (
    AnswerForm,
    ConcludeForm,
    ContractForm,
    ProviderForm,
    ReferralForm,
    ReportForm,
    RevokeForm,
)
from amparo.legal.models import Referral
from amparo.legal.permissions import is_lawyer_of
from amparo.network.models import JurisdictionArea


def referrals(request: HttpRequest) -> HttpResponse:
    """The office's referrals; a provider's lawyer goes to the portal instead."""
    actor = acting(request)
    if actor.role == Role.EXTERNAL_LAWYER:
        return redirect("legal:portal")
    found = selectors.referrals_for(actor).order_by("-sent_at")[:200]
    audit_record(actor=actor, action=Action.LIST, target_type="legal.referral")
    return render(request, "legal/referrals.html", {"referrals": found})


@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    case = get_for_actor(actor, Case.objects.select_related("office", "beneficiary", "subtype__materia"),
                         request.GET.get("case"), write=True)  # fmt: skip
    ranked = candidates_for(case)
    choices = [(str(c.provider.pk), c.provider.name) for c in ranked if c.eligible]
    form = ReferralForm(request.POST or None, providers=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        provider = next(c.provider for c in ranked if str(c.provider.pk) == data["provider"])
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
        "referral": referral,
        "shared": services.shared_fields(referral),
        "updates": referral.updates.select_related("author"),
        "can_revoke": may_write(actor, referral),
        "revoke_form": RevokeForm(),
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
    """A provider's lawyer: the referrals open to their provider."""
    actor = acting(request)
    found = selectors.referrals_for(actor).order_by("-sent_at")[:200]
    audit_record(actor=actor, action=Action.LIST, target_type="legal.referral", reason="portal")
    rows = [(referral, services.shared_fields(referral).get("name", "")) for referral in found]
    return render(request, "legal/portal.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def portal_referral(request: HttpRequest, pk: int) -> HttpResponse:
    """One referral as its provider sees it: the shared fields, and the provider's steps."""
    actor = acting(request)
    referral = selectors.referral_for(actor, pk)
    if not is_lawyer_of(actor, referral):
        raise PermissionDenied
    forms = {"answer": AnswerForm(), "report": ReportForm(), "conclude": ConcludeForm()}
    if request.method == "POST":
        step = request.POST.get("step", "")
        form = {"answer": AnswerForm, "report": ReportForm, "conclude": ConcludeForm}.get(step)
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
        "referral": referral, "shared": services.shared_fields(referral),
        "updates": referral.updates.all(), **{f"{name}_form": f for name, f in forms.items()},
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
    can_manage = may_write(actor, provider) and actor.role in (
        Role.HEAD_OF_OFFICE,
        Role.CENTRAL_ADMIN,
    )
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
    context = {
        "provider": provider, "contracts": selectors.contracts_of(actor, provider),
        "form": form, "can_manage": can_manage,
    }  # fmt: skip
    return render(request, "legal/provider.html", context, status=400 if form.errors else 200)
