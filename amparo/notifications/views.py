"""Inbox, acknowledgements, the office's pending acknowledgements, the on-duty roster and
the staff member's own SMS number."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from amparo.accounts.access import get_for_actor
from amparo.accounts.actor import acting
from amparo.audit.models import Action
from amparo.audit.services import audit_record
from amparo.core.redirects import redirect_to_next
from amparo.notifications.forms import ShiftForm, StaffContactForm
from amparo.notifications.models import OnDutyShift, StaffContact
from amparo.notifications.permissions import (
    can_manage_roster,
    can_read_roster,
    can_supervise_acks,
)
from amparo.notifications.selectors import (
    NOTIFICATION_TARGET_TYPE,
    inbox_for,
    notification_for_recipient,
    pending_acks_for,
    shifts_visible_to,
    unread_count,
)
from amparo.notifications.services import (
    notification_acknowledge,
    shift_cancel,
    shift_schedule,
    staff_contact_set,
)

PAGE_SIZE = 25


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    page = Paginator(inbox_for(actor.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@require_GET
def badge(request: HttpRequest) -> HttpResponse:
    """The header badge; htmx polls it every 15 seconds."""
    actor = acting(request)
    pending, urgent = unread_count(actor.user)
    return render(request, "notifications/_badge.html", {"pending": pending, "urgent": urgent})


@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    notification = notification_for_recipient(actor, pk)
    notification_acknowledge(notification=notification, actor=actor)
    messages.success(request, _("Acuse registrado."))
    return redirect_to_next(request, "notifications:inbox")


@require_GET
def pending_acks(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    if not can_supervise_acks(actor):
        raise Http404
    page = Paginator(pending_acks_for(actor), PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(actor=actor, action=Action.LIST, target_type=NOTIFICATION_TARGET_TYPE)
    return render(request, "notifications/pending_acks.html", {"page": page})


@require_http_methods(["GET", "POST"])
def roster(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    if not can_read_roster(actor):
        raise Http404
    can_manage = can_manage_roster(actor)
    form = ShiftForm(request.POST or None, actor=actor) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                shift_schedule(actor=actor, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _message(error))
            else:
                messages.success(request, _("Guardia programada."))
                return redirect("notifications:roster")
    shifts = shifts_visible_to(actor)
    context = {"form": form, "shifts": shifts, "can_manage": can_manage}
    status = 400 if form is not None and form.is_bound else 200
    return render(request, "notifications/roster.html", context, status=status)


@require_POST
def cancel_shift(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting(request)
    if not can_manage_roster(actor):
        raise Http404
    shift = get_for_actor(actor, OnDutyShift.objects.select_related("office"), pk, write=True)
    try:
        shift_cancel(shift=shift, actor=actor)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, _("Guardia cancelada."))
    return redirect("notifications:roster")


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    current = StaffContact.objects.filter(user=actor.user).first()
    initial = {"phone_e164": current.phone_e164 if current else ""}
    form = StaffContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            staff_contact_set(phone_e164=form.cleaned_data["phone_e164"], actor=actor)
        except ValidationError as error:
            form.add_error("phone_e164", _message(error))
        else:
            messages.success(request, _("Número guardado."))
            return redirect("notifications:contact")
    status = 400 if form.is_bound else 200
    return render(request, "notifications/contact.html", {"form": form}, status=status)


def _message(error: Exception) -> ValidationError:
    if isinstance(error, ValidationError):
        return ValidationError(error.messages)
    return ValidationError(_("No tiene permiso para esta operación."))


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """Staff's push worker (static text, no data), served under /avisos/ for its scope."""
    texts = {"title": "Amparo", "body": _("Tiene un aviso urgente. Ábralo en Amparo.")}
    response = render(request, "notifications/sw.js", texts, content_type="application/javascript")
    response["Cache-Control"] = "no-cache"
    return response
