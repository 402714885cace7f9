from datetime import timedelta

import pytest

from amparo.notifications.retries import MAX_ATTEMPTS, retry_delay, should_retry


def test_urgent_retries_back_off_from_fifteen_seconds() -> None:
    delays = [retry_delay(n, urgent=True) for n in (1, 2, 3)]
    assert delays == [timedelta(seconds=15), timedelta(seconds=30), timedelta(seconds=60)]


def test_normal_retries_back_off_from_one_minute_and_never_exceed_an_hour() -> None:
    assert retry_delay(1, urgent=False) == timedelta(minutes=1)
    assert retry_delay(20, urgent=False) == timedelta(hours=1)


def test_a_retry_needs_a_first_attempt() -> None:
    with pytest.raises(ValueError):
        retry_delay(0, urgent=True)


def test_it_stops_after_the_last_attempt_or_a_permanent_failure() -> None:
    assert should_retry(MAX_ATTEMPTS - 1, permanent=False)
    assert not should_retry(MAX_ATTEMPTS, permanent=False)
    assert not should_retry(1, permanent=True)
