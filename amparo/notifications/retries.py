"""When to try a failed delivery again. Pure arithmetic, no database."""

from datetime import timedelta

MAX_ATTEMPTS = 5
_FIRST_DELAY = {True: timedelta(seconds=15), False: timedelta(minutes=1)}
_LONGEST_DELAY = timedelta(hours=1)


def retry_delay(attempts_made: int, *, urgent: bool) -> timedelta:
    """Exponential backoff: urgent 15 s, 30 s, 60 s…; normal 1, 2, 4 min…; never over 1 h."""
    if attempts_made < 1:
        raise ValueError("A retry follows at least one attempt")
    delay: timedelta = _FIRST_DELAY[urgent] * (2 ** (attempts_made - 1))
    return min(delay, _LONGEST_DELAY)


def should_retry(attempts_made: int, *, permanent: bool) -> bool:
    return not permanent and attempts_made < MAX_ATTEMPTS
