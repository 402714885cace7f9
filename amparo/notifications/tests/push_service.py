"""A push service on 127.0.0.1 that answers like the real ones (201, or 410 for a forgotten
subscription) and keeps what it received, and a browser's side of a subscription, whose
private key decrypts what arrived (RFC 8291): the payload is read as the browser would."""

import base64
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class BrowserKeys:
    """What a browser holds for one subscription."""

    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    secret: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def p256dh(self) -> str:
        return _b64(self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint))  # fmt: skip

    @property
    def auth(self) -> str:
        return _b64(self.secret)

    def read(self, message: Received) -> Any:
        plain = http_ece.decrypt(message.body, private_key=self.private_key,
                                 auth_secret=self.secret, version="aes128gcm")  # fmt: skip
        return json.loads(plain)


class FakePushService:
    def __init__(self) -> None:
        self.received: list[Received] = []
        self.gone: set[str] = set()  # paths answered 410
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                service.received.append(
                    Received(
                        self.path,
                        {k.lower(): v for k, v in self.headers.items()},
                        self.rfile.read(length),
                    )
                )
                self.send_response(410 if self.path in service.gone else 201)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def endpoint(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/push/{name}"

    def to(self, name: str) -> list[Received]:
        return [message for message in self.received if message.path == f"/push/{name}"]

    def __enter__(self) -> "FakePushService":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def running() -> Iterator[FakePushService]:
    with FakePushService() as service:
        yield service
