from django.core.management import call_command
from django.urls import reverse

from amparo.audit.models import AccessRecord
from amparo.cases.models import Materia, Subtype
from amparo.cases.taxonomy import CATALOG, load_case_taxonomy
from amparo.cases.tests.factories import open_case_as, person_in, subtype


def test_the_catalog_is_seeded_with_the_six_materias(db) -> None:  # type: ignore[no-untyped-def]
    assert set(Materia.objects.values_list("code", flat=True)) == {
        "ADMINISTRATIVO",
        "DERECHOS_HUMANOS",
        "LABORAL",
        "MIGRATORIO",
        "PENAL",
        "CIVIL_FAMILIAR",
    }
    assert Subtype.objects.count() == sum(len(subtypes) for _, _, subtypes in CATALOG)
    assert (
        Subtype.objects.get(materia__code="PENAL", code="PENA_CAPITAL").label
        == "Pena de muerte (MCLAP)"
    )


def test_loading_again_adds_nothing_and_keeps_edits(db) -> None:  # type: ignore[no-untyped-def]
    Subtype.objects.filter(code="CUSTODIA").update(label="Guarda y custodia")
    assert load_case_taxonomy() == 0
    call_command("load_case_taxonomy", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert Subtype.objects.get(code="CUSTODIA").label == "Guarda y custodia"


def test_only_central_administration_reaches_the_catalog_pages(as_user, alice, adan, ana) -> None:  # type: ignore[no-untyped-def]
    assert as_user(alice).get(reverse("cases:taxonomy")).status_code == 403
    assert as_user(ana).get(reverse("cases:taxonomy")).status_code == 403
    response = as_user(adan).get(reverse("cases:taxonomy"))
    assert response.status_code == 200
    assert "Pena de muerte (MCLAP)" in response.content.decode()
    denied = as_user(alice).post(
        reverse("cases:retire_subtype", args=[subtype().pk]), {"retired": "1"}
    )
    assert denied.status_code == 403
    assert subtype().retired_at is None


def test_retiring_from_the_page_hides_it_from_new_cases_only(as_user, alice, adan, network) -> None:  # type: ignore[no-untyped-def]
    old_case = open_case_as(alice)
    chosen = subtype()
    as_user(adan).post(reverse("cases:retire_subtype", args=[chosen.pk]), {"retired": "1"})
    chosen.refresh_from_db()
    assert chosen.is_retired
    assert AccessRecord.objects.filter(target_type="cases.subtype", reason="retired").exists()
    person = person_in(network.consulate_a)
    page = as_user(alice).get(reverse("cases:create") + f"?person={person.pk}")
    choices = [value for value, _ in page.context["form"].fields["subtype"].choices if value]
    assert chosen.pk not in [int(str(value)) for value in choices]
    old_case.refresh_from_db()
    assert old_case.subtype_id == chosen.pk
    detail = as_user(alice).get(reverse("cases:detail", args=[old_case.pk])).content.decode()
    assert "subtipo retirado" in detail
    as_user(adan).post(reverse("cases:retire_subtype", args=[chosen.pk]), {"retired": "0"})
    chosen.refresh_from_db()
    assert not chosen.is_retired


def test_administration_creates_and_renames_without_changing_codes(as_user, adan) -> None:  # type: ignore[no-untyped-def]
    client = as_user(adan)
    response = client.post(
        reverse("cases:create_subtype"),
        {
            "materia": Materia.objects.get(code="LABORAL").pk,
            "code": "trata_laboral",
            "label": "Trata laboral",
            "position": 60,
        },
    )
    assert response.status_code == 302
    created = Subtype.objects.get(code="TRATA_LABORAL")
    client.post(
        reverse("cases:edit_subtype", args=[created.pk]),
        {"code": "OTRA", "label": "Trata con fines laborales", "position": 5},
    )
    created.refresh_from_db()
    assert (created.code, created.label) == ("TRATA_LABORAL", "Trata con fines laborales")
    duplicate = client.post(
        reverse("cases:create_materia"), {"code": "PENAL", "label": "Otra", "position": 1}
    )
    assert duplicate.status_code == 400
    assert Materia.objects.filter(code="PENAL").count() == 1
