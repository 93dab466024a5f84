"""Open a page in Debian's headless Chromium and watch it through the Chrome DevTools
Protocol: what it logged, what it threw, what it fetched, what its DOM holds, and a
screenshot. Used by the tests of the HTML output; they skip when Chromium is absent.

References:
    * Chrome DevTools Protocol, domains Page (navigate, loadEventFired,
      captureScreenshot), Runtime (evaluate, exceptionThrown, consoleAPICalled), Log
      (entryAdded) and Network (requestWillBeSent).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

__all__ = ["CHROMIUM_FLAGS", "PageVisit", "chromium", "visit"]

#: Flags for a quiet, sandbox-free headless run that reaches nothing on the network by itself.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--hide-scrollbars",
)

_WAIT_SECONDS = 60.0
"""How long to wait for Chromium to start or a page to load before giving up (a hang
guard, not a measurement)."""


def chromium() -> str | None:
    """The Chromium program, if installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@attrs.frozen
class PageVisit:
    """What a visit of a page gave."""

    errors: tuple[str, ...]
    """Uncaught exceptions, console errors and error-level log entries."""
    requests: tuple[str, ...]
    """Every URL the page asked for (the page's own included)."""
    values: dict[str, Any]
    """The results of the expressions evaluated once the page had loaded."""
    screenshot: bytes
    """A PNG of the whole page."""


class _Session:
    def __init__(self, url: str) -> None:
        import websocket  # test dependency (websocket-client)

        self.socket = websocket.create_connection(url, timeout=_WAIT_SECONDS)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        ident = self.next_id
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, method: str) -> None:
        deadline = time.monotonic() + _WAIT_SECONDS
        while not any(e.get("method") == method for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(method)
            self.events.append(json.loads(self.socket.recv()))

    def close(self) -> None:
        self.socket.close()


@contextlib.contextmanager
def _browser(program: str) -> Iterator[int]:
    # Chromium's helper processes may still write into the profile as the browser ends:
    # they are ended with it (their own process group), and a late file never fails a test.
    with tempfile.TemporaryDirectory(prefix="cwp-chromium-", ignore_cleanup_errors=True) as profile:
        process = subprocess.Popen(
            [
                program,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                "--window-size=1280,900",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            port_file = Path(profile) / "DevToolsActivePort"
            deadline = time.monotonic() + _WAIT_SECONDS
            while not port_file.is_file() or not port_file.read_text().strip():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("Chromium did not start its DevTools server")
                time.sleep(0.05)
            yield int(port_file.read_text().split()[0])
        finally:
            _end_group(process, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _end_group(process, signal.SIGKILL)
                process.wait()


def _end_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    """Send ``sig`` to the browser and every helper process it started."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def visit(page: Path, expressions: dict[str, str], program: str | None = None) -> PageVisit:
    """Load ``page`` (a file) in headless Chromium, evaluate ``expressions`` (name → a
    JavaScript expression giving a JSON value) and take a full-page screenshot."""
    program = program or chromium()
    if program is None:
        raise RuntimeError("Chromium is not installed")
    with _browser(program) as port:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as answer:
            targets = json.load(answer)
        target = next(t for t in targets if t.get("type") == "page")
        session = _Session(target["webSocketDebuggerUrl"])
        try:
            for domain in ("Page", "Runtime", "Log", "Network"):
                session.call(f"{domain}.enable")
            session.events.clear()
            session.call("Page.navigate", url=page.resolve().as_uri())
            session.wait_for("Page.loadEventFired")
            values = {
                name: session.call("Runtime.evaluate", expression=expr, returnByValue=True)
                .get("result", {})
                .get("value")
                for name, expr in expressions.items()
            }
            metrics = session.call("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            shot = session.call(
                "Page.captureScreenshot",
                format="png",
                captureBeyondViewport=True,
                clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
            )
            events = list(session.events)
        finally:
            session.close()
    errors: list[str] = []
    requests: list[str] = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            errors.append(str(params.get("exceptionDetails", {}).get("text")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            errors.append(json.dumps(params.get("args"), ensure_ascii=False))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            errors.append(str(params["entry"].get("text")))
        elif method == "Network.requestWillBeSent":
            requests.append(str(params.get("request", {}).get("url")))
    return PageVisit(tuple(errors), tuple(requests), values, base64.b64decode(shot["data"]))
