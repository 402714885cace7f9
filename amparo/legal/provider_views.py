"""The provider page's forms for the head of the coordinating office: bar admissions (added,
verified, removed), contacts, a contract's renewal and its status. Each posts here and
returns to the provider's page with what happened."""

from collections.abc import Callable
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import acting
from amparo.legal import provider_records, renewals, selectors, services
from amparo.legal.forms import (
    BarAdmissionForm,
    ContractForm,
    ContractStatusForm,
    ProviderContactForm,
    VerificationForm,
)
from amparo.legal.models import BarAdmission, Contract, ProviderContact


def _posted(
    request: HttpRequest, form: Form, write: Callable[[dict], object], done: str, provider_id: int
) -> HttpResponse:
    """Run `write` with the form's data; say what happened and go back to the provider."""
    try:
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        write(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("legal:provider", provider_id)


def _form_errors(form: Form) -> list[str]:
    """Each field's errors after its label, for a message above the page."""
    return [
        f"{form.fields[name].label}: {' '.join(str(e) for e in errors)}"
        if name in form.fields else " ".join(str(e) for e in errors)
        for name, errors in form.errors.items()
    ]  # fmt: skip


@require_POST
def bar_admission_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    provider = selectors.provider_for(actor, pk)
    return _posted(
        request, BarAdmissionForm(request.POST, prefix="bar"),
        lambda data: provider_records.bar_admission_add(actor=actor, provider=provider, **data),
        _("Colegiación registrada."), provider.pk,
    )  # fmt: skip


@require_POST
def bar_admission_verify(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    admission = get_for_actor(
        actor, BarAdmission.objects.select_related("provider"), pk, write=True
    )
    return _posted(
        request, VerificationForm(request.POST, prefix=f"verify-{admission.pk}"),
        lambda data: provider_records.bar_admission_verify(
            actor=actor, admission=admission, verified_on=data["verified_on"]),
        _("Verificación registrada."), admission.provider_id,
    )  # fmt: skip


@require_POST
def bar_admission_remove(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    admission = get_for_actor(
        actor, BarAdmission.objects.select_related("provider"), pk, write=True
    )
    provider_records.bar_admission_remove(actor=actor, admission=admission)
    messages.success(request, _("Colegiación eliminada."))
    return redirect("legal:provider", admission.provider_id)


@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    provider = selectors.provider_for(actor, pk)
    return _posted(
        request, ProviderContactForm(request.POST, prefix="contact"),
        lambda data: provider_records.contact_add(actor=actor, provider=provider, **data),
        _("Contacto registrado."), provider.pk,
    )  # fmt: skip


@require_POST
def contact_remove(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    contact = get_for_actor(
        actor, ProviderContact.objects.select_related("provider"), pk, write=True
    )
    provider_records.contact_remove(actor=actor, contact=contact)
    messages.success(request, _("Contacto eliminado."))
    return redirect("legal:provider", contact.provider_id)


@require_POST
def contract_renew(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    contract = get_for_actor(
        actor, Contract.objects.select_related("office", "provider"), pk, write=True
    )
    return _posted(
        request, ContractForm(request.POST, prefix=renewal_prefix(contract)),
        lambda data: renewals.contract_renew(
            actor=actor, contract=contract, starts_on=data["starts_on"], ends_on=data["ends_on"],
            ceiling=int(data["ceiling"] * Decimal(100)), capacity=data["capacity"]),
        _("Renovación registrada como borrador: póngala en vigor cuando se firme."),
        contract.provider_id,
    )  # fmt: skip


@require_POST
def contract_status(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    contract = get_for_actor(actor, Contract.objects.select_related("office"), pk, write=True)
    return _posted(
        request, ContractStatusForm(request.POST),
        lambda data: services.contract_set_status(
            actor=actor, contract=contract, status=data["status"]),
        _("Estatus del contrato actualizado."), contract.provider_id,
    )  # fmt: skip


def renewal_prefix(contract: Contract) -> str:
    return f"renew-{contract.pk}"
