"""Legal advisories in seconds: one short form, the cursor on the first field, Enter saves
and brings back a blank form with today's list below."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from amparo.accounts.access import visible
from amparo.accounts.actor import acting
from amparo.cases.folios import typed_folio
from amparo.cases.models import Case
from amparo.cases.permissions import assignable_officers
from amparo.core.forms import apply_service_errors
from amparo.detention import advisories, selectors
from amparo.detention.forms import AdvisoryForm
from amparo.detention.models import Modality
from amparo.legal.directory import under_contract_on


@require_http_methods(["GET", "POST"])
def advisory_quick(request: HttpRequest) -> HttpResponse:
    actor = acting(request)
    today = actor.office.local_today()
    form = AdvisoryForm(request.POST or None, initial={
        "given_on": today, "modality": Modality.PHONE, "minutes": 15, "anonymous_count": 1,
        "given_by": f"u{actor.user.pk}",
    }, staff=assignable_officers(actor.office_id),
       providers=under_contract_on(actor.office_id, today))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = None
        if data["folio"]:
            folio = typed_folio(data["folio"].strip()) or ""
            case = (
                visible(actor, Case.objects.select_related("beneficiary"))
                .filter(folio=folio)
                .first()
            )
            if case is None:
                form.add_error("folio", _("No hay un caso con ese folio a su alcance."))
            else:
                person = case.beneficiary
        if not form.errors:
            try:
                advisories.advisory_record(
                    actor=actor, office=actor.office, given_on=data["given_on"], matter=data["matter"],
                    modality=data["modality"], minutes=data["minutes"], result=data["result"],
                    adviser=data["adviser"], provider=data["provider"],
                    person=person, anonymous_count=0 if person else (data["anonymous_count"] or 0),
                )  # fmt: skip
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Asesoría registrada."))
                return redirect("detention:advisories")
    todays = selectors.advisories_for(actor).filter(office=actor.office, given_on=today)[:100]
    context = {"form": form, "todays": todays, "today": today}
    return render(request, "detention/advisories.html", context, status=400 if form.errors else 200)
