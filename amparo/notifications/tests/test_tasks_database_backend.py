"""The same delivery through the real database task backend and its worker."""

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks, Settings

from amparo.accounts.models import User
from amparo.conftest import Network
from amparo.notifications.models import DeliveryStatus
from amparo.notifications.services import notify
from amparo.notifications.tests.conftest import break_email

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "notifications"],
    }
}


# The worker closes database connections between jobs, as it must in production; that would
# end a test wrapped in one transaction, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_tasks(settings: Settings) -> None:
    settings.TASKS = DATABASE_TASKS


def _run_worker() -> None:
    Worker(
        queue_names=["notifications"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def test_the_worker_delivers_a_job_enqueued_after_commit(
    alice: User,
    network: Network,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify(
            recipients=[alice],
            subject="Aviso",
            body="",
            kind="case_assigned",
            office=network.consulate_a,
        )
    job = DBTaskResult.objects.get()
    assert job.queue_name == "notifications"
    assert mail.outbox == []  # queued, not yet sent
    _run_worker()
    email = notification.deliveries.get(channel="email")
    assert email.status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"


def test_a_failure_is_rescheduled_for_later_with_backoff(
    alice: User,
    network: Network,
    settings: Settings,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    break_email(settings)
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notify(
            recipients=[alice],
            subject="Aviso",
            body="",
            kind="case_assigned",
            urgency="urgent",
            office=network.consulate_a,
        )
    with django_capture_on_commit_callbacks(execute=True):
        _run_worker()
    email = notification.deliveries.get(channel="email")
    assert (email.status, email.attempts) == (DeliveryStatus.PENDING, 1)
    assert not DBTaskResult.objects.ready().exists()  # the retry waits for its backoff
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["args"] == [email.pk]
    assert (retry.run_after - timezone.now()).total_seconds() > 5
