"""The benchmark's slow line (scripts/throttle_proxy.py): every byte comes through
unchanged, never faster than the line allows, and parallel connections share its rate."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Iterator

import pytest

from scripts.throttle_proxy import ThrottledLine

SIZE = 50_000  # bytes the server sends on each connection
RATE = 2e6  # bit/s: SIZE takes 0.2 s on the line
RTT = 0.1  # s


class _Sender(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.sendall(bytes(range(256)) * (SIZE // 256) + b"x" * (SIZE % 256))


@pytest.fixture
def line() -> Iterator[ThrottledLine]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Sender)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with ThrottledLine("127.0.0.1", server.server_address[1], RATE, RTT) as proxy:
        yield proxy
    server.shutdown()
    server.server_close()


def _receive(port: int, into: list[bytes]) -> None:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    into.append(b"".join(chunks))


def test_one_connection_takes_a_handshake_the_bytes_and_the_way_down(line):
    received: list[bytes] = []
    start = time.monotonic()
    _receive(line.port, received)
    elapsed = time.monotonic() - start
    assert received == [bytes(range(256)) * (SIZE // 256) + b"x" * (SIZE % 256)]
    assert elapsed >= RTT + SIZE * 8 / RATE + RTT / 2


def test_parallel_connections_share_the_line(line):
    received: list[bytes] = []
    threads = [threading.Thread(target=_receive, args=(line.port, received)) for _ in range(3)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    assert [len(r) for r in received] == [SIZE] * 3
    # Three times the bytes on one line: three times as long as one connection alone.
    assert elapsed >= RTT + 3 * SIZE * 8 / RATE + RTT / 2
