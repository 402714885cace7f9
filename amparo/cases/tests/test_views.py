import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord, Action, Outcome
from amparo.cases.models import Case, CaseStatus, EventKind
from amparo.cases.services import case_record_notification
from amparo.cases.tests.factories import actor_for, open_case_as, person_in, subtype


def test_the_list_shows_only_the_offices_cases(as_user, alice, bob) -> None:  # type: ignore[no-untyped-def]
    mine = open_case_as(alice)
    theirs = open_case_as(bob)
    response = as_user(alice).get(reverse("cases:list"))
    body = response.content.decode()
    assert mine.folio in body
    assert theirs.folio not in body
    assert AccessRecord.objects.filter(user=alice, action=Action.LIST).exists()


def test_the_list_filters_by_status_flag_and_materia(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    detained = open_case_as(alice, flags={"is_detained": True})
    labour = open_case_as(alice, subtype=subtype("SALARIOS_NO_PAGADOS", "LABORAL"))
    client = as_user(alice)
    body = client.get(reverse("cases:list"), {"flags": "is_detained"}).content.decode()
    assert detained.folio in body and labour.folio not in body
    body = client.get(reverse("cases:list"), {"materia": labour.materia_id}).content.decode()
    assert labour.folio in body and detained.folio not in body
    body = client.get(reverse("cases:list"), {"status": "concluded"}).content.decode()
    assert detained.folio not in body and labour.folio not in body


def test_the_list_paginates(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    for _ in range(52):
        open_case_as(alice)
    client = as_user(alice)
    first = client.get(reverse("cases:list"))
    assert len(first.context["page"].items) == 50
    cursor = first.context["page"].next_cursor
    second = client.get(reverse("cases:list"), {"after": cursor})
    assert len(second.context["page"].items) == 2


def test_the_list_query_count_does_not_grow_with_rows(  # type: ignore[no-untyped-def]
    as_user, alice, carla, django_assert_num_queries, monkeypatch
) -> None:
    monkeypatch.setattr("amparo.cases.views.cases.PAGE_SIZE", 5)
    client = as_user(alice)
    open_case_as(alice, assigned_to=carla)
    client.get(reverse("cases:list"))  # warm up session and caches
    # session, user, device, memberships, page, audit, 3 filter choices; no count: the
    # only page shows every case
    with django_assert_num_queries(9):
        response = client.get(reverse("cases:list"))
    assert response.context["total"] == 1
    for _ in range(10):
        open_case_as(alice, assigned_to=carla)
    # the same plus the capped count, now that there is a next page
    with django_assert_num_queries(10):
        response = client.get(reverse("cases:list"))
    assert response.context["total"] == 11 and not response.context["more_than_cap"]


def test_another_office_gets_404_and_the_attempt_is_logged(as_user, alice, bob) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    client = as_user(bob)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("cases:assign", args=[case.pk])).status_code == 404
    response = client.post(reverse("cases:add_note", args=[case.pk]), {"text": "x"})
    assert response.status_code == 404
    assert case.events.count() == 1
    assert AccessRecord.objects.filter(
        user=bob, target_id=str(case.pk), outcome=Outcome.DENIED
    ).exists()
    assert client.get(reverse("cases:detail", args=[999_999])).status_code == 404


def test_the_detail_draws_the_timeline_and_is_audited(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    response = as_user(alice).get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    assert "Caso abierto" in response.content.decode()
    assert AccessRecord.objects.filter(
        user=alice, action=Action.VIEW, target_id=str(case.pk)
    ).exists()


def test_an_analyst_reads_but_sees_no_write_controls(as_user, alice, ana) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    client = as_user(ana)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    assert reverse("cases:add_note", args=[case.pk]) not in response.content.decode()
    assert client.post(reverse("cases:add_note", args=[case.pk]), {"text": "x"}).status_code == 404


def test_opening_a_case_for_a_person(as_user, alice, network) -> None:  # type: ignore[no-untyped-def]
    person = person_in(network.consulate_a)
    client = as_user(alice)
    url = reverse("cases:create") + f"?person={person.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "subtype": subtype().pk,
            "channel": "walk_in",
            "priority": "3",
            "is_detained": "on",
            "summary": "Detenido en redada",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.beneficiary == person and case.is_detained and case.priority == 3


def test_opening_for_a_hidden_person_is_404(as_user, alice, network) -> None:  # type: ignore[no-untyped-def]
    person = person_in(network.consulate_b)
    response = as_user(alice).get(reverse("cases:create") + f"?person={person.pk}")
    assert response.status_code == 404


def test_bad_input_when_opening_is_400_and_writes_nothing(as_user, alice, network) -> None:  # type: ignore[no-untyped-def]
    person = person_in(network.consulate_a)
    url = reverse("cases:create") + f"?person={person.pk}"
    assert re.search(
        r'<select name="subtype"[^>]*autofocus', as_user(alice).get(url).content.decode()
    )
    response = as_user(alice).post(url, {"subtype": "", "channel": "carrier-pigeon"})
    assert response.status_code == 400
    assert not Case.objects.exists()
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_note_through_htmx_returns_the_timeline_partial(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    response = as_user(alice).post(
        reverse("cases:add_note", args=[case.pk]),
        {"text": "Se llamó a la familia"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="timeline"')
    assert "Se llamó a la familia" in body
    assert "<html" not in body
    # Screen readers hear what was saved; the cursor returns to the note for the next one.
    assert '<p id="timeline-status" hx-swap-oob="innerHTML">Nota guardada.</p>' in body
    assert re.search(r'<textarea name="text"[^>]*autofocus', body)


def test_a_wrong_action_through_htmx_puts_the_cursor_on_the_wrong_field(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    response = as_user(alice).post(
        reverse("cases:add_action", args=[case.pk]),
        {"kind": "visit", "occurred_on": "", "summary": "Visita"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert re.search(r'<input type="date" name="occurred_on"[^>]*autofocus', body)
    assert "timeline-status" not in body and not case.events.filter(kind=EventKind.ACTION).exists()


def test_an_action_without_htmx_redirects_to_the_case(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    response = as_user(alice).post(
        reverse("cases:add_action", args=[case.pk]),
        {"kind": "visit", "occurred_on": _office_today(alice), "summary": "Visita"},
    )
    assert response.status_code == 302
    assert case.events.filter(kind=EventKind.ACTION).exists()


def test_closing_without_a_reason_is_refused_on_the_page(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    client = as_user(alice)
    url = reverse("cases:change_status", args=[case.pk])
    response = client.post(url, {"status": "concluded", "closure_reason": ""})
    assert response.status_code == 400
    assert "motivo de cierre" in response.content.decode()
    client.post(url, {"status": "concluded", "closure_reason": "withdrawn"})
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and case.closure_reason == "withdrawn"


def test_assigning_from_the_page(as_user, alice, carla) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    response = as_user(carla).post(
        reverse("cases:assign", args=[case.pk]), {"assigned_to": alice.pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == alice


def test_the_case_page_shows_the_notification_delay(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    arrested = timezone.now() - timedelta(days=5)
    case_record_notification(
        case=case,
        agency="Sheriff de Travis",
        arrested_at=arrested,
        learned_at=arrested + timedelta(hours=80),
        channel="phone",
        actor=actor_for(alice),
    )
    body = as_user(alice).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "3 días y 8 horas" in body
    assert "más de 72 horas" in body


def test_the_notification_form_rejects_learning_before_the_arrest(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    response = as_user(alice).post(
        reverse("cases:add_notification", args=[case.pk]),
        {
            "agency": "ICE",
            "arrested_at": "2025-03-02T10:00",
            "learned_at": "2025-03-01T10:00",
            "channel": "phone",
        },
    )
    assert response.status_code == 400
    assert not case.notifications.exists()


def test_every_form_page_renders_for_the_owner_and_hides_from_others(as_user, alice, bob) -> None:  # type: ignore[no-untyped-def]
    case = open_case_as(alice)
    owner, stranger = as_user(alice), as_user(bob)
    for name in ("assign", "change_status", "add_notification", "request_transfer"):
        url = reverse(f"cases:{name}", args=[case.pk])
        assert owner.get(url).status_code == 200, name
        assert stranger.get(url).status_code == 404, name


def test_opening_without_a_person_explains_what_to_do(as_user, alice, aurora) -> None:  # type: ignore[no-untyped-def]
    response = as_user(alice).get(reverse("cases:create"))
    assert response.status_code == 400
    assert "persona beneficiaria" in response.content.decode()
    assert as_user(aurora).get(reverse("cases:create")).status_code == 403


def test_the_taxonomy_forms_render_for_central_administration(as_user, adan) -> None:  # type: ignore[no-untyped-def]
    client = as_user(adan)
    for url in (
        reverse("cases:create_materia"),
        reverse("cases:edit_materia", args=[subtype().materia_id]),
        reverse("cases:create_subtype"),
        reverse("cases:edit_subtype", args=[subtype().pk]),
    ):
        assert client.get(url).status_code == 200, url


# The requester picker --------------------------------------------------------------------------
def test_the_requester_search_offers_people_in_scope_but_not_the_beneficiary(  # type: ignore[no-untyped-def]
    as_user, alice, network
) -> None:
    beneficiary = person_in(network.consulate_a, given_names="Rosa", first_surname="Quintanar")
    mother = person_in(network.consulate_a, given_names="Rosa", first_surname="Quintanares")
    elsewhere = person_in(network.consulate_b, given_names="Rosa", first_surname="Quintanarez")
    response = as_user(alice).get(
        reverse("cases:requester_options"),
        {"person": beneficiary.pk, "requester_q": "Rosa Quintanar"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'name="requester" value="{mother.pk}"' in html
    assert f'value="{beneficiary.pk}"' not in html and f'value="{elsewhere.pk}"' not in html
    assert AccessRecord.objects.filter(user=alice, action=Action.LIST, reason="search").exists()


def test_a_requester_picked_from_the_search_is_recorded_on_the_case(  # type: ignore[no-untyped-def]
    as_user, alice, network
) -> None:
    beneficiary, mother = person_in(network.consulate_a), person_in(network.consulate_a)
    url = reverse("cases:create") + f"?person={beneficiary.pk}"
    form = {"subtype": subtype().pk, "channel": "walk_in", "priority": "2"}
    client = as_user(alice)

    typed_but_not_picked = client.post(url, {**form, "requester_q": mother.first_surname})
    assert typed_but_not_picked.status_code == 400 and not Case.objects.exists()
    assert f'name="requester" value="{mother.pk}"' in typed_but_not_picked.content.decode()

    # The radio comes after the numeric field, so the picked person wins over an empty box.
    picked = client.post(
        url, {**form, "requester_q": mother.first_surname, "requester": ["", str(mother.pk)]}
    )
    assert picked.status_code == 302
    assert Case.objects.get().requester == mother


def test_filtering_by_materia_checks_it_against_the_listed_choices(  # type: ignore[no-untyped-def]
    as_user, alice, django_assert_num_queries
) -> None:
    case = open_case_as(alice)
    client = as_user(alice)
    client.get(reverse("cases:list"))
    # the same 9 queries as without filters: the materia is found among the listed choices
    with django_assert_num_queries(9):
        response = client.get(reverse("cases:list"), {"materia": case.materia_id})
    assert case.folio in response.content.decode()
    unknown = client.get(reverse("cases:list"), {"materia": "999999"})
    assert unknown.status_code == 200
    assert unknown.context["form"].errors["materia"]


def test_the_person_page_lists_their_cases_in_both_roles(as_user, alice, bob, network) -> None:  # type: ignore[no-untyped-def]
    person = person_in(network.consulate_a)
    theirs = open_case_as(alice, person=person)
    asked = open_case_as(alice, requester=person)
    client = as_user(alice)
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    fragment_url = reverse("cases:person_cases", args=[person.pk])
    assert f'hx-get="{fragment_url}"' in page
    fragment = client.get(fragment_url, HTTP_HX_REQUEST="true").content.decode()
    assert theirs.folio in fragment and asked.folio in fragment and "<html" not in fragment
    assert "Beneficiaria" in fragment and "Solicitante" in fragment
    assert "<html" in client.get(fragment_url).content.decode()  # without JavaScript, a page
    assert as_user(bob).get(fragment_url).status_code == 404


def _office_today(user: User) -> str:
    """Today in the user's office: the form checks dates in the office's day, not UTC's
    (from 00:00 to 06:00 UTC they differ in Chicago)."""
    return actor_for(user).office.local_today().isoformat()
