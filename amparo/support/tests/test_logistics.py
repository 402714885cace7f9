"""A repatriation's logistics checklist: the steps of its kind, dated in the office's days,
each on the case's timeline."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from amparo.accounts.models import User
from amparo.cases.models import CaseEvent, EventKind
from amparo.cases.tests.factories import actor_for, open_case_as
from amparo.cases.timeline import describe_event
from amparo.support.committee import request_submit
from amparo.support.logistics import checklist, logistics_record
from amparo.support.models import Fund, LogisticsItem, SupportRequest

# 05:30 UTC on 1 January is still 31 December in Chicago (consulate A).
NEW_YEAR_IN_UTC = datetime(2027, 1, 1, 5, 30, tzinfo=UTC)


def remains_request(alice: User, fund: Fund) -> SupportRequest:
    return request_submit(
        actor=actor_for(alice), case=open_case_as(alice), fund=fund,
        kind="remains_repatriation", amount=3_500_00, payee_name="Funeraria del Valle",
        payee_kind="funeral_home", justification="Traslado a Zacatecas.",
    )  # fmt: skip


def test_the_checklist_follows_the_kind_and_each_item_lands_on_the_timeline(
    fund: Fund, alice: User
) -> None:
    request = remains_request(alice, fund)
    assert [line.step for line in checklist(request)] == [
        "funeral_home", "permits", "transfer_certificate", "transport", "family_receiving",
    ]  # fmt: skip
    logistics_record(
        actor=actor_for(alice), request=request, step="transfer_certificate",
        done_on=date(2026, 3, 2), detail="Certificado 118/2026",
    )  # fmt: skip
    lines = {line.step: line for line in checklist(request)}
    assert lines["transfer_certificate"].item.detail == "Certificado 118/2026"  # type: ignore[union-attr]
    assert lines["funeral_home"].item is None

    event = CaseEvent.objects.filter(case=request.case, kind=EventKind.SUPPORT).latest("id")
    with translation.override("es-mx"):
        text = describe_event(event)
    assert "Certificado consular de traslado de restos" in text
    assert "Certificado 118/2026" in text


def test_recording_a_step_again_corrects_it(fund: Fund, alice: User) -> None:
    request = remains_request(alice, fund)
    for day in (date(2026, 3, 2), date(2026, 3, 3)):
        logistics_record(actor=actor_for(alice), request=request, step="permits", done_on=day)
    assert LogisticsItem.objects.get(request=request).done_on == date(2026, 3, 3)
    assert CaseEvent.objects.filter(case=request.case, kind=EventKind.SUPPORT).count() == 3


def test_a_step_of_another_kind_or_a_future_date_is_refused(fund: Fund, alice: User) -> None:
    request = remains_request(alice, fund)
    with time_machine.travel(NEW_YEAR_IN_UTC, tick=False):
        with pytest.raises(ValidationError, match="no es de la logística"):
            logistics_record(
                actor=actor_for(alice), request=request, step="flight", done_on=date(2026, 12, 1)
            )
        with pytest.raises(ValidationError, match="futuro"):
            logistics_record(
                actor=actor_for(alice), request=request, step="permits", done_on=date(2027, 1, 1)
            )
        # Still 31 December in the office: today is fine.
        logistics_record(
            actor=actor_for(alice), request=request, step="permits", done_on=date(2026, 12, 31)
        )
    assert LogisticsItem.objects.count() == 1


def test_another_office_cannot_record_logistics(fund: Fund, alice: User, bob: User) -> None:
    request = remains_request(alice, fund)
    with pytest.raises(PermissionDenied):
        logistics_record(
            actor=actor_for(bob), request=request, step="permits", done_on=date(2026, 3, 2)
        )
    assert not LogisticsItem.objects.exists()
