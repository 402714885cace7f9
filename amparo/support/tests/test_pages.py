"""The support pages: the statement's figures lead to their entries, allocations, the
repatriation checklist, and a request in another currency with its documents."""

import re
from datetime import UTC, datetime
from html import unescape

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amparo.accounts.models import User
from amparo.cases.models import CaseEvent, EventKind
from amparo.cases.services.attachments import case_add_attachment
from amparo.cases.tests.factories import actor_for, open_case_as
from amparo.conftest import Network
from amparo.support.models import Fund, LogisticsItem, Posting, SupportRequest
from amparo.support.services import deposit
from amparo.support.tests.test_logistics import remains_request

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def link_in_row(html: str, line: str) -> str:
    row = re.search(rf'<tr data-line="{line}">(.*?)</tr>', html, re.S)
    assert row, line
    return unescape(re.search(r'href="([^"]+)"', row.group(1)).group(1))  # type: ignore[union-attr]


def test_each_figure_of_the_statement_leads_to_its_entries(
    as_user,
    history: Fund,
    adan: User,
) -> None:
    admin = as_user(adan)
    page = admin.get(
        reverse("support:fund_summary", args=[history.pk]),
        {"desde": "2025-03-01", "hasta": "2025-07-31"},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "USD 10,000.00" in html and "USD 10,020.00" in html  # opening, closing

    payments = admin.get(link_in_row(html, "payment")).content.decode()
    assert re.findall(r'data-kind="(\w+)"', payments) == ["payment"]
    opening = admin.get(link_in_row(html, "opening")).content.decode()
    assert re.findall(r'data-kind="(\w+)"', opening) == ["deposit", "allocation"]


def test_a_backwards_period_is_a_clear_error(as_user, fund: Fund, adan: User) -> None:
    page = as_user(adan).get(
        reverse("support:fund_summary", args=[fund.pk]),
        {"desde": "2025-03-01", "hasta": "2025-01-01"},
    )
    assert page.status_code == 400
    assert "anterior a la inicial" in page.content.decode()


def test_an_allocation_from_the_fund_page(
    as_user, fund: Fund, adan: User, network: Network
) -> None:
    admin = as_user(adan)
    deposit(actor=actor_for(adan), fund=fund, amount=1_000_00, idempotency_key="budget")
    url = reverse("support:fund_allocate", args=[fund.pk])
    form = {"office": network.consulate_a.pk, "amount": "400.00", "idempotency_key": "k1"}
    assert admin.post(url, form).status_code == 302
    too_much = admin.post(url, {**form, "amount": "700.00", "idempotency_key": "k2"})
    assert too_much.status_code == 400
    assert "Saldo insuficiente" in too_much.content.decode()
    assert Posting.objects.filter(kind="allocation").count() == 1


def test_the_checklist_is_recorded_from_the_request_page(as_user, fund: Fund, alice: User) -> None:
    request = remains_request(alice, fund)
    url = reverse("support:request_logistics", args=[request.pk])
    with time_machine.travel(NOW, tick=False):
        # Signed in and used on that day only: a session begun at another time would have
        # expired by then (the real December, or a shifted clock's March 8).
        officer = as_user(alice)
        page = officer.get(reverse("support:request", args=[request.pk])).content.decode()
        assert "Certificado consular de traslado de restos" in page
        done = officer.post(
            url, {"step": "permits", "done_on": "2026-03-09", "detail": "Permiso 44"}
        )
        assert done.status_code == 302
        future = officer.post(url, {"step": "transport", "done_on": "2026-03-11"})
        assert future.status_code == 400
        assert "futuro" in future.content.decode()
        case_page = officer.get(reverse("cases:detail", args=[request.case_id])).content.decode()
        assert "Permiso 44" in case_page
    assert LogisticsItem.objects.get().detail == "Permiso 44"


def test_a_request_in_dollars_on_a_fund_with_its_documents(
    as_user,
    fund: Fund,
    alice: User,
    media_root: object,
) -> None:
    case = open_case_as(alice, flags={"is_detained": True})
    order = case_add_attachment(
        actor=actor_for(alice), case=case, kind="court_document",
        upload=SimpleUploadedFile("orden-de-fianza.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )  # fmt: skip
    officer = as_user(alice)
    url = reverse("support:request_create") + f"?case={case.pk}"
    assert "orden-de-fianza.pdf" in officer.get(url).content.decode()
    sent = officer.post(url, {
        "fund": fund.pk, "kind": "bail_bond", "amount": "2500.00", "currency": "USD",
        "payee_name": "Chicago Bond Fund", "payee_kind": "partner",
        "justification": "Fianza fijada en USD 7,500.", "documents": [order.pk],
    })  # fmt: skip
    assert sent.status_code == 302, sent.content.decode()[:2000]
    request = SupportRequest.objects.get()
    assert list(request.documents.all()) == [order]
    assert request.amount == 2_500_00 and request.currency == "USD"
    assert CaseEvent.objects.filter(case=case, kind=EventKind.SUPPORT).exists()
    assert "orden-de-fianza.pdf" in officer.get(sent["Location"]).content.decode()


def test_the_committee_is_warned_before_approving_beyond_what_is_available(
    as_user, fund: Fund, alice: User, carla: User, adan: User
) -> None:
    deposit(actor=actor_for(adan), fund=fund, amount=1_000_00, idempotency_key="budget")
    request = remains_request(alice, fund)  # USD 3,500 from USD 1,000
    page = as_user(carla).get(reverse("support:request", args=[request.pk])).content.decode()
    assert 'data-warning="short"' in page and "USD 1,000.00" in page
    officer_page = as_user(alice).get(reverse("support:request", args=[request.pk]))
    assert 'data-warning="short"' not in officer_page.content.decode()  # not who decides
    deposit(actor=actor_for(adan), fund=fund, amount=5_000_00, idempotency_key="more")
    page = as_user(carla).get(reverse("support:request", args=[request.pk])).content.decode()
    assert 'data-warning="short"' not in page
