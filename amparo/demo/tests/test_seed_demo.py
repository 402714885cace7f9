"""`manage.py seed_demo`: option checks, idempotence and the step list."""

from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from amparo.core.models import DemoDataset
from amparo.demo.management.commands import seed_demo
from amparo.network.models import OfficeKind
from amparo.network.tests.factories import OfficeFactory
from amparo.people.models import Person

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--no-progress", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def small_network(db: None) -> None:
    OfficeFactory(code="LA", city="Los Angeles", region="CA")
    OfficeFactory(code="TOR", city="Toronto", country="CA", region="ON")


@pytest.mark.parametrize("scale", ["-1", "0", "abc", "nan", "inf", ""])
def test_a_bad_scale_is_refused_in_spanish_before_writing_anything(
    small_network: None, scale: str
) -> None:
    with pytest.raises(CommandError, match="--scale debe ser un número mayor que cero"):
        run("--scale", scale, "--only", "people")

    assert not Person.objects.exists()
    assert not DemoDataset.objects.exists()


def test_a_scale_too_small_for_one_person_is_refused(small_network: None) -> None:
    with pytest.raises(CommandError, match="demasiado pequeña"):
        run("--scale", "0.000001", "--only", "people")


@pytest.mark.parametrize(
    ("option", "value"), [("--batch-size", "0"), ("--batch-size", "x"), ("--seed", "-3")]
)
def test_bad_counts_are_refused_in_spanish(small_network: None, option: str, value: str) -> None:
    with pytest.raises(CommandError, match=f"{option} debe ser un número entero"):
        run(option, value, "--only", "people")


def test_running_twice_writes_the_people_once(small_network: None) -> None:
    first = run("--scale", "0.001", "--only", "people")
    second = run("--scale", "0.001", "--only", "people")

    assert Person.objects.count() == 177
    assert "177 nuevas" in first
    assert "0 nuevas, 177 en total" in second


def test_the_seed_option_decides_the_names(small_network: None) -> None:
    def names() -> list[str]:
        return [p.full_name for p in Person.objects.order_by("pk")]

    run("--scale", "0.001", "--seed", "42", "--only", "people")
    with_42 = names()
    Person.objects.all().delete()
    DemoDataset.objects.all().delete()
    run("--scale", "0.001", "--seed", "42", "--only", "people")
    again = names()
    Person.objects.all().delete()
    DemoDataset.objects.all().delete()
    run("--scale", "0.001", "--seed", "43", "--only", "people")

    assert again == with_42
    assert names() != with_42


def test_a_missing_office_network_is_a_clear_error(db: None) -> None:
    OfficeFactory(code="SRE", kind=OfficeKind.HEADQUARTERS, country="MX")

    with pytest.raises(CommandError, match="cargue primero la red consular"):
        run("--scale", "0.001", "--only", "people")


def test_a_step_another_app_has_not_provided_yet_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(CommandError, match=r"amparo\.core\.nothing_here\.load\(\)"):
        seed_demo._provided("amparo.core.nothing_here", "load")
    with pytest.raises(CommandError, match=r"amparo\.demo\.progress\.missing\(\)"):
        seed_demo._provided("amparo.demo.progress", "missing")


def test_steps_run_in_order_and_only_the_chosen_ones(
    small_network: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []

    def fake(name: str) -> seed_demo.Step:
        def step(context: seed_demo.StepContext) -> str:
            ran.append(name)
            return "ok"

        return seed_demo.Step(name, name, step)  # type: ignore[arg-type]

    monkeypatch.setattr(seed_demo, "STEPS", (fake("network"), fake("users"), fake("people")))
    call_command("seed_demo", "--no-progress", stdout=StringIO())
    assert ran == ["network", "users", "people"]

    ran.clear()
    call_command("seed_demo", "--no-progress", "--only", "people", stdout=StringIO())
    assert ran == ["people"]


@dataclass
class Account:
    username: str
    role: str
    office: str
    password: str
    totp_secret: str


def test_the_accounts_table_shows_every_column_for_objects_and_mappings() -> None:
    table = seed_demo.accounts_table(
        [
            Account("alicia", "Funcionario consular", "Los Ángeles", "s3creta-larga", "JBSWY3DP"),
            {
                "username": "olga",
                "role": "Operador CIAM",
                "office": "CIAM",
                "password": "otra-clave",
                "totp_secret": "KRSXG5CT",
            },
        ]
    )
    lines = table.splitlines()

    assert lines[0].split() == ["Usuario", "Rol", "Representación", "Contraseña", "Secreto", "TOTP"]
    assert "alicia" in lines[2] and "JBSWY3DP" in lines[2] and "Los Ángeles" in lines[2]
    assert "olga" in lines[3] and "KRSXG5CT" in lines[3] and "otra-clave" in lines[3]


def test_the_whole_demo_loads_and_reloads_without_duplicates(db: None, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    from amparo.accounts.models import User
    from amparo.network.models import Office

    first = run("--scale", "0.001")
    counts = (Office.objects.count(), User.objects.count(), Person.objects.count())
    second = run("--scale", "0.001")

    assert (Office.objects.count(), User.objects.count(), Person.objects.count()) == counts
    assert counts[0] > 50
    assert counts[2] == 177
    assert "demo.consular.lax" in first and "Secreto TOTP" in first
    assert "0 nuevas, 177 en total" in second
    us_people = Person.objects.filter(office__country="US").count()
    assert us_people / 177 == pytest.approx(0.97, abs=0.03)
    assert not Person.objects.filter(office__kind__in=["headquarters", "contact_center"]).exists()
