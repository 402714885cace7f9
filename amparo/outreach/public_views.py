"""The public side of outreach (no sign-in): each consulate's upcoming events in Spanish
and English, its iCalendar feed, and per event a page with a QR code for sign-up or
self check-in and an anonymous feedback form. Nothing here shows anyone's data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.core.forms import apply_service_errors
from amparo.outreach import calendar, selectors, services
from amparo.outreach.forms import FeedbackForm, RegistrationForm
from amparo.outreach.qr import qr_svg


@login_not_required
@require_GET
def office_events(request: HttpRequest, slug: str) -> HttpResponse:
    office = selectors.public_office(slug)
    context = {"office": office, "events": selectors.public_events(office)[:100]}
    return render(request, "outreach/public/office.html", context)


@login_not_required
@require_GET
def office_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    office = selectors.public_office(slug)
    feed = calendar.office_feed(
        office, list(selectors.public_events(office)[:500]), request.build_absolute_uri("/")
    )
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{office.slug}.ics"'
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def event_page(request: HttpRequest, code: str) -> HttpResponse:
    event = selectors.public_event(code)
    form = RegistrationForm(request.POST or None, initial={"kind": "check_in"})
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_add(event=event, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("¡Gracias! Quedó registrado."))
            return redirect("outreach_public:event", code)
    context = {
        "event": event,
        "form": form,
        "qr": qr_svg(request.build_absolute_uri(reverse("outreach_public:event", args=[code]))),
    }
    return render(request, "outreach/public/event.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def event_feedback(request: HttpRequest, code: str) -> HttpResponse:
    event = selectors.public_event(code)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_add(event=event, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Gracias por su opinión."))
            return redirect("outreach_public:event", code)
    return render(request, "outreach/public/feedback.html", {"event": event, "form": form})
