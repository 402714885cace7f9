import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amparo.accounts.actor import Actor
from amparo.accounts.models import User
from amparo.guidance.models import GuidanceScript
from amparo.guidance.services import script_create, script_version_create
from amparo.hotline.topics import CallTopic

pytestmark = pytest.mark.django_db


def test_an_operator_reads_only_the_current_version(
    as_user, olga: User, rights_script: GuidanceScript
) -> None:
    page = as_user(olga).get(reverse("guidance:detail", args=[rights_script.slug]))
    assert page.status_code == 200
    assert "pedir un abogado" in page.text
    assert "Historial de versiones" not in page.text
    old = as_user(olga).get(reverse("guidance:version", args=[rights_script.slug, 1]))
    assert old.status_code == 404


def test_central_office_reads_old_versions_with_what_changed(
    as_user, ana: User, rights_script: GuidanceScript
) -> None:
    detail = as_user(ana).get(reverse("guidance:detail", args=[rights_script.slug]))
    assert "Historial de versiones" in detail.text
    page = as_user(ana).get(reverse("guidance:version", args=[rights_script.slug, 2]))
    assert page.status_code == 200
    assert '<li class="guidance-diff__removed"><del>' in page.text
    assert "Puede guardar silencio.</del>" in page.text
    assert "Puede guardar silencio y pedir un abogado.</ins>" in page.text
    first = as_user(ana).get(reverse("guidance:version", args=[rights_script.slug, 1]))
    assert "Puede guardar silencio." in first.text


def test_search_ignores_accents_and_case(
    as_user, olga: User, rights_script: GuidanceScript
) -> None:
    client = as_user(olga)
    for query in ["deténcion", "DETENCION", "detención"]:
        page = client.get(reverse("guidance:list"), {"q": query})
        assert "Derechos en la detención" in page.text, query
    page = client.get(reverse("guidance:list"), {"q": "matrícula"})
    assert "Derechos en la detención" not in page.text


def test_the_list_filters_by_topic(as_user, olga: User, rights_script: GuidanceScript) -> None:
    client = as_user(olga)
    page = client.get(reverse("guidance:list"), {"topic": CallTopic.LABOR})
    assert "Derechos en la detención" not in page.text
    page = client.get(reverse("guidance:list"), {"topic": CallTopic.DETENTION_DEPORTATION})
    assert "Derechos en la detención" in page.text


def test_a_script_in_the_body_is_shown_as_text(as_user, olga: User, admin_actor: Actor) -> None:
    script_create(
        slug="peligrosa",
        topic=CallTopic.OTHER,
        title="Peligrosa",
        body='<script>alert("x")</script>',
        language="es-mx",
        publish=True,
        actor=admin_actor,
    )
    page = as_user(olga).get(reverse("guidance:detail", args=["peligrosa"]))
    assert '<script>alert("x")</script>' not in page.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page.text


def test_the_panel_shows_current_scripts_of_the_topic(
    as_user, olga: User, rights_script: GuidanceScript, admin_actor: Actor
) -> None:
    script_create(
        slug="salarios",
        topic=CallTopic.LABOR,
        title="Salarios no pagados",
        body="Guarde sus talones de pago.",
        language="es-mx",
        publish=True,
        actor=admin_actor,
    )
    client = as_user(olga)
    panel = client.get(
        reverse("guidance:panel"),
        {"topic": CallTopic.DETENTION_DEPORTATION},
        HTTP_HX_REQUEST="true",
    )
    assert panel.status_code == 200
    assert "guidance-panel-q" in panel.text
    assert "<summary>Derechos en la detención</summary>" in panel.text
    assert "pedir un abogado" in panel.text
    assert "Salarios no pagados" not in panel.text
    assert "<html" not in panel.text


def test_the_panel_search_refreshes_only_the_results(
    as_user, olga: User, rights_script: GuidanceScript
) -> None:
    client = as_user(olga)
    results = client.get(
        reverse("guidance:panel"),
        {"topic": CallTopic.DETENTION_DEPORTATION, "q": "ABOGADO"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="guidance-panel-results",
    )
    assert results.text.startswith('<div id="guidance-panel-results"')
    assert "Derechos en la detención" in results.text
    nothing = client.get(
        reverse("guidance:panel"),
        {"topic": CallTopic.DETENTION_DEPORTATION, "q": "pasaporte"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="guidance-panel-results",
    )
    assert "No hay guías para este tema o búsqueda." in nothing.text


def test_the_panel_ignores_an_unknown_topic(
    as_user, olga: User, rights_script: GuidanceScript
) -> None:
    panel = as_user(olga).get(reverse("guidance:panel"), {"topic": "no-existe"})
    assert panel.status_code == 200
    assert "Derechos en la detención" in panel.text


def test_a_retired_script_answers_404_to_operators(
    as_user, olga: User, adan: User, rights_script: GuidanceScript
) -> None:
    retired = as_user(adan).post(reverse("guidance:retire", args=[rights_script.slug]))
    assert retired.status_code == 302
    assert (
        as_user(olga).get(reverse("guidance:detail", args=[rights_script.slug])).status_code == 404
    )
    assert (
        as_user(adan).get(reverse("guidance:detail", args=[rights_script.slug])).status_code == 200
    )


def test_an_admin_writes_and_publishes_a_new_version(
    as_user, adan: User, olga: User, rights_script: GuidanceScript
) -> None:
    client = as_user(adan)
    form = client.get(reverse("guidance:new_version", args=[rights_script.slug]))
    assert "pedir un abogado" in form.text  # prefilled with the latest text
    created = client.post(
        reverse("guidance:new_version", args=[rights_script.slug]),
        {"body": "Texto de la versión tres.", "language": "es-mx", "change_note": "Cambio"},
    )
    assert created.status_code == 302
    assert (
        "pedir un abogado"
        in as_user(olga).get(reverse("guidance:detail", args=[rights_script.slug])).text
    )
    client.post(reverse("guidance:publish", args=[rights_script.slug, 3]))
    page = as_user(olga).get(reverse("guidance:detail", args=[rights_script.slug]))
    assert "Texto de la versión tres." in page.text


def test_an_admin_creates_a_script_and_sees_errors_next_to_fields(as_user, adan: User) -> None:
    client = as_user(adan)
    bad = client.post(
        reverse("guidance:create"),
        {
            "title": "Nueva",
            "slug": "panel",
            "topic": CallTopic.OTHER,
            "language": "es-mx",
            "body": "x",
        },
    )
    assert bad.status_code == 400
    assert "Ese identificador está reservado." in bad.text
    good = client.post(
        reverse("guidance:create"),
        {
            "title": "Nueva",
            "slug": "nueva-guia",
            "topic": CallTopic.OTHER,
            "language": "es-mx",
            "body": "Texto",
            "publish": "on",
        },
    )
    assert good.status_code == 302
    assert GuidanceScript.objects.get(slug="nueva-guia").versions.get().is_current


def test_publishing_a_published_version_shows_a_message(
    as_user, adan: User, rights_script: GuidanceScript
) -> None:
    response = as_user(adan).post(
        reverse("guidance:publish", args=[rights_script.slug, 2]), follow=True
    )
    assert response.status_code == 200
    assert "Esta versión ya fue publicada." in response.text


def test_older_versions_stay_after_a_new_one(
    admin_actor: Actor, rights_script: GuidanceScript
) -> None:
    script_version_create(script=rights_script, body="Otra", language="es-mx", actor=admin_actor)
    assert list(rights_script.versions.values_list("number", flat=True).order_by("number")) == [
        1,
        2,
        3,
    ]


def test_the_list_and_panel_queries_do_not_grow_with_the_number_of_scripts(
    as_user, olga: User, admin_actor: Actor
) -> None:
    def add(count: int) -> None:
        start = GuidanceScript.objects.count()
        for index in range(start, start + count):
            script_create(
                slug=f"guia-{index}",
                topic=CallTopic.OTHER,
                title=f"Guía {index}",
                body="Texto",
                language="es-mx",
                publish=True,
                actor=admin_actor,
            )

    client = as_user(olga)

    def queries(name: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name), {"topic": CallTopic.OTHER}).status_code == 200
        return len(captured)

    add(1)
    few = (queries("guidance:list"), queries("guidance:panel"))
    add(6)
    assert (queries("guidance:list"), queries("guidance:panel")) == few
