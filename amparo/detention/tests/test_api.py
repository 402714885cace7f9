"""The detention API walks a visit end to end and answers broken rules with 422."""

from django.core.files.uploadedfile import SimpleUploadedFile

from amparo.accounts.models import User
from amparo.cases.tests.factories import open_case_as
from amparo.detention.models import Advisory, Facility
from amparo.detention.tests.conftest import HEADER
from amparo.detention.tests.factories import detain
from amparo.legal.tests.conftest import provider_with_contract

JSON = "application/json"


def test_a_detention_and_a_visit_through_the_api(
    as_user, facilities: dict[str, Facility], alice: User
) -> None:
    officer = as_user(alice)
    case = open_case_as(alice, flags={"is_detained": True})
    created = officer.post("/api/v1/detention/detentions", {
        "case_id": case.pk, "facility_id": facilities["a"].pk, "authority": "ice",
        "detained_on": "2026-02-20", "next_hearing_at": "2026-03-12T14:30:00Z",
    }, content_type=JSON)  # fmt: skip
    assert created.status_code == 201, created.content
    detention_id = created.json()["id"]
    unseen = officer.get("/api/v1/detention/detentions/not-seen").json()
    assert [item["id"] for item in unseen["items"]] == [detention_id]
    assert unseen["items"][0]["case_folio"] == case.folio

    planned = officer.post("/api/v1/detention/visits", {
        "facility_id": facilities["a"].pk, "planned_on": "2026-03-09", "officer_ids": [alice.pk],
    }, content_type=JSON)  # fmt: skip
    assert planned.status_code == 201, planned.content
    visit_id = planned.json()["id"]
    logged = officer.post(f"/api/v1/detention/visits/{visit_id}/log", {
        "done_on": "2026-03-09",
        "seen": [{"detention_id": detention_id, "wants_voluntary_return": True},
                 {"given_names": "Rosa", "first_surname": "Méndez", "has_lawyer": True}],
    }, content_type=JSON)  # fmt: skip
    assert logged.status_code == 200, logged.content
    assert logged.json()["status"] == "done" and logged.json()["seen"] == 2
    assert officer.get("/api/v1/detention/detentions/not-seen").json()["items"] == []
    [follow_up] = officer.get("/api/v1/detention/follow-ups").json()["items"]
    assert follow_up["kind"] == "voluntary_return" and follow_up["due_on"] == "2026-03-19"
    done = officer.post(f"/api/v1/detention/follow-ups/{follow_up['id']}/done")
    assert done.status_code == 200 and done.json()["done_at"]

    facilities_out = {f["name"]: f for f in officer.get("/api/v1/detention/facilities").json()}
    assert facilities_out["T DON HUTTO RESIDENTIAL CENTER"]["held"] == 2
    assert facilities_out["T DON HUTTO RESIDENTIAL CENTER"]["days_since_visit"] == 1


def test_broken_rules_answer_422(as_user, facilities: dict[str, Facility], alice: User) -> None:
    officer = as_user(alice)
    detention = detain(alice, facilities["a"])
    backwards = officer.post(f"/api/v1/detention/detentions/{detention.pk}/end",
                             {"status": "released", "ended_on": "2026-01-01"}, content_type=JSON)  # fmt: skip
    assert backwards.status_code == 422 and "antes de empezar" in backwards.content.decode()
    advisory = officer.post("/api/v1/detention/advisories", {
        "given_on": "2026-03-10", "matter": "labor", "modality": "phone", "minutes": 0,
        "result": "information", "anonymous_count": 1,
    }, content_type=JSON)  # fmt: skip
    assert advisory.status_code == 422
    ok = officer.post("/api/v1/detention/advisories", {
        "given_on": "2026-03-10", "matter": "labor", "modality": "phone", "minutes": 12,
        "result": "information", "anonymous_count": 2,
    }, content_type=JSON)  # fmt: skip
    assert ok.status_code == 201
    report = officer.get("/api/v1/detention/report", {"year": 2026}).json()
    assert report["by_matter"] == [["TA", "Laboral", 1, 2]]


def test_an_advisory_a_pale_provider_gave(
    as_user, facilities: dict[str, Facility], alice: User, carla: User, areas
) -> None:
    provider = provider_with_contract(carla, "Clínica Legal UIC", areas)
    officer = as_user(alice)
    advisory = {"given_on": "2026-03-10", "matter": "immigration", "modality": "in_person",
                "minutes": 30, "result": "information", "anonymous_count": 1}  # fmt: skip
    given = officer.post("/api/v1/detention/advisories", {**advisory, "provider_id": provider.pk},
                         content_type=JSON)  # fmt: skip
    assert given.status_code == 201
    assert (given.json()["provider"], given.json()["adviser"]) == ("Clínica Legal UIC", None)
    for refused in ({"provider_id": provider.pk + 1000},
                    {"provider_id": provider.pk, "given_on": "2025-12-31"}):  # fmt: skip
        answer = officer.post("/api/v1/detention/advisories", {**advisory, **refused},
                              content_type=JSON)  # fmt: skip
        assert answer.status_code == 422 and "no tenía contrato" in answer.json()["detail"]
    assert Advisory.objects.count() == 1


def test_the_import_says_which_line_is_wrong(
    as_user, network: object, adan: User, alice: User
) -> None:
    content = (
        HEADER
        + "GOOD,1 MAIN ST,AUSTIN,TX,78701,SNA,CDF,M,1,1\nBAD,2 MAIN ST,AUSTIN,TX,ZIP,SNA,CDF,M,1,1\n"
    )
    response = as_user(adan).post(
        "/api/v1/detention/facilities/import",
        {"file": SimpleUploadedFile("centros.csv", content.encode(), "text/csv")},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["line"] == 3
    assert response.json()["created"] == 0
    denied = as_user(alice).post(
        "/api/v1/detention/facilities/import",
        {"file": SimpleUploadedFile("centros.csv", HEADER.encode(), "text/csv")},
    )
    assert denied.status_code == 403
