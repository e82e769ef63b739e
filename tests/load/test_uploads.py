"""The app has no uploader, so its server takes no upload: a file sent to the upload endpoint
of a live session, with a valid XSRF token, is refused. (It was accepted and held in memory:
five 20 MB uploads raised the server's memory by 100 MB.)"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import uuid
from urllib.parse import urlsplit

from tests.load.client import Session
from tests.waits import WAIT_SECONDS


def put_file(url: str, cookies: dict[str, str], size: int) -> int:
    """PUT a multipart upload of `size` bytes as the browser's uploader does; the status.

    A server that refuses on the headers answers before it reads the body and may close the
    connection while the body is still being sent: its answer is read all the same."""
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
        + b"x" * size
        + f"\r\n--{boundary}--\r\n".encode()
    )
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=WAIT_SECONDS)
    try:
        # Refused before the body was read: the answer is waiting all the same.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.request(
                "PUT",
                parts.path,
                body=body,
                headers={
                    "Content-Type": f"multipart/form-data; boundary={boundary}",
                    "X-Xsrftoken": cookies["_streamlit_xsrf"],
                    "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                },
            )
        return connection.getresponse().status
    finally:
        connection.close()


async def upload_status(app_url: str, size: int) -> int:
    async with Session(app_url, timeout=WAIT_SECONDS) as session:
        assert (await session.open("documents")).ok and session.session_id
        target = f"{app_url}/_stcore/upload_file/{session.session_id}/{uuid.uuid4().hex}"
        return await asyncio.to_thread(put_file, target, dict(session.cookies), size)


def test_the_server_refuses_uploads(app_url):
    assert asyncio.run(upload_status(app_url, 1024 * 1024)) == 413
    assert asyncio.run(upload_status(app_url, 10)) == 413
