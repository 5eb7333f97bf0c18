"""A TLS front for PostgreSQL: the embedded server's binaries are built without SSL support.

Remote clients connect here exactly as to a PostgreSQL server with TLS (libpq's SSLRequest,
then the TLS handshake); inside the tunnel the bytes are relayed to the server on the loopback
address, where every login still needs its SCRAM password.  A client that does not ask for
TLS is refused with a PostgreSQL error it can show.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import struct
import threading
from pathlib import Path

log = logging.getLogger(__name__)

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CANCEL_REQUEST = 80877102


def _error(message: str, code: str = "28000") -> bytes:
    fields = b"".join(k + v.encode() + b"\0" for k, v in ((b"S", "FATAL"), (b"V", "FATAL"), (b"C", code),
                                                            (b"M", message)))
    body = fields + b"\0"
    return b"E" + struct.pack("!I", len(body) + 4) + body


class TlsProxy:
    def __init__(self, listen: str, port: int, backend_host: str, backend_port: int, cert: Path, key: Path,
                 source: str | None = None) -> None:
        self.listen, self.port = listen, port
        self.source = source
        self.backend = (backend_host, backend_port)
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.minimum_version = ssl.TLSVersion.TLSv1_2
        self.context.load_cert_chain(cert, key)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._thread: threading.Thread | None = None
        self.ready = threading.Event()
        self.error: BaseException | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="erp-tls-proxy", daemon=True)
        self._thread.start()
        self.ready.wait(10)
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        try:
            host = None if self.listen in ("*", "") else self.listen
            self._server = self._loop.run_until_complete(asyncio.start_server(self._client, host, self.port))
        except OSError as exc:
            self.error = exc
            self.ready.set()
            return
        self.ready.set()
        try:
            self._loop.run_forever()
        finally:
            self._server.close()
            self._loop.close()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readexactly(8)
                length, code = struct.unpack("!II", head)
                if code == GSSENC_REQUEST and length == 8:
                    writer.write(b"N")          # no GSSAPI encryption; the client goes on to SSL
                    await writer.drain()
                    continue
                break
            if code == CANCEL_REQUEST:          # a cancel carries no secret worth a tunnel; pass it on
                await self._relay(reader, writer, head + await reader.readexactly(length - 8))
                return
            if code != SSL_REQUEST or length != 8:
                writer.write(_error("this server accepts TLS connections only (sslmode=require or stricter)"))
                await writer.drain()
                return
            writer.write(b"S")
            await writer.drain()
            await writer.start_tls(self.context)
            await self._relay(reader, writer, b"")
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError) as exc:
            log.info("tls proxy: client gone (%s)", exc)
        finally:
            writer.close()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, first: bytes) -> None:
        b_reader, b_writer = await asyncio.open_connection(
            *self.backend, local_addr=(self.source, 0) if self.source else None)
        if first:
            b_writer.write(first)

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, ssl.SSLError):
                pass
            finally:
                dst.close()

        await asyncio.gather(pipe(reader, b_writer), pipe(b_reader, writer))
