"""Encryption at rest, blind indexes and key rotation."""

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from pytest_django.fixtures import Settings

from amparo.conftest import Network
from amparo.core import crypto
from amparo.people.models import Contact, IdentityDocument, Person
from amparo.people.tests.factories import PersonFactory

SECRET_NOTE = "golpes frecuentes del empleador"


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fresh keys in the environment for this test only."""
    old = Fernet.generate_key().decode()
    monkeypatch.setenv(crypto.FIELD_KEYS_ENV, old)
    monkeypatch.setenv(crypto.INDEX_KEY_ENV, "i" * 40)
    crypto.forget_keys()
    yield [old]
    monkeypatch.undo()
    crypto.forget_keys()


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.fixture
def person(network: Network, keys: list[str]) -> Person:
    person = PersonFactory.create(
        office=network.consulate_a,
        a_number="12345678",
        phone="213 555 0123",
        violence_notes=SECRET_NOTE,
        health_notes="diabetes",
    )
    IdentityDocument.objects.create(person=person, kind="passport", number="G1234567")
    Contact.objects.create(person=person, name="Rosa", relation="parent", phone="3125550199")
    return person


def test_the_database_holds_ciphertext_not_the_values(person: Person) -> None:
    for column, plain in [
        ("a_number", "012345678"),
        ("phone", "+12135550123"),
        ("violence_notes", SECRET_NOTE),
        ("health_notes", "diabetes"),
    ]:
        stored = raw("people_person", column, person.pk)
        assert plain not in stored
        assert stored.startswith("gAAAA")  # a Fernet token
    document = person.documents.get()
    assert "G1234567" not in raw("people_identitydocument", "number", document.pk)
    assert "3125550199" not in raw("people_contact", "phone", person.contacts.get().pk)

    fresh = Person.objects.get(pk=person.pk)
    assert (fresh.a_number, fresh.phone, fresh.violence_notes) == (
        "012345678",
        "+12135550123",
        SECRET_NOTE,
    )


def test_the_index_is_a_keyed_hash_of_the_normalised_value(person: Person) -> None:
    assert person.a_number_index == crypto.blind_index("A-012 345 678", "digits")
    assert len(person.a_number_index) == 64
    assert "012345678" not in person.a_number_index
    assert person.documents.get().number_index == crypto.blind_index("g-123 4567", "alphanumeric")


def test_rotation_keeps_values_readable_and_frees_the_old_key(
    person: Person, keys: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    new = Fernet.generate_key().decode()
    monkeypatch.setenv(crypto.FIELD_KEYS_ENV, f"{new},{keys[0]}")
    crypto.forget_keys()
    before = raw("people_person", "violence_notes", person.pk)

    call_command("rotate_field_keys", batch_size=1, stdout=StringIO())
    after = raw("people_person", "violence_notes", person.pk)
    assert after != before
    call_command("rotate_field_keys", stdout=StringIO())  # a second run is a no-op
    assert raw("people_person", "violence_notes", person.pk) == after

    monkeypatch.setenv(crypto.FIELD_KEYS_ENV, new)  # old key removed
    crypto.forget_keys()
    fresh = Person.objects.get(pk=person.pk)
    assert (fresh.violence_notes, fresh.a_number) == (SECRET_NOTE, "012345678")
    assert Contact.objects.get().phone == "+13125550199"
    assert IdentityDocument.objects.get().number == "G1234567"


def test_without_the_key_values_cannot_be_read(
    person: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(crypto.FIELD_KEYS_ENV, Fernet.generate_key().decode())
    crypto.forget_keys()
    with pytest.raises(ImproperlyConfigured):
        Person.objects.get(pk=person.pk)


def test_reindex_makes_lookups_work_after_the_index_key_changes(
    person: Person,
    alice,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from amparo.people.selectors import people_find_by_document
    from amparo.people.tests.test_services import actor_of

    monkeypatch.setenv(crypto.INDEX_KEY_ENV, "n" * 40)
    crypto.forget_keys()
    actor = actor_of(alice)
    assert not people_find_by_document(actor, "G1234567").exists()

    call_command("rotate_field_keys", reindex=True, stdout=StringIO())
    for number in ("G1234567", "A012345678", "(213) 555-0123"):
        assert list(people_find_by_document(actor, number)) == [person]


def test_development_keys_are_generated_once_with_private_permissions(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(crypto.FIELD_KEYS_ENV, raising=False)
    monkeypatch.delenv(crypto.INDEX_KEY_ENV, raising=False)
    settings.VAR_DIR = tmp_path
    first = crypto.field_keys()
    assert crypto.field_keys() == first
    key_file = tmp_path / "keys" / crypto.FIELD_KEYS_ENV.lower()
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert settings.SECRET_KEY not in key_file.read_text()


def test_production_refuses_to_invent_keys(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(crypto.FIELD_KEYS_ENV, raising=False)
    settings.VAR_DIR = tmp_path
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured):
        crypto.field_keys()
