"""A slow line on loopback: a TCP proxy that all of a browser's connections share, for the
benchmark's slow-line figures (scripts/benchmark.py).

Chromium's own network emulation (the DevTools protocol's) does not slow the
fetches of a worker or of the service worker, and those carry Python's 10 MB: figures
taken that way were far too good. This proxy sits between the browser and the loopback
server and shapes the bytes themselves, whoever asks for them:

- **one line for all connections**: each direction is a single link of ``rate`` bit/s;
  every connection's bytes queue for it in the order they come, in segments of
  ``SEGMENT`` bytes (about a TCP segment), so parallel downloads share the rate;
- **latency per direction**: each segment arrives ``rtt / 2`` after it has left the link,
  in both directions;
- **a round trip per new connection**: a connection's first byte is relayed only one
  ``rtt`` after it was accepted (TCP's handshake).

Nothing is dropped or reordered and there is no slow start: a simple, stated model of a
slow line, the same for every run. Standard library only (asyncio), run in a thread:

    with ThrottledLine("127.0.0.1", 8000, rate=400e3, rtt=0.4) as line:
        page.goto(line.url + "beslutsstod/ansvarig/")

or alone: ``python scripts/throttle_proxy.py 8000 --kbit 400 --rtt-ms 400``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import threading
from dataclasses import dataclass, field

#: bytes per queued piece: about one TCP segment, so connections interleave finely
SEGMENT = 1460
#: bytes read from a socket at a time
READ = 64 * 1024


@dataclass
class Link:
    """One direction of the line: ``rate`` bit/s shared by every connection, then
    ``delay`` seconds in flight."""

    rate: float
    delay: float
    free_at: float = field(default=0.0)  # when the link has sent all it was given

    def arrival(self, now: float, size: int) -> float:
        """When ``size`` bytes given to the link now arrive at the other end."""
        self.free_at = max(self.free_at, now) + size * 8 / self.rate
        return self.free_at + self.delay


class ThrottledLine:
    """The proxy, listening on a free loopback port, in a thread of its own."""

    def __init__(self, host: str, port: int, rate: float, rtt: float) -> None:
        self.upstream = (host, port)
        self.rate, self.rtt = rate, rtt
        self.down = Link(rate, rtt / 2)  # server → browser
        self.up = Link(rate, rtt / 2)  # browser → server
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.server: asyncio.base_events.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> ThrottledLine:
        self.thread.start()
        future = asyncio.run_coroutine_threadsafe(self._listen(), self.loop)
        self.port = future.result()
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self.loop).result()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()

    async def _listen(self) -> int:
        self.server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[1]

    async def _close(self) -> None:
        if self.server is not None:
            self.server.close()
        # Connections a browser still holds open are closed and their relays ended, not
        # waited for.
        for writer in self.writers:
            writer.close()
        relays = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in relays:
            task.cancel()
        await asyncio.gather(*relays, return_exceptions=True)

    async def _connection(self, client_reader: asyncio.StreamReader,
                          client_writer: asyncio.StreamWriter) -> None:
        # When the proxy stops (``_close``) the connection ends with it.
        with contextlib.suppress(asyncio.CancelledError):
            await self._relay_both(client_reader, client_writer)

    async def _relay_both(self, client_reader: asyncio.StreamReader,
                          client_writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(self.rtt)  # the handshake's round trip
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            client_writer.close()
            return
        self.writers |= {client_writer, server_writer}
        ends = await asyncio.gather(self._relay(client_reader, server_writer, self.up),
                                    self._relay(server_reader, client_writer, self.down))
        # Both ways ended: the sockets close once the last bytes have arrived.
        loop = asyncio.get_running_loop()
        for writer in (client_writer, server_writer):
            loop.call_at(max(ends), writer.close)
            loop.call_at(max(ends), self.writers.discard, writer)

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                     link: Link) -> float:
        """Everything ``reader`` gives, through ``link``, to ``writer``, in order; then its
        end. Returns when (loop time) the end arrived."""
        loop = asyncio.get_running_loop()
        arriving: asyncio.Queue[tuple[float, bytes | None]] = asyncio.Queue()

        async def deliver() -> float:
            while True:
                when, piece = await arriving.get()
                await asyncio.sleep(max(0.0, when - loop.time()))
                if not writer.is_closing():  # else the other end has gone: drop it
                    try:
                        if piece is None:
                            writer.write_eof()
                        else:
                            writer.write(piece)
                            await writer.drain()
                    except (OSError, RuntimeError):
                        writer.close()
                if piece is None:
                    return loop.time()

        delivering = asyncio.create_task(deliver())
        last = loop.time()
        try:
            while data := await reader.read(READ):
                for start in range(0, len(data), SEGMENT):
                    piece = data[start:start + SEGMENT]
                    last = link.arrival(loop.time(), len(piece))
                    arriving.put_nowait((last, piece))
        except (ConnectionError, OSError):
            pass
        arriving.put_nowait((last, None))
        return await delivering


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("port", type=int, help="the loopback server's port")
    parser.add_argument("--kbit", type=float, default=400, help="the line's rate, kbit/s")
    parser.add_argument("--rtt-ms", type=float, default=400, help="round trip, ms")
    arguments = parser.parse_args()
    with ThrottledLine("127.0.0.1", arguments.port, arguments.kbit * 1e3,
                       arguments.rtt_ms / 1e3) as line:
        print(f"{line.url} → 127.0.0.1:{arguments.port}, {arguments.kbit:g} kbit/s, "
              f"{arguments.rtt_ms:g} ms; Ctrl-C ends")
        threading.Event().wait()


if __name__ == "__main__":
    main()
