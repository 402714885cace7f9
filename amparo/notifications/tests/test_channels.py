import pytest
from django.core import mail
from pytest_django.fixtures import Settings

from amparo.notifications.channels.base import OutgoingMessage, channel_for
from amparo.notifications.channels.sms import sms_provider
from amparo.notifications.channels.sms.providers import LocalOutboxSmsProvider
from amparo.notifications.models import SmsOutboxMessage
from amparo.notifications.tests.conftest import break_email
from amparo.notifications.tests.doubles import BrokenSmsProvider

MESSAGE = OutgoingMessage(
    notification_id=1,
    subject="Escalamiento urgente CIAM-2026-000001 para Consulado A",
    body="Juana Bexleyquiñones, detenida en Austin",
    urgent=True,
    user_id=7,
    email="officer@example.org",
    phone_e164="+15125550100",
)


@pytest.mark.django_db
def test_email_goes_through_djangos_backend_without_the_body() -> None:
    result = channel_for("email").send(MESSAGE)
    assert result.ok
    [sent] = mail.outbox
    assert sent.to == ["officer@example.org"]
    assert "CIAM-2026-000001" in sent.subject
    assert "Bexleyquiñones" not in f"{sent.subject} {sent.body}"
    assert "Ingrese a Amparo" in sent.body


@pytest.mark.django_db
def test_email_failure_is_recorded_by_class_name_only(settings: Settings) -> None:
    break_email(settings)
    result = channel_for("email").send(MESSAGE)
    assert not result.ok
    assert result.error == "ConnectionRefusedError"
    assert not result.permanent


@pytest.mark.django_db
def test_sms_lands_in_the_local_outbox_by_default() -> None:
    assert channel_for("sms").send(MESSAGE).ok
    [sms] = SmsOutboxMessage.objects.all()
    assert sms.to == "+15125550100"
    assert sms.text.startswith("URGENTE: Escalamiento urgente CIAM-2026-000001")
    assert "Bexleyquiñones" not in sms.text


def test_the_sms_provider_is_chosen_by_dotted_path(settings: Settings) -> None:
    assert isinstance(sms_provider(), LocalOutboxSmsProvider)
    settings.AMPARO_SMS_PROVIDER = "amparo.notifications.tests.doubles.BrokenSmsProvider"
    assert isinstance(sms_provider(), BrokenSmsProvider)


def test_a_provider_failure_keeps_only_its_code(settings: Settings) -> None:
    settings.AMPARO_SMS_PROVIDER = "amparo.notifications.tests.doubles.BrokenSmsProvider"
    result = channel_for("sms").send(MESSAGE)
    assert (result.ok, result.error) == (False, "sms:gateway_timeout")


def test_a_missing_address_fails_for_good_without_trying() -> None:
    bare = OutgoingMessage(notification_id=1, subject="Aviso", body="", urgent=False)
    for kind in ("email", "sms", "inapp"):
        result = channel_for(kind).send(bare)
        assert not result.ok and result.permanent, kind


def test_an_unknown_channel_is_refused() -> None:
    with pytest.raises(LookupError):
        channel_for("pigeon")
