"""Enrolling a person at the consulate: the enrolment form (from the person's page), then
the enrolment's page with its trusted contacts, its phones and the QR code that activates
a phone."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import acting
from amparo.alerts import enrolment, selectors
from amparo.alerts.forms import ContactForm, EnrolForm
from amparo.alerts.models import Device, TrustedContact
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.forms import apply_service_errors
from amparo.outreach.qr import qr_svg
from amparo.people.duplicates import likely_duplicates
from amparo.people.models import Person


@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    person = get_for_actor(actor, Person.objects.all(), request.GET.get("person"), write=True)
    enrolled = selectors.enrolment_of(actor, person.pk)
    if enrolled is not None:
        return redirect("alerts:registrant", enrolled.pk)
    form = EnrolForm(request.POST or None, initial={"phone": person.phone})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registrant = enrolment.registrant_enrol(
                actor=actor, person=person, phone=data["phone"], pin=data["pin"],
                duress_pin=data["duress_pin"] or "", language=data["language"],
                notice_accepted=data["notice_accepted"],
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Persona inscrita. Agregue sus contactos y active su teléfono.")
            )
            return redirect("alerts:registrant", registrant.pk)
    context = {"person": person, "form": form}
    return render(request, "alerts/enrol.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET"])
def registrant(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    found = selectors.registrant_for(actor, pk)
    audit_record(actor=actor, action=Action.VIEW, target=found)
    context = {
        "registrant": found, "contacts": visible(actor, found.contacts.all()),
        "devices": visible(actor, found.devices.all()), "contact_form": ContactForm(),
        "alerts": visible(actor, found.alerts.order_by("-received_at"))[:20],
        # Enrolled from the phone: nobody checked who they are; offer the likely matches.
        "duplicates": likely_duplicates(actor, found.person) if found.self_enrolled else [],
    }  # fmt: skip
    return render(request, "alerts/registrant.html", context)


@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    found = selectors.registrant_for(actor, pk, write=True)
    form = ContactForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
        data = form.cleaned_data
        enrolment.contact_add(actor=actor, registrant=found, contact=enrolment.ContactIn(
            name=data["name"], relation=data["relation"], phone=data["phone"],
            email=data["email"], language=data["language"], sees=tuple(data["sees"])))  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Contacto de confianza agregado."))
    return redirect("alerts:registrant", found.pk)


@require_POST
def contact_remove(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    contact = get_for_actor(actor, TrustedContact.objects.select_related("registrant"), pk,
                            write=True)  # fmt: skip
    enrolment.contact_remove(actor=actor, contact=contact)
    messages.success(request, _("Contacto eliminado."))
    return redirect("alerts:registrant", contact.registrant_id)


@require_POST
def activation_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """A one-time code, shown as a QR code the person scans with the phone to activate."""
    actor = acting(request)
    found = selectors.registrant_for(actor, pk, write=True)
    code = enrolment.provisioning_code_issue(actor=actor, registrant=found)
    url = request.build_absolute_uri(reverse("alerts_public:activate")) + f"#{code}"
    context = {"registrant": found, "qr": qr_svg(url), "url": url,
               "minutes": enrolment.PROVISIONING_MINUTES}  # fmt: skip
    response = render(request, "alerts/activation_qr.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def device_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    device = get_for_actor(actor, Device.objects.select_related("registrant"), pk, write=True)
    enrolment.device_revoke(actor=actor, device=device)
    messages.success(request, _("Teléfono revocado: ya no puede enviar alertas."))
    return redirect("alerts:registrant", device.registrant_id)


@require_POST
def end(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    found = selectors.registrant_for(actor, pk, write=True)
    enrolment.registrant_end(actor=actor, registrant=found)
    messages.success(request, _("Inscripción dada de baja: se borraron sus contactos y teléfonos."))
    return redirect("people:detail", found.person_id)
