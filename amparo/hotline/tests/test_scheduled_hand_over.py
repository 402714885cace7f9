"""A callback still open when its shift ends goes to the next shift by itself: scheduling
it queues a hand-over for the end of that shift (database task backend, as in production)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import DjangoCaptureOnCommitCallbacks, Settings

from amparo.accounts.models import User
from amparo.conftest import Network
from amparo.hotline.models import CallbackStatus
from amparo.hotline.services import callback_schedule
from amparo.hotline.services.callbacks import shift_at
from amparo.hotline.shifts import ShiftTimes, occurrence_at
from amparo.hotline.tasks import HAND_OVER_GRACE, hand_over_callbacks
from amparo.hotline.tests.conftest import actor_for, log_call

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_tasks(settings: Settings) -> None:
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "notifications"],
        }
    }


def test_a_callback_open_at_the_end_of_its_shift_goes_to_the_next_one(
    olga: User,
    network: Network,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    call = log_call(olga)
    due = timezone.now() + timedelta(minutes=20)
    with django_capture_on_commit_callbacks(execute=True):
        callback = callback_schedule(actor=actor_for(olga), call=call, due_at=due)

    shift = shift_at(network.ciam, due)
    assert shift is not None and callback.shift == shift
    ends = occurrence_at(
        [ShiftTimes(shift.kind, shift.starts_at, shift.ends_at)], due, network.ciam.time_zone
    ).ends  # type: ignore[union-attr]
    job = DBTaskResult.objects.get(task_path__endswith="hand_over_callbacks")
    assert job.args_kwargs["args"] == [network.ciam.pk]
    assert job.run_after == ends + HAND_OVER_GRACE

    later = ends + HAND_OVER_GRACE
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert hand_over_callbacks.call(network.ciam.pk) == 1
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.OPEN
    assert callback.shift == shift_at(network.ciam, later) != shift
    # still open: another hand-over waits for the end of the new shift
    assert DBTaskResult.objects.filter(task_path__endswith="hand_over_callbacks").count() == 2
