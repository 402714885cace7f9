import pytest

from amparo.accounts.models import User
from amparo.guidance.models import GuidanceScript
from amparo.hotline.topics import CallTopic

pytestmark = pytest.mark.django_db

BASE = "/api/v1/guidance"


def test_operators_list_current_scripts_with_accent_insensitive_search(
    as_user, olga: User, rights_script: GuidanceScript
) -> None:
    client = as_user(olga)
    found = client.get(f"{BASE}/scripts", {"q": "deténcion", "topic": "detention_deportation"})
    assert found.status_code == 200
    [script] = found.json()
    assert script["slug"] == rights_script.slug
    assert script["current"]["number"] == 2
    assert client.get(f"{BASE}/scripts", {"q": "pasaporte"}).json() == []
    assert client.get(f"{BASE}/scripts", {"topic": "nope"}).status_code == 422


def test_history_is_given_to_central_office_only(
    as_user, olga: User, ana: User, rights_script: GuidanceScript
) -> None:
    operator = as_user(olga).get(f"{BASE}/scripts/{rights_script.slug}").json()
    assert operator["current"]["number"] == 2
    assert operator["history"] == []
    central = as_user(ana).get(f"{BASE}/scripts/{rights_script.slug}").json()
    assert [v["number"] for v in central["history"]] == [2, 1]
    assert central["history"][0]["author"] == "adan"
    assert as_user(olga).get(f"{BASE}/scripts/{rights_script.slug}/versions/1").status_code == 403
    diff = as_user(ana).get(f"{BASE}/scripts/{rights_script.slug}/versions/2").json()
    assert diff["previous_number"] == 1
    assert {"kind": "removed", "text": "Puede guardar silencio."} in diff["diff"]


def test_the_body_html_is_escaped(as_user, adan: User) -> None:
    created = as_user(adan).post(
        f"{BASE}/scripts",
        {
            "slug": "xss",
            "topic": "other",
            "title": "XSS",
            "body": "<script>alert(1)</script>",
            "publish": True,
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["current"]["body_html"] == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_an_officer_gets_403_and_a_central_admin_creates_and_publishes(
    as_user, alice: User, adan: User, rights_script: GuidanceScript
) -> None:
    url = f"{BASE}/scripts/{rights_script.slug}/versions"
    payload = {"body": "Versión tres", "change_note": "Cambio"}
    refused = as_user(alice).post(url, payload, content_type="application/json")
    assert refused.status_code == 403
    assert "detail" in refused.json()
    assert rights_script.versions.count() == 2
    assert (
        as_user(alice).post(f"{BASE}/scripts/{rights_script.slug}/versions/2/publish").status_code
        == 403
    )

    admin = as_user(adan)
    draft = admin.post(url, payload, content_type="application/json")
    assert draft.status_code == 201
    assert draft.json()["number"] == 3 and draft.json()["published_at"] is None
    published = admin.post(f"{BASE}/scripts/{rights_script.slug}/versions/3/publish")
    assert published.status_code == 200
    assert published.json()["is_current"] is True
    again = admin.post(f"{BASE}/scripts/{rights_script.slug}/versions/3/publish")
    assert again.status_code == 422
    assert again.json()["detail"] == "Esta versión ya fue publicada."


def test_retired_scripts_are_hidden_from_operators(
    as_user, olga: User, adan: User, rights_script: GuidanceScript
) -> None:
    assert as_user(olga).post(f"{BASE}/scripts/{rights_script.slug}/retire").status_code == 403
    assert as_user(adan).post(f"{BASE}/scripts/{rights_script.slug}/retire").status_code == 200
    assert as_user(olga).get(f"{BASE}/scripts/{rights_script.slug}").status_code == 404
    assert as_user(olga).get(f"{BASE}/scripts").json() == []
    restored = as_user(adan).post(f"{BASE}/scripts/{rights_script.slug}/restore")
    assert restored.json()["retired_at"] is None


@pytest.mark.parametrize(
    "payload",
    [
        {"slug": "Mayúsculas no", "topic": "other", "title": "T", "body": "x"},
        {"slug": "ok", "topic": "nope", "title": "T", "body": "x"},
        {"slug": "ok", "topic": "other", "title": "", "body": "x"},
        {"slug": "ok", "topic": "other", "title": "T", "body": ""},
        {"slug": "panel", "topic": "other", "title": "T", "body": "x"},
    ],
)
def test_bad_input_is_a_clear_4xx(as_user, adan: User, payload: dict[str, str]) -> None:
    response = as_user(adan).post(f"{BASE}/scripts", payload, content_type="application/json")
    assert response.status_code == 422
    assert "detail" in response.json()
    assert not GuidanceScript.objects.exists()


def test_a_duplicate_slug_is_refused(as_user, adan: User, rights_script: GuidanceScript) -> None:
    response = as_user(adan).post(
        f"{BASE}/scripts",
        {"slug": rights_script.slug, "topic": CallTopic.OTHER, "title": "T", "body": "x"},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_lawyers_cannot_read_the_knowledge_base(as_user, luis: User, olga: User) -> None:
    assert as_user(luis).get(f"{BASE}/scripts").status_code == 403
    assert as_user(olga).get(f"{BASE}/scripts").status_code == 200
