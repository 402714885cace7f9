"""Wait until a URL answers (any HTTP status), at most a number of seconds.

Usage: wait_for_http.py URL SECONDS   (exit 0 when it answered, 1 when it never did)"""

import sys
import time
import urllib.error
import urllib.request


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):  # noqa: S310 - a loopback http URL we built
            return True
    except urllib.error.HTTPError:
        return True  # an error page is an answer
    except OSError:
        return False


def main() -> int:
    url, seconds = sys.argv[1], float(sys.argv[2])
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if answers(url):
            return 0
        time.sleep(0.2)
    return 1


if __name__ == "__main__":
    sys.exit(main())
