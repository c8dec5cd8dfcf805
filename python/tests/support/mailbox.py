"""A real SMTP server on a free port that keeps every message it accepts (the stdlib has none
since `smtpd` was deprecated), so the test server can send invoice emails somewhere."""

from __future__ import annotations

import email
import email.policy
import socketserver
import threading
import time
from email.message import EmailMessage


class _Session(socketserver.StreamRequestHandler):
    server: Mailbox

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 mailbox.test ESMTP")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 mailbox.test")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>").lower())
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.keep(recipients, self._read_data())
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")

    def _read_data(self) -> bytes:
        lines: list[bytes] = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            # Dot-stuffing: a line the client started with "." was sent with ".." (RFC 5321 4.5.2).
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


class Mailbox(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Session)
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self._arrived = threading.Condition()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.server_address[1]}"

    def keep(self, recipients: list[str], data: bytes) -> None:
        message = email.message_from_bytes(data, policy=email.policy.default)
        with self._arrived:
            self.messages.append((recipients, message))  # type: ignore[arg-type]
            self._arrived.notify_all()

    def wait_for(self, to: str, timeout: float = 15.0) -> EmailMessage:
        """The first message to `to`, waiting for it; it is taken out of the box."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                for index, (recipients, message) in enumerate(self.messages):
                    if to.lower() in recipients:
                        del self.messages[index]
                        return message
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"no mail to {to} within {timeout} s")
                self._arrived.wait(remaining)

    def close(self) -> None:
        self.shutdown()
        self.server_close()
