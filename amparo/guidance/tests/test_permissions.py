"""One test per rule in amparo/guidance/permissions.py, each with two users."""

import pytest
from django.urls import reverse

from amparo.accounts.models import User
from amparo.guidance.models import GuidanceScript
from amparo.hotline.topics import CallTopic

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("reader", ["olga", "alice", "carla", "ana", "adan"])
def test_operators_officers_heads_and_central_roles_read_scripts(
    request: pytest.FixtureRequest, as_user, reader: str, luis: User, rights_script: GuidanceScript
) -> None:
    url = reverse("guidance:detail", args=[rights_script.slug])
    assert as_user(request.getfixturevalue(reader)).get(url).status_code == 200
    assert as_user(luis).get(url).status_code == 404


@pytest.mark.parametrize("outsider", ["luis", "aurora"])
def test_lawyers_and_auditors_do_not_read_scripts(
    request: pytest.FixtureRequest,
    as_user,
    outsider: str,
    olga: User,
    rights_script: GuidanceScript,
) -> None:
    client = as_user(request.getfixturevalue(outsider))
    assert client.get(reverse("guidance:list")).status_code == 404
    assert client.get(reverse("guidance:panel")).status_code == 404
    assert client.get(reverse("guidance:detail", args=[rights_script.slug])).status_code == 404
    assert as_user(olga).get(reverse("guidance:list")).status_code == 200


def test_only_central_roles_read_history(
    as_user, ana: User, alice: User, rights_script: GuidanceScript
) -> None:
    url = reverse("guidance:version", args=[rights_script.slug, 1])
    assert as_user(ana).get(url).status_code == 200
    assert as_user(alice).get(url).status_code == 404


def test_an_officer_cannot_author_but_a_central_admin_can(
    as_user, alice: User, adan: User, rights_script: GuidanceScript
) -> None:
    data = {"body": "Texto cambiado", "language": "es-mx", "change_note": ""}
    officer = as_user(alice)
    assert officer.get(reverse("guidance:create")).status_code == 404
    assert (
        officer.post(reverse("guidance:new_version", args=[rights_script.slug]), data).status_code
        == 404
    )
    assert officer.post(reverse("guidance:retire", args=[rights_script.slug])).status_code == 404
    assert rights_script.versions.count() == 2
    rights_script.refresh_from_db()
    assert not rights_script.is_retired

    admin = as_user(adan)
    assert (
        admin.post(reverse("guidance:new_version", args=[rights_script.slug]), data).status_code
        == 302
    )
    assert rights_script.versions.count() == 3


def test_a_central_analyst_reads_but_does_not_write(as_user, ana: User, adan: User) -> None:
    data = {"title": "T", "slug": "t", "topic": CallTopic.OTHER, "language": "es-mx", "body": "x"}
    assert as_user(ana).post(reverse("guidance:create"), data).status_code == 404
    assert not GuidanceScript.objects.exists()
    assert as_user(adan).post(reverse("guidance:create"), data).status_code == 302
    assert GuidanceScript.objects.filter(slug="t").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, rights_script: GuidanceScript) -> None:
    for name, args in [
        ("guidance:list", []),
        ("guidance:panel", []),
        ("guidance:detail", [rights_script.slug]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
