"""The detention pages, as the office uses them: record a detention from the case, plan a
visit, print its sheet, log it with someone found on the day, see the follow-ups and the
days since the last visit; advisories in one form; the report and the calendar feed."""

import re
from datetime import UTC, date, datetime

from django.urls import reverse
from icalendar import Calendar

from amparo.accounts.models import User
from amparo.cases.services.cases import case_record_notification
from amparo.cases.tests.factories import actor_for, open_case_as
from amparo.detention.advisories import advisory_record
from amparo.detention.calendar import feed_token
from amparo.detention.models import Advisory, Detention, Facility, FollowUp, Visit, VisitStatus
from amparo.detention.tests.factories import detain
from amparo.legal.tests.conftest import provider_with_contract


def test_a_detention_from_the_case_page(
    as_user, facilities: dict[str, Facility], alice: User
) -> None:
    case = open_case_as(alice, flags={"is_detained": True})
    officer = as_user(alice)
    assert (
        "Registrar detención"
        in officer.get(reverse("cases:detail", args=[case.pk])).content.decode()
    )
    url = reverse("detention:detention_create") + f"?case={case.pk}"
    created = officer.post(url, {"facility": facilities["a"].pk, "authority": "ice",
                                 "detained_on": "2026-03-01", "next_hearing_at": "2026-03-12T09:30"})  # fmt: skip
    assert created.status_code == 302, created.content.decode()[:3000]
    detention = Detention.objects.get()
    # Typed in Chicago's local time (consulate A): 09:30 CDT is 14:30 UTC.
    assert detention.next_hearing_at.isoformat() == "2026-03-12T14:30:00+00:00"  # type: ignore[union-attr]
    future = officer.post(
        url, {"facility": facilities["a"].pk, "authority": "ice", "detained_on": "2026-03-11"}
    )
    assert future.status_code == 400 and "futuro" in future.content.decode()


def test_plan_print_log_and_see_the_follow_ups(
    as_user, facilities: dict[str, Facility], alice: User
) -> None:
    held = detain(alice, facilities["a"])
    officer = as_user(alice)
    overview = officer.get(reverse("detention:overview")).content.decode()
    assert re.search(rf'data-facility="{facilities["a"].pk}".*?data-days>nunca<', overview, re.S)

    planned = officer.post(reverse("detention:visits"), {
        "facility": facilities["a"].pk, "planned_on": "2026-03-09", "starts_at": "09:30",
        "officers": [alice.pk],
    })  # fmt: skip
    assert planned.status_code == 302, planned.content.decode()[:3000]
    visit = Visit.objects.get()
    sheet = officer.get(reverse("detention:visit_sheet", args=[visit.pk])).content.decode()
    assert held.person.first_surname in sheet

    logged = officer.post(reverse("detention:visit_log", args=[visit.pk]), {
        "done_on": "2026-03-09",
        "known-TOTAL_FORMS": "1", "known-INITIAL_FORMS": "1",
        "known-0-detention": held.pk, "known-0-seen": "on", "known-0-wants_family_contact": "on",
        "known-0-wants_pale_referral": "on",
        "known-0-health": "Hipertensión",
        "found-TOTAL_FORMS": "3", "found-INITIAL_FORMS": "0",
        "found-0-given_names": "Rosa", "found-0-first_surname": "Méndez",
        "found-0-wants_pale_referral": "on",
    })  # fmt: skip
    assert logged.status_code == 302, logged.content.decode()[:3000]
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DONE
    assert sorted(FollowUp.objects.values_list("kind", flat=True)) == [
        "family_contact",
        "pale_referral",
        "pale_referral",
    ]
    overview = officer.get(reverse("detention:overview")).content.decode()
    assert re.search(rf'data-facility="{facilities["a"].pk}".*?data-days>1<', overview, re.S)
    assert "Contactar a la familia" in overview and "Canalizar al PALE" in overview
    # The referral form opens from the wish of someone with a case; Rosa, found on the day,
    # has none yet.
    refer = reverse("legal:referral_create")
    assert re.findall(rf'href="{refer}\?case=(\d+)"', overview) == [str(held.case_id)]
    assert "Méndez" in officer.get(reverse("detention:visit", args=[visit.pk])).content.decode()


def test_an_advisory_in_one_form(
    as_user, facilities: dict[str, Facility], alice: User, carla: User, areas
) -> None:
    provider = provider_with_contract(carla, "Clínica Legal UIC", areas)
    case = open_case_as(alice)
    officer = as_user(alice)
    saved = officer.post(reverse("detention:advisories"), {
        "matter": "labor", "result": "information", "minutes": "20", "modality": "phone",
        "folio": case.folio.lower(), "given_on": "2026-03-10", "given_by": f"u{alice.pk}",
    })  # fmt: skip
    assert saved.status_code == 302
    assert Advisory.objects.get().person == case.beneficiary
    anonymous = officer.post(reverse("detention:advisories"), {
        "matter": "immigration", "result": "information", "minutes": "10", "modality": "in_person",
        "anonymous_count": "4", "given_on": "2026-03-10", "given_by": f"p{provider.pk}",
    })  # fmt: skip
    assert anonymous.status_code == 302
    assert Advisory.objects.get(anonymous_count=4).provider == provider
    unknown = officer.post(reverse("detention:advisories"), {
        "matter": "labor", "result": "information", "minutes": "20", "modality": "phone",
        "folio": "ZZZ-2026-999999", "given_on": "2026-03-10", "given_by": f"u{alice.pk}",
    })  # fmt: skip
    assert unknown.status_code == 400 and "folio" in unknown.content.decode()
    page = officer.get(reverse("detention:advisories")).content.decode()
    assert "2 asesorías hoy" in page and "<td>Clínica Legal UIC</td>" in page
    assert '<optgroup label="Proveedores PALE con contrato">' in page
    for given_by in ("", "p999999", f"u{carla.pk + 1000}"):
        nobody = officer.post(reverse("detention:advisories"), {
            "matter": "labor", "result": "information", "minutes": "5", "modality": "phone",
            "anonymous_count": "1", "given_on": "2026-03-10", "given_by": given_by,
        })  # fmt: skip
        assert nobody.status_code == 400 and 'id="id_given_by_error"' in nobody.content.decode()
    assert Advisory.objects.count() == 2


def test_the_report_and_its_files(as_user, facilities: dict[str, Facility], alice: User) -> None:
    actor = actor_for(alice)
    advisory_record(actor=actor, office=actor.office, given_on=date(2026, 2, 3), matter="labor",
                    modality="phone", minutes=5, result="information", adviser=alice,
                    anonymous_count=3)  # fmt: skip
    officer = as_user(alice)
    page = officer.get(reverse("detention:report"), {"anio": "2026"}).content.decode()
    assert "Laboral" in page
    csv = officer.get(
        reverse("detention:report_file", args=["csv"]), {"anio": "2026"}
    ).content.decode()
    assert "TA,2,0,0,1,3" in csv.replace("\r", "")
    xlsx = officer.get(reverse("detention:report_file", args=["xlsx"]), {"anio": "2026"})
    assert xlsx.content[:2] == b"PK"


def test_the_calendar_feed_needs_a_valid_token(
    client, facilities: dict[str, Facility], alice: User
) -> None:
    held = detain(alice, facilities["a"])
    Detention.objects.filter(pk=held.pk).update(next_hearing_at="2026-03-12T14:30:00Z")
    held.case.assigned_to = alice  # type: ignore[union-attr]
    held.case.save(update_fields=["assigned_to"])  # type: ignore[union-attr]
    url = reverse("detention:calendar", args=[feed_token(alice)])
    feed = Calendar.from_ical(client.get(url).content)
    [hearing] = feed.walk("VEVENT")
    assert held.case.folio in str(hearing["summary"])  # type: ignore[union-attr]
    assert held.person.first_surname not in client.get(url).content.decode()
    assert feed.walk("VTIMEZONE")
    assert client.get(reverse("detention:calendar", args=["forged"])).status_code == 404
    alice.set_password("otra-contrasena-larga-2026")
    alice.save()
    assert client.get(url).status_code == 404  # a new password revokes the address


def test_the_detention_page_shows_the_cases_consular_notification(
    as_user, facilities: dict[str, Facility], alice: User
) -> None:
    held = detain(alice, facilities["a"])
    officer = as_user(alice)
    page = officer.get(reverse("detention:detention", args=[held.pk])).content.decode()
    assert "Sin notificación registrada." in page
    assert held.case is not None
    case_record_notification(
        case=held.case, agency="ICE Chicago", arrested_at=datetime(2026, 3, 1, 12, tzinfo=UTC),
        learned_at=datetime(2026, 3, 5, 15, tzinfo=UTC), channel="phone", actor=actor_for(alice),
    )  # fmt: skip
    page = officer.get(reverse("detention:detention", args=[held.pk])).content.decode()
    assert "ICE Chicago" in page and "4 d 3 h" in page and "tardía" in page
