"""The access trail cannot be changed or removed: not by the model, not by the ORM's bulk
operations, not by raw SQL (database triggers), on whichever database runs the tests."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from amparo.audit.models import AccessRecord, Action, AppendOnlyError
from amparo.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def record() -> AccessRecord:
    return audit_record(actor=None, action=Action.LOGIN_FAILED, reason="original")


def _settle_pending_constraint_checks() -> None:
    """PostgreSQL refuses TRUNCATE while deferred foreign-key checks of rows inserted in
    the same (test) transaction are pending; run them now, as a commit would."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _reason(record: AccessRecord) -> str:
    return AccessRecord.objects.values_list("reason", flat=True).get(pk=record.pk)


def test_the_model_refuses_to_save_an_existing_record(record: AccessRecord) -> None:
    record.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        record.save()
    assert _reason(record) == "original"


def test_the_model_refuses_to_delete_a_record(record: AccessRecord) -> None:
    with pytest.raises(AppendOnlyError):
        record.delete()
    assert AccessRecord.objects.filter(pk=record.pk).exists()


def test_the_queryset_refuses_bulk_update_and_delete(record: AccessRecord) -> None:
    with pytest.raises(AppendOnlyError):
        AccessRecord.objects.filter(pk=record.pk).update(reason="rewritten")
    with pytest.raises(AppendOnlyError):
        AccessRecord.objects.all().delete()
    assert _reason(record) == "original"


def test_the_database_rejects_an_orm_update_that_bypasses_the_model(record: AccessRecord) -> None:
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AccessRecord._base_manager.filter(pk=record.pk).update(reason="rewritten")
    assert _reason(record) == "original"


def test_the_database_rejects_an_orm_delete_that_bypasses_the_model(record: AccessRecord) -> None:
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AccessRecord._base_manager.filter(pk=record.pk).delete()
    assert AccessRecord.objects.filter(pk=record.pk).exists()


def test_the_database_rejects_a_raw_sql_update(record: AccessRecord) -> None:
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_accessrecord SET reason = %s WHERE id = %s", ["rewritten", record.pk]
        )
    assert _reason(record) == "original"


def test_the_database_rejects_a_raw_sql_delete(record: AccessRecord) -> None:
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accessrecord WHERE id = %s", [record.pk])
    assert AccessRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE exists on PostgreSQL")
def test_the_database_rejects_truncate(record: AccessRecord) -> None:
    _settle_pending_constraint_checks()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_accessrecord")
    assert AccessRecord.objects.filter(pk=record.pk).exists()


def test_inserting_still_works(record: AccessRecord) -> None:
    audit_record(actor=None, action=Action.LOGIN_FAILED)
    assert AccessRecord.objects.count() == 2


def test_flush_empties_the_trail_outside_production_and_restores_the_guard(
    record: AccessRecord,
) -> None:
    _settle_pending_constraint_checks()
    call_command("flush", interactive=False, verbosity=0)
    assert not AccessRecord.objects.exists()
    again = audit_record(actor=None, action=Action.LOGIN_FAILED)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accessrecord WHERE id = %s", [again.pk])


def test_flush_refuses_in_production(record: AccessRecord, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="solo inserción"):
        call_command("flush", interactive=False, verbosity=0)
    assert AccessRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_transactional_tests_can_still_reset_the_database_afterwards() -> None:
    # pytest-django flushes after this test; it must not trip over the triggers.
    audit_record(actor=None, action=Action.LOGIN_FAILED)
    assert AccessRecord.objects.count() == 1
