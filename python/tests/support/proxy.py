"""A fault-injecting HTTP peer in front of the real server, for the retry tests.

Requests pass through to the real `keito-server` unless a scripted fault is queued: answer
with a status (and headers) without forwarding, drop the connection before forwarding, forward
and then drop the connection instead of answering (the "lost answer" case idempotency keys
exist for), or delay. Every request it sees is recorded, so tests can check what was retried.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

import httpx

FaultKind = Literal["status", "drop_before", "drop_after", "delay"]


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    status: int = 503
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b'{"error":{"code":"internal_error","message":"injected by the test proxy"}}'
    seconds: float = 0.0


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    at: float


class FaultProxy:
    def __init__(self, upstream_origin: str) -> None:
        self.upstream = httpx.Client(base_url=upstream_origin, timeout=30)
        self.faults: deque[Fault] = deque()
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # keep pytest output clean

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                with proxy._lock:
                    proxy.seen.append(Seen(self.command, self.path, headers, time.monotonic()))
                    fault = proxy.faults.popleft() if proxy.faults else None
                if fault and fault.kind == "status":
                    self._reply(fault.status, {"content-type": "application/json", **fault.headers}, fault.body)
                    return
                if fault and fault.kind == "drop_before":
                    self.close_connection = True
                    return
                if fault and fault.kind == "delay":
                    time.sleep(fault.seconds)
                forward = {k: v for k, v in headers.items() if k not in ("host", "content-length", "connection")}
                upstream = proxy.upstream.request(self.command, self.path, headers=forward, content=body)
                if fault and fault.kind == "drop_after":
                    # The server did the work; the client never hears about it.
                    self.close_connection = True
                    return
                keep = {k: v for k, v in upstream.headers.items()
                        if k.lower() not in ("content-length", "transfer-encoding", "connection", "content-encoding")}
                self._reply(upstream.status_code, keep, upstream.content)

            def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.base_url = f"{self.origin}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def inject(self, *faults: Fault) -> None:
        with self._lock:
            self.faults.extend(faults)

    def reset(self) -> None:
        with self._lock:
            self.faults.clear()
            self.seen.clear()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.upstream.close()
