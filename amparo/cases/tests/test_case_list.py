"""The case list at scale: keyset pages, capped count, search, office filter, query count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from amparo.cases import keyset
from amparo.cases.forms import CaseFilterForm
from amparo.cases.models import Priority
from amparo.cases.selectors import SORTS, CaseFilters, case_list, case_page, seek_condition_sql
from amparo.cases.tests.factories import actor_for, open_case_as, person_in

API = "/api/v1/cases"


@pytest.fixture
def tied_cases(alice, bob):  # type: ignore[no-untyped-def]
    """Eleven of alice's cases, seven opened at the very same instant, mixed priorities;
    and one of bob's that must never show up."""
    moment = timezone.now() - timedelta(days=3)
    cases = [
        open_case_as(alice, opened_at=moment, priority=Priority.HIGH if n % 2 else Priority.LOW)
        for n in range(7)
    ]
    cases += [open_case_as(alice, opened_at=moment - timedelta(hours=n)) for n in range(1, 5)]
    open_case_as(bob, opened_at=moment)
    return cases


def walk_forward(actor, filters, size):  # type: ignore[no-untyped-def]
    seen, cursor, pages = [], "", 0  # type: ignore[var-annotated]
    while True:
        page = case_page(actor, filters, size=size, after=cursor)
        seen += [case.pk for case in page.items]
        pages += 1
        if not page.has_next:
            return seen, page, pages
        cursor = page.next_cursor or ""


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_keyset_pages_neither_skip_nor_repeat_rows_with_ties(alice, tied_cases, sort) -> None:  # type: ignore[no-untyped-def]
    actor = actor_for(alice)
    filters = CaseFilters(sort=sort)
    expected = list(case_list(actor, filters).values_list("pk", flat=True))
    assert len(expected) == 11
    seen, last_page, pages = walk_forward(actor, filters, size=3)
    assert seen == expected
    assert pages == 4
    # and back again from the last page
    back, page = [case.pk for case in last_page.items], last_page
    while page.has_previous:
        page = case_page(actor, filters, size=3, before=page.previous_cursor)
        back = [case.pk for case in page.items] + back
    assert back == expected


def test_a_cursor_from_another_sort_or_tampered_is_refused(alice, tied_cases) -> None:  # type: ignore[no-untyped-def]
    actor = actor_for(alice)
    page = case_page(actor, CaseFilters(), size=3)
    assert page.next_cursor is not None
    with pytest.raises(keyset.InvalidCursorError):
        case_page(actor, CaseFilters(sort="folio"), size=3, after=page.next_cursor)
    with pytest.raises(keyset.InvalidCursorError):
        case_page(actor, CaseFilters(), size=3, after=page.next_cursor[:-2] + "xx")


def test_the_seek_condition_bounds_the_first_column_for_the_index() -> None:
    sql = seek_condition_sql(("-opened_at", "-id"))
    assert '"opened_at" <=' in sql
    assert '"id" <' in sql


def test_the_list_pages_with_cursors_and_shows_a_capped_count(  # type: ignore[no-untyped-def]
    as_user, alice, tied_cases, monkeypatch
) -> None:
    monkeypatch.setattr("amparo.cases.selectors.LIST_COUNT_CAP", 5)
    monkeypatch.setattr("amparo.cases.views.cases.PAGE_SIZE", 4)
    client = as_user(alice)
    first = client.get(reverse("cases:list"), {"status": "open"})
    assert "Más de 5 casos" in first.content.decode()
    page = first.context["page"]
    assert len(page.items) == 4 and page.has_next and not page.has_previous
    second = client.get(reverse("cases:list"), {"status": "open", "after": page.next_cursor})
    assert {c.pk for c in second.context["page"].items}.isdisjoint(c.pk for c in page.items)
    assert "before=" in second.content.decode()
    stale = client.get(reverse("cases:list"), {"after": "garbage"})
    assert stale.status_code == 200  # a broken link starts over at the first page
    assert len(stale.context["page"].items) == 4


def test_the_list_searches_by_folio_prefix_and_by_beneficiary_name(as_user, alice) -> None:  # type: ignore[no-untyped-def]
    office = actor_for(alice).office
    maria = open_case_as(
        alice, person=person_in(office, given_names="María José", first_surname="Zamudio")
    )
    other = open_case_as(alice, person=person_in(office, given_names="Pedro"))
    client = as_user(alice)
    body = client.get(reverse("cases:list"), {"q": "zamudio maría"}).content.decode()
    assert maria.folio in body and other.folio not in body
    body = client.get(reverse("cases:list"), {"q": other.folio.lower()}).content.decode()
    assert other.folio in body and maria.folio not in body
    body = client.get(reverse("cases:list"), {"q": other.folio[:3] + "2"}).content.decode()
    assert other.folio in body and maria.folio in body  # "TA-2…" is a folio prefix


def test_central_roles_filter_by_office_and_officers_cannot_see_the_field(  # type: ignore[no-untyped-def]
    as_user, alice, bob, ana, network
) -> None:
    mine, theirs = open_case_as(alice), open_case_as(bob)
    body = (
        as_user(ana).get(reverse("cases:list"), {"office": network.consulate_b.pk}).content.decode()
    )
    assert theirs.folio in body and mine.folio not in body
    response = as_user(alice).get(reverse("cases:list"), {"office": network.consulate_b.pk})
    assert "office" not in response.context["form"].fields
    assert theirs.folio not in response.content.decode()


def test_the_list_query_count_stays_the_same_on_deep_pages(  # type: ignore[no-untyped-def]
    as_user, alice, carla, django_assert_num_queries, monkeypatch
) -> None:
    monkeypatch.setattr("amparo.cases.views.cases.PAGE_SIZE", 2)
    client = as_user(alice)
    for _ in range(7):
        open_case_as(alice, assigned_to=carla)
    first = client.get(reverse("cases:list"))
    cursor = first.context["page"].next_cursor
    # session, user, device, memberships, page, capped count, audit, 3 filter choices
    with django_assert_num_queries(10):
        third = client.get(reverse("cases:list"), {"after": cursor})
    cursor = third.context["page"].next_cursor
    with django_assert_num_queries(10):
        client.get(reverse("cases:list"), {"after": cursor, "flags": "is_minor"})


def test_the_api_pages_with_cursors(as_user, alice, tied_cases) -> None:  # type: ignore[no-untyped-def]
    client = as_user(alice)
    first = client.get(API, {"page_size": 5}).json()
    assert first["count"] == 11 and first["count_is_capped"] is False
    assert len(first["items"]) == 5 and first["previous_cursor"] is None
    second = client.get(API, {"page_size": 5, "after": first["next_cursor"]}).json()
    third = client.get(API, {"page_size": 5, "after": second["next_cursor"]}).json()
    ids = [item["id"] for page in (first, second, third) for item in page["items"]]
    assert len(ids) == len(set(ids)) == 11
    assert third["next_cursor"] is None
    response = client.get(API, {"after": "bad"})
    assert response.status_code == 422
    assert "detail" in response.json()


def test_a_list_row_shows_what_the_case_itself_shows(alice, carla, network) -> None:  # type: ignore[no-untyped-def]
    person = person_in(network.consulate_a, given_names="Ana", second_surname="")
    case = open_case_as(alice, person=person, assigned_to=carla, flags={"is_minor": True})
    unassigned = open_case_as(alice)
    rows = {row.pk: row for row in case_page(actor_for(alice), CaseFilters(), size=10).items}

    row = rows[case.pk]
    assert row.folio == case.folio and row.office.code == case.office.code
    assert row.beneficiary.full_name == person.full_name == f"Ana {person.first_surname}"
    assert (row.materia.label, row.subtype.code) == (case.materia.label, case.subtype.code)
    assert row.status_label == case.status_label and row.priority_label == case.priority_label
    assert row.assigned_to_name == (carla.get_full_name() or carla.username)
    assert row.flags == ["is_minor"] and rows[unassigned.pk].assigned_to_name == ""
    assert "beneficiary__violence_notes" not in row.values  # only what the list shows
    with pytest.raises(AttributeError):
        getattr(row, "violence_notes")  # noqa: B009 - no fallback to the values


def test_list_rows_escape_what_people_typed(as_user, alice, network) -> None:  # type: ignore[no-untyped-def]
    person = person_in(network.consulate_a, given_names='<script>alert("x")</script>')
    case = open_case_as(alice, person=person)
    html = as_user(alice).get(reverse("cases:list")).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert f'href="{reverse("cases:detail", args=[case.pk])}"' in html
    assert "Sin asignar" in html


def test_the_filters_offer_the_catalog_and_the_office_s_officers_by_id(  # type: ignore[no-untyped-def]
    as_user, alice, bob, carla
) -> None:
    mine = open_case_as(alice, assigned_to=carla)
    other = open_case_as(alice)
    client = as_user(alice)
    form = client.get(reverse("cases:list")).context["form"]
    officers = dict(form.fields["assigned_to"].choices)
    assert officers[carla.pk] == (carla.get_full_name() or carla.username)
    assert bob.pk not in officers  # another office's officer is not offered
    subtype = mine.subtype
    subtypes = dict(form.fields["subtype"].choices)
    assert subtypes[subtype.pk] == f"{subtype.materia.label} · {subtype.label}"
    assert dict(form.fields["materia"].choices)[subtype.materia_id] == subtype.materia.label

    response = client.get(reverse("cases:list"), {"assigned_to": carla.pk})
    body = response.content.decode()
    assert mine.folio in body and other.folio not in body
    assert response.context["form"].to_filters().assigned_to_id == carla.pk
    refused = client.get(reverse("cases:list"), {"assigned_to": bob.pk, "subtype": "x"})
    assert set(refused.context["form"].errors) == {"assigned_to", "subtype"}
    assert other.folio in refused.content.decode()  # a refused filter narrows nothing


def test_the_inline_widgets_write_the_same_html_as_django_s(db: None) -> None:
    form = CaseFilterForm({"flags": ["is_minor", "is_vaim"], "status": "in_progress"})
    form.is_valid()
    for name, django_template in (
        ("flags", "django/forms/widgets/checkbox_select.html"),
        ("status", "django/forms/widgets/select.html"),
    ):
        inline = str(form[name])
        form.fields[name].widget.template_name = django_template
        assert inline == str(form[name]) and "checked" in str(form["flags"])
