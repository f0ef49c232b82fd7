"""A real SMTP server on 127.0.0.1 (aiosmtpd) that records what it accepts. Used by the tests
and by ``bench/newsletter.py --sink``."""

import asyncio
import socket
import threading
import time
from collections import Counter
from email import message_from_bytes
from email.policy import default as default_policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingHandler:
    """Accepts every message (optionally slowly); refuses recipients listed in ``refuse``."""

    def __init__(self, *, delay: float = 0.0, refuse: dict | None = None, keep: bool = True):
        self.delay = delay
        self.refuse = refuse or {}
        self.keep = keep
        self.lock = threading.Lock()
        self.messages: list[tuple[list[str], bytes]] = []
        self.count = 0
        self.recipient_counts: Counter = Counter()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.count += 1
            for address in envelope.rcpt_tos:
                self.recipient_counts[address] += 1
            if self.keep:
                self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def parsed(self):
        with self.lock:
            items = list(self.messages)
        return [(rcpts, message_from_bytes(raw, policy=default_policy)) for rcpts, raw in items]

    def wait_for(self, count: int, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count >= count:
                return True
            time.sleep(0.05)
        return self.count >= count


class SmtpSink:
    def __init__(self, handler: RecordingHandler | None = None, port: int | None = None):
        self.handler = handler or RecordingHandler()
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.controller = Controller(
            self.handler, hostname=self.host, port=self.port, data_size_limit=10_000_000
        )

    def __enter__(self) -> "SmtpSink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
