"""Background delivery. The task takes a delivery id, reloads it and calls the service."""

from datetime import timedelta

from django.tasks import task, task_backends
from django.utils import timezone

from amparo.notifications.services.deliveries import delivery_attempt

QUEUE = "notifications"


@task(queue_name=QUEUE)
def deliver_notification(delivery_id: int) -> str:
    return delivery_attempt(delivery_id=delivery_id)


def enqueue_delivery(delivery_id: int, *, delay: timedelta | None = None) -> None:
    """Queue one delivery, after `delay` where the backend can defer (the immediate
    backend of tests and small installs cannot, so it retries at once)."""
    job = deliver_notification
    if delay and task_backends[job.backend].supports_defer:
        job = job.using(run_after=timezone.now() + delay)
    job.enqueue(delivery_id)
