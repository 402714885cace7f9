"""The outreach pages, staff and public, through HTTP."""

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from amparo.accounts.models import User
from amparo.conftest import Network
from amparo.network.models import JurisdictionArea
from amparo.outreach.models import Event, EventReport, EventStatus, Feedback, Registration
from amparo.outreach.tests.conftest import NOW

pytestmark = pytest.mark.django_db

PLAN = {
    "kind": "",
    "title": "Taller DACA en Austin",
    "day": "2026-03-09",
    "start_time": "18:00",
    "end_time": "20:00",
    "modality": "in_person",
    "venue": "Biblioteca central",
    "state": "TX",
    "county": "Travis",
}


def _plan(client: Client) -> Event:
    from amparo.outreach.models import EventKind

    data = {**PLAN, "kind": EventKind.objects.get(code="workshop_daca").pk}
    response = client.post(reverse("outreach:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Event.objects.get()


def test_an_officer_plans_and_the_head_approves_in_the_office_time_zone(
    network: Network,
    alice: User,
    carla: User,
    travis: JurisdictionArea,
    as_user: Callable[..., Client],
    clock: object,
) -> None:
    event = _plan(as_user(alice))
    # 18:00 in Austin on 9 March (CDT) is 23:00 UTC.
    assert event.starts_at.isoformat() == "2026-03-09T23:00:00+00:00"
    page = as_user(alice).get(reverse("outreach:detail", args=[event.pk])).content.decode()
    assert "18:00 CDT" in page
    assert "Aprobar y publicar" not in page
    head = as_user(carla)
    response = head.post(reverse("outreach:approve", args=[event.pk]))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_an_end_before_the_start_is_a_clear_error_and_saves_nothing(
    alice: User, travis: JurisdictionArea, as_user: Callable[..., Client], clock: object
) -> None:
    from amparo.outreach.models import EventKind

    data = {**PLAN, "kind": EventKind.objects.get(code="workshop_daca").pk, "end_time": "17:00"}
    response = as_user(alice).post(reverse("outreach:create"), data)
    assert response.status_code == 200
    assert "El evento debe terminar después de empezar." in response.content.decode()
    assert not Event.objects.exists()


def test_the_public_page_and_feed_show_published_events_only_with_time_zone_blocks(
    network: Network,
    alice: User,
    published_event: Event,
    client: Client,
    clock: object,
    as_user: Callable[..., Client],
) -> None:
    Event.objects.create(
        office=network.consulate_a,
        kind=published_event.kind,
        title="Borrador interno",
        starts_at=published_event.starts_at,
        ends_at=published_event.ends_at,
        modality="online",
        online_url="https://example.org",
    )
    client.logout()
    page = client.get(reverse("outreach_public:office", args=[network.consulate_a.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    assert published_event.title in text and "Borrador interno" not in text
    feed = client.get(reverse("outreach_public:calendar", args=[network.consulate_a.slug]))
    assert feed["Content-Type"].startswith("text/calendar")
    ics = feed.content.decode()
    assert "BEGIN:VTIMEZONE" in ics and "TZID:America/Chicago" in ics
    assert "DTSTART;TZID=America/Chicago:20260309T" in ics
    assert "Borrador interno" not in ics
    english = client.get(
        reverse("outreach_public:office", args=[network.consulate_a.slug]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Upcoming events" in english.content.decode()


def test_someone_checks_in_from_the_qr_link_and_leaves_anonymous_feedback(
    published_event: Event, client: Client
) -> None:
    url = reverse("outreach_public:event", args=[published_event.public_code])
    with time_machine.travel(NOW + timedelta(days=7, minutes=10), tick=False):
        page = client.get(url)
        assert "<svg" in page.content.decode()
        refused = client.post(url, {"kind": "check_in", "name": "Rosa"})
        assert refused.status_code == 200
        assert not Registration.objects.exists()
        assert (
            client.post(url, {"kind": "check_in", "name": "Rosa", "consented": "on"}).status_code
            == 302
        )
        feedback = reverse("outreach_public:feedback", args=[published_event.public_code])
        assert client.post(feedback, {"rating": "5", "comment": "Útil"}).status_code == 302
    assert Registration.objects.get().name == "Rosa"
    assert Feedback.objects.get().rating == 5


def test_drafts_have_no_public_page(
    network: Network,
    alice: User,
    travis: JurisdictionArea,
    client: Client,
    as_user: Callable[..., Client],
    clock: object,
) -> None:
    event = _plan(as_user(alice))
    client.logout()
    assert client.get(reverse("outreach_public:event", args=[event.public_code])).status_code == 404
    assert client.get(reverse("outreach_public:office", args=["no-such-office"])).status_code == 404


def test_the_officer_records_the_headcount(
    published_event: Event, alice: User, as_user: Callable[..., Client]
) -> None:
    url = reverse("outreach:reach", args=[published_event.pk])
    data = {
        f"headcount_{s}_{b}": "0"
        for s in ("female", "male", "other")
        for b in ("under_18", "18_29", "30_59", "60_plus")
    }
    data |= {
        "headcount_female_30_59": "14",
        "headcount_male_18_29": "9",
        "live_viewers": "0",
        "later_views": "0",
        "reach_definition": "",
        "advisories_given": "3",
        "cases_opened": "1",
        "alert_enrolments": "2",
    }
    with time_machine.travel(NOW + timedelta(days=7, hours=3), tick=False):
        client = as_user(alice)
        bad = client.post(url, {**data, "headcount_male_18_29": "-4"})
        assert bad.status_code == 200 and not EventReport.objects.exists()
        assert client.post(url, data).status_code == 302
    report = EventReport.objects.get()
    assert (report.in_person, report.advisories_given, report.alert_enrolments) == (23, 3, 2)


def test_the_yearly_report_and_its_files(
    network: Network,
    published_event: Event,
    alice: User,
    ana: User,
    adan: User,
    as_user: Callable[..., Client],
) -> None:
    with time_machine.travel(NOW + timedelta(days=7, hours=3), tick=False):
        from amparo.outreach.services import Reach, event_record_reach
        from amparo.outreach.tests.conftest import actor_of

        event_record_reach(
            actor=actor_of(alice),
            event=published_event,
            reach=Reach(headcount={("female", "30_59"): 40}),
        )
    for user in (alice, ana):
        page = as_user(user).get(reverse("outreach:report") + "?year=2026")
        text = page.content.decode()
        assert page.status_code == 200
        assert f'src="{reverse("outreach:report_map")}?year=2026"' in text
        drawn = as_user(user).get(reverse("outreach:report_map") + "?year=2026")
        assert drawn["Content-Type"] == "image/svg+xml"
        svg = drawn.content.decode()
        assert svg.startswith("<svg") and "<title>Travis County (TX): 40</title>" in svg
    # The month-by-month table is one office's: the officer's own, or the one central
    # office picks from the table of offices.
    own = as_user(alice).get(reverse("outreach:report") + "?year=2026")
    assert "Por tipo y mes · Consulado A" in own.content.decode()
    # Kinds by month: March of 2026 holds the event and its 40 people, in the totals too.
    events, reach = own.context["events_grid"], own.context["reach_grid"]
    assert events.totals.cells[2] == 1 and reach.totals.cells[2] == 40
    assert reach.totals.total == 40 and sum(events.totals.cells) == 1
    from amparo.outreach.imports import COLUMNS, events_import

    line = "b1,open_door,Puertas abiertas B,2026-03-01,10:00,11:00,online,,,,,,https://example.org,0,5,0,Vistas,0,0"
    events_import(
        actor=actor_of(adan),
        office=network.consulate_b,
        content=f"{','.join(COLUMNS)}\n{line}\n".encode(),
        dry_run=False,
    )
    network_page = as_user(ana).get(reverse("outreach:report") + "?year=2026").content.decode()
    assert "Elija una representación" in network_page and "&amp;office=TA" in network_page
    picked = as_user(ana).get(reverse("outreach:report") + "?year=2026&office=ta").content.decode()
    assert "Por tipo y mes · Consulado A" in picked
    csv_file = as_user(alice).get(reverse("outreach:report") + "?year=2026&format=csv")
    assert "Consulado A" in csv_file.content.decode() and ",40" in csv_file.content.decode()
    xlsx = as_user(alice).get(reverse("outreach:report") + "?year=2026&format=xlsx")
    book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    counties = list(book["Por condado"].values)
    assert counties[1] == ("Travis County", "TX", "TA", 1, 40)


def test_import_checks_every_line_then_writes_all_or_nothing(
    network: Network,
    carla: User,
    alice: User,
    travis: JurisdictionArea,
    as_user: Callable[..., Client],
    clock: object,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from amparo.outreach.imports import COLUMNS

    header = ",".join(COLUMNS)
    good = "r1,workshop_rights,Taller,2026-01-10,10:00,12:00,in_person,Iglesia,,TX,Travis,,,30,0,0,,2,0"
    bad = "r2,workshop_rights,Taller,2026-01-10,12:00,10:00,in_person,Iglesia,,TX,Travis,,,-3,0,0,,0,0"
    client = as_user(carla)
    url = reverse("outreach:import")
    response = client.post(
        url,
        {
            "file": SimpleUploadedFile("e.csv", f"{header}\n{good}\n{bad}\n".encode()),
            "confirm": "1",
        },
    )
    text = response.content.decode()
    assert "Línea 3" in text
    assert not Event.objects.exists()
    response = client.post(
        url, {"file": SimpleUploadedFile("e.csv", f"{header}\n{good}\n".encode()), "confirm": "1"}
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.status, event.report.in_person) == (EventStatus.PUBLISHED, 30)
    assert (
        as_user(alice)
        .post(url, {"file": SimpleUploadedFile("e.csv", f"{header}\n{good}\n".encode())})
        .status_code
        == 403
    )


def test_central_administration_chooses_the_consulate_then_plans_in_its_time_zone(
    network: Network,
    adan: User,
    alice: User,
    travis: JurisdictionArea,
    as_user: Callable[..., Client],
    clock: object,
) -> None:
    from amparo.outreach.models import EventKind

    admin = as_user(adan)
    assert "Planear evento" in admin.get(reverse("outreach:list")).content.decode()
    chooser = admin.get(reverse("outreach:create")).content.decode()
    assert f'<option value="{network.consulate_a.code}">' in chooser
    assert f'<option value="{network.headquarters.code}">' not in chooser
    url = reverse("outreach:create") + f"?office={network.consulate_a.code}"
    assert "America/Chicago" in admin.get(url).content.decode()
    data = {**PLAN, "kind": EventKind.objects.get(code="workshop_daca").pk}
    assert admin.post(url, data).status_code == 302
    event = Event.objects.get()
    assert (event.office, event.starts_at.isoformat()) == (
        network.consulate_a,
        "2026-03-09T23:00:00+00:00",
    )
    # An officer's choice of another office is ignored: officers plan for their own.
    officer = as_user(alice).get(reverse("outreach:create") + f"?office={network.consulate_b.code}")
    assert network.consulate_a.time_zone in officer.content.decode()
