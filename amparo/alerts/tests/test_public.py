"""The public side: the installable app (shell, manifest, worker, guide, activation), and
a trusted contact's status page, which shows nothing before a one-time code sent to the
contact's own phone."""

import re

from django.urls import reverse

from amparo.accounts.models import User
from amparo.alerts import family
from amparo.alerts.models import Alert, FamilyAccess
from amparo.alerts.tests.conftest import Enrolled, raise_alert, sent


def test_the_app_shell_manifest_and_worker_are_public_and_installable(client) -> None:  # type: ignore[no-untyped-def]
    shell = client.get(reverse("alerts_public:app")).content.decode()
    assert 'id="alert-button"' in shell and "manifest.webmanifest" in shell
    assert "script" in shell and "onclick" not in shell  # no inline script (CSP)
    manifest = client.get(reverse("alerts_public:manifest")).json()
    assert manifest["display"] == "standalone" and manifest["scope"] == "/boton/"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"any", "192x192", "512x512"}
    neutral = client.get(reverse("alerts_public:manifest"), {"n": "1"}).json()
    assert neutral["name"] == "Notas" and "neutral" in neutral["icons"][0]["src"]
    worker = client.get(reverse("alerts_public:service_worker"))
    assert worker["Content-Type"].startswith("application/javascript")
    body = worker.content.decode()
    assert "importScripts(" in body and '"/boton/"' in body and "alert-outbox" in body
    assert client.get(reverse("alerts_public:install")).status_code == 200
    activation = client.get(reverse("alerts_public:activate"))
    assert (
        "no-store" in activation["Cache-Control"] and "activate.js" in activation.content.decode()
    )


def test_english_speakers_get_the_app_in_english(client) -> None:  # type: ignore[no-untyped-def]
    shell = client.get(reverse("alerts_public:app"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Press and hold" in shell


def _found(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match is not None, text
    return match.group(1)


def _link_token(alert: Alert, phone: str) -> str:
    [message] = sent("alert_family", to=phone)
    return _found(r"/boton/estado/([\w-]+)/", message.subject)


def test_the_family_page_asks_for_a_code_sent_to_the_contact(
    as_user, client, enrolled: Enrolled, alice: User
) -> None:
    raise_alert(enrolled.phone)
    alert = Alert.objects.get()
    token = _link_token(alert, "+15125550111")
    url = reverse("alerts_public:family", args=[token])
    assert client.get(reverse("alerts_public:family", args=["nope"])).status_code == 404
    first = client.get(url).content.decode()
    assert "Enviarme un código" in first and "María" not in first
    client.post(url, {"step": "send"})
    [code_message] = sent("alert_family", containing="código")
    assert code_message.phone_e164 == "+15125550111"  # to the contact's own phone
    code = _found(r"(\d{6})", code_message.subject)
    wrong = "000000" if code != "000000" else "111111"
    client.post(url, {"step": "verify", "code": wrong})
    assert "María" not in client.get(url).content.decode()
    client.post(url, {"step": "verify", "code": code})
    page = client.get(url).content.decode()
    assert "María: Alerta recibida" in page and "Pérez" not in page
    as_user(alice).post(reverse("alerts:acknowledge", args=[alert.pk]))
    assert "María: Vista por el consulado" in client.get(url).content.decode()


def test_five_wrong_codes_spend_the_code(enrolled: Enrolled) -> None:
    raise_alert(enrolled.phone)
    access = FamilyAccess.objects.filter(contact__phone__isnull=False).first()
    assert access is not None
    family.send_code(access)
    [code_message] = sent("alert_family", containing="código")
    code = _found(r"(\d{6})", code_message.subject)
    wrong = "000000" if code != "000000" else "111111"
    for _n in range(family.MAX_CODE_ATTEMPTS):
        assert not family.check_code(access, wrong)
    assert not family.check_code(access, code)
