"""The alert button's public pages: the installable web app itself (its shell, manifest and
service worker, all under /boton/ so the worker's scope is the app), the activation page a
QR code opens, the guide to add it to the home screen, and a trusted contact's status page
behind a one-time code. None of them shows anything without a credential or a code."""

import hashlib
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.alerts import family
from amparo.alerts.enrolment import MAX_CONTACTS, PRIVACY_NOTICE_VERSION
from amparo.alerts.forms import FamilyCodeForm
from amparo.alerts.models import FamilyStatus, Language
from amparo.people.models import ContactRelation

# The neutral name and icon a person may choose, so the app does not say what it is.
NEUTRAL = {"name": "Notas", "short": "Notas", "icon": "alerts/icon-neutral"}
BRANDED = {"name": "Botón de alerta · Consulado de México", "short": "Alerta",
           "icon": "alerts/icon"}  # fmt: skip


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@login_not_required
@require_GET
def app(request: HttpRequest) -> HttpResponse:
    """The app shell: everything happens in static/alerts/button.js, offline too."""
    context = {"neutral": request.GET.get("n") == "1", "ciam_phone": settings.CIAM_PHONE}
    return render(request, "alerts/public/app.html", context)


@login_not_required
@require_GET
def activate(request: HttpRequest) -> HttpResponse:
    """Opened from the QR code: the one-time code is in the address's fragment, which the
    browser never sends, so it reaches no server log; the page trades it for the phone's
    credential through the API."""
    return _no_store(render(request, "alerts/public/activate.html"))


@login_not_required
@require_GET
def enrol(request: HttpRequest) -> HttpResponse:
    """Self-enrolment: the page talks to the device API (self_enrolment.py) and keeps the
    credential in IndexedDB, as the activation page does."""
    context = {"languages": Language.choices, "relations": ContactRelation.choices,
               "contact_slots": range(1, MAX_CONTACTS + 1)}  # fmt: skip
    return _no_store(render(request, "alerts/public/enrol.html", context))


@login_not_required
@require_GET
def contacts(request: HttpRequest) -> HttpResponse:
    """The registrant's trusted contacts, edited from the phone behind the PIN."""
    context = {"relations": ContactRelation.choices, "statuses": FamilyStatus.choices}
    return _no_store(render(request, "alerts/public/contacts.html", context))


@login_not_required
@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/public/notice.html", {"version": PRIVACY_NOTICE_VERSION})


@login_not_required
@require_GET
def install(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/public/install.html")


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    names = NEUTRAL if request.GET.get("n") == "1" else BRANDED
    start = reverse("alerts_public:app") + ("?n=1" if names is NEUTRAL else "")
    data = {
        "name": names["name"], "short_name": names["short"], "start_url": start,
        "scope": reverse("alerts_public:app"), "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#611232", "lang": "es-MX",
        "icons": [
            {"src": static(f"{names['icon']}.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static(f"{names['icon']}-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static(f"{names['icon']}-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }  # fmt: skip
    return JsonResponse(data, content_type="application/manifest+json")


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The worker, served from /boton/ so that it controls the app; it caches the shell
    and replays the outbox (static/alerts/outbox.js) when Background Sync fires."""
    shell = [reverse("alerts_public:app"), static("alerts/button.js"), static("alerts/outbox.js"),
             static("alerts/button.css"), static("css/app.css"), static("alerts/icon.svg")]  # fmt: skip
    context = {"shell": shell, "version": _shell_version(), "push": _push_texts()}
    response = render(request, "alerts/public/sw.js", context,
                      content_type="application/javascript")  # fmt: skip
    response["Cache-Control"] = "no-cache"
    return response


def _push_texts() -> dict[str, str]:
    """What a push notification may say on the lock screen (the same as the app's screen;
    with the neutral name, nothing about an alert)."""
    return {
        "title": _("Botón de alerta"),
        "neutral_title": NEUTRAL["name"],
        "neutral_body": _("Tiene una nota nueva."),
        "news": _("Hay novedades sobre su alerta."),
        "received": _("Alerta recibida. Su consulado ya fue avisado."),
        "acknowledged": _("Su consulado vio su alerta."),
        "help": _("Hay ayuda en camino."),
        "closed": _("Alerta terminada."),
        "test": _("Prueba recibida: el botón funciona."),
    }


def _shell_version() -> str:
    """A new version whenever the static files change (their hashed names), else stable."""
    names = static("alerts/button.js") + static("alerts/outbox.js") + static("alerts/button.css")
    return hashlib.sha256(names.encode()).hexdigest()[:12]


FAMILY_SESSION = "alerts_family"


def _verified(request: HttpRequest, access_id: int) -> bool:
    until = request.session.get(FAMILY_SESSION, {}).get(str(access_id), 0)
    return bool(until and until > time.time())


@login_not_required
@require_http_methods(["GET", "POST"])
def family_status(request: HttpRequest, token: str) -> HttpResponse:
    """A trusted contact's page: a code to their own phone first, then the status they may
    see. Unknown links answer 404 like any other."""
    access = family.access_for_token(token)
    if access is None:
        raise Http404
    form = FamilyCodeForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("step") == "send":
            family.send_code(access)
            messages.success(request, _("Le enviamos un código a su teléfono o correo."))
            return redirect(request.path)
        if form.is_valid() and family.check_code(access, form.cleaned_data["code"]):
            verified = request.session.get(FAMILY_SESSION, {})
            verified[str(access.pk)] = time.time() + family.VERIFIED_MINUTES * 60
            request.session[FAMILY_SESSION] = verified
            return redirect(request.path)
        messages.error(request, _("El código no es válido o ya venció."))
    context = {"verified": _verified(request, access.pk), "form": form}
    if context["verified"]:
        context["status"] = FamilyStatus(access.told).label if access.told else ""
        context["name"] = (access.alert.registrant.person.given_names.split() or [""])[0]
    return _no_store(render(request, "alerts/public/family.html", context))
