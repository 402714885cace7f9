import pytest
from pytest_django.fixtures import Settings

IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "notifications"],
    }
}


@pytest.fixture(autouse=True)
def immediate_tasks_and_local_mail(settings: Settings) -> None:
    """Tasks run inline (after commit); the test runner already keeps mail in
    django.core.mail.outbox."""
    settings.TASKS = IMMEDIATE_TASKS
    settings.AMPARO_SMS_PROVIDER = (
        "amparo.notifications.channels.sms.providers.LocalOutboxSmsProvider"
    )


def break_email(settings: Settings) -> None:
    """Every email fails the way a refused SMTP connection does."""
    settings.MAILERS = {
        "default": {"BACKEND": "amparo.notifications.tests.doubles.BrokenEmailBackend"}
    }
