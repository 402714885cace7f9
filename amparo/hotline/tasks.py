"""Background jobs of the hotline. Tasks take ids, reload rows and call a service."""

from datetime import datetime, timedelta

from django.tasks import task, task_backends
from django.utils import timezone

HAND_OVER_GRACE = timedelta(minutes=1)
"""Run a little after the shift's end, so the next shift is the one on duty."""


@task()
def hand_over_callbacks(office_id: int) -> int:
    from amparo.hotline.services.callbacks import callbacks_hand_over
    from amparo.network.models import Office

    office = Office.objects.filter(pk=office_id).first()
    return 0 if office is None else callbacks_hand_over(office=office)


def schedule_hand_over(office_id: int, at: datetime) -> None:
    """Queue a hand-over for `at` (a shift's end) plus the grace. A backend that cannot
    defer (the immediate one of tests and small installs) skips it: the callbacks list
    and `manage.py hotline_hand_over` still hand over."""
    job = hand_over_callbacks
    backend = task_backends[job.backend]
    if not backend.supports_defer:
        return
    run_after = max(at + HAND_OVER_GRACE, timezone.now())
    job.using(run_after=run_after).enqueue(office_id)
