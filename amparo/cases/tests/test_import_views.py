"""The import page, its confirmation step, the template download, the API operation and
the management command. URLs and the API router are mounted here as the lead mounts them
("casos/importar/" and /api/v1/cases/import) until config/ includes them."""

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import NoReverseMatch, include, path, reverse
from ninja import NinjaAPI

from amparo.accounts.models import User
from amparo.audit.models import AccessRecord
from amparo.cases.imports import storage
from amparo.cases.imports.api import build_router
from amparo.cases.models import Case
from amparo.cases.tests.test_import_service import csv_bytes, row
from config.api import ActorSessionAuth
from config.urls import urlpatterns as project_urls

test_api = NinjaAPI(auth=ActorSessionAuth(), urls_namespace="import_test_api")
test_api.add_router("/cases/import", build_router())
urlpatterns = [*project_urls, path("api/import-test/", test_api.urls)]
try:
    reverse("case_imports:upload", urlconf="config.urls")
except NoReverseMatch:
    urlpatterns.append(path("casos/importar/", include("amparo.cases.imports.urls")))

pytestmark = pytest.mark.urls(__name__)
API = "/api/import-test/cases/import"


@pytest.fixture(autouse=True)
def private_media(media_root: Path) -> Path:
    return media_root


def upload(client: Client, data: bytes, **fields: Any) -> Any:
    payload = {"file": SimpleUploadedFile("casos.csv", data, "text/csv"), **fields}
    return client.post(reverse("case_imports:upload"), payload)


def test_the_page_checks_first_and_imports_after_confirmation(
    as_user: Any, alice: User, media_root: Path
) -> None:
    client = as_user(alice)
    assert client.get(reverse("case_imports:upload")).status_code == 200
    response = upload(client, csv_bytes(row(), row(nombres="Juan")), dry_run="on")
    assert response.status_code == 200
    assert not Case.objects.exists()
    token = response.context["confirm_form"].initial["token"]
    assert list((media_root / "imports").glob(f"{alice.pk}-*.csv"))
    response = client.post(reverse("case_imports:confirm"), {"token": token})
    assert response.status_code == 200 and response.context["report"].written
    assert Case.objects.count() == 2
    assert not list((media_root / "imports").iterdir())  # deleted after the import


def test_the_page_lists_errors_with_line_numbers_and_offers_no_confirmation(
    as_user: Any, alice: User
) -> None:
    response = upload(as_user(alice), csv_bytes(row(), row(curp="MAL")), dry_run="on")
    assert response.status_code == 400
    assert response.context["confirm_form"] is None
    content = response.content.decode()
    assert "<td>3</td><td>curp</td><td>La CURP no tiene un formato válido.</td>" in content


def test_unchecking_dry_run_imports_at_once(as_user: Any, alice: User) -> None:
    response = upload(as_user(alice), csv_bytes(row()))
    assert response.status_code == 200 and Case.objects.count() == 1


def test_a_token_only_opens_the_uploaders_file(as_user: Any, alice: User, carla: User) -> None:
    response = upload(as_user(alice), csv_bytes(row()), dry_run="on")
    token = response.context["confirm_form"].initial["token"]
    other = as_user(carla).post(reverse("case_imports:confirm"), {"token": token})
    assert other.status_code == 404
    assert not Case.objects.exists()
    assert (
        as_user(carla).post(reverse("case_imports:confirm"), {"token": "../x"}).status_code == 404
    )


def test_bob_cannot_import_into_alices_office_from_the_page(
    as_user: Any, alice: User, bob: User
) -> None:
    response = upload(as_user(bob), csv_bytes(row(representacion="TA")), dry_run="on")
    assert response.status_code == 400 and response.context["confirm_form"] is None
    response = upload(as_user(bob), csv_bytes(row(representacion="TA")))
    assert response.status_code == 400 and not Case.objects.exists()


@pytest.mark.parametrize("name", ["luis", "ana", "olga", "aurora"])
def test_roles_that_do_not_open_cases_get_403(as_user: Any, name: str, request: Any) -> None:
    client = as_user(request.getfixturevalue(name))
    assert client.get(reverse("case_imports:upload")).status_code == 403
    assert client.get(reverse("case_imports:template")).status_code == 403
    assert upload(client, csv_bytes(row()), dry_run="on").status_code == 403


def test_the_template_has_the_header_row(as_user: Any, alice: User) -> None:
    response = as_user(alice).get(reverse("case_imports:template"))
    assert response.content.decode().startswith("referencia_externa,representacion,")


def test_stale_uploads_are_purged(alice: User, media_root: Path) -> None:
    upload_file = SimpleUploadedFile("a.csv", b"x")
    storage.store_upload(user=alice, upload=upload_file)
    assert storage.purge_stale(now=10**12) == 2


def test_the_api_dry_runs_by_default_and_imports_on_request(as_user: Any, alice: User) -> None:
    client = as_user(alice)
    data = csv_bytes(row(referencia_externa="A1"))
    response = client.post(API, {"file": SimpleUploadedFile("c.csv", data)})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["dry_run"] and not body["written"] and body["cases"] == 1
    assert not Case.objects.exists()
    response = client.post(API, {"file": SimpleUploadedFile("c.csv", data), "dry_run": "false"})
    assert response.status_code == 200 and response.json()["written"]
    assert Case.objects.count() == 1
    again = client.post(API, {"file": SimpleUploadedFile("c.csv", data), "dry_run": "false"})
    assert again.json()["skipped"] == [{"line": 2, "reference": "A1"}]
    assert Case.objects.count() == 1


def test_the_api_answers_422_with_every_bad_line(as_user: Any, alice: User, bob: User) -> None:
    data = csv_bytes(row(), row(fecha_apertura="ayer"), row(representacion="TB"))
    response = as_user(alice).post(
        API, {"file": SimpleUploadedFile("c.csv", data), "dry_run": "false"}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("El archivo tiene 2 filas con errores")
    assert [(e["line"], e["column"]) for e in body["errors"]] == [
        (3, "fecha_apertura"),
        (4, "representacion"),
    ]
    assert not Case.objects.exists()


def test_the_api_refuses_roles_that_cannot_import(as_user: Any, ana: User) -> None:
    response = as_user(ana).post(API, {"file": SimpleUploadedFile("c.csv", csv_bytes(row()))})
    assert response.status_code == 403 and "detail" in response.json()
    assert Client().post(API, {"file": SimpleUploadedFile("c.csv", b"")}).status_code == 401


def test_the_command_imports_and_reports_bad_lines(alice: User, tmp_path: Path) -> None:
    good, bad = tmp_path / "ok.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_bytes(row(referencia_externa="C1")))
    bad.write_bytes(csv_bytes(row(), row(telefono="12")))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_cases", str(bad), user="alice", stderr=err)
    assert "línea 3 [telefono]: El teléfono no es válido." in err.getvalue()
    out = io.StringIO()
    call_command("import_cases", str(good), user="alice", dry_run=True, stdout=out)
    assert not Case.objects.exists() and "1 casos se importarían" in out.getvalue()
    call_command("import_cases", str(good), user="alice", stdout=out)
    assert Case.objects.count() == 1
    record = AccessRecord.objects.get(target_type="cases.import")
    assert record.user == alice and record.reason.startswith("ok.csv: 1 casos")


def test_the_command_refuses_bob_for_alices_office(alice: User, bob: User, tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_bytes(csv_bytes(row(representacion="")))
    with pytest.raises(CommandError):
        call_command("import_cases", str(source), user="bob", office="TA", stderr=io.StringIO())
    assert not Case.objects.exists()
