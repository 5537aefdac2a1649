"""``chitieu serve`` starts the application on the address asked for and serves the API schema."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from pg import free_port

pytestmark = pytest.mark.slow


def test_serve_answers_on_the_chosen_port(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "CHITIEU_SECRET_KEY": "s" * 40}
    process = subprocess.Popen(
        [sys.executable, "-m", "chitieu.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--db", f"sqlite:///{tmp_path / 'serve.sqlite3'}"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"server did not start: {output}")
                time.sleep(0.2)
        assert response.status_code == 200 and "/api/documents" in response.json()["paths"]
        login = httpx.get(f"http://127.0.0.1:{port}/login")
        assert "Đăng nhập" in login.text
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_reports_an_unreachable_database_in_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chitieu.cli", "serve", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert "Lỗi:" in result.stderr and "không kết nối được cơ sở dữ liệu" in result.stderr
    assert "Traceback" not in result.stderr
